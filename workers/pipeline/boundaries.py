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

from collections import Counter

from . import rules
from .features import bucket
from .lines import Line
from .text import gist, script_of
from .thresholds import BOUNDARY

START, INSIDE = "start", "inside"


def candidates(lines: list[Line]) -> list[int]:
    """Indexes of the lines that could open a record, in order."""
    found = []
    next_copy = _next_copy_distances(lines)
    after_gap = True
    for i, line in enumerate(lines):
        if line.blank or line.separator:
            after_gap = True
            continue
        if after_gap or line.url or next_copy.get(i, 0) > 0:
            found.append(i)
        after_gap = False
    return found


def boundary_features(lines: list[Line], starts: list[int]) -> list[list[str]]:
    """Feature strings of every candidate (``starts``, from ``candidates``)."""
    dump = _DumpStyle(lines)
    next_copy = _next_copy_distances(lines)
    words = _WordCache(lines)
    return [_candidate_features(lines, i, dump, next_copy, words) for i in starts]


class _DumpStyle:
    """How this dump separates paragraphs and records, counted once.

    Paragraph gaps are the counts of blank lines between two consecutive paragraphs.
    A gap is *rare* when few paragraph gaps are as long: three blank lines where
    paragraphs have one, or one blank line where paragraphs have none. Records of one
    dump may differ (copied pages put blank lines between some blocks, not others), so
    this is a share, not one usual value."""

    def __init__(self, lines: list[Line]):
        paragraph_gaps: Counter = Counter()
        line_gaps: Counter = Counter()
        run, separators, previous_prose = 0, 0, False
        for line in lines:
            if line.blank:
                run += 1
                continue
            if line.separator:
                separators += 1
                previous_prose = False
            else:
                if previous_prose and line.prose:
                    paragraph_gaps[min(run, 4)] += 1
                line_gaps[min(run, 4)] += 1
                previous_prose = line.prose
            run = 0
        # a short dump has few paragraphs in a row: then the gaps between all its lines
        # are the measure, and with too few of those it says nothing
        gaps = paragraph_gaps if sum(paragraph_gaps.values()) >= BOUNDARY.min_paragraph_gaps else line_gaps
        total = sum(gaps.values())
        # share of gaps at least g blank lines long, for g = 0..4
        self._at_least = None if total < BOUNDARY.min_paragraph_gaps else [
            sum(n for gap, n in gaps.items() if gap >= g) / total for g in range(5)]
        self.separators = "some" if separators else "none"

    def rarity(self, gap: int) -> str:
        """How many paragraph gaps are at least this long: 'none', 'few', 'some' or 'most'
        ('zero' for no gap, 'unknown' when the dump has too few paragraphs to tell)."""
        if gap == 0:
            return "zero"
        if self._at_least is None:
            return "unknown"
        share = self._at_least[min(gap, 4)]
        return "none" if share == 0 else "few" if share < 0.1 else "some" if share < 0.5 else "most"


def _candidate_features(lines: list[Line], i: int, dump: _DumpStyle, next_copy: dict[int, int],
                        words: _WordCache) -> list[str]:
    line = lines[i]
    blanks, separator, above = _gap_above(lines, i)
    rarity = dump.rarity(blanks)
    kind = _separator_kind(separator) if separator is not None else "none"
    # the whole gap in one value (separator, blank lines, how rare, whether the dump uses
    # separators): the model learns how often each kind of gap opens a record
    gap = f"gap={kind}&{min(blanks, 3)}&{rarity}&{dump.separators}"
    f = ["bias", gap, f"blanks={min(blanks, 4)}", f"dump_sep={dump.separators}", f"rarity={rarity}", f"sep={kind}"]
    if line.title_like:
        f.append(gap + "&title")
        f.append(f"title&rarity={rarity}&dump_sep={dump.separators}")
    if line.prose:
        f.append(gap + "&prose")
    if above is None:
        f.append("first")
    f.extend(_line_shape(line, "this:"))
    distance = next_copy.get(i, 0)
    if distance:
        f.append("copy_below=" + bucket(distance, (2, 4, 13, 61)))
        # what a copy below means depends on the gap: all that marks a page's top in a
        # dump with no blank lines, a detail where separators mark the records
        f.append(f"copy_below&rarity={rarity}&sep={separator is not None}&dump_sep={dump.separators}")
        # what follows the copy: a real headline is followed by a date, a byline or text
        after_copy = _next_content(lines, i + distance)
        if after_copy is not None:
            f.extend(_line_shape(lines[after_copy], "after_copy:"))
    if _copy_above(lines, i):
        f.append("copy_above")
    if _nav_run(lines, i) >= BOUNDARY.menu_lines:
        f.append("menu_below")
    if above is not None:
        f.extend(_line_shape(lines[above], "above:"))
    below = _next_content(lines, i)
    if below is not None:
        f.extend(_line_shape(lines[below], "below:"))
        if lines[below].squeezed == line.squeezed:
            f.append("below_is_copy")
    change = _change(lines, i, words)
    f.extend(change)
    if line.title_like and above is not None and lines[above].prose and below is not None and lines[below].prose:
        # a title between two paragraphs: a subheading if the text goes on, a new
        # article's headline if the text changes
        f.extend("title_between_prose&" + c for c in change)
    f.append("since_prose=" + bucket(_distance_to_prose(lines, i - 1, -1), (1, 2, 4, 8, 16, 40)))
    f.append("until_prose=" + bucket(_distance_to_prose(lines, i, +1), (1, 2, 4, 8, 16, 40)))
    if line.title_like:
        f.append("lead~" + bucket(_lead_overlap(lines, i, words), (0.05, 0.15, 0.3, 0.5)))
    return f


