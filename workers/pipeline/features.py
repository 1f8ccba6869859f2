"""What the role model sees of a line: shapes, never words.

Each non-blank line of a record becomes a list of feature strings ("len=40-80",
"rule=date", "lead~0.35", ...). They describe the line's form, its place in the
record and how it relates to the lines around it, never the words themselves; that
is what lets a model trained on a few hundred sites carry over to sites and languages
it has not seen, and what keeps the training text out of the model file.

The features, by group:

* shape: length in characters and words, the last and first character's class,
  letter case, digits, sentence ends inside the line, separators of menus and
  breadcrumbs (``|``, ``»``, ``>``);
* rules: which general pattern of ``rules.py`` the line matches (a date, a byline,
  a credit, a widget ...);
* place: position from the record's start, and from the start of the main prose run
  (the run of paragraphs holding most of the record's text); blank lines around it;
* repetition: copies of the line in the record, above or below, close or far;
* meaning without storing words: the share of the line's words (``text.gist``) found
  in the lead (the first paragraphs of the main run) and in the lines next to it. A
  headline shares words with its lead, a menu line does not; a caption's alt text
  shares words with its caption;
* neighbours: a few of the above for the lines one and two above and below.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from . import rules
from .lines import Line
from .record import Record
from .text import gist, script_of
from .thresholds import MODEL

# Bucket edges: a value falls in the first bucket whose edge it is below.
CHAR_BUCKETS = (4, 10, 20, 35, 60, 90, 130, 200, 320)
WORD_BUCKETS = (2, 3, 4, 6, 9, 13, 20, 30, 45)
DISTANCE_BUCKETS = (-30, -12, -6, -3, -2, -1, 0, 1, 2, 3, 6, 12, 30)
POSITION_BUCKETS = (1, 2, 3, 4, 6, 10, 20, 40, 80)
SHARE_BUCKETS = (0.01, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9)
# The neighbours whose brief a line's features include, by offset.
NEIGHBOURS = (-2, -1, 1, 2)

# A character that separates the items of a menu, breadcrumb or tag line, with spaces
# around it ("Home » World » Europe", "News | Sport"); «quotes» and dates ("1/2") are not.
MENU_MARK = re.compile(r"\s[|»›>•·/]\s")
QUOTES = frozenset("\"'«»“”‘’„「」『』")
BRACKETS_CLOSE = frozenset(")]）】」』")
SENTENCE_MARKS = frozenset(".!?。！？؟")
_DIGITS = re.compile(r"\d")
# a sentence end followed by more text: "... said. The ..."
_INNER_SENTENCE_END = re.compile(r"[.!?。！？؟](?=\s*\w)")


def bucket(value: float, edges: tuple) -> str:
    """The name of the bucket ``value`` falls in: "<edge" for the first edge it is below,
    ">=last" above them all."""
    names = _BUCKET_NAMES.get(edges)
    if names is None:
        names = _BUCKET_NAMES[edges] = [f"<{edge}" for edge in edges] + [f">={edges[-1]}"]
    return names[bisect_right(edges, value)]


_BUCKET_NAMES: dict[tuple, list[str]] = {}


def record_features(record: Record) -> list[list[str]]:
    """Feature strings of every non-blank line of the record, in order.

    A full paragraph deep inside the main prose run, between full paragraphs, is body
    text on every site: it gets the one feature that says so (``DEEP_TEXT``), which keeps
    long articles cheap. Every other line, captions and subheadings between the
    paragraphs included, is described in full."""
    context = _Context(record)
    deep = [_deep_in_text(record, context, n) for n in range(len(record.content))]
    brief: list[list[str] | None] = [None] * len(deep)
    features = []
    for n, i in enumerate(record.content):
        if deep[n]:
            features.append(DEEP_TEXT)
            continue
        row = _own_features(record, context, n, i)
        for offset in NEIGHBOURS:
            m = n + offset
            if 0 <= m < len(deep):
                if brief[m] is None:
                    brief[m] = _brief(record.lines[record.content[m]], context, m)
                row.extend(f"{offset:+d}{f}" for f in brief[m])
            else:
                row.append(f"{offset:+d}none")
        features.append(row)
    return features


DEEP_TEXT = ["deep_text"]


def _deep_in_text(record: Record, context: _Context, n: int) -> bool:
    """A full-length paragraph inside the main run, with full-length paragraphs around it."""
    if not (context.main_start + MODEL.deep_after <= n <= context.main_end - MODEL.deep_before):
        return False
    lines, content = record.lines, record.content
    floor = MODEL.deep_min_share * context.paragraph_chars
    return all(lines[content[m]].prose and len(lines[content[m]].key) >= floor
               for m in range(n - 1, n + 2))


class _Context:
    """Per-record facts every line's features are measured against."""

    def __init__(self, record: Record):
        content = record.content
        lines = record.lines
        self.prose = [lines[i].prose for i in content]
        self.main_start, self.main_end = _main_prose_run(lines, content, self.prose)
        self.counts = Counter(lines[i].squeezed for i in content)
        self.first_seen: dict[str, int] = {}
        for n, i in enumerate(content):
            self.first_seen.setdefault(lines[i].squeezed, n)
        lead = [lines[content[n]].key for n in range(self.main_start, min(self.main_end + 1, self.main_start + MODEL.lead_lines))]
        self.lead = gist(" ".join(lead)[: MODEL.lead_chars])
        sample = " ".join(lines[content[n]].key[:200] for n in range(self.main_start, min(self.main_end + 1, self.main_start + 3)))
        self.script = script_of(sample) if sample else "none"
        prose_lengths = sorted(len(lines[i].key) for n, i in enumerate(content) if self.prose[n])
        self.paragraph_chars = prose_lengths[len(prose_lengths) // 2] if prose_lengths else 0
        self.short_runs = _short_runs(lines, content)
        self.paragraph_blanks = _uses_blank_lines(record)
        self._gists: dict[int, set[str]] = {}
        self.rules = [_rule_matches(lines[i]) for i in content]

    def gist_of(self, line: Line, n: int) -> set[str]:
        """The words of a line's start (content position n), computed once (``text.gist``)."""
        found = self._gists.get(n)
        if found is None:
            found = self._gists[n] = gist(line.key[: MODEL.overlap_chars])
        return found


def _main_prose_run(lines: list[Line], content: list[int], prose: list[bool]) -> tuple[int, int]:
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


def _share(own: set[str], pool: set[str]) -> float:
    """The share of a line's words found in the pool."""
    return len(own & pool) / len(own) if own and pool else 0.0


def _own_features(record: Record, context: _Context, n: int, i: int) -> list[str]:
    line = record.lines[i]
    key = line.key
    f = _shape(line)
    f.extend(context.rules[n])
    f.append("pos=" + bucket(n, POSITION_BUCKETS))
    if context.paragraph_chars:
        # as long as the record's usual paragraph, or a fraction of it (captions, decks)
        f.append("rel_len=" + bucket(len(key) / context.paragraph_chars, (0.25, 0.5, 0.8, 1.25, 2)))
    if n == len(record.content) - 1:
        f.append("last")
    f.append("main=" + bucket(n - context.main_start, DISTANCE_BUCKETS))
    if n > context.main_end:
        f.append("after_main")
    f.append(f"blank_above={min(record.blanks_before(i), 2)}")
    f.append(f"blank_below={min(record.blanks_after(i), 2)}")
    f.append(f"para_blanks={context.paragraph_blanks}")
    f.append("short_run=" + bucket(context.short_runs[n], (1, 2, 3, 5, 8)))
    copies = context.counts[line.squeezed]
    if copies > 1:
        f.append(f"copies={min(copies, 3)}")
        f.append("copy_first" if context.first_seen[line.squeezed] == n else "copy_later")
    script = script_of(key[: MODEL.script_chars])
    f.append("script_same" if script in (context.script, "none") else "script_other")
    if len(key) <= MODEL.overlap_chars:
        own = context.gist_of(line, n)
        f.append("lead~" + bucket(_share(own, context.lead), SHARE_BUCKETS))
        for offset in (-1, 1):
            m = n + offset
            if 0 <= m < len(record.content):
                other = context.gist_of(record.lines[record.content[m]], m)
                f.append(f"nb{offset:+d}~" + bucket(_share(own, other), SHARE_BUCKETS))
    else:
        f.append("lead~long")
    if _alone_above_a_block(record, n):
        f.append("alone_above_block")
    if context.main_start <= n <= context.main_end:
        f.append("in_main")
    return f


def _alone_above_a_block(record: Record, n: int) -> bool:
    """A line set apart by blank lines above a block of lines with none between them: a
    lead standing alone above packed paragraphs."""
    content = record.content
    i = content[n]
    if n + 2 >= len(content) or (n and not record.blanks_before(i)) or not record.blanks_after(i):
        return False
    below = content[n + 1]
    return content[n + 2] == below + 1


def _shape(line: Line) -> list[str]:
    key = line.key
    head = key[: MODEL.shape_chars]        # long lines are paragraphs: their start tells enough
    f = ["bias",
         "len=" + bucket(len(key), CHAR_BUCKETS),
         "words=" + bucket(line.words, WORD_BUCKETS),
         "end=" + _char_class(key[-1]),
         "start=" + _char_class(key[0])]
    f.extend(_case(key[: MODEL.case_chars]))
    digits = len(_DIGITS.findall(head))
    if digits:
        f.append("digits=" + bucket(digits / len(head), (0.1, 0.3, 0.6)))
    inner_ends = len(_INNER_SENTENCE_END.findall(head[:-1]))
    if inner_ends:
        f.append("inner_ends=" + bucket(inner_ends, (2, 4)))
    if MENU_MARK.search(head):
        f.append("menu_mark")
    if line.prose:
        f.append("prose")
    if line.title_like:
        f.append("title_like")
    return f


def _brief(line: Line, context: _Context, n: int) -> list[str]:
    """What a line shows its neighbours: its size, its end, the rules it matches."""
    key = line.key
    f = ["len=" + bucket(len(key), CHAR_BUCKETS), "end=" + _char_class(key[-1])]
    if line.prose:
        f.append("prose")
    if context.counts[line.squeezed] > 1:
        f.append("repeated")
    f.extend(context.rules[n])
    return f


def _rule_matches(line: Line) -> list[str]:
    flags = []
    for name in ("chrome", "date", "byline", "url", "footer", "tail_marker", "source",
                 "credit", "bracket", "caption_start", "credit_only", "domain"):
        if getattr(line, name):
            flags.append("rule=" + name)
    key = line.key
    if rules.BULLET.match(key):
        flags.append("rule=bullet")
    if rules.BODY_OPENER.match(key):
        flags.append("rule=body_opener")
    if rules.DECK_OPENER.match(key):
        flags.append("rule=deck_opener")
    return flags


def _char_class(c: str) -> str:
    if c in SENTENCE_MARKS:
        return "stop" if c in ".。" else "mark"
    if c in ":;：；":
        return "colon"
    if c in ",،、，":
        return "comma"
    if c in QUOTES:
        return "quote"
    if c in BRACKETS_CLOSE or c in "([（【":
        return "bracket"
    if c.isdigit():
        return "digit"
    if c.isupper():
        return "upper"
    if c.islower():
        return "lower"
    if c.isalpha():
        return "letter"          # scripts without case: Arabic, CJK, ...
    return "other"


def _case(key: str) -> list[str]:
    """Letter case, for scripts that have it: ALL CAPS, Title Case, or sentence case."""
    words = [w for w in key.split(None, MODEL.case_words)[: MODEL.case_words] if w[:1].isupper() or w[:1].islower()]
    if len(words) < 2:
        return []
    upper = sum(1 for w in words if w.isupper())
    if upper == len(words):
        return ["case=caps"]
    capitalised = sum(1 for w in words if w[:1].isupper())
    return ["case=" + bucket(capitalised / len(words), (0.3, 0.6, 0.85))]
