"""The analysed lines of a whole dump, held compactly and handed out a window at a time.

A ``Line`` object costs about 350 bytes beside its text (its slots, its number, its
squeezed key): nothing beside a paragraph, thirty times a line of ten characters. Held for
every line of a dump of tiny lines, they took 45 bytes per byte of dump. So a line shorter
than ``LINE.object_min_chars`` keeps only a code of its facts (1 to 4 bytes: the facts of
a line, its word count and flags, take a few hundred values in a dump, each stored once);
when a window of lines is asked for, its text is cut from the dump's text again, its key
and squeezed key are computed again (cheap on a short line) and its ``Line`` is made
anew, equal to the first. A longer line keeps its ``Line``: its key (NFKC) and digest
would cost more time to compute again than its object costs memory.

Runs of empty lines are cut as ``lines.analyse_compact`` cuts them: indexes are those of
its list, line numbers those of the dump.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import fields
from typing import Protocol

from .lines import BLANK, Line, _squeezed, is_blank, line_facts
from .text import LINE_BREAK, line_key
from .thresholds import LINE

# What the walks of segmentation read of a line without making it (``bits``).
BLANK_BIT, SEPARATOR_BIT, TEXT_BIT, PROSE_BIT, URL_BIT = 1, 2, 4, 8, 16
# A code is a byte while a dump has at most 256 kinds of lines (a dump of tiny lines has a
# few), two bytes up to 65,536: the array of codes is made wider when a code needs it.
_WIDER = {"B": "H", "H": "I"}
# A place to start cutting lines again every this many lines (and after a long run of
# cut empty lines): a window is found from the last one before it.
_CHECKPOINT_LINES = 32


# Where a fact sits in ``line_facts``'s tuple (the fields of ``Line`` from ``words`` on).
_FACT_FIELDS = [f.name for f in fields(Line)][4:]
_BLANK, _SEPARATOR, _PROSE, _URL = (_FACT_FIELDS.index(name) for name in ("blank", "separator", "prose", "url"))


def line_bits(line: Line) -> int:
    return (line.blank * BLANK_BIT | line.separator * SEPARATOR_BIT | bool(line.key) * TEXT_BIT
            | line.prose * PROSE_BIT | line.url * URL_BIT)


def _raw_lines(text: str, start: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, start of the next) of every line of ``text`` from ``start`` on, as
    ``text.iter_lines`` cuts them."""
    for match in LINE_BREAK.finditer(text, start):
        yield start, match.start(), match.end()
        start = match.end()
    if start < len(text) or start == 0:
        yield start, len(text), len(text)


def _lf_lines(text: str, start: int) -> Iterator[tuple[int, int, int]]:
    """``_raw_lines`` of a text with no carriage return: found with ``str.find``, three
    times faster than the pattern's matches (windows are cut again and again)."""
    find, size = text.find, len(text)
    end = find("\n", start)
    while end >= 0:
        yield start, end, end + 1
        start = end + 1
        end = find("\n", start)
    if start < size or start == 0:
        yield start, size, size


class LineSource(Protocol):
    """What segmentation reads of a dump's lines: a ``LineStore`` or a ``LineList``."""

    def __len__(self) -> int: ...
    def bits(self, i: int) -> int: ...
    def window(self, a: int, b: int) -> list[Line]: ...


