"""Related-stories boxes inside an article's text.

Pages put a box of links to other stories between two paragraphs ("Related", "See also",
"Zobacz także" over a few titles). Copied as text, its marker reads like the start of the
related stories under an article, where the body ends. Here it is told apart: below a
box, the article's text goes on, in paragraphs about what the article is about; below
the tail's marker come teasers, other articles, comments.
"""

from __future__ import annotations

from bisect import bisect_right
from statistics import median

from . import rules
from .lines import Line
from .record import Record
from .roles import Role
from .text import content_words, gist, script_of
from .thresholds import BODY, LINE, MODEL


class TextAbove:
    """What the body says above the line ``body.mark_tail`` has come to: the usual length
    of its paragraphs and its first words, with the headline's. Gathered a line at a
    time, and bounded (``BODY.usual_paragraphs``, ``BODY.topic_chars``), so a long body
    with many markers costs no more per marker than a short one."""

    def __init__(self, record: Record):
        headline = record.first(Role.HEADLINE)
        self._pieces = [record.lines[headline].key] if headline is not None else []
        self._chars = 0
        self._lengths: list[int] = []
        self._floor: float | None = None
        self._stems: set[str] | None = None

    def add(self, line: Line) -> None:
        if not line.prose:
            return
        if len(self._lengths) < BODY.usual_paragraphs:
            self._lengths.append(len(line.key))
            self._floor = None
        if self._chars < BODY.topic_chars:
            self._pieces.append(line.key[:BODY.topic_chars - self._chars])
            self._chars += len(self._pieces[-1])
            self._stems = None

    def is_full_paragraph(self, line: Line) -> bool:
        """A paragraph as long as ``BODY.resumed_paragraph_share`` of the usual one above."""
        if self._floor is None:
            usual = median(self._lengths) if self._lengths else LINE.prose_min_chars
            self._floor = BODY.resumed_paragraph_share * usual
        return line.prose and len(line.key) >= self._floor

    def script(self) -> str:
        return script_of(" ".join(self._pieces)[:MODEL.script_chars])

    def stems(self) -> set[str]:
        if self._stems is None:
            self._stems = _stems(" ".join(self._pieces))
        return self._stems


def inline_box_end(record: Record, marker: int, above: TextAbove) -> int | None:
    """Where the article's text goes on below a related-stories marker (``record.lines[marker]``):
    the index of the first line after the box (the marker and the titles it lists), or
    ``None`` when the marker opens the tail.

    The text goes on where ``BODY.resumed_paragraphs`` full paragraphs of the body follow
    in a row, at most ``BODY.box_max_lines`` lines of text below the marker, in the
    text's script and sharing words with its headline and text above. The box between
    must list a title, and hold no comment (a comments heading under "Related" opens the
    comments) and no second marker (lists under lists are a page's tail); it ends at its
    last title, and what follows that, short paragraphs too, is text again. A footer's
    lines ("Copyright ...") are never the text going on."""
    lines, content = record.lines, record.content
    first = bisect_right(content, marker)
    below = content[first:first + BODY.box_max_lines + BODY.resumed_paragraphs]
    run_start = _paragraph_run(record, below, above)
    if run_start is None:
        return None
    box = below[:run_start]
    titles = [i for i in box if lines[i].title_like]
    if not titles or any(lines[i].tail_marker or _comment_line(lines[i]) for i in box):
        return None
    resumed = " ".join(lines[i].key for i in below[run_start:run_start + BODY.resumed_paragraphs])
    if script_of(resumed[:MODEL.script_chars]) != above.script():
        return None
    own = _stems(resumed[:BODY.resumed_chars])
    if not own or len(own & above.stems()) < BODY.resumed_topic_share * len(own):
        return None
    return titles[-1] + 1


def _paragraph_run(record: Record, below: list[int], above: TextAbove) -> int | None:
    """The position in ``below`` of the first of ``BODY.resumed_paragraphs`` full
    paragraphs of the body in a row, lines of text next to each other."""
    run = 0
    for n, i in enumerate(below):
        line = record.lines[i]
        full = record.roles[i] is Role.BODY and not line.footer and above.is_full_paragraph(line)
        run = run + 1 if full else 0
        if run == BODY.resumed_paragraphs:
            return n - run + 1
    return None


def is_text(line: Line) -> bool:
    """A line of running text: prose, and not shaped like a title (a teaser's title reads
    as prose when it ends in "?")."""
    return line.prose and not line.title_like


def _stems(text: str) -> set[str]:
    """The content words of a text cut to their first letters: "kopalni" and "kopalń"
    agree, as inflected forms of one word mostly do."""
    words = content_words(gist(text, BODY.topic_chars), MODEL.content_word_chars)
    return {word[:BODY.topic_stem_chars] for word in words}


def _comment_line(line: Line) -> bool:
    key = line.key
    return bool(rules.COMMENTS_HEADING.match(key) or rules.COMMENT_FORM.match(key)
                or rules.COMMENT_CONTROL.match(key))
