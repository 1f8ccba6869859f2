"""Cutting a big dump into chunks that workers process in parallel.

A cut is placed near every ``chunk_bytes`` of the dump, where a record most likely ends:
right after a separator line (a rule of dashes, ``* * *``), else after the longest run of
blank lines in a window around the target, else at the nearest line break. Each chunk is
then segmented on its own; line numbers stay those of the whole dump.

The dump is read through ``read(start, end)`` (end exclusive), a window at a time, so
the process cutting it never holds the whole dump.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

READ_PIECE = 8 * 1024 * 1024
# a separator line, with the line break before it: the cut goes after it. The repeated
# groups are possessive (``*+``, ``{3,}+``, ``++``: they match the same, since nothing after
# them could take back what they gave up): a plain one keeps a backtracking point per
# repetition, about 150 bytes, and a window of nothing but line breaks then cost 75 MB.
_SEPARATOR = re.compile(rb"\n[ \t]*(?:[-=_~#*]{3,}|(?:[-=*~#][ \t]*+){3,}+|==> [^\n]* <==)[ \t\r]*\n")
# a line break followed by blank lines: the longer the run, the likelier a record boundary
_BLANK_RUN = re.compile(rb"\n(?:[ \t\r\f]*+\n)++")
SEPARATOR_SCORE = 1000


@dataclass(frozen=True)
class Chunk:
    start: int          # byte offset, inclusive
    end: int            # byte offset, exclusive
    first_line: int     # 1-based number of the chunk's first line in the whole dump


def plan_chunks(read: Callable[[int, int], bytes], size: int, chunk_bytes: int) -> list[Chunk]:
    """Chunks covering [0, size), cut where records most likely end."""
    if size <= chunk_bytes or _has_lone_carriage_returns(read, size):
        return [Chunk(0, size, 1)]
    window = max(1024, min(chunk_bytes // 4, 256 * 1024))
    cuts, target = [0], chunk_bytes
    while target < size - window:
        cut = _best_cut(read, max(cuts[-1] + 1, target - window), min(size, target + window), target)
        if cut is not None and cut > cuts[-1]:
            cuts.append(cut)
        target = max(target + chunk_bytes, cuts[-1] + chunk_bytes)
    cuts.append(size)
    chunks, line = [], 1
    for start, end in zip(cuts, cuts[1:]):
        chunks.append(Chunk(start, end, line))
        line += _count_newlines(read, start, end)
    return chunks


def _best_cut(read: Callable[[int, int], bytes], lo: int, hi: int, target: int) -> int | None:
    data = read(lo, hi)
    best: tuple[int, int] | None = None           # (score, -distance) -> the cut
    best_cut = None
    for pattern, scorer in ((_SEPARATOR, lambda m: SEPARATOR_SCORE), (_BLANK_RUN, lambda m: m.group().count(b"\n"))):
        for match in pattern.finditer(data):
            cut = lo + match.end()
            rank = (scorer(match), -abs(cut - target))
            if best is None or rank > best:
                best, best_cut = rank, cut
    if best_cut is None:
        newline = data.rfind(b"\n", 0, max(1, target - lo))
        if newline == -1:
            newline = data.find(b"\n")
        best_cut = lo + newline + 1 if newline != -1 else None
    return best_cut


def _count_newlines(read: Callable[[int, int], bytes], start: int, end: int) -> int:
    count = 0
    for offset in range(start, end, READ_PIECE):
        count += read(offset, min(end, offset + READ_PIECE)).count(b"\n")
    return count


def _has_lone_carriage_returns(read: Callable[[int, int], bytes], size: int) -> bool:
    """Old Mac line breaks (CR alone) are not cut: their line counts need the whole text."""
    sample = read(0, min(size, 64 * 1024))
    return re.search(rb"\r(?!\n)", sample) is not None