class LineStore:
    """The lines of a dump: ``len(store)``, ``store.bits(i)`` and ``store.window(a, b)``
    (the ``Line`` objects of lines a to b - 1)."""

    def __init__(self, text: str, first_number: int = 1, watch: Callable[[Line], None] | None = None):
        """Analyse every line of ``text``; ``watch`` is given each line in order (a line
        is not held after it)."""
        self._text = text
        self._codes = array("B")
        self._objects: dict[int, Line] = {}
        self._facts: list[tuple | None] = [None]           # code 0: BLANK
        self._key_is_text: list[bool] = [False]
        self._kept: list[bool] = [False]                   # lines of this code keep their Line
        self._bits: list[int] = [line_bits(BLANK)]
        self._code_of: dict[tuple, int] = {}
        # checkpoints: index of the line, where its text starts, its number, empty lines above it
        self._at, self._offsets, self._numbers, self._runs = array("I"), array("Q"), array("Q"), array("I")
        self._cursor: tuple[int, int, int, int] | None = None    # where the last window stopped
        self._lines_from = _raw_lines if "\r" in text else _lf_lines
        self._read(first_number, watch)

    def __len__(self) -> int:
        return len(self._codes)

    def bits(self, i: int) -> int:
        return self._bits[self._codes[i]]

    def _read(self, number: int, watch: Callable[[Line], None] | None) -> None:
        text, kept = self._text, LINE.blank_run_kept
        run, skipped = 0, 0
        for start, end, _ in self._lines_from(text, 0):
            line_text = text[start:end]
            if is_blank(line_text):
                if run >= kept:
                    run, skipped, number = run + 1, skipped + 1, number + 1
                    continue
                line, code = BLANK, 0
            else:
                key, facts = line_facts(line_text)
                line = Line(number, line_text, key, _squeezed(key), *facts)
                keep = len(line_text) >= LINE.object_min_chars
                code = self._code(bool(key), key is line_text, facts, keep)
                if keep:
                    self._objects[len(self._codes)] = line
            codes = self._codes                  # (made wider by _code when it must be)
            if len(codes) % _CHECKPOINT_LINES == 0 or skipped >= _CHECKPOINT_LINES:
                self._checkpoint(len(codes), start, number, run)
            skipped = 0
            run = run + 1 if code == 0 else 0
            codes.append(code)
            if watch is not None:
                watch(line)
            number += 1

    def _code(self, has_key: bool, key_is_text: bool, facts: tuple, kept: bool) -> int:
        code = self._code_of.get((has_key, key_is_text, facts, kept))
        if code is None:
            code = self._code_of[(has_key, key_is_text, facts, kept)] = len(self._facts)
            if code > (1 << 8 * self._codes.itemsize) - 1:
                self._codes = array(_WIDER[self._codes.typecode], self._codes)
            self._facts.append(facts)
            self._key_is_text.append(key_is_text)
            self._kept.append(kept)
            self._bits.append(facts[_BLANK] * BLANK_BIT | facts[_SEPARATOR] * SEPARATOR_BIT | has_key * TEXT_BIT
                              | facts[_PROSE] * PROSE_BIT | facts[_URL] * URL_BIT)
        return code

    def _checkpoint(self, i: int, offset: int, number: int, run: int) -> None:
        self._at.append(i)
        self._offsets.append(offset)
        self._numbers.append(number)
        self._runs.append(run)

    def window(self, a: int, b: int) -> list[Line]:
        """The ``Line`` objects of lines a to b - 1."""
        b = min(b, len(self._codes))
        if a >= b:
            return []
        text, codes, objects, kept = self._text, self._codes, self._objects, LINE.blank_run_kept
        facts, key_is_text, kept_lines = self._facts, self._key_is_text, self._kept
        c = bisect_right(self._at, a) - 1
        i, offset, number, run = self._at[c], self._offsets[c], self._numbers[c], self._runs[c]
        if self._cursor is not None and i <= self._cursor[0] <= a:
            i, offset, number, run = self._cursor     # windows come in order: go on from the last
        self._cursor = None
        out: list[Line] = []
        for start, end, following in self._lines_from(text, offset):
            if run >= kept and (start == end or is_blank(text[start:end])):
                run, number = run + 1, number + 1       # an empty line the store cut
                continue
            code = codes[i]
            if i >= a:
                if code == 0:
                    out.append(BLANK)
                elif kept_lines[code]:
                    out.append(objects[i])
                else:
                    line_text = text[start:end]
                    key = line_text if key_is_text[code] else line_key(line_text)
                    out.append(Line(number, line_text, key, _squeezed(key), *facts[code]))
            run = run + 1 if code == 0 else 0
            i += 1
            number += 1
            if i == b:
                self._cursor = (i, following, number, run)
                break
        return out


class LineList:
    """A list of analysed lines seen as a ``LineStore`` (tests, training)."""

    def __init__(self, lines: list[Line]):
        self._lines = lines

    def __len__(self) -> int:
        return len(self._lines)

    def bits(self, i: int) -> int:
        return line_bits(self._lines[i])

    def window(self, a: int, b: int) -> list[Line]:
        return self._lines[a:b]
