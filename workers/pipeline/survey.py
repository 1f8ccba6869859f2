"""What segmentation must know of the whole dump before it labels any place, gathered a
line at a time as the dump is read (``LineStore``'s watch), so that no line is held for it:
the dump's gaps (``gaps.DumpStyle``) and its lines shown again close below (``copies``)."""

from __future__ import annotations

from array import array

from .copies import CopyTracker
from .gaps import DumpStyle, GapTally
from .lines import Line


class DumpSurvey:
    def __init__(self) -> None:
        self._gaps = GapTally()
        self._copies = CopyTracker()

    @classmethod
    def of(cls, lines: list[Line]) -> "DumpSurvey":
        survey = cls()
        for line in lines:
            survey.add(line)
        return survey

    def add(self, line: Line) -> None:
        self._gaps.add(line)
        self._copies.add(line)

    def style(self) -> DumpStyle:
        return DumpStyle(tally=self._gaps)

    @property
    def next_copy(self) -> array:
        """Per line, the distance to its copy below, 0 for none (``copies.CopyTracker``)."""
        return self._copies.distances

    def copies_mark_records(self) -> bool:
        """True for a dump with no blank line anywhere in which lines shown again close
        below outnumber the separator lines: its records are marked by a headline repeated
        at their top, not by gaps or rules. The boundary model, which weighs a copy against
        the gaps of all the layouts it was trained on, finds only part of these starts (on
        the training set's repeated-headline dumps, 52 records of 75); this finds them
        where they are."""
        return not self._gaps.blank_lines and self._copies.near > self._gaps.separators
