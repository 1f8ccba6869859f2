"""The header zone between the headline and the body: deck, bylines, widgets, captions.

Walking down from the headline, each line is one of:

* page furniture (dates, bylines, widgets, menus, captions, copies of the headline);
* a deck line: a title-like line right under the headline in the article's script,
  or a prose line with evidence that it is a standfirst and not the first paragraph
  (shown again under a copy of the headline; opened by the agency's name; followed by
  a dateline, a byline or a widget; or standing alone above a block of paragraphs);
* a short caption standing alone between the furniture and the first paragraph;
* the first line of the body, which ends the walk.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from . import rules
from .headline import same_text
from .lines import Line
from .roles import Role
from .text import script_of

POSITIONAL_CAPTION_MAX_WORDS = 12
MAX_BLANKS_UNDER_HEADLINE = 1


@dataclass(slots=True)
class Header:
    deck: list[int] = field(default_factory=list)
    body_start: int | None = None


@dataclass(slots=True)
class _Walk:
    """State of the walk down the header zone."""
    under_headline: bool = True     # nothing but deck lines seen since the headline
    furniture_seen: bool = False    # a date, byline, widget or caption was passed
    prose_deck: bool = False


def analyse_header(lines: list[Line], roles: dict[int, Role], headline: int, end: int,
                   article_script: str) -> Header:
    header, walk = Header(), _Walk()
    repeated_decks = _lines_under_headline_copies(lines, headline, end)
    blanks = 0
    for i in range(headline + 1, end + 1):
        line = lines[i]
        if line.blank:
            blanks += 1
            if blanks > MAX_BLANKS_UNDER_HEADLINE:
                walk.under_headline = False
            continue
        blanks = 0
        if _is_furniture(lines, roles, header, i):
            roles.setdefault(i, Role.REPEAT if _copies(lines, header.deck, i) else Role.HEADER)
            walk.under_headline = False
            walk.furniture_seen = True
            continue
        verdict = _classify(lines, roles, i, end, walk, article_script, repeated_decks)
        if verdict is Role.BODY:
            header.body_start = i
            return header
        roles[i] = verdict
        if verdict is Role.DECK:
            header.deck.append(i)
            walk.prose_deck = walk.prose_deck or line.prose
        else:
            walk.under_headline = False
            walk.furniture_seen = True
    return header


def _is_furniture(lines: list[Line], roles: dict[int, Role], header: Header, i: int) -> bool:
    line = lines[i]
    if i in roles or line.meta or line.separator:
        return True
    if line.nav_like and not line.title_like and not line.ends_sentence:
        return True
    return _copies(lines, header.deck, i)


def _copies(lines: list[Line], indexes: list[int], i: int) -> bool:
    return any(same_text(lines[i], lines[j]) for j in indexes)


def _classify(lines: list[Line], roles: dict[int, Role], i: int, end: int, walk: _Walk,
              article_script: str, repeated_decks: set[str]) -> Role:
    line = lines[i]
    nxt = _next_content(lines, roles, i, end)
    if line.prose:
        if not walk.prose_deck and _is_prose_deck(lines, i, nxt, walk, repeated_decks):
            return Role.DECK
        if walk.furniture_seen and _is_positional_caption(line, nxt, lines):
            return Role.CAPTION
        return Role.BODY
    if line.title_like:
        if walk.under_headline and _in_script(line, article_script):
            # a deck stands apart; a title-like line running straight into a paragraph
            # is the paragraph's first line, broken where the source broke it
            return Role.BODY if _runs_into_paragraph(lines, roles, i) else Role.DECK
        if line.key in repeated_decks and not walk.prose_deck:
            return Role.DECK
        return Role.HEADER if walk.furniture_seen else Role.BODY
    # short text that is neither a title nor a paragraph: "Izaskun Lesaka.", "سادساً :"
    if walk.furniture_seen and _is_positional_caption(line, nxt, lines):
        return Role.CAPTION
    return Role.HEADER if walk.furniture_seen else Role.BODY


def _is_prose_deck(lines: list[Line], i: int, nxt: int | None, walk: _Walk,
                   repeated_decks: set[str]) -> bool:
    line = lines[i]
    if line.key in repeated_decks or rules.DECK_OPENER.match(line.key):
        return True
    if nxt is None or rules.BODY_OPENER.match(line.key):
        return False
    below = lines[nxt]
    if rules.BODY_OPENER.match(below.key) and walk.under_headline:
        return True
    if (below.chrome or below.byline) and _prose_follows(lines, nxt):
        return True
    return walk.under_headline and _alone_above_paragraph_block(lines, i, nxt)


def _is_positional_caption(line: Line, nxt: int | None, lines: list[Line]) -> bool:
    return (nxt is not None and line.words <= POSITIONAL_CAPTION_MAX_WORDS
            and lines[nxt].prose and not rules.BODY_OPENER.match(line.key))


def _in_script(line: Line, article_script: str) -> bool:
    return article_script == "none" or script_of(line.key) in (article_script, "none")


def _next_content(lines: list[Line], roles: dict[int, Role], i: int, end: int) -> int | None:
    """The next line that is neither blank nor an already-known caption or credit."""
    for j in range(i + 1, end + 1):
        if lines[j].blank or roles.get(j) in (Role.CAPTION, Role.CREDIT):
            continue
        return j
    return None


def _runs_into_paragraph(lines: list[Line], roles: dict[int, Role], i: int) -> bool:
    below = i + 1
    return below < len(lines) and below not in roles and lines[below].prose and not lines[below].meta


def _prose_follows(lines: list[Line], i: int) -> bool:
    """Prose appears within a few lines after the furniture at i."""
    for j in range(i + 1, min(i + 4, len(lines))):
        if lines[j].prose:
            return True
    return False


def _alone_above_paragraph_block(lines: list[Line], i: int, nxt: int) -> bool:
    """A one-line block above a block of several paragraphs: Fars News leads."""
    alone = (i == 0 or lines[i - 1].blank) and all(lines[k].blank for k in range(i + 1, nxt))
    if not alone or nxt == i + 1:
        return False
    return nxt + 1 < len(lines) and lines[nxt].prose and lines[nxt + 1].prose


def _lines_under_headline_copies(lines: list[Line], headline: int, end: int) -> set[str]:
    """Keys of lines shown more than once, one copy right under a copy of the headline:
    a standfirst repeated in a share box or a page's second header."""
    under = set()
    for i in range(headline + 1, end + 1):
        if same_text(lines[i], lines[headline]):
            for j in range(i + 1, end + 1):
                if not lines[j].blank:
                    under.add(lines[j].key)
                    break
    counts = Counter(lines[i].key for i in range(headline, end + 1) if lines[i].key in under)
    return {key for key, n in counts.items() if n >= 2}
