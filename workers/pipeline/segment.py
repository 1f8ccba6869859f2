"""Segmentation: where one article's record ends and the next begins.

Two kinds of dump exist in the wild:

* dumps with separator lines (rules of dashes, ``* * *``, ``==> file <==`` headers, page
  markers): the separators alone split it, and blank lines inside a record stay inside;
* dumps with blank lines only. A gap of blank lines is scored as a boundary from what
  surrounds it: a gap longer than the usual paragraph gap, a title-like line opening
  the next block, a URL line or a navigation menu opening the next block, a footer
  closing the previous one. When records have no blank lines inside them ("packed"
  records), every usual gap is a boundary.

Spans are 0-based, inclusive indexes into the line list, trimmed of blank lines.
"""

from __future__ import annotations

from collections import Counter

from . import rules
from .lines import Line

# Evidence that a blank gap is a record boundary; a gap needs BOUNDARY_SCORE to split.
BOUNDARY_SCORE = 2
LONGER_THAN_USUAL_GAP = 1
TITLE_OPENS_BLOCK = 1
PACKED_RECORD_GAP = 3
URL_OPENS_BLOCK = 3
NAV_MENU_OPENS_BLOCK = 3
FOOTER_CLOSES_BLOCK = 1
# A dump is "packed" when most of its blank-separated blocks have several lines.
PACKED_BLOCK_SHARE = 0.7
NAV_MENU_MIN_LINES = 4
HEADLINE_COPY_BELOW = 2
HEADLINE_BETWEEN_PARAGRAPHS = 1
# How far below a title line a copy of it still marks a page's repeated headline.
HEADLINE_COPY_WINDOW = 12

Span = tuple[int, int]


def segment(lines: list[Line]) -> list[Span]:
    """Return the article spans of a dump, in order and never overlapping."""
    if any(line.separator for line in lines):
        pieces = _split_at_separators(lines)
    else:
        pieces = _split_at_blank_gaps(lines)
    return [span for span in (_trim(lines, a, b) for a, b in pieces) if span is not None]


def _split_at_separators(lines: list[Line]) -> list[Span]:
    pieces, start = [], 0
    for i, line in enumerate(lines):
        if line.separator:
            if i > start:
                pieces.append((start, i - 1))
            start = i + 1
    if start < len(lines):
        pieces.append((start, len(lines) - 1))
    return pieces


def _blocks(lines: list[Line]) -> list[Span]:
    """Maximal runs of non-blank lines."""
    blocks, start = [], None
    for i, line in enumerate(lines):
        if line.blank:
            if start is not None:
                blocks.append((start, i - 1))
                start = None
        elif start is None:
            start = i
    if start is not None:
        blocks.append((start, len(lines) - 1))
    return blocks


def _split_at_blank_gaps(lines: list[Line]) -> list[Span]:
    blocks = _blocks(lines)
    if len(blocks) <= 1:
        return blocks
    gaps = [blocks[k + 1][0] - blocks[k][1] - 1 for k in range(len(blocks) - 1)]
    usual_gap = min(Counter(gaps).most_common(), key=lambda item: (-item[1], item[0]))[0]
    multi_line = sum(1 for a, b in blocks if b > a)
    packed = multi_line >= PACKED_BLOCK_SHARE * len(blocks)

    pieces, start = [], blocks[0][0]
    for k, gap in enumerate(gaps):
        before, after = blocks[k], blocks[k + 1]
        if _boundary_score(lines, before, after, gap, usual_gap, packed) >= BOUNDARY_SCORE:
            pieces.append((start, before[1]))
            start = after[0]
    pieces.append((start, blocks[-1][1]))
    return pieces


def _boundary_score(lines: list[Line], before: Span, after: Span, gap: int,
                    usual_gap: int, packed: bool) -> int:
    score = 0
    if packed and gap >= usual_gap:
        score += PACKED_RECORD_GAP
    elif gap > usual_gap:
        score += LONGER_THAN_USUAL_GAP
    first = lines[after[0]]
    if _could_open_an_article(first):
        score += TITLE_OPENS_BLOCK
        if _shown_again_below(lines, after[0]):
            score += HEADLINE_COPY_BELOW
        elif _stands_between_paragraphs(lines, before, after):
            score += HEADLINE_BETWEEN_PARAGRAPHS
    if first.url:
        score += URL_OPENS_BLOCK
    if _opens_with_nav_menu(lines, after):
        score += NAV_MENU_OPENS_BLOCK
    if lines[before[1]].footer:
        score += FOOTER_CLOSES_BLOCK
    return score


def _could_open_an_article(line: Line) -> bool:
    """Title-like, and not a caption or a bulleted subheading ("* توقع الفيتو")."""
    return line.title_like and not line.caption_pattern and not rules.BULLET.match(line.key)


def _shown_again_below(lines: list[Line], i: int) -> bool:
    """A page repeats its headline a few lines down, in another block (the seed shows it
    three times). Only the first showing counts, and captions (which repeat too) do not."""
    key = lines[i].key.replace(" ", "")
    window_start = max(0, i - HEADLINE_COPY_WINDOW)
    if any(lines[j].key.replace(" ", "") == key for j in range(window_start, i)):
        return False
    crossed_blank = False
    for j in range(i + 1, min(i + 1 + HEADLINE_COPY_WINDOW, len(lines))):
        crossed_blank = crossed_blank or lines[j].blank
        if crossed_blank and lines[j].key.replace(" ", "") == key:
            return True
    return False


def _stands_between_paragraphs(lines: list[Line], before: Span, after: Span) -> bool:
    """A one-line title block after a paragraph (page chrome such as "...المزيد" aside)
    and before running text."""
    last = next((lines[i] for i in range(before[1], -1, -1) if not lines[i].blank and not lines[i].meta), None)
    if after[0] != after[1] or last is None or not last.prose:
        return False
    nxt = after[1] + 1
    while nxt < len(lines) and lines[nxt].blank:
        nxt += 1
    return nxt < len(lines) and lines[nxt].prose


def _opens_with_nav_menu(lines: list[Line], block: Span) -> bool:
    """A site menu within the first two lines of a block: a page copy starts here."""
    a, b = block
    for start in (a, a + 1):
        run = 0
        for i in range(start, b + 1):
            if not lines[i].nav_like:
                break
            run += 1
            if run >= NAV_MENU_MIN_LINES:
                return True
    return False


def _trim(lines: list[Line], a: int, b: int) -> Span | None:
    while a <= b and lines[a].blank:
        a += 1
    while b >= a and lines[b].blank:
        b -= 1
    return (a, b) if a <= b else None
