"""Segmentation on dumps with different separators and layouts."""

import itertools
import random

import pytest

from workers.pipeline import Plan, process_text
from workers.pipeline.article_checks import has_article_text
from workers.pipeline.extract import Article, text_above_headline
from workers.pipeline.titles import can_be_headline
from workers.pipeline.gaps import DumpStyle
from workers.pipeline.lines import analyse, analyse_line
from workers.pipeline.record import Record
from workers.pipeline.roles import Role
from workers.pipeline.segment import segment
from workers.pipeline.text import split_lines

from . import made_up
from .dumps import (ALL, AR_1, EN_1, EN_2, EN_3, ES_1, FA_1, FR_1, HEADLINES, LONG_PARAGRAPHS, RU_1, ZH_1,
                    joined, packed)


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
    "\n\n...\n\n",                            # dots (a cut page's ellipsis looks the same:
    "\n\u2026\n",                              # telling them apart was tried, see the README)
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
    page = "Sign In\nHome\nNews\nSport\nWeather\n" + packed(EN_2)
    text = packed(EN_1) + "\n\n" + page + "\n\n" + "Register\nHome\nNews\nCulture\nTravel\n" + packed(EN_3)
    articles = process_text(text)
    assert [a.headline for a in articles] == [HEADLINES[0], EN_2.split("\n")[0], EN_3.split("\n")[0]]
    assert articles[1].line_start == len(packed(EN_1).split("\n")) + 2      # the menu belongs to its page


def test_dumps_joined_into_one_each_with_its_own_separator_keep_their_records():
    first = ("\n" + "=" * 30 + "\n").join([packed(d) for d in (EN_1, FR_1, AR_1)])
    second = ("\n\n" + "-" * 40 + "\n\n").join([EN_2, ES_1, RU_1])
    third = "\n\n* * *\n\n".join([EN_3, FA_1, ZH_1])
    articles = process_text("\n\n\n".join([first, second, third]))
    assert [a.headline for a in articles] == [d.split("\n")[0] for d in
                                              (EN_1, FR_1, AR_1, EN_2, ES_1, RU_1, EN_3, FA_1, ZH_1)]


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


def test_a_record_with_no_sentence_of_text_between_articles_is_left_out():
    # a video's label and a sidebar's title over its links, set apart like an article
    chrome = "Watch the video\n\nPlay Video\nMore videos\nTop stories"
    text = joined("\n\n" + "-" * 40 + "\n\n", [EN_1, chrome, EN_2])
    assert headlines(text) == [EN_1.split("\n", 1)[0], EN_2.split("\n", 1)[0]]


def test_a_paragraph_cut_off_from_its_article_under_a_rule_is_kept():
    # a rule inside the page, like the dump's own, may cut an article's last paragraph
    # off into a record of its own: that record is text, never left out as chrome
    first, last = ZH_1.rsplit("\n\n", 1)
    text = joined("\n\n-----\n\n", [first, last, EN_1])
    articles = process_text(text)
    assert last in " ".join(a.body + " " + (a.headline or "") for a in articles)


@pytest.mark.parametrize("rule", ["-----", "=====", "***", "...", "* * *"])
def test_a_rule_inside_an_article_like_the_dumps_own_loses_no_paragraph(rule):
    # every article of the tests with the rule between two of its paragraphs, before
    # each other article: wherever the records end, every paragraph is in one of them
    for a, b in itertools.permutations(ALL, 2):
        paragraphs = a.split("\n\n")
        for k in range(1, len(paragraphs)):
            cut = "\n\n".join(paragraphs[:k]) + f"\n\n{rule}\n\n" + "\n\n".join(paragraphs[k:])
            articles = process_text(f"{cut}\n\n{rule}\n\n{b}")
            kept = " ".join(" ".join([x.headline or "", x.subheadline or "", *x.captions, x.body]) for x in articles)
            assert all(p.split("\n")[0] in kept for p in paragraphs), (rule, k, a[:20], b[:20])


