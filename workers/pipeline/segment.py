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
    if first.title_like:
        score += TITLE_OPENS_BLOCK
    if first.url:
        score += URL_OPENS_BLOCK
    if _opens_with_nav_menu(lines, after):
        score += NAV_MENU_OPENS_BLOCK
    if lines[before[1]].footer:
        score += FOOTER_CLOSES_BLOCK
    return score


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
