"""bench.layouts: invented articles laid out the ways pages get copied."""

from __future__ import annotations

import pytest

from bench import layouts

from .dumps import EN_1, EN_2


def lines_of(dump: str) -> tuple[str, list[str]]:
    head, *paragraphs = [line for line in dump.split("\n") if line.strip()]
    return head, paragraphs


def test_an_article_laid_out_plainly_comes_out_right():
    head, paragraphs = lines_of(EN_1)
    assert layouts.check(head, paragraphs, None, EN_1) == []


def test_what_is_wrong_is_told():
    head, paragraphs = lines_of(EN_1)
    assert layouts.check(head, paragraphs, None, EN_1 + "\n\n\n" + EN_2) == ["2 articles"]
    missing = "The union says wages have not kept pace with prices for three years."
    assert layouts.check(head, [*paragraphs, missing], None, EN_1) == [f"paragraph as lost: {missing!r:.50}"]
    with_share_bar = EN_1.replace("\n\n", "\n\nShare\n\n", 1)
    assert layouts.check(head, paragraphs, None, with_share_bar, ("Share",)) == []
    assert layouts.check(head, paragraphs[1:], None, EN_1, (paragraphs[0],)) == [f"in body: {paragraphs[0]!r:.40}"]


@pytest.mark.parametrize("name", list(layouts.LAYOUTS))
def test_every_layout_keeps_the_headline_and_every_paragraph(name):
    head, paragraphs = lines_of(EN_1)
    lines = layouts.LAYOUTS[name](head, paragraphs, "A caption. (AP Photo/Jane Roe)")
    assert head in lines and all(paragraph in lines for paragraph in paragraphs)


def test_every_article_has_a_caption_in_its_language():
    assert all(lines_of(article)[0] in layouts.CAPTIONS for article in layouts.ARTICLES)