def test_a_headline_set_off_from_its_text_by_a_rule_is_the_top_of_the_record_below():
    headline, text = ZH_1.split("\n\n", 1)
    articles = process_text(f"{headline}\n\n* * *\n\n{text}\n\n* * *\n\n{EN_1}")
    assert [a.headline for a in articles] == [headline, HEADLINES[0]]
    assert articles[0].line_start == 1


def test_titles_alone_between_rules_take_no_headline_from_the_article_below():
    # the record below has a title of its own: teasers above it are left out, not joined
    text = EN_1 + "\n-----\nCouncil approves cycle lanes\n-----\nMuseum returns statues\n-----\n" + EN_2
    assert headlines(text) == [HEADLINES[0], EN_2.split("\n")[0]]
    titles = "Harbour cranes idle\n-----\nCouncil approves cycle lanes\n-----\nMuseum returns statues"
    assert headlines(titles) == ["Harbour cranes idle"]          # what the user sent, not nothing



def test_paragraphs_above_the_headline_of_a_record_are_an_article_of_their_own():
    # an article whose headline was cut off, merged with the next: its text is not the
    # menus and teasers above the next one's headline, left out
    assert not any(can_be_headline(analyse_line(1, p)) for p in LONG_PARAGRAPHS)
    text = "\n\n".join(LONG_PARAGRAPHS) + "\n\n" + EN_2
    first, second = process_text(text)
    assert first.body == "\n\n".join(LONG_PARAGRAPHS)
    assert (first.line_start, first.line_end) == (1, 7)
    assert second.headline == EN_2.split("\n")[0]
    assert second.line_start == 9
    assert [a.index for a in (first, second)] == [0, 1]


def test_a_record_is_not_split_where_a_part_would_be_left_out():
    # the brief under the paragraphs has too little text to stand alone: split off, it
    # would be left out, and with it the dump's only title. Whether the role model takes
    # that title for the headline (the paragraphs above it then go as page chrome) or
    # reads the record as a text without title (the brief's two short lines then go as
    # its tail) is a close call that refits of equal quality decide either way.
    [article] = process_text("\n\n".join(LONG_PARAGRAPHS) + "\n\nMarkets close higher\n\nStocks rose today.\n")
    assert article.headline == "Markets close higher" or article.body.startswith("\n\n".join(LONG_PARAGRAPHS))


def test_menus_and_teasers_above_a_headline_stay_with_its_article():
    lines = analyse(split_lines("Home\n" + "\n".join(f"Teaser {n}\n{p}" for n, p in enumerate(LONG_PARAGRAPHS))
                                + "\n" + EN_2))
    record = Record(lines)
    for i, line in enumerate(lines):            # the model's roles, as a page's top gets them
        record.roles[i] = Role.BEFORE if i < 9 else Role.HEADLINE if i == 9 else Role.BODY
    assert text_above_headline(record) is None              # a title between each two
    packed_above = Record(analyse(split_lines("Home\n" + "\n".join(LONG_PARAGRAPHS) + "\n" + EN_2)))
    for i in range(len(packed_above.lines)):
        packed_above.roles[i] = Role.BEFORE if i < 5 else Role.HEADLINE if i == 5 else Role.BODY
    assert text_above_headline(packed_above) == (4, 5)     # paragraph after paragraph


def test_a_dump_of_one_sentence_keeps_it_as_its_headline():
    [article] = process_text("Dock strike ends after union and operators agree a deal.")
    assert article.headline == "Dock strike ends after union and operators agree a deal."


def test_a_photo_gallery_between_articles_is_kept_though_it_has_no_paragraph():
    gallery = ("Lantern festival lights up the harbour\n\n"
               "Lanterns float over the harbour at dusk on Saturday. (AP Photo/Jane Doe)\n"
               "Children watch the lantern parade from the pier. (AP Photo/Jane Doe)")
    text = joined("\n\n" + "-" * 40 + "\n\n", [EN_1, gallery, EN_2])
    articles = process_text(text)
    assert articles[1].headline == "Lantern festival lights up the harbour"
    assert len(articles[1].captions) == 2


