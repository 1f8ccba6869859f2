"""Segmentation: where one article's record ends and the next begins.

The boundary model labels every candidate line (``boundaries.py``) "start" or
"inside"; a record runs from one start to the line before the next. A dump with one gap
everywhere (a blank line between paragraphs and between records alike) has a boundary
model of its own, trained on such dumps only: there the gaps say nothing, and a model
that learned from every layout leans on them (on dev/ laid out so, segment F1 0.36 with
the general model, 0.62 with its own). The dump's first line of text always opens a
record, and a record of one short line is not an article but the top of the next one (a
headline or kicker set off by blank lines), so it joins the record below. One layout is
decided by a rule rather than the model: a dump with no blank line anywhere whose records
each open with their headline shown again above the page
(``DumpSurvey.copies_mark_records``). Spans are 0-based, inclusive indexes into the
line list, trimmed of blank and separator lines (those belong to no article).

Nothing here holds the dump's lines at once: what is known of the whole dump is gathered
as it is read (``survey.DumpSurvey``), the walks from line to line read a line's bits
(``line_store``), and the features of candidates are computed on windows of lines
(``candidate_windows``).
"""

from __future__ import annotations

from array import array

from .boundaries import INSIDE, START, candidate_lines
from .candidate_windows import RunFeatures
from .gaps import DumpStyle
from .line_store import BLANK_BIT, PROSE_BIT, SEPARATOR_BIT, TEXT_BIT, LineList, LineSource
from .lines import Line
from .model import BOUNDARIES_MODEL, UNIFORM_BOUNDARIES_MODEL, SequenceModel, load
from .survey import DumpSurvey
from .thresholds import BOUNDARY

Span = tuple[int, int]


def segment(lines: list[Line]) -> list[Span]:
    """Return the article spans of a dump, in order and never overlapping."""
    return segment_lines(LineList(lines), DumpSurvey.of(lines))


def segment_lines(source: LineSource, survey: DumpSurvey) -> list[Span]:
    """``segment`` of the lines of a ``LineStore`` (or ``LineList``), whose every line
    ``survey`` was given in order."""
    starts = record_starts(source, survey)
    ends = [s - 1 for s in starts[1:]] + [len(source) - 1]
    spans = (span for span in (_trim(source, a, b) for a, b in zip(starts, ends)) if span is not None)
    return [piece for span in spans for piece in _bounded(source, span)]


def _bounded(source: LineSource, span: Span) -> list[Span]:
    """The span, cut into records of at most ``BOUNDARY.record_max_lines`` lines of text.
    No article comes close (the longest of 3,900 gold records has 669), but a dump of
    short lines with no record start the model believes in would otherwise be one record
    whose every line is described to the role model at once (kilobytes a line)."""
    a, b = span
    pieces, start, count = [], a, 0
    for i in range(a, b + 1):
        if source.bits(i) & TEXT_BIT:
            if count == BOUNDARY.record_max_lines:
                pieces.append(_trim(source, start, i - 1))
                start, count = i, 0
            count += 1
    pieces.append((start, b))
    return [piece for piece in pieces if piece is not None]


def record_starts(source: LineSource, survey: DumpSurvey) -> list[int]:
    """Indexes of the lines that open a record."""
    next_copy = survey.next_copy
    found = candidate_lines(source, next_copy)
    if not found:
        return []
    labels = _labels(source, found, next_copy, survey.style())
    starts = [found[0]] + [i for i, start in zip(found[1:], labels[1:]) if start]
    if survey.copies_mark_records():
        starts = sorted(set(starts) | {i for i, d in enumerate(next_copy) if 0 < d <= BOUNDARY.record_copy_reach})
    return _join_lone_lines(source, starts)


def _labels(source: LineSource, found: array, next_copy: array, dump: DumpStyle) -> bytearray:
    """Whether each candidate opens a record (1) or not (0): ``_likely_starts`` for a dump
    with one gap everywhere, ``_best_labelling`` for any other."""
    if dump.uniform:
        return _likely_starts(load(UNIFORM_BOUNDARIES_MODEL), source, found, next_copy, dump)
    return _best_labelling(load(BOUNDARIES_MODEL), source, found, next_copy, dump)


