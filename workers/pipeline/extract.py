"""Turn one record (a span of lines) into an article: the stages in order.

    roles from the model (line_roles) -> captions the rules know (captions)
    -> where the body ends (body) -> the article's fields
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from . import rules
from .article_checks import has_article_text
from .body import body_paragraphs, mark_tail
from .captions import apply_caption_rules
from .line_roles import assign_roles
from .titles import can_be_headline
from .lines import Line, stripped_text
from .record import Record
from .roles import Role
from .segment import Span
from .thresholds import ROLES


@dataclass(slots=True)
class Article:
    index: int
    headline: str | None
    subheadline: str | None
    captions: list[str] = field(default_factory=list)
    body: str = ""
    language: str = "und"
    language_confidence: float = 0.0
    line_start: int = 0
    line_end: int = 0

    def to_dict(self) -> dict:
        return asdict(self)

    def language_text(self) -> str:
        """What the language is judged on: the body, or the titles when there is none."""
        return self.body or " ".join(filter(None, [self.headline, self.subheadline]))


def extract_articles(lines: list[Line], span: Span, index: int) -> list[Article]:
    """The article of one record, or two: a run of paragraphs above the headline the role
    model chose is an article of its own (``text_above_headline``), where it would
    otherwise be left out with the menus and teasers above a headline. Numbered from
    ``index`` (the caller numbers the articles it keeps)."""
    start, end = span
    record = Record(lines[start:end + 1])
    assign_roles(record)
    cut = text_above_headline(record)
    if cut is None:
        return [_assembled(record, lines, span, index)]
    # each part is labelled again on its own: the model reads a line against its record
    # (its main prose run, its lead), and the upper part's headline is yet to be found
    parts = [extract_article(lines, (start, start + cut[0]), index),
             extract_article(lines, (start + cut[1], end), index + 1)]
    if not all(has_article_text(part) for part in parts):
        # a part that would be left out (a brief's headline over one short line): the
        # record stays whole, as it was labelled
        return [_assembled(record, lines, span, index)]
    return parts


def text_above_headline(record: Record) -> tuple[int, int] | None:
    """Where a record holds two articles: the last line of a run of
    ``ROLES.above_headline_paragraphs`` paragraphs or more above the headline (of
    ``above_headline_chars`` in all), and the next line of text. Menus, teasers and news
    tickers above a page's headline alternate short lines with their sentences; paragraph
    after paragraph is an article's text, the record of two articles that segmentation
    did not part (on train/ 6 records, 4 of them two articles; dev 1)."""
    run = chars = 0
    last = None
    for i in record.content:
        line = record.lines[i]
        if record.roles[i] is Role.BEFORE and line.prose:
            run, chars = run + 1, chars + len(line.key)
            if run >= ROLES.above_headline_paragraphs and chars >= ROLES.above_headline_chars:
                last = i
        else:
            if last is not None:
                return last, i
            run = chars = 0
    return None


def extract_article(lines: list[Line], span: Span, index: int) -> Article:
    """Headline, deck, captions and body of one record; the language is set by the caller."""
    start, end = span
    record = Record(lines[start:end + 1])
    assign_roles(record)
    return _assembled(record, lines, span, index)


def _assembled(record: Record, lines: list[Line], span: Span, index: int) -> Article:
    """The article of a record whose lines have their roles from the model."""
    start, end = span
    apply_caption_rules(record)
    mark_tail(record)
    headline = record.first(Role.HEADLINE)
    if headline is not None and not record.kept_title and not can_be_headline(record.lines[headline]):
        headline = None            # a record of page furniture only
    deck = [_deck_text(record.lines[i]) for i in record.with_role(Role.DECK)]
    return Article(
        index=index,
        headline=_clean(record.lines[headline].text) if headline is not None else None,
        subheadline="\n".join(deck) or None,
        captions=_distinct_captions(record),
        body="\n\n".join(body_paragraphs(record)),
        line_start=lines[start].number,
        line_end=lines[end].number,
    )


def _distinct_captions(record: Record) -> list[str]:
    seen: set[str] = set()
    captions = []
    for i in record.with_role(Role.CAPTION):
        line = record.lines[i]
        if line.squeezed not in seen:
            seen.add(line.squeezed)
            captions.append(stripped_text(line))
    return captions


def _clean(text: str) -> str:
    """Whitespace-normalised: runs of spaces collapsed, ends trimmed."""
    return " ".join(text.split())


def _deck_text(line: Line) -> str:
    """A deck line without a genre label fused onto its front ("Analyse Après ...")."""
    return rules.DECK_LABEL.sub("", _clean(line.text), count=1)
