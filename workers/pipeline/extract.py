"""Turn one record (a span of lines) into an article: the stages in order.

    roles from the model (line_roles) -> captions the rules know (captions)
    -> where the body ends (body) -> the article's fields
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from . import rules
from .body import body_paragraphs, mark_tail
from .captions import apply_caption_rules
from .line_roles import assign_roles, can_be_headline
from .lines import Line, analyse_line, stripped_text
from .record import Record
from .roles import Role
from .segment import Span
from .thresholds import LINE


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


def extract_article(lines: list[Line], span: Span, index: int) -> Article:
    """Headline, deck, captions and body of one record; the language is set by the caller."""
    start, end = span
    record = Record(lines[start:end + 1])
    assign_roles(record)
    apply_caption_rules(record)
    mark_tail(record)
    headline = record.first(Role.HEADLINE)
    if headline is not None and not can_be_headline(record.lines[headline]):
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


def is_page_chrome(article: Article, among_others: bool) -> bool:
    """Whether a record is page furniture rather than an article, and is left out.

    A record with neither headline nor body ("TT", a row of share buttons) never is an
    article. Between other records, neither is one with no caption whose body holds no
    sentence of running text: a video's "Play" label, a sidebar's title over its links, a
    site's footer cut off below an article get a headline-shaped line, but an article has a
    paragraph, or photos (a gallery). On dev, 7 such records and none an article; on
    train 40, one of them an article's headline whose body went to the next record. A
    dump's only record is kept: a headline over one short line is then what the user sent."""
    if article.headline is None and not article.body:
        return True
    return among_others and not article.captions and not any(map(_running_text, article.body.split("\n\n")))


def _running_text(paragraph: str) -> bool:
    # a long paragraph is prose, decided without analysing all of it (most articles
    # open with one); a short one is prose when it reads as a sentence (``Line.prose``)
    return len(paragraph) >= LINE.prose_min_chars or analyse_line(0, paragraph).prose


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
