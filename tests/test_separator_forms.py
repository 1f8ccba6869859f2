"""A separator line compared with the separator lines nearest it: the dump's rule between
records, or a rule drawn inside a page."""

import dataclasses

import pytest

from workers.pipeline.boundaries import boundary_features, candidate_lines, candidates
from workers.pipeline import candidate_windows
from workers.pipeline.line_store import LineStore
from workers.pipeline.lines import analyse, analyse_line
from workers.pipeline.separator_forms import separator_form
from workers.pipeline.survey import DumpSurvey
from workers.pipeline.text import split_lines
from workers.pipeline.thresholds import BOUNDARY

from .dumps import EN_1, EN_2, EN_3, FR_1, RU_1

RULE = "=" * 30


@pytest.mark.parametrize("a, b, same", [
    ("-----", "----------", True),            # a rule's length may vary
    ("=====", "-----", False),
    ("* * *", "***", False),                  # spaced and packed rules are two styles
    ("--- Page 2 ---", "--- Page 17 ---", True),
    ("==> a.txt <==", "==> news/b.txt <==", True),
    ("...", "\u2026", True),                  # NFKC makes the ellipsis three dots
])
def test_separator_forms(a, b, same):
    first, second = analyse_line(1, a), analyse_line(2, b)
    assert first.separator and second.separator
    assert (separator_form(first) == separator_form(second)) is same


def likeness(text: str) -> dict[str, list[str]]:
    """What each separator line of the dump is called, by its text."""
    lines = analyse(split_lines(text))
    neighbours = DumpSurvey.of(lines).style().separator_neighbours
    found: dict[str, list[str]] = {}
    for i, line in enumerate(lines):
        if line.separator:
            found.setdefault(line.key, []).append(neighbours.describe(i))
    return found


def test_the_dumps_rule_is_like_its_neighbours_and_a_rule_inside_a_page_is_not():
    inner = EN_1.replace("\n\nOperators", "\n\n-----\n\nOperators")
    text = f"\n{RULE}\n".join([inner, EN_2, EN_3, FR_1])
    assert likeness(text) == {RULE: ["same"] * 3, "-----": ["other"]}


def test_a_dumps_one_separator_counts_as_its_rule():
    assert likeness(f"{EN_1}\n\n-----\n\n{EN_2}") == {"-----": ["same"]}


def test_dumps_joined_into_one_keep_each_its_own_rule():
    first = f"\n{RULE}\n".join([EN_1, FR_1, RU_1])
    second = "\n\n* * *\n\n".join([EN_2, EN_3, FR_1])
    assert likeness(first + "\n\n\n" + second) == {RULE: ["same"] * 2, "* * *": ["same"] * 2}


def test_features_of_windows_of_the_store_are_those_of_the_whole_list(monkeypatch):
    """A window's lines are read with the index of its first line in the dump: the
    likeness of its separators is that of the whole dump's."""
    monkeypatch.setattr(candidate_windows, "BOUNDARY", dataclasses.replace(BOUNDARY, window_max_lines=1))
    inner = EN_1.replace("\n\nOperators", "\n\n-----\n\nOperators")
    text = "\n\n\n".join([f"\n{RULE}\n".join([inner, EN_2, EN_3]), "\n\n* * *\n\n".join([FR_1, RU_1])] * 20)
    lines = analyse(split_lines(text))
    whole = boundary_features(lines, candidates(lines))
    survey = DumpSurvey()
    store = LineStore(text, 1, survey.add)
    found = candidate_lines(store, survey.next_copy)
    assert candidate_windows.window_features(store, found, survey.next_copy, survey.style()) == whole
    assert any("sep_like=other" in row for row in whole) and any("sep_like=same" in row for row in whole)
