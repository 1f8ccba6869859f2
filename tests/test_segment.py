"""Segmentation on dumps with different separators and layouts."""

import pytest

from workers.pipeline import process_text
from workers.pipeline.lines import analyse
from workers.pipeline.segment import segment
from workers.pipeline.text import split_lines

from .dumps import ALL, EN_1, EN_2, EN_3, HEADLINES, joined, packed


def headlines(text: str) -> list[str]:
    return [a.headline for a in process_text(text)]


@pytest.mark.parametrize("separator", [
    "\n\n\n",                                 # two blank lines
    "\n\n\n\n",                               # three blank lines (the seed's layout)
    "\n\n" + "-" * 40 + "\n\n",               # rule of dashes with blank lines around
    "\n" + "=" * 30 + "\n",                   # rule of equals signs, no blank lines
    "\n\n* * *\n\n",                          # spaced asterisks
    "\n\f\n",                                 # a form feed on its own line
    "\n\n--- Page 7 ---\n\n",                 # a page marker
])
def test_every_separator_style_splits_the_same_articles(separator):
    assert headlines(joined(separator)) == HEADLINES


def test_tail_file_headers_are_separators_and_belong_to_no_article():
    text = "".join(f"==> news/{n:03d}.txt <==\n{dump}\n\n" for n, dump in enumerate(ALL))
    articles = process_text(text)
    assert [a.headline for a in articles] == HEADLINES
    assert articles[0].line_start == 2


def test_single_blank_lines_between_packed_records_split_them():
    assert headlines(joined("\n\n", [packed(d) for d in ALL])) == HEADLINES


def test_url_lines_open_records():
    records = [f"https://news.example.org/story/{n}\n{packed(d)}" for n, d in enumerate(ALL)]
    articles = process_text("\n\n".join(records))
    assert [a.headline for a in articles] == HEADLINES
    assert articles[1].line_start == len(packed(ALL[0]).split("\n")) + 3


def test_one_article_with_blank_separated_paragraphs_stays_whole():
    assert len(process_text(EN_1)) == 1


def test_separators_win_over_blank_lines_inside_records():
    with_gap = EN_1.replace("\n\nOperators", "\n\n\n\nOperators")
    text = joined("\n" + "=" * 20 + "\n", [with_gap, EN_2])
    assert headlines(text) == [HEADLINES[0], EN_2.split("\n")[0]]


def test_a_whole_page_copy_opening_with_a_site_menu_starts_a_record():
    page = "Sign In\nHome\nNews\nSport\nWeather\n" + EN_2
    text = EN_1 + "\n\n" + page + "\n\n" + "Register\nHome\nNews\nCulture\nTravel\n" + EN_3
    assert headlines(text) == [HEADLINES[0], EN_2.split("\n")[0], EN_3.split("\n")[0]]


def test_spans_are_one_based_inclusive_and_exclude_separators():
    text = EN_1 + "\n\n" + "-" * 10 + "\n\n" + EN_2
    a, b = process_text(text)
    n1 = len(EN_1.split("\n"))
    assert (a.line_start, a.line_end) == (1, n1)
    assert (b.line_start, b.line_end) == (n1 + 4, n1 + 3 + len(EN_2.split("\n")))


def test_crlf_and_cr_line_endings_give_the_same_spans():
    text = joined("\n\n\n")
    spans = [(a.line_start, a.line_end) for a in process_text(text)]
    assert [(a.line_start, a.line_end) for a in process_text(text.replace("\n", "\r\n"))] == spans
    assert [(a.line_start, a.line_end) for a in process_text(text.replace("\n", "\r"))] == spans


def test_segment_returns_ordered_disjoint_spans_of_non_blank_lines():
    lines = analyse(split_lines(joined("\n\n\n")))
    spans = segment(lines)
    assert len(spans) == len(ALL)
    for (a, b), (c, _) in zip(spans, spans[1:]):
        assert a <= b < c
    for a, b in spans:
        assert not lines[a].blank and not lines[b].blank


def test_a_dump_of_page_chrome_only_has_no_articles():
    assert process_text("TT\n\nTT\n\n\n\nTT\n") == []
    assert process_text("") == []
    assert process_text("\n\n \n\t\n") == []


def test_single_blank_lines_everywhere_still_split_at_headlines():
    """Paragraphs and articles both separated by one blank line: a human splits at the
    one-line titles that stand between a finished paragraph and new running text."""
    assert headlines(joined("\n\n")) == HEADLINES


def test_a_bulleted_subheading_between_paragraphs_does_not_split():
    text = EN_1.replace("\n\nOperators", "\n\n* What happens next\n\nOperators")
    assert headlines(text + "\n\n\n" + EN_2) == [HEADLINES[0], EN_2.split("\n")[0]]


def test_a_page_that_repeats_its_headline_starts_an_article_after_a_single_blank_line():
    second = ("City council approves new cycle lanes\n\nTT\n\nCity council approves new cycle lanes\n\n"
              + EN_2.split("\n", 2)[2])
    articles = process_text(EN_1 + "\n\n" + second)
    assert [a.headline for a in articles] == [HEADLINES[0], "City council approves new cycle lanes"]
    assert "City council approves" not in articles[1].body
