"""Captions: lines that belong to the article's photos, videos and graphics.

Rules, applied in this order inside a record (before its related-stories tail):

1. a credit or gallery label on the line itself (``rules.CAPTION_CREDIT``, ``rules.CAPTION_START``);
2. a line directly above a credit that stands alone on its line ("© AFP 2019 / ...");
3. a line shown several times that is not the headline or the deck (a caption shown
   at the top of the page and again in the text);
4. a companion of a caption found above, on the adjacent line: an alt text in another
   script than the article's, or a line sharing most of its words with the caption.

A fifth rule, a short line standing alone between the page furniture and the first
paragraph, needs the header analysis and lives in ``header.py``.
"""

from __future__ import annotations

from collections import Counter

from .headline import same_text
from .lines import Line
from .roles import Role
from .text import content_words, script_of

REPEATED_CAPTION_MIN_WORDS = 4
REPEATED_CAPTION_MAX_CHARS = 250
COMPANION_MAX_WORDS = 25
COMPANION_MIN_SHARED = 3
COMPANION_MIN_SHARE = 0.4


def mark_captions(lines: list[Line], roles: dict[int, Role], start: int, end: int,
                  headline: int | None, article_script: str) -> None:
    """Set Role.CAPTION (and Role.CREDIT for stand-alone credits) on lines[start..end]."""
    for i in range(start, end + 1):
        line = lines[i]
        if i in roles or line.blank:
            continue
        if line.caption_pattern and not line.chrome:
            roles[i] = Role.CAPTION
        elif i + 1 <= end and lines[i + 1].credit_only and not line.meta and line.words >= 2:
            roles[i] = Role.CAPTION
            roles[i + 1] = Role.CREDIT
    _mark_repeated(lines, roles, start, end, headline)
    _mark_companions(lines, roles, start, end, article_script)


def _mark_repeated(lines: list[Line], roles: dict[int, Role], start: int, end: int,
                   headline: int | None) -> None:
    counts = Counter(
        lines[i].key for i in range(start, end + 1)
        if i not in roles and _could_be_repeated_caption(lines[i])
    )
    repeated = {key for key, n in counts.items() if n >= 2}
    if not repeated:
        return
    under_headline = _keys_under_headline_copies(lines, start, end, headline)
    for i in range(start, end + 1):
        if i not in roles and lines[i].key in repeated and lines[i].key not in under_headline:
            roles[i] = Role.CAPTION


def _could_be_repeated_caption(line: Line) -> bool:
    return (not line.blank and not line.meta and line.words >= REPEATED_CAPTION_MIN_WORDS
            and len(line.key) <= REPEATED_CAPTION_MAX_CHARS)


def _keys_under_headline_copies(lines: list[Line], start: int, end: int,
                                headline: int | None) -> set[str]:
    """Keys of lines right under a later copy of the headline: a repeated deck, not a caption."""
    if headline is None:
        return set()
    keys = set()
    for i in range(headline + 1, end + 1):
        if same_text(lines[i], lines[headline]):
            nxt = _next_non_blank(lines, i, end)
            if nxt is not None:
                keys.add(lines[nxt].key)
    return keys


def _mark_companions(lines: list[Line], roles: dict[int, Role], start: int, end: int,
                     article_script: str) -> None:
    found = [i for i in range(start, end + 1) if roles.get(i) is Role.CAPTION]
    for i in found:
        above, below = i - 1, i + 1
        if above >= start and above not in roles and _is_alt_text(lines[above], lines[i], article_script):
            roles[above] = Role.CAPTION
        if below <= end and below not in roles and _shares_words(lines[below], lines[i]):
            roles[below] = Role.CAPTION


def _is_alt_text(line: Line, caption: Line, article_script: str) -> bool:
    if line.blank or line.meta or line.separator:
        return False
    script = script_of(line.key)
    if script not in ("none", article_script) and article_script != "none":
        return True
    return _shares_words(line, caption)


def _shares_words(line: Line, caption: Line) -> bool:
    if line.blank or line.meta or line.separator or line.words > COMPANION_MAX_WORDS:
        return False
    own = content_words(line.key)
    if not own:
        return False
    shared = len(own & content_words(caption.key))
    return shared >= COMPANION_MIN_SHARED and shared >= COMPANION_MIN_SHARE * len(own)


def _next_non_blank(lines: list[Line], i: int, end: int) -> int | None:
    for j in range(i + 1, end + 1):
        if not lines[j].blank:
            return j
    return None
