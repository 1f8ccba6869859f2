"""Lines shown again close below: a page that repeats its headline at its top.

``CopyTracker`` finds them as the dump is read, a line at a time, holding only the last
``BOUNDARY.copy_window`` lines' squeezed keys: what segmentation needs of the whole dump
without the dump's lines being held for it.
"""

from __future__ import annotations

from array import array
from collections import Counter, deque

from .lines import Line
from .thresholds import BOUNDARY


class CopyTracker:
    """For a line shown again within ``BOUNDARY.copy_window`` lines below (and not in the
    window above), the distance to that copy: ``distances[i]``, 0 for the other lines.
    Lines are given in order (``add``); a line's distance is known once the window below
    it has been read."""

    def __init__(self) -> None:
        self.distances = array("B")      # the window is 60 lines: a byte a line
        self.near = 0                    # distances up to BOUNDARY.record_copy_reach
        self._recent: deque[tuple[int, str]] = deque()    # non-blank lines of the window above
        self._recent_keys: Counter = Counter()
        # the last title-like showing of each key in the window: (index, copy above it)
        self._last_seen: dict[str, tuple[int, bool]] = {}

    def add(self, line: Line) -> None:
        i = len(self.distances)
        self.distances.append(0)
        window = BOUNDARY.copy_window
        recent, recent_keys = self._recent, self._recent_keys
        while recent and recent[0][0] < i - window:
            j, key = recent.popleft()
            recent_keys[key] -= 1
            if not recent_keys[key]:
                del recent_keys[key]
            seen = self._last_seen.get(key)
            if seen is not None and seen[0] == j:
                del self._last_seen[key]          # too far above to be anyone's copy
        if line.blank:
            return
        key = line.squeezed
        if not line.separator and line.title_like:
            copy_above = key in recent_keys       # a copy above makes it a later copy, not a page's top
            seen = self._last_seen.get(key)
            if seen is not None and not seen[1]:  # (seen lies in the window: older ones are gone)
                distance = i - seen[0]
                self.distances[seen[0]] = distance
                if distance <= BOUNDARY.record_copy_reach:
                    self.near += 1
            self._last_seen[key] = (i, copy_above)
        recent.append((i, key))
        recent_keys[key] += 1


def next_copy_distances(lines: list[Line]) -> dict[int, int]:
    """For a line shown again within ``BOUNDARY.copy_window`` lines below (and not in the
    window above), the distance to that copy."""
    tracker = CopyTracker()
    for line in lines:
        tracker.add(line)
    return {i: distance for i, distance in enumerate(tracker.distances) if distance}


def copy_above(lines: list[Line], i: int) -> bool:
    """True if a copy of line i is shown in the window above it."""
    key = lines[i].squeezed
    for j in range(max(0, i - BOUNDARY.copy_window), i):
        if lines[j].squeezed == key and not lines[j].blank:
            return True
    return False
