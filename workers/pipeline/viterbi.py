"""CRFsuite's tagging, done in Python from the model's weights: the same labels, bit for bit.

``pycrfsuite.Tagger.tag`` copies a sequence's features into C++ before it tags them (an
``Attribute`` of 40 bytes, and a string of its own when longer than 15 characters, per
feature, then an id per feature): for a record of 2,000 short lines, about 3.5 KB a line
held at once on top of the lines. Here a row of features is scored as it is made and
dropped, so a long record holds its lines and a few numbers per line, nothing more.

The arithmetic is CRFsuite's (``crf1dt_state_score`` and ``crf1dc_viterbi`` of CRFsuite
0.12), in the same order, in doubles: a state score is the sum of the weights of the
item's features for that label, added left to right from 0; a path's score at t is the
best of (score at t - 1 + transition) plus the state score; ties go to the lower label
id. Not ``sum()``: from Python 3.12 it adds floats with compensation, which can differ in
the last bit, and a tie broken differently would change a label.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from functools import reduce
from operator import add

# Per attribute, its weight for each label (0.0 where it has none), in label id order.
Vectors = dict[str, tuple[float, ...]]


def weight_vectors(weights: Sequence[dict[str, float]]) -> Vectors:
    """``weights`` (per label, in label id order: attribute -> weight) turned around."""
    attributes = {attribute for by_label in weights for attribute in by_label}
    return {attribute: tuple(by_label.get(attribute, 0.0) for by_label in weights) for attribute in attributes}


def state_scores(vectors: Vectors, item: Iterable[str]) -> list[float]:
    """For each label, the sum of the weights the item's features give it, added as
    CRFsuite adds them: in the item's order, from 0. (A 0.0 added where the attribute has
    no weight for the label changes no sum: CRFsuite's never is -0.0.)"""
    found = [v for v in map(vectors.get, item) if v is not None]
    if not found:
        return [0.0] * len(next(iter(vectors.values()), ()))
    return [reduce(add, column, 0.0) for column in zip(*found)]


def score_rows(vectors: Vectors, rows: Iterable[Iterable[str]]) -> array:
    """``state_scores`` of each row, one after another in one flat array of doubles (a
    number per label per row): the rows may be made one at a time and dropped."""
    scores = array("d")
    for row in rows:
        scores.extend(state_scores(vectors, row))
    return scores


def best_path(scores: Sequence[float], transitions: Sequence[Sequence[float]]) -> list[int]:
    """The label ids of the highest-scoring labelling (CRFsuite's Viterbi). ``scores``:
    flat, ``len(transitions)`` per item; ``transitions[i][j]``: label j after label i."""
    count = len(transitions)
    items = len(scores) // count
    if not items:
        return []
    into = [[transitions[i][j] for i in range(count)] for j in range(count)]   # by the label entered
    previous = list(scores[:count])
    back = bytearray()                         # per item from 1, per label: the best label before
    for t in range(1, items):
        state = scores[t * count:(t + 1) * count]
        current = []
        for j in range(count):
            paths = list(map(add, previous, into[j]))
            best = max(paths)
            back.append(paths.index(best))     # the first best, as CRFsuite's strict "<"
            current.append(best + state[j])
        previous = current
    label = previous.index(max(previous))
    path = [label]
    for t in range(items - 1, 0, -1):
        label = back[(t - 1) * count + label]
        path.append(label)
    path.reverse()
    return path