def _likely_starts(model: SequenceModel, source: LineSource, found: array, next_copy: array,
                   dump: DumpStyle) -> bytearray:
    """A candidate of a dump with one gap everywhere opens a record when the model gives it
    a probability of at least ``BOUNDARY.uniform_start_probability``. The model's single best
    labelling finds too few there (dev re-laid out so: segment F1 0.63 as the best labelling,
    0.67 from a probability of 0.4, 0.70 from 0.3; train the same). Not 0.3: one article
    alone, its paragraphs a blank line apart (a dump of one gap everywhere too), would be
    cut in two one time in seven (dev's articles so laid out: 86 of 569; 62 at 0.4, 45 at
    0.5; 21 with the general model). A window of candidates at a time, with
    ``window_margin`` more on each side: a candidate's probability hardly depends on
    candidates that far away."""
    size, margin, total = BOUNDARY.window_candidates, BOUNDARY.window_margin, len(found)
    runs = RunFeatures(source, found, next_copy, dump)
    labels = bytearray()
    for start in range(0, total, size):
        left, end = max(0, start - margin), min(total, start + size)
        features = runs.of(left, min(total, end + margin))
        labels.extend(p[START] >= BOUNDARY.uniform_start_probability
                      for p in model.marginals(features)[start - left:end - left])
    return labels


def _best_labelling(model: SequenceModel, source: LineSource, found: array, next_copy: array,
                    dump: DumpStyle) -> bytearray:
    """Whether the boundary model's best labelling makes each candidate "start" (1) or
    "inside" (0), a window of candidates at a time: only one window's features are held at
    once, not the whole dump's (a few hundred bytes a candidate).

    A window ends at an *anchor*: a candidate whose own features decide its label whatever
    its neighbours' labels, so the model's best labelling of the whole dump splits there
    exactly, and the windows give the same labels as one pass. Where no anchor comes within
    ``window_margin`` candidates of a window's end (a long run of look-alike candidates),
    the window is cut there and tagged with that many candidates of context on each side."""
    sway = _neighbour_sway(model.transitions)
    size, margin, total = BOUNDARY.window_candidates, BOUNDARY.window_margin, len(found)
    runs = RunFeatures(source, found, next_copy, dump)
    labels = bytearray()
    start = left = 0              # the window's first own candidate, and its first of context
    while start < total:
        end = min(total, start + size)
        features = runs.of(left, min(total, end + margin))
        anchor = _first_anchor(model, features[end - left:], sway) if end < total else None
        if anchor is not None:
            stop = end + anchor   # the anchor closes this window and opens the next
            tags = model.tag(features[:stop - left + 1])[start - left:stop - left]
            start = left = stop
        else:
            tags = model.tag(features)[start - left:end - left]
            start, left = end, max(0, end - margin)
        labels.extend(tag == START for tag in tags)
    return labels


def _neighbour_sway(transitions: dict[tuple[str, str], float]) -> tuple[float, float]:
    """How far the labels of a candidate's two neighbours can move its score of "start"
    against "inside", down and up (from the model's transition weights)."""
    labels = (START, INSIDE)
    into = [transitions.get((p, START), 0.0) - transitions.get((p, INSIDE), 0.0) for p in labels] + [0.0]
    out = [transitions.get((START, n), 0.0) - transitions.get((INSIDE, n), 0.0) for n in labels] + [0.0]
    return min(into) + min(out), max(into) + max(out)


def _first_anchor(model: SequenceModel, features: list[list[str]], sway: tuple[float, float]) -> int | None:
    """The position of the first candidate whose label no neighbour can change, if any."""
    down, up = sway
    for k, item in enumerate(features):
        (scores,) = model.state_scores([item])
        lead = scores.get(START, 0.0) - scores.get(INSIDE, 0.0)
        if lead + down > 0 or lead + up < 0:
            return k
    return None


def _join_lone_lines(source: LineSource, starts: list[int]) -> list[int]:
    """Drop a start when the record above it is one short line of text: a headline or a
    kicker set off by blank lines is the top of the record below, not an article."""
    kept = starts[:1]
    for previous, start in zip(starts, starts[1:]):
        if not _one_short_line(source, previous, start):
            kept.append(start)
    return kept


def _one_short_line(source: LineSource, a: int, b: int) -> bool:
    """True if lines a to b - 1 hold exactly one line of text, and it is not prose."""
    text = None
    for i in range(a, b):
        bits = source.bits(i)
        if bits & TEXT_BIT:
            if text is not None:
                return False
            text = bits
    return text is not None and not text & PROSE_BIT


def _trim(source: LineSource, a: int, b: int) -> Span | None:
    while a <= b and source.bits(a) & (BLANK_BIT | SEPARATOR_BIT):
        a += 1
    while b >= a and source.bits(b) & (BLANK_BIT | SEPARATOR_BIT):
        b -= 1
    return (a, b) if a <= b else None