def _lead_overlap(lines: list[Line], i: int, cache: _WordCache) -> float:
    """Share of a title's words found in the paragraphs below it: a headline
    shares words with its lead, a menu item or a teaser for another story does not."""
    below = _prose_around(lines, i + 1, +1)[: BOUNDARY.lead_lines]
    if not below:
        return 0.0
    own = gist(lines[i].key[: BOUNDARY.words_chars])
    pool = set().union(*(cache.words(j) for j in below))
    return len(own & pool) / len(own) if own else 0.0


def _gap_above(lines: list[Line], i: int) -> tuple[int, Line | None, int | None]:
    """Blank lines right above i, the separator line among them if any, and the index
    of the content line above the gap."""
    blanks, separator = 0, None
    j = i - 1
    while j >= 0 and (lines[j].blank or lines[j].separator):
        if lines[j].separator:
            separator = separator or lines[j]
        else:
            blanks += 1
        j -= 1
    return blanks, separator, (j if j >= 0 else None)


def _separator_kind(line: Line) -> str:
    key = line.key
    if not key:
        return "formfeed"
    if key.startswith("==>"):
        return "file_header"
    if any(c.isdigit() for c in key):
        return "page_marker"
    return "rule_spaced" if " " in key else "rule"


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


def _next_copy_distances(lines: list[Line]) -> dict[int, int]:
    """For a line shown again within ``BOUNDARY.copy_window`` lines below (and not in the
    window above), the distance to that copy. One pass, a dict of last positions."""
    last_seen: dict[str, int] = {}
    distances: dict[int, int] = {}
    for i, line in enumerate(lines):
        if line.blank or line.separator or not line.title_like:
            continue
        key = line.squeezed
        j = last_seen.get(key)
        if j is not None and i - j <= BOUNDARY.copy_window and j not in distances:
            distances[j] = i - j
        last_seen[key] = i
    for j in list(distances):
        # a copy above the first showing makes it a later copy, not a page's top
        if _copy_above(lines, j):
            del distances[j]
    return distances


def _copy_above(lines: list[Line], i: int) -> bool:
    key = lines[i].squeezed
    for j in range(max(0, i - BOUNDARY.copy_window), i):
        if lines[j].squeezed == key and not lines[j].blank:
            return True
    return False


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


class _WordCache:
    """Content words and script of lines, computed once per line when first asked."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self._words: dict[int, set[str]] = {}
        self._scripts: dict[int, str] = {}

    def words(self, i: int) -> set[str]:
        """The words of a line's start (``text.gist``)."""
        if i not in self._words:
            self._words[i] = gist(self.lines[i].key[: BOUNDARY.words_chars])
        return self._words[i]

    def script(self, i: int) -> str:
        if i not in self._scripts:
            self._scripts[i] = script_of(self.lines[i].key[: BOUNDARY.script_chars])
        return self._scripts[i]


def _change(lines: list[Line], i: int, cache: _WordCache) -> list[str]:
    """Script change and shared words between the paragraphs above and below i: text of
    one article shares words, text of two articles rarely does."""
    above = _prose_around(lines, i - 1, -1)
    below = _prose_around(lines, i, +1)
    if not above or not below:
        return ["change=edge"]
    f = []
    # the paragraphs right next to the gap: a window of several would reach into the
    # article after the next when articles are short
    script_above, script_below = cache.script(above[0]), cache.script(below[0])
    if "none" not in (script_above, script_below) and script_above != script_below:
        f.append("script_changes")
    words_above = set().union(*(cache.words(j) for j in above))
    words_below = set().union(*(cache.words(j) for j in below))
    if words_above and words_below:
        shared = len(words_above & words_below) / min(len(words_above), len(words_below))
        f.append("shared=" + ("0" if shared == 0 else bucket(shared, (0.02, 0.06, 0.12, 0.25))))
    return f


def _distance_to_prose(lines: list[Line], i: int, step: int) -> int:
    """Lines of text from i to the nearest paragraph in the direction of step: a record's
    top sits between the tail of the last article (menus, teasers) and its own text."""
    distance = 0
    while 0 <= i < len(lines) and distance < BOUNDARY.change_reach:
        if lines[i].prose:
            return distance
        if not lines[i].blank:
            distance += 1
        i += step
    return BOUNDARY.change_reach


def _prose_around(lines: list[Line], i: int, step: int) -> list[int]:
    """Up to ``change_lines`` paragraphs from i on (in the direction of step), not far."""
    found = []
    end = i + step * BOUNDARY.change_reach
    while 0 <= i < len(lines) and i != end and len(found) < BOUNDARY.change_lines:
        if lines[i].prose:
            found.append(i)
        i += step
    return found
