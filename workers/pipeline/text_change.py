"""Whether the text changes across a place in the dump: the script, the words, and how
far the nearest paragraph is. Text of one article shares words; text of two rarely does."""

from __future__ import annotations

from .lines import Line
from .shapes import bucket
from .text import gist, script_of
from .thresholds import BOUNDARY


class WordCache:
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


def change_features(lines: list[Line], i: int, cache: WordCache) -> list[str]:
    """Script change and shared words between the paragraphs above and below i: text of
    one article shares words, text of two articles rarely does."""
    above = prose_around(lines, i - 1, -1)
    below = prose_around(lines, i, +1)
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


def distance_to_prose(lines: list[Line], i: int, step: int) -> int:
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


def prose_around(lines: list[Line], i: int, step: int) -> list[int]:
    """Up to ``change_lines`` paragraphs from i on (in the direction of step), not far."""
    found = []
    end = i + step * BOUNDARY.change_reach
    while 0 <= i < len(lines) and i != end and len(found) < BOUNDARY.change_lines:
        if lines[i].prose:
            found.append(i)
        i += step
    return found


def lead_overlap(lines: list[Line], i: int, cache: WordCache) -> float:
    """Share of a title's words found in the paragraphs below it: a headline
    shares words with its lead, a menu item or a teaser for another story does not."""
    below = prose_around(lines, i + 1, +1)[: BOUNDARY.lead_lines]
    if not below:
        return 0.0
    own = cache.words(i)
    pool = set().union(*(cache.words(j) for j in below))
    return len(own & pool) / len(own) if own else 0.0
