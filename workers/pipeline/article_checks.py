"""Which records' articles are kept: a record of page chrome never is, and one without
article text (a video's "Play" label, a sidebar's title over its links, a footer cut off
below an article) is left out of a dump of several records (``Plan``). A headline alone in
its record is the top of the record below when that one opens without a title.

The checks read an ``Article``'s fields only, so this module needs no more of it than its
type (imported for type checking alone: ``extract.py`` imports these checks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lines import analyse_line
from .thresholds import BODY, LINE

if TYPE_CHECKING:
    from .extract import Article


def is_page_chrome(article: Article) -> bool:
    """A record with neither headline nor body nor caption ("TT", a row of share
    buttons): never an article."""
    return article.headline is None and not article.body and not article.captions


def has_article_text(article: Article) -> bool:
    """Whether a record holds what an article holds: photos with captions (a gallery),
    running text in its body (``_running_text``), or, for all its text, a sentence (a
    paragraph that segmentation cut off from its article, under a rule inside the page:
    its text is kept, if only as a headline). A video's "Play" label, a sidebar's title
    over its links or a site's footer cut off below an article get a headline-shaped
    line, but none of that. In a dump of several records such a record is left out (when
    this came in: on dev, 7 and none an article; on train 40, one of them an article's
    headline whose body went to the next record)."""
    return bool(article.captions) or _running_text(article.body) or _sentence_alone(article)


def is_title_alone(article: Article) -> bool:
    """A record of one line, a headline with nothing under it: left out for want of text,
    unless it is the top of the record below (``opens_without_title``)."""
    return (article.headline is not None and article.line_start == article.line_end
            and not has_article_text(article))


def opens_without_title(articles: list[Article]) -> bool:
    """Whether a record's first article has text but no title of its own: no headline, or
    a sentence the role model took for one for want of a better line."""
    if not articles or not has_article_text(articles[0]):
        return False
    return articles[0].headline is None or _headline_is_a_sentence(articles[0])


def _sentence_alone(article: Article) -> bool:
    return not article.body and _headline_is_a_sentence(article)


def _headline_is_a_sentence(article: Article) -> bool:
    """A headline that reads as running text (``Line.prose``): a paragraph the role model
    took for the headline for want of a better line."""
    return article.headline is not None and analyse_line(0, article.headline).prose


def _running_text(body: str) -> bool:
    """As much text as a paragraph of prose in all, a sentence of some words (``Line.prose``),
    or a few short sentences ("No one was hurt. The road is closed."). The length alone
    decides for scripts that mark no sentence end (Thai)."""
    if len(body) >= LINE.prose_min_chars:
        return True
    sentences = 0
    for paragraph in body.split("\n\n"):
        line = analyse_line(0, paragraph)
        if line.prose:
            return True
        sentences += line.ends_sentence
        if sentences >= BODY.running_text_sentences:
            return True
    return False
