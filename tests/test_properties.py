"""Property-based tests: any text is processed without error, into ordered, disjoint,
in-range spans, and the same input always gives the same output."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workers.pipeline import process_text
from workers.pipeline.text import split_lines

# Lines made of the characters real dumps carry, and those that break naive code:
# control characters, NUL, bidi and zero-width marks, form feeds, separators, CJK, RTL.
ODD_CHARACTERS = "\x00\x01\x0b\x0c\x1b\x7f\x85\x92\u00a0\u200b\u200e\u200f\u202a\u202e\u2066\u2069\u061c\ufeff\u2028\u2029"
line_text = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.sampled_from(list(ODD_CHARACTERS) + list("ab ()[]-=*:.,؟،。TT")), max_size=30),
    st.sampled_from(["", "", "TT", "-" * 40, "* * *", "==> a.txt <==", "http://example.com/x", "Share",
                     "Photo: AFP", "© AFP 2019", "Related", "الدكتور خلال الحفل (كايسيد)", "Item 1 of 4 x",
                     "Headline of a story here", "A sentence of running text that ends here."]),
)
dumps = st.lists(line_text, max_size=60).flatmap(
    lambda lines: st.sampled_from(["\n", "\r\n", "\r"]).map(lambda eol: eol.join(lines)))


def check_spans(text: str, articles) -> None:
    n_lines = len(split_lines(text))
    previous_end = 0
    for k, article in enumerate(articles):
        assert article.index == k
        assert previous_end < article.line_start <= article.line_end <= n_lines
        previous_end = article.line_end
        assert 0.0 <= article.language_confidence <= 1.0
        assert article.language == "und" or len(article.language) == 2


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dumps)
def test_any_text_gives_ordered_disjoint_spans(text):
    check_spans(text, process_text(text))


@settings(max_examples=100, deadline=None)
@given(dumps)
def test_same_input_same_output(text):
    first = json.dumps([a.to_dict() for a in process_text(text)], ensure_ascii=False)
    second = json.dumps([a.to_dict() for a in process_text(text)], ensure_ascii=False)
    assert first == second


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_unicode_never_raises(text):
    check_spans(text, process_text(text))


def test_a_hundred_thousand_line_input():
    # a hundred articles of a thousand lines each: a title after two blank lines, then
    # paragraphs with single blank lines between some of them
    text = "\n".join(
        ("Headline number %d about the harbour" % i) if i % 1000 == 0 else
        ("" if i % 1000 in (998, 999) or i % 5 in (1, 4) else
         "A sentence of running text about item %d, which ends here." % i)
        for i in range(100_000))
    articles = process_text(text)
    check_spans(text, articles)
    assert len(articles) == 100
    assert [a.headline for a in articles[:3]] == ["Headline number %d about the harbour" % i for i in (0, 1000, 2000)]


def test_a_hundred_thousand_lines_of_nul_and_bidi_marks():
    text = "\n".join(["\x00\u202e\u200f", "", "TT", "\u2066x\u2069"] * 25_000)
    check_spans(text, process_text(text))


@settings(deadline=None)              # as above: no wall-clock limit per example, the machine may be busy
@given(st.text(alphabet="ab \n\r\f\u2028", max_size=60))
def test_lines_one_at_a_time_are_the_split_lines(text):
    """iter_lines against a plain reference: split on LF, CRLF or CR, and a final line break
    opens no empty last line."""
    import re

    from workers.pipeline.text import iter_lines

    reference = re.split(r"\r\n|\r|\n", text)
    if len(reference) > 1 and reference[-1] == "":
        reference.pop()
    assert list(iter_lines(text)) == reference


@settings(deadline=None)
@given(st.lists(st.sampled_from(["", "", "", "Headline of a story", "A sentence of the body, finished."]),
                max_size=40))
def test_cutting_runs_of_empty_lines_keeps_every_line_of_text_and_its_number(lines):
    from workers.pipeline.lines import BLANK, analyse, analyse_compact

    full, compact = analyse(lines, 7), analyse_compact(lines, 7)
    assert [(l.number, l.text) for l in full if l is not BLANK] == [(l.number, l.text) for l in compact if l is not BLANK]
    assert len(compact) <= len(full)


def test_many_empty_lines_give_the_same_articles_with_the_same_line_numbers():
    from tests.dumps import EN_1, EN_2

    text = EN_1 + "\n" * 5000 + EN_2 + "\n" * 3
    articles = process_text(text)
    assert [a.headline for a in articles] == [EN_1.split("\n")[0], EN_2.split("\n")[0]]
    assert articles[1].line_start == EN_1.count("\n") + 5001
