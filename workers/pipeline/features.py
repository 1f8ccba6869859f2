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
* repetition: copies of the line in the record, above or below, close or far; a
  breadcrumb trail ending in the whole of a line just below (``crumb``), and that line
  (``crumb_tail``);
* meaning without storing words: the share of the line's words (``text.gist``) found
  in the lead (the first paragraphs of the main run) and in the lines next to it, and
  the share of its content words found in the main run's first 1,500 characters
  (``text~``). A headline shares words with its lead and its text, a menu line or a
  teaser for another story does not; a caption's alt text shares words with its caption;
* neighbours: a few of the above for the lines one and two above and below.
"""

from __future__ import annotations

from collections.abc import Iterator

from .lines import Line
from .record import Record
from .record_context import RecordContext, share
from .shapes import CHAR_BUCKETS, SHARE_BUCKETS, bucket, char_class, line_shape
from .text import content_words, script_of
from .thresholds import MODEL

MAIN_RUN_OFFSET_BUCKETS = (-30, -12, -6, -3, -2, -1, 0, 1, 2, 3, 6, 12, 30)
POSITION_BUCKETS = (1, 2, 3, 4, 6, 10, 20, 40, 80)
# The neighbours whose brief a line's features include, by offset.
NEIGHBOURS = (-2, -1, 1, 2)


def record_features(record: Record) -> list[list[str]]:
    """Feature strings of every non-blank line of the record, in order
    (``iter_record_features``)."""
    return list(iter_record_features(record))


def iter_record_features(record: Record) -> Iterator[list[str]]:
    """The feature strings of each non-blank line of the record, in order, one line at a
    time: what the role model reads of a long record need not be held at once.

    A full paragraph deep inside the main prose run, between full paragraphs, is body
    text on every site: it gets the one feature that says so (``DEEP_TEXT``), which keeps
    long articles cheap. Every other line, captions and subheadings between the
    paragraphs included, is described in full."""
    context = RecordContext(record)
    deep = [_deep_in_text(record, context, n) for n in range(len(record.content))]
    # what a line shows its neighbours, made once: row n reads those of n - 2 to n + 2
    briefs: dict[int, list[str]] = {}
    for n, i in enumerate(record.content):
        briefs.pop(n - 3, None)
        context.forget_gist(n - 2)         # row n reads the words of n - 1 to n + 1
        if deep[n]:
            yield DEEP_TEXT
            continue
        row = _own_features(record, context, n, i)
        for offset in NEIGHBOURS:
            m = n + offset
            if 0 <= m < len(deep):
                brief = briefs.get(m)
                if brief is None:
                    brief = briefs[m] = _brief(record.lines[record.content[m]], context, m)
                row.extend(f"{offset:+d}{f}" for f in brief)
            else:
                row.append(f"{offset:+d}none")
        yield row


DEEP_TEXT = ["deep_text"]


def _deep_in_text(record: Record, context: RecordContext, n: int) -> bool:
    """A full-length paragraph inside the main run, with full-length paragraphs around it."""
    if not (context.main_start + MODEL.deep_after <= n <= context.main_end - MODEL.deep_before):
        return False
    lines, content = record.lines, record.content
    floor = MODEL.deep_min_share * context.paragraph_chars
    return all(lines[content[m]].prose and len(lines[content[m]].key) >= floor
               for m in range(n - 1, n + 2))


def _own_features(record: Record, context: RecordContext, n: int, i: int) -> list[str]:
    line = record.lines[i]
    key = line.key
    f = line_shape(line)
    f.extend(context.rules[n])
    f.append("pos=" + bucket(n, POSITION_BUCKETS))
    if context.paragraph_chars:
        # as long as the record's usual paragraph, or a fraction of it (captions, decks)
        f.append("rel_len=" + bucket(len(key) / context.paragraph_chars, (0.25, 0.5, 0.8, 1.25, 2)))
    if n == len(record.content) - 1:
        f.append("last")
    f.append("main=" + bucket(n - context.main_start, MAIN_RUN_OFFSET_BUCKETS))
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
        f.append("lead~" + bucket(share(own, context.lead), SHARE_BUCKETS))
        f.append("text~" + bucket(share(content_words(own, MODEL.content_word_chars), context.text), SHARE_BUCKETS))
        for offset in (-1, 1):
            m = n + offset
            if 0 <= m < len(record.content):
                other = context.gist_of(record.lines[record.content[m]], m)
                f.append(f"nb{offset:+d}~" + bucket(share(own, other), SHARE_BUCKETS))
    else:
        f.append("lead~long")
    if n in context.crumbs:
        f.append("crumb")             # ends with the text of a line just below
    if n in context.crumb_tails:
        f.append("crumb_tail")
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


def _brief(line: Line, context: RecordContext, n: int) -> list[str]:
    """What a line shows its neighbours: its size, its end, the rules it matches."""
    key = line.key
    f = ["len=" + bucket(len(key), CHAR_BUCKETS), "end=" + char_class(key[-1])]
    if line.prose:
        f.append("prose")
    if context.counts[line.squeezed] > 1:
        f.append("repeated")
    f.extend(context.rules[n])
    return f
