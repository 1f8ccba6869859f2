"""What a record's lines are measured against: facts of the whole record.

The main prose run (the run of paragraphs holding most of its text), the usual length
of its paragraphs, how often each line is shown, its lead's words, its script.
"""

from __future__ import annotations

from collections import Counter

from . import rules
from .lines import Line
from .record import Record
from .shapes import rule_matches
from .text import content_words, gist, script_of
from .thresholds import MODEL


class RecordContext:
    """Per-record facts every line's features are measured against."""

    def __init__(self, record: Record):
        content = record.content
        lines = record.lines
        self.prose = [lines[i].prose for i in content]
        self.main_start, self.main_end = main_prose_run(lines, content, self.prose)
        self.counts = Counter(lines[i].squeezed for i in content)
        self.first_seen: dict[str, int] = {}
        for n, i in enumerate(content):
            self.first_seen.setdefault(lines[i].squeezed, n)
        lead = [lines[content[n]].key for n in range(self.main_start, min(self.main_end + 1, self.main_start + MODEL.lead_lines))]
        # the first lead_chars of the lead, without joining whole paragraphs first
        self.lead = gist(" ".join(key[: MODEL.lead_chars] for key in lead)[: MODEL.lead_chars])
        self.text = text_words(lines, content, self.main_start, self.main_end)
        sample = " ".join(lines[content[n]].key[:200] for n in range(self.main_start, min(self.main_end + 1, self.main_start + 3)))
        self.script = script_of(sample) if sample else "none"
        self.paragraph_chars = usual_paragraph_chars(lines, content, self.prose)
        self.short_runs = _short_runs(lines, content)
        self.paragraph_blanks = _uses_blank_lines(record)
        self._gists: dict[int, set[str]] = {}
        self.rules = [rule_matches(lines[i]) for i in content]
        self.crumbs, self.crumb_tails = _breadcrumb_tails(lines, content)

    def gist_of(self, line: Line, n: int) -> set[str]:
        """The words of a line's start (content position n), computed once (``text.gist``)."""
        found = self._gists.get(n)
        if found is None:
            found = self._gists[n] = gist(line.key[: MODEL.overlap_chars])
        return found

    def forget_gist(self, n: int) -> None:
        """Drop line n's words once no row to come reads them (a long record's rows are made
        one at a time, and its lines' words would add up)."""
        self._gists.pop(n, None)


def _breadcrumb_tails(lines: list[Line], content: list[int]) -> tuple[set[int], set[int]]:
    """Positions of lines that are a breadcrumb trail ending in the whole text of a line a
    few lines below, and of those lines: "Home » Health » <headline>" above the headline
    itself (``_is_trail_over``)."""
    found, tails = set(), set()
    for n, i in enumerate(content):
        line = lines[i]
        if len(line.key) > MODEL.overlap_chars:
            continue
        for m in range(n + 1, min(n + 1 + MODEL.crumb_lines, len(content))):
            if _is_trail_over(line, lines[content[m]]):
                found.add(n)
                tails.add(m)
                break
    return found, tails


def _is_trail_over(line: Line, below: Line) -> bool:
    """Whether ``line`` is a trail of links ending in ``below``, a title: what comes before
    ``below``'s text on ``line`` is links joined by a trail's separators ("Home » News »",
    "Home : Health :") or opens with a trail's label ("You are here: Home News"), and
    ``below`` is title-shaped, no menu item and not lower-case at its start. A caption
    shown again after its photo counter ("1 of 5 <caption>"), a quote after "The mayor
    said:", a teaser after "Read also:" or a headline's own tail under it is none."""
    tail = below.key
    if (len(tail) < MODEL.crumb_min_chars or len(line.key) <= len(tail) or not line.key.endswith(tail)
            or not below.title_like or below.nav_like or tail[0].islower()):
        return False
    trail = line.key[: -len(tail)]
    return (rules.MENU_SEPARATOR.search(trail + " ") is not None or trail.count(":") >= 2
            or rules.TRAIL_LABEL.match(trail) is not None)


