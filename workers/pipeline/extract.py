"""Turn one record (a span of lines) into an article: the stages in order."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from . import rules
from .body import body_paragraphs, find_body_end, find_tail_start
from .captions import mark_captions
from .header import analyse_header
from .headline import find_headline, same_text
from .lines import Line
from .roles import Role
from .segment import Span
from .text import script_of

SCRIPT_SAMPLE_LINES = 5


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
    roles: dict[int, Role] = {}
    found = find_headline(lines, start, end)
    headline = found.index
    _mark_headline(lines, roles, start, end, headline, found.kickers)
    script = _article_script(lines, start, end)
    tail_start = find_tail_start(lines, (headline if headline is not None else start) + 1, end)
    mark_captions(lines, roles, start, tail_start - 1, headline, script)

    deck: list[int] = []
    if headline is not None:
        header = analyse_header(lines, roles, headline, tail_start - 1, script)
        deck, body_start = header.deck, header.body_start
    else:
        body_start = _first_free_line(lines, roles, start, tail_start - 1)

    paragraphs: list[str] = []
    if body_start is not None:
        body_end = find_body_end(lines, roles, body_start, tail_start)
        paragraphs = body_paragraphs(lines, roles, body_start, body_end)
    body = "\n\n".join(paragraphs)

    headline_text = _clean(lines[headline].text) if headline is not None else None
    subheadline = "\n".join(_deck_text(lines[i]) for i in deck) or None
    return Article(
        index=index,
        headline=headline_text,
        subheadline=subheadline,
        captions=_distinct_captions(lines, roles, start, end),
        body=body,
        line_start=lines[start].number,
        line_end=lines[end].number,
    )


def _mark_headline(lines: list[Line], roles: dict[int, Role], start: int, end: int,
                   headline: int | None, kickers: list[int]) -> None:
    """The headline, its kickers, and every other copy of them (page chrome)."""
    originals = kickers + ([headline] if headline is not None else [])
    for i in originals:
        roles[i] = Role.KICKER if i != headline else Role.HEADLINE
    for i in range(start, end + 1):
        if i not in roles and not lines[i].blank and any(same_text(lines[i], lines[j]) for j in originals):
            roles[i] = Role.REPEAT


def _article_script(lines: list[Line], start: int, end: int) -> str:
    """The script of the record's first paragraphs: what its alt texts are not in."""
    sample = []
    for i in range(start, end + 1):
        if lines[i].prose:
            sample.append(lines[i].key)
            if len(sample) >= SCRIPT_SAMPLE_LINES:
                break
    return script_of(" ".join(sample)) if sample else "none"


def _first_free_line(lines: list[Line], roles: dict[int, Role], start: int, end: int) -> int | None:
    for i in range(start, end + 1):
        if i not in roles and not lines[i].blank and not lines[i].meta:
            return i
    return None


def _distinct_captions(lines: list[Line], roles: dict[int, Role], start: int, end: int) -> list[str]:
    seen: set[str] = set()
    captions = []
    for i in range(start, end + 1):
        if roles.get(i) is Role.CAPTION and lines[i].key not in seen:
            seen.add(lines[i].key)
            captions.append(lines[i].text.strip())
    return captions


def _clean(text: str) -> str:
    """Whitespace-normalised: runs of spaces collapsed, ends trimmed."""
    return " ".join(text.split())


def _deck_text(line: Line) -> str:
    """A deck line without a genre label fused onto its front ("Analyse Après ...")."""
    return rules.DECK_LABEL.sub("", _clean(line.text), count=1)
