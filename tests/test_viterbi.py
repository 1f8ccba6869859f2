"""A long record labelled a row at a time in Python (``viterbi.py``, from the exact weights
of ``model_file.py``): CRFsuite's own labels, without holding every row's features."""

import dataclasses
import tracemalloc

import pytest

from bench.hostile import tiny_records
from workers.pipeline import line_roles, model, viterbi
from workers.pipeline.boundaries import candidate_lines
from workers.pipeline.candidate_windows import window_features
from workers.pipeline.features import record_features
from workers.pipeline.line_store import LineStore
from workers.pipeline.lines import analyse_compact
from workers.pipeline.record import Record
from workers.pipeline.segment import segment_lines
from workers.pipeline.survey import DumpSurvey
from workers.pipeline.text import iter_lines
from workers.pipeline.thresholds import BOUNDARY, MODEL

from . import made_up

BOUNDARY_MODELS = [model.BOUNDARIES_MODEL, model.UNIFORM_BOUNDARIES_MODEL]


def store_and_survey(text: str) -> tuple[LineStore, DumpSurvey]:
    survey = DumpSurvey()
    return LineStore(text, 1, survey.add), survey


def candidate_rows(text: str, count: int) -> list[list[str]]:
    """The boundary features of the first ``count`` candidates of a dump."""
    store, survey = store_and_survey(text)
    found = candidate_lines(store, survey.next_copy)
    return window_features(store, found[:count], survey.next_copy, survey.style())


def test_python_labels_are_crfsuites_on_records_of_every_kind():
    roles = model.load(model.ROLES_MODEL)
    text = made_up.varied_dump(60_000, seed=21).decode()
    store, survey = store_and_survey(text)
    spans = segment_lines(store, survey)
    assert len(spans) > 20
    for a, b in spans:
        rows = record_features(Record(store.window(a, b + 1)))
        assert roles.best_labels(roles.score_rows(rows)) == roles.tag(rows)
    for path in BOUNDARY_MODELS:
        boundaries = model.load(path)
        rows = candidate_rows(text, 400)
        assert boundaries.best_labels(boundaries.score_rows(rows)) == boundaries.tag(rows)


@pytest.mark.parametrize("path", BOUNDARY_MODELS)
def test_python_labels_break_ties_as_crfsuite_does(path):
    # identical records repeated: labellings of equal score, where the weights' last digits
    # decide (with the six decimals of pycrfsuite's info(), another labelling won here for
    # the uniform-gap model; a retrained model may have its ties elsewhere)
    boundaries = model.load(path)
    rows = candidate_rows(tiny_records(20_000).decode(), 300)
    assert boundaries.best_labels(boundaries.score_rows(rows)) == boundaries.tag(rows)


@pytest.mark.parametrize("path", [*BOUNDARY_MODELS, model.ROLES_MODEL])
def test_the_weights_are_read_exactly_not_as_info_rounds_them(path):
    loaded = model.load(path)
    info = loaded._tagger.info()
    exact = loaded._state_weights()
    pairs = [(exact[label][attribute], weight) for (attribute, label), weight in info.state_features.items()]
    assert len(pairs) > 100
    assert all(abs(a - b) <= 5e-7 for a, b in pairs)            # the same weights ...
    assert sum(a != b for a, b in pairs) > len(pairs) // 2      # ... to more digits than info()'s six


def test_a_state_score_adds_from_left_to_right_as_crfsuite_does():
    vectors = {"a": (1e16, 0.0), "b": (1.0, 2.0), "c": (-1e16, 1.0)}
    # (1e16 + 1) - 1e16 is 0 in doubles; a compensated sum (Python 3.12's sum()) gives 1
    assert viterbi.state_scores(vectors, ["a", "b", "c", "unknown"]) == [0.0, 3.0]
    assert viterbi.state_scores(vectors, ["unknown"]) == [0.0, 0.0]


def long_record(lines: int) -> Record:
    text = tiny_records(lines * 12).decode()
    record = Record(analyse_compact(iter_lines(text)))
    assert len(record.content) >= lines
    return record


def test_a_long_record_is_labelled_without_crfsuite_with_the_same_roles(monkeypatch):
    record = long_record(MODEL.scored_rows_min_lines)
    monkeypatch.setattr(line_roles, "MODEL", dataclasses.replace(MODEL, scored_rows_min_lines=10**9))
    line_roles.assign_roles(record)
    by_crfsuite = list(record.roles)

    monkeypatch.setattr(line_roles, "MODEL", MODEL)
    monkeypatch.setattr(model.SequenceModel, "tag", lambda self, features: pytest.fail("CRFsuite tagged it"))
    record.roles = [None] * len(record)
    line_roles.assign_roles(record)
    assert record.roles == by_crfsuite


def test_a_long_records_feature_rows_are_not_held_at_once():
    record = long_record(BOUNDARY.record_max_lines)
    model.load(model.ROLES_MODEL).score_rows([["bias"]])         # the model's weights, read once
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        labels, _ = line_roles._model_labels(record)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert len(labels) == len(record.content)
    # its rows alone take 0.7 MB (1.9 MB while made), the lines 0.7 MB: measured 0.45 MB.
    # (Where the labelling breaks the article order, assign_roles decodes it again from
    # the rows' scores, as dicts: about 0.8 KB a line more, bounded by record_max_lines.)
    assert peak < 1024 * 1024
