"""The boundary model's features of a run of candidates, computed on windows of lines
made around them (``LineStore.window``), never on the whole dump's lines at once.

A candidate's features read the lines around it, never far: the gap above it (however
long), ``BOUNDARY.copy_window`` lines above for a copy, and below for one plus
``look_lines`` past it, and ``change_reach`` lines of text each way for the nearest
paragraphs. A window holds all of that for each of its candidates, so the features are
those of the whole dump's lines.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence

from .boundaries import boundary_features
from .gaps import DumpStyle
from .line_store import BLANK_BIT, SEPARATOR_BIT, LineSource
from .thresholds import BOUNDARY

# Lines of text a candidate's features may read on either side (past its gap above).
_REACH = max(BOUNDARY.copy_window + BOUNDARY.look_lines, BOUNDARY.change_reach) + 1


def window_features(source: LineSource, found: Sequence[int], next_copy: array,
                    dump: DumpStyle) -> list[list[str]]:
    """``boundary_features`` of the candidates ``found`` (indexes into ``source``)."""
    features: list[list[str]] = []
    for lo, hi, group in _windows(source, found):
        lines = source.window(lo, hi)
        copies = {c - lo: next_copy[c] for c in group if next_copy[c]}
        features.extend(boundary_features(lines, [c - lo for c in group], copies, dump))
    return features


class RunFeatures:
    """``window_features`` of runs of candidates that go forward and overlap (a window of
    the model's and the margin of context it shares with the next): each candidate's
    features are computed once, the next run's share of a run kept for it."""

    def __init__(self, source: LineSource, found: Sequence[int], next_copy: array, dump: DumpStyle):
        self._source, self._found, self._next_copy, self._dump = source, found, next_copy, dump
        self._first = 0                           # the features held are found[_first:]'s ...
        self._rows: list[list[str]] = []          # ... up to _first + len(_rows)

    def of(self, a: int, b: int) -> list[list[str]]:
        """The features of candidates ``found[a:b]``; ``a`` is never below an earlier call's."""
        if a < self._first:
            raise ValueError("runs of candidates go forward")
        held = self._first + len(self._rows)
        rows = self._rows[a - self._first:] if a < held else []
        if b > max(a, held):
            rows += window_features(self._source, self._found[max(a, held):b], self._next_copy, self._dump)
        self._first, self._rows = a, rows
        return rows[:b - a]


def _windows(source: LineSource, found: Sequence[int]) -> Iterator[tuple[int, int, list[int]]]:
    """Runs of candidates with the lines their features read (from lo to hi - 1): a run
    ends where the next candidate is far below the last one, or the run has grown to
    ``BOUNDARY.window_max_lines``. The reach of a later candidate never starts above an
    earlier one's, nor ends above it, so the run's first and last candidates tell."""
    group: list[int] = []
    for c in found:
        if group and (c - group[-1] > 2 * _REACH or c - group[0] > BOUNDARY.window_max_lines):
            yield _reach_above(source, group[0]), _reach_below(source, group[-1]), group
            group = []
        group.append(c)
    if group:
        yield _reach_above(source, group[0]), _reach_below(source, group[-1]), group


def _reach_above(source: LineSource, i: int) -> int:
    """The first line a candidate's features may read: the line above its gap, and
    ``_REACH`` lines of text above it."""
    above = i - 1
    while above >= 0 and source.bits(above) & (BLANK_BIT | SEPARATOR_BIT):
        above -= 1
    j, seen = i - 1, 0
    while j > 0 and seen < _REACH:
        if not source.bits(j) & BLANK_BIT:
            seen += 1
        j -= 1
    return max(0, min(above, j))


def _reach_below(source: LineSource, i: int) -> int:
    """One past the last line a candidate's features may read: ``_REACH`` lines of text
    from the candidate on."""
    j, seen, total = i, 0, len(source)
    while j < total and seen < _REACH:
        if not source.bits(j) & BLANK_BIT:
            seen += 1
        j += 1
    return j
