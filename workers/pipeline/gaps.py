"""The gaps between lines of a dump: blank lines, separator lines, and how usual they are."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

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

    def __init__(self, lines: Iterable[Line] = (), tally: GapTally | None = None):
        """The style of ``lines``, or of the lines a ``GapTally`` was given."""
        if tally is None:
            tally = GapTally()
            for line in lines:
                tally.add(line)
        gaps = tally.paragraph_gaps
        total = sum(gaps.values())
        # share of paragraph gaps at least g blank lines long, for g = 0..4; a dump with
        # too few paragraphs says nothing
        self._at_least = None if total < BOUNDARY.min_paragraph_gaps else [
            sum(n for gap, n in gaps.items() if gap >= g) / total for g in range(5)]
        self.separators = "some" if tally.separators else "none"
        # One gap everywhere (a blank line between paragraphs and between records alike, a
        # list's lines perhaps with none): nothing but the text says where a record starts.
        self.uniform = not tally.separators and tally.widest_gap == 1 and self.rarity(1) == "most"

    def rarity(self, gap: int) -> str:
        """How many paragraph gaps are at least this long: 'none', 'few', 'some' or 'most'
        ('zero' for no gap, 'unknown' when the dump has too few paragraphs to tell)."""
        if gap == 0:
            return "zero"
        if self._at_least is None:
            return "unknown"
        share = self._at_least[min(gap, 4)]
        return "none" if share == 0 else "few" if share < 0.1 else "some" if share < 0.5 else "most"


class GapTally:
    """The counts ``DumpStyle`` is made of, taken a line at a time (in order), so that no
    line needs to be held for them."""

    __slots__ = ("paragraph_gaps", "separators", "blank_lines", "widest_gap", "_run", "_after_separator",
                 "_seen_text")

    def __init__(self) -> None:
        self.paragraph_gaps: Counter = Counter()
        self.separators = 0
        self.blank_lines = 0
        self.widest_gap = 0          # the most blank lines between two lines of text
        self._run, self._after_separator, self._seen_text = 0, True, False

    def add(self, line: Line) -> None:
        if line.blank:
            self._run += 1
            self.blank_lines += 1
            return
        if line.separator:
            self.separators += 1
            self._after_separator = True
        else:
            if self._seen_text:
                self.widest_gap = max(self.widest_gap, self._run)
            self._seen_text = True
            # the gap above a paragraph: inside a record (between paragraphs, or under a
            # headline), almost never where a record starts
            if line.prose and not self._after_separator:
                self.paragraph_gaps[min(self._run, 4)] += 1
            self._after_separator = False
        self._run = 0


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
