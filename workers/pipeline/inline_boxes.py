"""Related-stories boxes inside an article's text.

Pages put a box of links to other stories between two paragraphs ("Related", "See also",
"Zobacz także" over a few titles). Copied as text, its marker reads like the start of the
related stories under an article, where the body ends, and everything below it was lost.
Here a box is told apart, conservatively: right below it, the article's text goes on in
full paragraphs about what the article is about; below the tail's marker come teasers,
other articles, comments. Below a box, the text ends more readily than above it (``BelowBox``).
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
        self._headline = record.lines[headline].key[:BODY.topic_chars] if headline is not None else ""
        self._pieces: list[str] = []
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
        """The script of the text's first paragraph (of the headline when there is none)."""
        return script_of((self._pieces[0] if self._pieces else self._headline)[:MODEL.script_chars])

    def shares_topic(self, text: str) -> bool:
        """Whether the start of ``text`` (``BODY.resumed_chars``) shares
        ``BODY.resumed_topic_share`` of its longer words (cut to their stems) with the
        headline and the text above."""
        if self._stems is None:
            self._stems = _stems(" ".join([self._headline, *self._pieces]), BODY.topic_chars)
        own = _stems(text[:BODY.resumed_chars], BODY.resumed_chars)
        return bool(own) and len(own & self._stems) >= BODY.resumed_topic_share * len(own)


def inline_box_end(record: Record, marker: int, above: TextAbove) -> int | None:
    """Where the article's text goes on below a related-stories marker
    (``record.lines[marker]``): the index of the first paragraph after the box, or
    ``None`` when the marker opens the tail.

    The marker is one that heads boxes (``rules.RELATED_BOX_MARKER``: "Related", "See
    also", not "Most read"). The box is the marker and at most ``BODY.box_max_lines``
    lines below it with no full paragraph; it lists a title, and holds no comment,
    footer, second marker, byline or date (``_not_in_a_box``).
    Below it, ``BODY.resumed_paragraphs`` full paragraphs of the body follow in a row, in
    the text's script and on its topic (``TextAbove.shares_topic``). Anything less, and
    the marker ends the body as it always did."""
    lines, content = record.lines, record.content
    if not rules.RELATED_BOX_MARKER.match(lines[marker].key):
        return None
    first = bisect_right(content, marker)
    below = content[first:first + BODY.box_max_lines + BODY.resumed_paragraphs]
    box_size = next((n for n, i in enumerate(below) if _is_body_paragraph(record, i, above)), None)
    if box_size is None:
        return None
    box, resumed = below[:box_size], below[box_size:box_size + BODY.resumed_paragraphs]
    if not any(lines[i].title_like for i in box) or any(_not_in_a_box(lines[i]) for i in box):
        return None
    if len(resumed) < BODY.resumed_paragraphs or not all(_is_body_paragraph(record, i, above) for i in resumed):
        return None
    text = " ".join(lines[i].key for i in resumed)
    if script_of(text[:MODEL.script_chars]) != above.script() or not above.shares_topic(text):
        return None
    return resumed[0]


class BelowBox:
    """Where the text ends below a box it went on after: besides the ends above a box
    (``body._tail_start``), at any marker, at ``BODY.quiet_lines_below_box`` lines in a
    row with no sentence of text (``is_text``: a page's feeds, a next article's header),
    at a paragraph in another script; in each case, and at the body's end, before the
    lines with no sentence just above. A wrong resumption then costs a few lines, not the
    rest of the record."""

    def __init__(self, above: TextAbove):
        self._script = above.script()
        self._quiet_start: int | None = None
        self._quiet = 0

    def text_ends(self, i: int, line: Line) -> bool:
        """Whether the text has ended by line ``i``; ``end`` then says where."""
        if line.tail_marker or (is_text(line) and script_of(line.key[:MODEL.script_chars]) != self._script):
            if self._quiet_start is None:
                self._quiet_start = i
            return True
        if is_text(line):
            self._quiet_start, self._quiet = None, 0
            return False
        if self._quiet_start is None:
            self._quiet_start = i
        self._quiet += 1
        return self._quiet >= BODY.quiet_lines_below_box

    @property
    def end(self) -> int | None:
        """Where the text ends, once ``text_ends`` has said so or the body's lines are
        all read: the first of the lines with no sentence of text it ends on, or the line
        that ended it; ``None`` while the text goes on."""
        return self._quiet_start


def is_text(line: Line) -> bool:
    """A line of running text: prose, and not shaped like a title (a teaser's title reads
    as prose when it ends in "?")."""
    return line.prose and not line.title_like


def _is_body_paragraph(record: Record, i: int, above: TextAbove) -> bool:
    line = record.lines[i]
    return record.roles[i] is Role.BODY and not line.footer and above.is_full_paragraph(line)


def _not_in_a_box(line: Line) -> bool:
    """A line a box of related links does not hold: a marker, a footer, a comment's
    heading, form or control, a byline or a date (those head the next article, a
    teaser's excerpt or a comment)."""
    key = line.key
    return bool(line.tail_marker or line.footer or line.byline or line.date
                or rules.COMMENTS_HEADING.match(key) or rules.COMMENT_FORM.match(key)
                or rules.COMMENT_CONTROL.match(key))


def _stems(text: str, cjk_chars: int) -> set[str]:
    """The longer words of a text (``BODY.topic_word_chars`` letters and more: not "that",
    "with", "after"), cut to their first ``BODY.topic_stem_chars`` letters, so that
    "kopalni" and "kopalń" agree, as inflected forms of one word mostly do; for Chinese
    and Japanese, the pairs of characters of its first ``cjk_chars`` (``text.gist``)."""
    words = content_words(gist(text, cjk_chars), BODY.topic_word_chars)
    return {word[:BODY.topic_stem_chars] for word in words}