def test_captions_alone_between_articles_are_kept():
    # photos with their captions and nothing else: a gallery, not page chrome
    gallery = ("Lanterns float over the harbour at dusk on Saturday. (AP Photo/Jane Doe)\n"
               "Children watch the lantern parade from the pier. (AP Photo/Jane Doe)")
    articles = process_text(joined("\n\n" + "-" * 40 + "\n\n", [EN_1, gallery, EN_2]))
    assert [len(a.captions) for a in articles] == [0, 2, 0]


def test_a_dump_of_one_headline_over_one_short_line_is_kept():
    [article] = process_text("Markets close higher\n\nStocks rose today.\n")
    assert article.headline == "Markets close higher"
    assert article.body == "Stocks rose today."


def test_a_dump_whose_only_article_has_one_short_line_keeps_it_beside_a_chrome_record():
    text = joined("\n\n" + "-" * 40 + "\n\n", ["Markets close higher\n\nStocks rose today.", "Share\nTweet"])
    [article] = process_text(text)
    assert article.body == "Stocks rose today."


def test_a_chunk_of_a_bigger_dump_keeps_no_record_without_article_text():
    # the service cuts a big dump into chunks: a chunk must leave out what the whole would
    text = "Watch the video\n\nPlay Video\nMore videos"
    assert [a.headline for a in Plan(text)] == ["Watch the video"]
    assert list(Plan(text, part_of_bigger_dump=True)) == []


def test_a_brief_in_a_script_with_its_own_full_stop_between_articles_is_kept():
    brief = "नई मेट्रो लाइन का उद्घाटन\n\nमुख्यमंत्री ने आज नई मेट्रो लाइन का उद्घाटन किया।"
    text = joined("\n\n" + "-" * 40 + "\n\n", [EN_1, brief, EN_2])
    assert headlines(text)[1] == "नई मेट्रो लाइन का उद्घाटन"


@pytest.mark.parametrize("body, captions, is_text", [
    ("No one was hurt.\n\nThe road is closed.", [], True),      # two short sentences: a brief
    ("x" * 130, [], True),                                       # as long as a paragraph of prose
    ("You must login to comment.", [], False),                   # one short sentence
    ("See all 320 Blogs ›", [], False),
    ("", ["Lanterns float over the harbour at dusk. (AP Photo/Jane Doe)"], True),   # a gallery
])
def test_what_counts_as_article_text(body, captions, is_text):
    article = Article(index=0, headline="A title", subheadline=None, captions=captions, body=body)
    assert has_article_text(article) is is_text


def test_single_blank_lines_everywhere_lose_no_text_and_keep_the_order():
    """Paragraphs and articles both set apart by one blank line: the gaps say nothing, so
    only the text can (a title between finished paragraphs, a change of words or of
    script). Such a dump may come out in fewer records than it holds (the README's
    quality section says how often); what it must never do is lose or reorder text."""
    text = joined("\n\n")
    articles = process_text(text)
    assert articles[0].headline == HEADLINES[0]
    titles = [a.headline for a in articles]
    assert titles == sorted(titles, key=HEADLINES.index)           # all titles of the dump, in order
    everything = "\n".join(f"{a.headline}\n{a.subheadline or ''}\n{a.body}" for a in articles)
    for dump in ALL:
        for paragraph in dump.split("\n\n")[1:]:
            assert paragraph in everything


@pytest.mark.parametrize("text, uniform", [
    (joined("\n\n"), True),                                   # one blank line everywhere
    (joined("\n\n\n"), False),                               # two between records, one inside
    ("\n\n".join(packed(d) for d in ALL), False),             # none inside, one between
    (joined("\n\n" + "=" * 30 + "\n\n"), False),             # separator lines
    (joined("\n\n").replace("\n\nOperators", "\nOperators"), True),  # a list's lines may have none
])
def test_a_dump_with_one_gap_everywhere_is_told_apart(text, uniform):
    assert DumpStyle(analyse(split_lines(text))).uniform is uniform


