"""The text pipeline: raw dump in, structured articles out.

Pure Python: no Redis, Celery or Flask here, so it runs offline and tests fast.

    decode (bytes -> text) -> split lines -> analyse lines -> segment into records
    (boundary model) -> per record: line roles (role model), captions, body end,
    the article's fields -> language

See README.md, "How it works", for the modules and the two models.
"""

from __future__ import annotations

from collections.abc import Iterator

from .article_checks import has_article_text, is_page_chrome, is_title_alone, opens_without_title
from .decode import DecodeError, decode_bytes, to_utf8_counted
from .extract import Article, extract_articles
from .language import detect_language
from .language_backends import LANGDETECT
from .line_store import LineStore
from .segment import segment_lines
from .survey import DumpSurvey

__all__ = ["Article", "DecodeError", "Plan", "to_utf8_counted", "decode_bytes", "iter_articles", "process_bytes", "process_text"]


class Plan:
    """A dump split into records, before any record is extracted: ``len(plan)`` is
    known up front (for progress reports) and ``iter(plan)`` yields the articles.

    The lines are held compactly (``LineStore``) and made a window at a time: for
    segmentation, then a record at a time for its article."""

    def __init__(self, text: str, first_line: int = 1, language_backend: str = LANGDETECT,
                 part_of_bigger_dump: bool = False):
        """``first_line``: the number of the text's first line, when it is part of a bigger
        dump (``part_of_bigger_dump``: a chunk of it); ``language_backend``: see
        ``language_backends.BACKENDS``."""
        self._language_backend = language_backend
        self._part_of_bigger_dump = part_of_bigger_dump
        survey = DumpSurvey()
        self._lines = LineStore(text, first_line, survey.add)
        self._spans = segment_lines(self._lines, survey)

    def __len__(self) -> int:
        return len(self._spans)

    def __iter__(self) -> Iterator[Article]:
        """The articles, in dump order. Records of page chrome are left out, and so are
        records without article text (``article_checks.has_article_text``), unless the whole dump
        holds nothing else: a headline over one short line is then what the user sent."""
        index = 0
        held = None
        for article in self._articles_of_records():
            if is_page_chrome(article):
                continue
            if not has_article_text(article):
                held = held or article
                continue
            article.index = index
            yield self._with_language(article)
            index += 1
        if index == 0 and held is not None and not self._part_of_bigger_dump:
            yield self._with_language(held)

    def _articles_of_records(self) -> Iterator[Article]:
        """Every record's articles (``extract.extract_articles``), in order. A headline
        alone in its record is joined to the record below when that one has no title of its
        own (``opens_without_title``): a rule under a page's headline parted them, and the
        headline alone would be left out for want of text."""
        pending = None                      # a headline alone: its record's first line, its article
        for start, end in self._spans:
            articles = self._extract(start, end)
            if pending is not None:
                if opens_without_title(articles):
                    articles = self._extract(pending[0], end)
                else:
                    yield pending[1]
                pending = None
            if len(articles) == 1 and is_title_alone(articles[0]):
                pending = (start, articles[0])
                continue
            yield from articles
        if pending is not None:
            yield pending[1]

    def _extract(self, start: int, end: int) -> list[Article]:
        return extract_articles(self._lines.window(start, end + 1), (0, end - start), 0)

    def _with_language(self, article: Article) -> Article:
        guess = detect_language(article.language_text(), backend=self._language_backend)
        article.language, article.language_confidence = guess.language, guess.confidence
        return article


def iter_articles(text: str, language_backend: str = LANGDETECT) -> Iterator[Article]:
    """Articles of a dump, in dump order, one at a time."""
    return iter(Plan(text, language_backend=language_backend))


def process_text(text: str, language_backend: str = LANGDETECT) -> list[Article]:
    return list(iter_articles(text, language_backend))


def process_bytes(data: bytes, language_backend: str = LANGDETECT) -> list[Article]:
    """Decode raw bytes (see ``decode.decode_bytes``) and process them."""
    return process_text(decode_bytes(data), language_backend)
