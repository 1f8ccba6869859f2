"""The gaps between lines of a dump: blank lines, separator lines, and how usual they are."""

from __future__ import annotations

from collections import Counter

from .lines import Line
from .thresholds import BOUNDARY


class DumpStyle:
    """How this dump separates paragraphs and records, counted once.

    Paragraph gaps are the counts of blank lines above a paragraph (below another one or
    below a headline).
    A gap is *rare* when few paragraph gaps are as long: three blank lines where
    paragraphs have one, or one blank line where paragraphs have none. Records of one
    dump may differ (copied pages put blank lines between some blocks, not others), so
    this is a share, not one usual value."""

    def __init__(self, lines: list[Line]):
        paragraph_gaps: Counter = Counter()
        run, separators, after_separator = 0, 0, True
        gaps: set[int] = set()   # every gap between two lines of text, in blank lines
        seen_text = False
        for line in lines:
            if line.blank:
                run += 1
                continue
            if line.separator:
                separators += 1
                after_separator = True
            else:
                if seen_text:
                    gaps.add(min(run, 4))
                seen_text = True
                # the gap above a paragraph: inside a record (between paragraphs, or under a
                # headline), almost never where a record starts
                if line.prose and not after_separator:
                    paragraph_gaps[min(run, 4)] += 1
                after_separator = False
            run = 0
        total = sum(paragraph_gaps.values())
        # share of paragraph gaps at least g blank lines long, for g = 0..4; a dump with
        # too few paragraphs says nothing
        self._at_least = None if total < BOUNDARY.min_paragraph_gaps else [
            sum(n for gap, n in paragraph_gaps.items() if gap >= g) / total for g in range(5)]
        self.separators = "some" if separators else "none"
        # One gap everywhere (a blank line between paragraphs and between records alike, a
        # list's lines perhaps with none): nothing but the text says where a record starts.
        self.uniform = not separators and max(gaps, default=0) == 1 and self.rarity(1) == "most"

    def rarity(self, gap: int) -> str:
        """How many paragraph gaps are at least this long: 'none', 'few', 'some' or 'most'
        ('zero' for no gap, 'unknown' when the dump has too few paragraphs to tell)."""
        if gap == 0:
            return "zero"
        if self._at_least is None:
            return "unknown"
        share = self._at_least[min(gap, 4)]
        return "none" if share == 0 else "few" if share < 0.1 else "some" if share < 0.5 else "most"


def gap_above(lines: list[Line], i: int) -> tuple[int, Line | None, int | None]:
    """Blank lines right above i, the separator line among them if any, and the index
    of the content line above the gap."""
    blanks, separator = 0, None
    j = i - 1
    while j >= 0 and (lines[j].blank or lines[j].separator):
        if lines[j].separator:
            separator = separator or lines[j]
        else:
            blanks += 1
        j -= 1
    return blanks, separator, (j if j >= 0 else None)


def separator_kind(line: Line) -> str:
    """formfeed, file_header (`tail`), page_marker, rule or rule_spaced ("* * *")."""
    key = line.key
    if not key:
        return "formfeed"
    if key.startswith("==>"):
        return "file_header"
    if any(c.isdigit() for c in key):
        return "page_marker"
    return "rule_spaced" if " " in key else "rule"
