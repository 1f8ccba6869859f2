"""One record of a dump: its lines and the role each line plays in the article.

Every stage after segmentation reads and writes a ``Record``: the role model labels its
lines, the caption rules add captions, and the article is assembled from the roles.
Indexes are 0-based positions inside the record (``record.lines[i]``); ``Line.number``
keeps the 1-based line number in the dump.
"""

from __future__ import annotations

from collections.abc import Iterator

from .lines import Line
from .roles import Role


class Record:
    """The lines of one article's record and their roles (``None`` until a stage decides)."""

    __slots__ = ("lines", "roles", "kept_title", "_content")

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.roles: list[Role | None] = [None] * len(lines)
        # the headline is a title the rules ruled out, kept over a paragraph (``headline_fallback``)
        self.kept_title = False
        self._content: list[int] | None = None

    def __len__(self) -> int:
        return len(self.lines)

    @property
    def content(self) -> list[int]:
        """Indexes of the lines with text, in order (what the role model labels): not
        blank, and not a form feed alone on its line."""
        if self._content is None:
            self._content = [i for i, line in enumerate(self.lines) if line.key]
        return self._content

    def with_role(self, role: Role) -> Iterator[int]:
        return (i for i, r in enumerate(self.roles) if r is role)

    def first(self, role: Role) -> int | None:
        return next(self.with_role(role), None)

    def next_content(self, i: int) -> int | None:
        """The next non-blank line after ``i``, if any."""
        for j in range(i + 1, len(self.lines)):
            if not self.lines[j].blank:
                return j
        return None

    def blanks_before(self, i: int) -> int:
        n = 0
        while i - n - 1 >= 0 and self.lines[i - n - 1].blank:
            n += 1
        return n

    def blanks_after(self, i: int) -> int:
        n = 0
        while i + n + 1 < len(self.lines) and self.lines[i + n + 1].blank:
            n += 1
        return n

