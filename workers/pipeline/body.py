"""Body: the running text from its first line to the last paragraph before the tail.

The role model finds where the body starts; where it ends is left to general rules:
a related-stories marker, a footer or reader comments open the tail, a source line
closes the text, and trailing lines that are not paragraphs (menus, headline lists) are
not text. A marker over a short box of titles, with the article's paragraphs going on
below it, is a box inside the text (``inline_boxes.py``), not the tail.
"""

from __future__ import annotations

from bisect import bisect_right

from . import rules
from .inline_boxes import BelowBox, TextAbove, inline_box_end
from .lines import Line, stripped_text
from .record import Record
from .roles import Role
from .thresholds import BODY


def mark_tail(record: Record) -> None:
    """Set Role.TAIL on the body lines after the article's own text, and on the lines of
    related-stories boxes inside it."""
    body = list(record.with_role(Role.BODY))
    if not body:
        return
    tail_start, boxed = _tail_start(record, body)
    for i in boxed:
        record.roles[i] = Role.TAIL
    last = _last_paragraph(record, body[0], tail_start)
    for i in body:
        if i > last:
            record.roles[i] = Role.TAIL


def _tail_start(record: Record, body: list[int]) -> tuple[int, list[int]]:
    """First line of the related-stories / footer / comments tail after the body's first
    line, and the lines of the related-stories box the text went on after, if any
    (``inline_boxes``: one box at most; below it the text ends more readily)."""
    comments = _comments_start(record, body[0])
    above = TextAbove(record)
    above.add(record.lines[body[0]])
    boxed: list[int] = []
    below_box: BelowBox | None = None
    k = 1
    while k < len(body):
        i = body[k]
        if i >= comments:
            return comments, boxed
        line = record.lines[i]
        if below_box is not None and below_box.text_ends(i, line):
            return below_box.end, boxed
        if line.tail_marker:
            box_end = inline_box_end(record, i, above)
            if box_end is None:
                return i, boxed
            # the lines that are not paragraphs just above the marker go with the box, as
            # they went with the tail when a marker ended the body ("More on:", a title;
            # ``_last_paragraph``)
            j = k
            while j > 1 and not _is_paragraph(record.lines[body[j - 1]]):
                j -= 1
            boxed.extend(body[j:k])
            while body[k] < box_end:
                boxed.append(body[k])
                k += 1
            below_box = BelowBox(above)
            continue
        if not line.prose and rules.RELATED_LINK.match(line.key):
            boxed.append(i)       # "Read more: <title>" between paragraphs: a link, not text
            k += 1
            continue
        if line.footer and not line.credit_only:
            return i, boxed
        if line.source:
            return i + 1, boxed   # "Source: ..." is the article's last line
        above.add(line)
        k += 1
    if below_box is not None and below_box.end is not None:
        return below_box.end, boxed
    return comments, boxed


def _comments_start(record: Record, first: int) -> int:
    """Where reader comments begin below the text, or the record's end if none show.

    A comment form's heading ("Leave a Reply") opens them. So does a comments heading
    ("12 Comments", the first of a group such as "Comments (3)" / "The comments below have
    not been moderated.") with a comment's control ("Reply", "Report abuse") under it, one
    comment's paragraphs below. With no heading, two controls a few lines apart open them
    at the first one, which leaves the first comment in the body. A heading or a control
    alone cuts nothing: pages show "Comments (3)" in the toolbar above the text, a letters
    page or an embedded post shows one "Reply"."""
    content = record.content
    headings: list[int] = []      # positions in ``content`` of the headings seen so far
    control = None                # position of the last control with no heading above it
    prose_since_heading = 0
    for n in range(bisect_right(content, first), len(content)):
        line = record.lines[content[n]]
        key = line.key
        if len(key) > BODY.comment_line_chars:
            # too long for a control or a heading: counted as a paragraph without asking
            # ``line.prose`` (nearly all such lines are one, and the count is only a bound)
            prose_since_heading += 1
            continue
        if rules.COMMENTS_HEADING.match(key):
            headings.append(n)
            prose_since_heading = 0
        elif rules.COMMENT_FORM.match(key):
            headings.append(n)
            return content[_first_of_group(headings)]
        elif rules.COMMENT_CONTROL.match(key):
            if headings and prose_since_heading <= BODY.comment_heading_text:
                return content[_first_of_group(headings)]
            if control is not None and n - control <= BODY.comment_control_gap:
                return content[control]
            control = n
        elif line.prose:
            prose_since_heading += 1
    return len(record.lines)


def _first_of_group(headings: list[int]) -> int:
    """The first of the last group of headings, each at most
    ``BODY.comment_heading_gap`` lines of text below the one before."""
    k = len(headings) - 1
    while k and headings[k] - headings[k - 1] <= BODY.comment_heading_gap:
        k -= 1
    return headings[k]


def _last_paragraph(record: Record, first: int, tail_start: int) -> int:
    """The last paragraph before the tail: trailing menus and headline lists are not text."""
    for i in range(tail_start - 1, first, -1):
        if record.roles[i] is Role.BODY and _is_paragraph(record.lines[i]):
            return i
    return first


def _is_paragraph(line: Line) -> bool:
    return not line.chrome and (line.prose or line.source)


def body_paragraphs(record: Record) -> list[str]:
    """Body lines grouped into paragraphs, text as in the dump.

    A line joins the one above it when the record separates paragraphs with blank lines
    and the line above stops mid-sentence (hard-wrapped text); otherwise every line is a
    paragraph of its own.
    """
    lines = record.lines
    kept = [i for i in record.with_role(Role.BODY)
            if not (lines[i].separator or lines[i].chrome or rules.is_photo_counter(lines[i].key))]
    if not kept:
        return []
    # judged above a related-stories box (``inline_boxes``), whose lines are the TAIL
    # lines between two body lines: the text below it may be spaced otherwise, and must
    # not change how the paragraphs above it are read
    box = next((i for i in range(kept[0], kept[-1]) if record.roles[i] is Role.TAIL), None)
    above_box = [i for i in kept if box is None or i < box]
    uses_blank_lines = any(b > a + 1 and all(lines[k].blank for k in range(a + 1, b))
                           for a, b in zip(above_box, above_box[1:]))
    paragraphs: list[list[str]] = [[stripped_text(lines[kept[0]])]]
    for prev, cur in zip(kept, kept[1:]):
        if uses_blank_lines and cur == prev + 1 and not lines[prev].ends_sentence:
            paragraphs[-1].append(stripped_text(lines[cur]))
        else:
            paragraphs.append([stripped_text(lines[cur])])
    return ["\n".join(p) for p in paragraphs]
