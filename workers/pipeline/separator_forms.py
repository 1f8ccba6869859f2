"""Whether a separator line looks like the separator lines nearest it.

A dump that separates its articles with a rule repeats that rule between each two of
them; a rule drawn inside a copied page (an "<hr>" made text, "..." after a cut teaser)
differs from the rules around it. Compared with its nearest separators rather than with
the dump's most frequent one, a rule keeps its meaning in dumps joined into one, each
part with a rule of its own.

``SeparatorNeighbours`` finds this as the dump is read, a line at a time, holding only
the last ``NEAREST`` separator lines' forms.
"""

from __future__ import annotations

import re
from collections import deque

from .lines import Line

# How many separator lines above and below a separator line are compared with it.
NEAREST = 2
# A line's value in ``SeparatorNeighbours.matches``.
NOT_A_SEPARATOR, OTHER, SAME = 0, 1, 2

_DIGITS = re.compile(r"\d+")


def separator_form(line: Line) -> str:
    """What two separator lines of one dump's kind share: the characters of a rule
    ("-----" and "--------" alike, "* * *" apart), a page marker with its number taken out,
    or the kind alone for file headers (``tail``'s "==> name <==") and form feeds."""
    key = line.key
    if not key:
        return "formfeed"
    if key.startswith("==>"):
        return "file_header"
    if any(c.isdigit() for c in key):
        return _DIGITS.sub("0", line.squeezed)
    spaced = " " if " " in key else ""
    return spaced + "".join(sorted(set(key) - {" "}))


class SeparatorNeighbours:
    """Per line: ``SAME`` for a separator line of the form of one of the ``NEAREST``
    separator lines above or below it, ``OTHER`` for another separator line,
    ``NOT_A_SEPARATOR`` for the rest. Lines are given in order (``add``); a line's value
    is final once ``NEAREST`` more separator lines have been read, or the dump ends."""

    def __init__(self) -> None:
        self.matches = bytearray()      # a byte a line
        self.count = 0                  # separator lines seen
        self._recent: deque[tuple[int, str]] = deque(maxlen=NEAREST)

    def add(self, line: Line) -> None:
        i = len(self.matches)
        if not line.separator:
            self.matches.append(NOT_A_SEPARATOR)
            return
        self.count += 1
        form = separator_form(line)
        value = OTHER
        for j, other in self._recent:
            if other == form:
                self.matches[j] = value = SAME
        self.matches.append(value)
        self._recent.append((i, form))

    def describe(self, i: int) -> str:
        """The separator line i compared with its neighbours: 'same' or 'other'. The dump's
        one separator line counts as 'same': two articles pasted with a rule between them
        are as common a dump as any (train's few lone rules are mostly rules inside pages,
        but its dumps all hold many articles)."""
        return "same" if self.count < 2 or self.matches[i] == SAME else "other"