def text_words(lines: list[Line], content: list[int], start: int, end: int) -> set[str]:
    """The longer words of the main run's first ``MODEL.text_chars`` characters: what the article is
    about. A headline's words come back all through its text; a teaser's or a menu's do not."""
    return content_words(gist(text_start(lines, content, start, end), MODEL.text_chars), MODEL.content_word_chars)


def text_start(lines: list[Line], content: list[int], start: int, end: int) -> str:
    """The first ``MODEL.text_chars`` characters of the lines from ``start`` to ``end``
    (positions in ``content``), joined by spaces."""
    pieces, total = [], 0
    for n in range(start, end + 1):
        key = lines[content[n]].key
        pieces.append(key[: MODEL.text_chars - total])
        total += len(pieces[-1])
        if total >= MODEL.text_chars:
            break
    return " ".join(pieces)


def full_paragraphs(record: Record) -> set[int]:
    """Positions (in ``content``) of the main prose run's paragraphs at least as long as the
    record's usual paragraph, with no credit, no caption's opening and no credit alone on
    the line above or below: text, never a caption. (Captions are shorter than the
    paragraphs around them; where the model takes such a paragraph for one, it is most
    often the lead under a source or date line. A long caption with no credit, at the top
    of a record of short paragraphs, is the price: it goes to the body.)"""
    lines, content = record.lines, record.content
    prose = [lines[i].prose for i in content]
    if not any(prose):
        return set()
    start, end = main_prose_run(lines, content, prose)
    usual = usual_paragraph_chars(lines, content, prose)
    return {n for n in range(start, end + 1)
            if prose[n] and len((line := lines[content[n]]).key) >= usual and not line.credit and not line.caption_pattern
            and not _beside_a_credit_alone(lines, content, n)}


def _beside_a_credit_alone(lines: list[Line], content: list[int], n: int) -> bool:
    """A credit alone on its line ("Photo: Name") under or over a line: that line may be a
    caption, however long."""
    return any(0 <= m < len(content) and lines[content[m]].credit_only for m in (n - 1, n + 1))


def usual_paragraph_chars(lines: list[Line], content: list[int], prose: list[bool]) -> int:
    """The median length of the record's prose lines (0 without any)."""
    lengths = sorted(len(lines[i].key) for n, i in enumerate(content) if prose[n])
    return lengths[len(lengths) // 2] if lengths else 0


def main_prose_run(lines: list[Line], content: list[int], prose: list[bool]) -> tuple[int, int]:
    """Positions (in ``content``) of the first and last line of the heaviest run of prose.

    A run may pass over one short non-prose line (a caption, a subheading, an ad label)."""
    best, best_weight = (0, max(0, len(content) - 1)), -1
    start, weight, gap, last = None, 0, 0, None
    for n, i in enumerate(content):
        if prose[n]:
            if start is None:
                start, weight = n, 0
            weight += len(lines[i].key)
            gap, last = 0, n
        elif start is not None:
            gap += 1
            if gap > MODEL.run_gap_lines:
                if weight > best_weight:
                    best, best_weight = (start, last), weight
                start, weight, gap = None, 0, 0
    if start is not None and weight > best_weight:
        best = (start, last)
    return best


def _short_runs(lines: list[Line], content: list[int]) -> list[int]:
    """For each content line, the length of the run of short lines it belongs to (0 if long)."""
    runs = [0] * len(content)
    n = 0
    while n < len(content):
        if lines[content[n]].words > MODEL.short_words:
            n += 1
            continue
        m = n
        while m < len(content) and lines[content[m]].words <= MODEL.short_words:
            m += 1
        for k in range(n, m):
            runs[k] = m - n
        n = m
    return runs


def _uses_blank_lines(record: Record) -> bool:
    """Whether the record puts blank lines between its paragraphs."""
    blanks = sum(1 for line in record.lines if line.blank)
    return blanks * 3 >= len(record.content)


def share(own: set[str], pool: set[str]) -> float:
    """The share of a line's words found in the pool."""
    return len(own & pool) / len(own) if own and pool else 0.0
