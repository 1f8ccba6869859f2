"""Where a record may start, and what the boundary model sees there.

A *candidate* is a non-blank line that could open a record: the dump's first line, a
line after a blank gap or a separator line, a URL line, or a line shown again a few
lines below (a page that repeats its headline, which is all that marks a new record in
a dump with no blank lines at all). The boundary model (``segment.py``) labels each
candidate "start" or "inside" from these features, all shapes, never words:

* the gap above: how many blank lines, which kind of separator line, and how that
  compares with the dump's usual gap (one blank line between paragraphs, three between
  articles ...). Separator lines are strong evidence where they are, not a switch for
  the whole dump;
* the line: title-like or prose, its length, a URL, a menu opening below it;
* repetition: a copy of the line close below (a page's repeated headline) or above;
* the lines around: a finished paragraph or a footer above, running text below;
* change: a change of script, and how many words the text above and below share.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from sys import intern

from . import rules
from .copies import copy_above, next_copy_distances
from .gaps import DumpStyle, gap_above, separator_kind
from .line_store import BLANK_BIT, SEPARATOR_BIT, URL_BIT, LineList, LineSource
from .lines import Line
from .shapes import bucket
from .text_change import WordCache, change_features, distance_to_prose, lead_overlap
from .thresholds import BOUNDARY

START, INSIDE = "start", "inside"
# Lines of text to the nearest paragraph.
PROSE_DISTANCE_BUCKETS = (1, 2, 4, 8, 16, 40)


def candidates(lines: list[Line], next_copy: dict[int, int] | None = None) -> list[int]:
    """Indexes of the lines that could open a record, in order (``candidate_lines`` of a
    list of lines). ``next_copy``: ``next_copy_distances(lines)``, when the caller has it."""
    next_copy = next_copy_distances(lines) if next_copy is None else next_copy
    return list(candidate_lines(LineList(lines), _Distances(next_copy)))


def candidate_lines(source: LineSource, next_copy: Sequence[int]) -> array:
    """Indexes of the lines that could open a record, read from the lines' bits: the dump's
    first line of text, a line after a gap or a separator, a URL line, a line with a copy
    below (``next_copy[i]``: the distance to it, 0 for none)."""
    found = array("I")
    after_gap = True
    for i in range(len(source)):
        bits = source.bits(i)
        if bits & (BLANK_BIT | SEPARATOR_BIT):
            after_gap = True
            continue
        if after_gap or bits & URL_BIT or next_copy[i]:
            found.append(i)
        after_gap = False
    return found


class _Distances:
    """A dict of copy distances read as a sequence: 0 where the dict has none."""

    def __init__(self, distances: dict[int, int]):
        self._distances = distances

    def __getitem__(self, i: int) -> int:
        return self._distances.get(i, 0)


def boundary_features(lines: list[Line], starts: list[int], next_copy: dict[int, int] | None = None,
                      dump: DumpStyle | None = None) -> list[list[str]]:
    """Feature strings of every candidate (``starts``, from ``candidates``). ``next_copy``
    and ``dump`` (``DumpStyle(lines)``): when the caller has them already."""
    dump = DumpStyle(lines) if dump is None else dump
    next_copy = next_copy_distances(lines) if next_copy is None else next_copy
    words = WordCache(lines)
    # the rows share their strings (a few dozen kinds in a dump): a window of a thousand
    # candidates' own strings took 1.7 MB
    return [list(map(intern, _candidate_features(lines, i, dump, next_copy, words))) for i in starts]


def _candidate_features(lines: list[Line], i: int, dump: DumpStyle, next_copy: dict[int, int],
                        words: WordCache) -> list[str]:
    line = lines[i]
    blanks, separator, above = gap_above(lines, i)
    below = _next_content(lines, i)
    f = _gap_features(line, blanks, separator, dump)
    if above is None:
        f.append("first")
    f.extend(_line_shape(line, "this:"))
    f.extend(_copy_features(lines, i, next_copy.get(i, 0), dump.rarity(blanks), separator, dump))
    if _nav_run(lines, i) >= BOUNDARY.menu_lines:
        f.append("menu_below")
    if above is not None:
        f.extend(_line_shape(lines[above], "above:"))
    if below is not None:
        f.extend(_line_shape(lines[below], "below:"))
        if lines[below].squeezed == line.squeezed:
            f.append("below_is_copy")
    change = change_features(lines, i, words)
    f.extend(change)
    if line.title_like and above is not None and lines[above].prose and below is not None and lines[below].prose:
        # a title between two paragraphs: a subheading if the text goes on, a new
        # article's headline if the text changes
        f.extend("title_between_prose&" + c for c in change)
    f.append("since_prose=" + bucket(distance_to_prose(lines, i - 1, -1), PROSE_DISTANCE_BUCKETS))
    f.append("until_prose=" + bucket(distance_to_prose(lines, i, +1), PROSE_DISTANCE_BUCKETS))
    if line.title_like:
        f.append("lead~" + bucket(lead_overlap(lines, i, words), (0.05, 0.15, 0.3, 0.5)))
    return f


def _gap_features(line: Line, blanks: int, separator: Line | None, dump: DumpStyle) -> list[str]:
    rarity = dump.rarity(blanks)
    kind = separator_kind(separator) if separator is not None else "none"
    # the whole gap in one value (separator, blank lines, how rare, whether the dump uses
    # separators): the model learns how often each kind of gap opens a record
    gap = f"gap={kind}&{min(blanks, 3)}&{rarity}&{dump.separators}"
    f = ["bias", gap, f"blanks={min(blanks, 4)}", f"dump_sep={dump.separators}", f"rarity={rarity}", f"sep={kind}"]
    if line.title_like:
        f.append(gap + "&title")
        f.append(f"title&rarity={rarity}&dump_sep={dump.separators}")
    if line.prose:
        f.append(gap + "&prose")
    return f


def _copy_features(lines: list[Line], i: int, distance: int, rarity: str, separator: Line | None,
                   dump: DumpStyle) -> list[str]:
    f = []
    if distance:
        f.append("copy_below=" + bucket(distance, (2, 4, 13, 61)))
        # what a copy below means depends on the gap: all that marks a page's top in a
        # dump with no blank lines, a detail where separators mark the records
        f.append(f"copy_below&rarity={rarity}&sep={separator is not None}&dump_sep={dump.separators}")
        # what follows the copy: a real headline is followed by a date, a byline or text
        after_copy = _next_content(lines, i + distance)
        if after_copy is not None:
            f.extend(_line_shape(lines[after_copy], "after_copy:"))
    if copy_above(lines, i):
        f.append("copy_above")
    return f


def _line_shape(line: Line, prefix: str) -> list[str]:
    key = line.key
    f = [prefix + "len=" + bucket(len(key), (10, 25, 50, 90, 160, 320)),
         prefix + "words=" + bucket(line.words, (2, 4, 7, 12, 20, 35))]
    for name in ("prose", "title_like", "ends_sentence", "url", "footer", "tail_marker", "date",
                 "chrome", "caption_pattern", "source", "nav_like", "domain"):
        if getattr(line, name):
            f.append(prefix + name)
    if rules.BULLET.match(key):
        f.append(prefix + "bullet")
    return f


def _nav_run(lines: list[Line], i: int) -> int:
    run = 0
    while i + run < len(lines) and lines[i + run].nav_like and run < BOUNDARY.menu_lines:
        run += 1
    return run


def _next_content(lines: list[Line], i: int) -> int | None:
    for j in range(i + 1, min(len(lines), i + BOUNDARY.look_lines)):
        if not lines[j].blank and not lines[j].separator:
            return j
    return None
