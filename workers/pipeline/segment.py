"""Segmentation: where one article's record ends and the next begins.

The boundary model labels every candidate line (``boundaries.py``) "start" or
"inside"; a record runs from one start to the line before the next. The dump's first
line of text always opens a record, and a record of one short line is not an article
but the top of the next one (a headline or kicker set off by blank lines), so it joins
the record below. One layout is decided by a rule rather than the model: a dump with no
blank line anywhere whose records each open with their headline shown again above the
page (``_copies_mark_records``). Spans are 0-based, inclusive indexes into the
line list, trimmed of blank and separator lines (those belong to no article).
"""

from __future__ import annotations

from .boundaries import START, boundary_features, candidates, next_copy_distances
from .gaps import DumpStyle
from .lines import Line
from .model import BOUNDARIES_MODEL, load
from .thresholds import BOUNDARY

Span = tuple[int, int]


def segment(lines: list[Line]) -> list[Span]:
    """Return the article spans of a dump, in order and never overlapping."""
    starts = record_starts(lines)
    ends = [s - 1 for s in starts[1:]] + [len(lines) - 1]
    return [span for span in (_trim(lines, a, b) for a, b in zip(starts, ends)) if span is not None]


def record_starts(lines: list[Line]) -> list[int]:
    """Indexes of the lines that open a record."""
    next_copy = next_copy_distances(lines)
    found = candidates(lines, next_copy)
    if not found:
        return []
    labels = _labels(lines, found, next_copy)
    starts = [found[0]] + [i for i, label in zip(found[1:], labels[1:]) if label == START]
    if _copies_mark_records(lines, next_copy):
        starts = sorted(set(starts) | {i for i, d in next_copy.items() if d <= BOUNDARY.record_copy_reach})
    return _join_lone_lines(lines, starts)


def _labels(lines: list[Line], found: list[int], next_copy: dict[int, int]) -> list[str]:
    """The boundary model's label of every candidate, a window of candidates at a time:
    the features of one window are held at once, not those of the whole dump (a few
    hundred bytes a candidate). Each window is tagged with ``window_margin`` candidates
    of context on both sides, and only its own labels are kept: what the model decides
    for a candidate depends on its neighbours a few candidates away, not on the far end
    of the dump."""
    model = load(BOUNDARIES_MODEL)
    dump = DumpStyle(lines)
    size, margin = BOUNDARY.window_candidates, BOUNDARY.window_margin
    labels: list[str] = []
    for start in range(0, len(found), size):
        low, high = max(0, start - margin), min(len(found), start + size + margin)
        tagged = model.tag(boundary_features(lines, found[low:high], next_copy, dump))
        labels.extend(tagged[start - low:start - low + size])
    return labels


def _copies_mark_records(lines: list[Line], next_copy: dict[int, int]) -> bool:
    """True for a dump with no blank line anywhere in which lines shown again close below
    outnumber the separator lines: its records are marked by a headline repeated at their
    top, not by gaps or rules. The boundary model, which weighs a copy against the gaps of
    all the layouts it was trained on, finds only part of these starts (on the training
    set's repeated-headline dumps, 52 records of 75); this finds them where they are."""
    if any(line.blank for line in lines):
        return False
    separators = sum(1 for line in lines if line.separator)
    near = sum(1 for distance in next_copy.values() if distance <= BOUNDARY.record_copy_reach)
    return near > separators


def _join_lone_lines(lines: list[Line], starts: list[int]) -> list[int]:
    """Drop a start when the record above it is one short line of text: a headline or a
    kicker set off by blank lines is the top of the record below, not an article."""
    kept = starts[:1]
    for previous, start in zip(starts, starts[1:]):
        text = [line for line in lines[previous:start] if line.key]
        if not (len(text) == 1 and not text[0].prose):
            kept.append(start)
    return kept


def _trim(lines: list[Line], a: int, b: int) -> Span | None:
    while a <= b and (lines[a].blank or lines[a].separator):
        a += 1
    while b >= a and (lines[b].blank or lines[b].separator):
        b -= 1
    return (a, b) if a <= b else None