def test_articles_set_apart_by_the_blank_line_their_paragraphs_have_split_by_their_text():
    """The boundary model of such dumps (``boundaries-uniform.crfsuite``) finds every
    record of these, where the general model found some."""
    assert headlines(joined("\n\n")) == HEADLINES


def test_two_blank_lines_between_articles_split_them_when_paragraphs_have_one():
    assert headlines(joined("\n\n\n")) == HEADLINES


def test_a_bulleted_subheading_between_paragraphs_does_not_split():
    text = EN_1.replace("\n\nOperators", "\n\n* What happens next\n\nOperators")
    assert headlines(text + "\n\n\n" + EN_2) == [HEADLINES[0], EN_2.split("\n")[0]]


def test_records_that_open_with_a_copy_of_their_headline_split_with_no_blank_line_anywhere():
    """A dump with no blank lines and no separators, each record opening with its headline
    shown again above the page: the repeated headline is all that marks a new record."""
    same_script = [EN_1, EN_2, EN_3]
    text = "\n".join(dump.split("\n", 1)[0] + "\n" + packed(dump) for dump in same_script)
    articles = process_text(text)
    assert [a.headline for a in articles] == [dump.split("\n", 1)[0] for dump in same_script]
    assert articles[0].body.startswith("Container ships are queuing")


def test_records_whose_headline_copy_sits_above_their_page_menu_split_with_no_blank_line():
    """Copied pages with their empty lines gone, each record opening with its headline shown
    again above the page's own menu and headline: copies a few lines apart mark the records."""
    rng = random.Random(7)
    out, headlines_in_order = [], []
    for _ in range(6):
        lines, gold = made_up.record(rng)
        menu = [made_up.word(rng).capitalize() for _ in range(2)]
        body_from = lines.index(gold["headline"])
        out += [gold["headline"], *menu, *lines[body_from:]]
        headlines_in_order.append(gold["headline"])
    articles = process_text("\n".join(out))
    assert [a.headline for a in articles] == headlines_in_order


@pytest.mark.parametrize("size, margin", [(3, 2), (7, 5), (50, 40)])
def test_segmenting_a_window_of_candidates_at_a_time_finds_the_same_records(monkeypatch, size, margin):
    import dataclasses
    import sys

    segmentation = sys.modules[segment.__module__]     # the package's name "segment" is the function
    lines = analyse(split_lines(made_up.varied_dump(60_000, seed=5).decode()))
    whole = segment(lines)
    assert len(whole) > 20
    monkeypatch.setattr(segmentation, "BOUNDARY",
                        dataclasses.replace(segmentation.BOUNDARY, window_candidates=size, window_margin=margin))
    assert segment(lines) == whole


@pytest.mark.parametrize("size, margin", [(7, 20), (30, 20)])
def test_segmenting_a_one_gap_dump_a_window_at_a_time_finds_the_same_records(monkeypatch, size, margin):
    import dataclasses
    import sys

    segmentation = sys.modules[segment.__module__]
    lines = analyse(split_lines(joined("\n\n", ALL * 5)))      # 35 records, one blank line everywhere
    assert DumpStyle(lines).uniform
    whole = segment(lines)
    assert len(whole) > 20
    monkeypatch.setattr(segmentation, "BOUNDARY",
                        dataclasses.replace(segmentation.BOUNDARY, window_candidates=size, window_margin=margin))
    assert segment(lines) == whole


def test_a_span_longer_than_any_article_is_cut_into_records_and_loses_no_line(monkeypatch):
    import dataclasses
    import sys

    segmentation = sys.modules[segment.__module__]
    monkeypatch.setattr(segmentation, "BOUNDARY", dataclasses.replace(segmentation.BOUNDARY, record_max_lines=7))
    text = "\n".join(f"Harbour cranes idle {n}" for n in range(50))      # one run of lines, no start in it
    lines = analyse(split_lines(text))
    spans = segment(lines)
    assert len(spans) == 8
    assert all(sum(1 for line in lines[a:b + 1] if line.key) <= 7 for a, b in spans)
    assert [i for a, b in spans for i in range(a, b + 1)] == list(range(len(lines)))
