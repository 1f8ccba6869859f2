"""The compact store of a dump's lines: its windows are the lines ``analyse_compact``
makes, and segmenting through it, a window at a time, finds the records one list does."""

import dataclasses
import random
import sys

import pytest

from bench.hostile import tiny_records
from workers.pipeline import candidate_windows
from workers.pipeline.boundaries import candidate_lines
from workers.pipeline.line_store import LineList, LineStore
from workers.pipeline.lines import analyse_compact
from workers.pipeline.model import SequenceModel
from workers.pipeline.segment import segment, segment_lines
from workers.pipeline.survey import DumpSurvey
from workers.pipeline.thresholds import BOUNDARY
from workers.pipeline.text import iter_lines

from . import made_up

AWKWARD = ("Harbour cranes idle\r\n\r\n***\rThe dock strike enters a second week.\n"
           + "\n" * 40 + "  padded   line  \n\f\n\u200b\u200b\nCafe\u0301 au lait\n"
           + "x" * 300 + "\n" + " \t \n" * 9 + "   \n" + "Last line without a break")


def store_and_survey(text: str, first: int = 1) -> tuple[LineStore, DumpSurvey]:
    survey = DumpSurvey()
    return LineStore(text, first, survey.add), survey


@pytest.mark.parametrize("text", [AWKWARD, "", "\n", "one", made_up.varied_dump(30_000, seed=3).decode()])
def test_every_window_is_the_lines_analyse_compact_makes(text):
    expected = analyse_compact(iter_lines(text), 7)
    store, _ = store_and_survey(text, 7)
    assert len(store) == len(expected)
    assert store.window(0, len(store)) == expected
    for a in range(0, len(expected), 13):
        assert store.window(a, a + 29) == expected[a:a + 29]
        assert store.bits(a) == LineList(expected).bits(a)
    cuts = sorted({0, len(expected), *random.Random(1).sample(range(len(expected) + 1), min(20, len(expected)))})
    assert [line for a, b in zip(cuts, cuts[1:]) for line in store.window(a, b)] == expected   # in order
    assert store.window(len(expected), len(expected) + 5) == []


def test_a_long_run_of_empty_lines_is_not_walked_again(monkeypatch):
    text = "Harbour cranes idle\n" + "\n" * 100_000 + "Talks broke down\n"
    store, _ = store_and_survey(text)
    assert len(store) == 1 + 5 + 1
    walked = []
    real = store._lines_from
    monkeypatch.setattr(store, "_lines_from", lambda t, s: (walked.append(p) or p for p in real(t, s)))
    assert store.window(6, 7)[0].number == 100_002
    assert len(walked) < 100


def test_the_store_holds_short_lines_without_their_objects():
    text = "harbour cranes idle\n***\n" * 5_000 + "x" * 200 + "\n"
    store, _ = store_and_survey(text)
    assert len(store._objects) == 1                # the one long line
    assert len(store._facts) < 10                  # a code per kind of line, not per line


@pytest.mark.parametrize("window_lines", [1, 50, 4000])
def test_segmenting_through_windows_of_any_size_finds_the_records_of_one_list(monkeypatch, window_lines):
    segmentation = sys.modules[segment.__module__]
    windows = sys.modules["workers.pipeline.candidate_windows"]
    text = made_up.varied_dump(80_000, seed=9).decode() + "\n\n" + AWKWARD
    lines = analyse_compact(iter_lines(text))
    whole = segment(lines)
    assert len(whole) > 20
    monkeypatch.setattr(windows, "BOUNDARY", dataclasses.replace(windows.BOUNDARY, window_max_lines=window_lines))
    monkeypatch.setattr(segmentation, "BOUNDARY", dataclasses.replace(segmentation.BOUNDARY, window_candidates=7,
                                                                      window_margin=3))
    small = segment(lines)
    assert segment_lines(*store_and_survey(text)) == small
    # the model's windows of candidates may differ from one pass only where no anchor is near
    assert small == whole


def test_the_codes_take_a_byte_a_line_until_a_dump_has_more_kinds_of_lines():
    tiny = "harbour cranes idle\n***\n" * 5_000
    store, _ = store_and_survey(tiny)
    assert store._codes.typecode == "B"
    # a line of each word count from 1 to 299: a kind of line each, past what a byte holds
    varied = "\n".join(" ".join(["word"] * n) for n in range(1, 300)) + "\n" + tiny
    store, _ = store_and_survey(varied)
    assert store._codes.typecode == "H" and len(store._facts) > 256
    expected = analyse_compact(iter_lines(varied))
    assert store.window(0, len(store)) == expected
    assert [store.bits(i) for i in range(len(store))] == [LineList(expected).bits(i) for i in range(len(store))]


def test_the_boundary_model_is_given_a_window_of_candidates_each_computed_once(monkeypatch):
    segmentation = sys.modules[segment.__module__]
    text = tiny_records(4_000 * 20).decode()                 # a candidate every other line
    store, survey = store_and_survey(text)
    found = candidate_lines(store, survey.next_copy)
    assert len(found) > 3 * BOUNDARY.window_candidates
    sizes, computed = [], []
    real_tag, real_features = SequenceModel.tag, candidate_windows.window_features
    monkeypatch.setattr(SequenceModel, "tag", lambda self, rows: sizes.append(len(rows)) or real_tag(self, rows))
    monkeypatch.setattr(candidate_windows, "window_features",
                        lambda source, some, *rest: computed.extend(some) or real_features(source, some, *rest))
    spans = segment_lines(store, survey)
    assert max(sizes) <= BOUNDARY.window_candidates + 2 * BOUNDARY.window_margin
    assert sorted(computed) == list(found)                   # none computed twice
    # and the records are those of the boundary model's one pass over every candidate
    monkeypatch.setattr(segmentation, "BOUNDARY", dataclasses.replace(BOUNDARY, window_candidates=len(found)))
    assert segment_lines(*store_and_survey(text)) == spans
