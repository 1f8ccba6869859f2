"""A CRFsuite model file's weights, exactly as CRFsuite reads them.

``pycrfsuite.Tagger.info()`` gives the weights as CRFsuite's text dump prints them, with
six decimals: enough to rank labels, not to break ties as CRFsuite does (a dump of
identical records repeated has labellings of equal score, and the rounded weights chose
another one). So the weights are read from the file's feature table (the ``FEAT`` chunk
of CRFsuite 0.12's ``crf1d_model.c``: per feature a type, a source, a destination and a
little-endian double), and named with ``info()``'s ids of labels and attributes.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pycrfsuite

_HEADER = struct.Struct("<4sI4sIIIIIIIII")   # magic, size, type, version, counts, offsets
_CHUNK = struct.Struct("<4sII")              # "FEAT", its size, the number of features
_FEATURE = struct.Struct("<IIId")            # type, source, destination, weight
_STATE, _TRANSITION = 0, 1                   # crf1d.h: FT_STATE, FT_TRANS


def read_weights(path: Path, info: "pycrfsuite._dumpparser.ParsedDump") -> tuple[
        dict[str, dict[str, float]], dict[tuple[str, str], float]]:
    """The model's state weights by label, then attribute, and its transition weights by
    (label before, label after)."""
    data = path.read_bytes()
    magic, _, kind, _, _, _, _, features_at, *_ = _HEADER.unpack_from(data)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError(f"{path}: not a CRFsuite crf1d model file")
    chunk, _, count = _CHUNK.unpack_from(data, features_at)
    if chunk != b"FEAT":
        raise ValueError(f"{path}: no feature table where the header says")
    labels = {int(i): name for name, i in info.labels.items()}
    attributes = {int(i): name for name, i in info.attributes.items()}
    state: dict[str, dict[str, float]] = {name: {} for name in labels.values()}
    transitions: dict[tuple[str, str], float] = {}
    for kind_of, source, target, weight in _FEATURE.iter_unpack(
            data[features_at + _CHUNK.size:features_at + _CHUNK.size + count * _FEATURE.size]):
        if kind_of == _STATE:
            state[labels[target]][attributes[source]] = weight
        elif kind_of == _TRANSITION:
            transitions[(labels[source], labels[target])] = weight
    return state, transitions
