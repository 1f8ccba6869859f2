"""Body: the running text from its first line to the last paragraph before the tail.

The role model finds where the body starts; where it ends is left to general rules:
a related-stories marker or a footer opens the tail, a source line closes the text,
and trailing lines that are not paragraphs (menus, headline lists) are not text.
"""

from __future__ import annotations

from .lines import stripped_text
from .record import Record
from .roles import Role


def mark_tail(record: Record) -> None:
    """Set Role.TAIL on the body lines after the article's own text."""
    body = list(record.with_role(Role.BODY))
    if not body:
        return
    tail_start = _tail_start(record, body)
    last = _last_paragraph(record, body[0], tail_start)
    for i in body:
        if i > last:
            record.roles[i] = Role.TAIL


def _tail_start(record: Record, body: list[int]) -> int:
    """First line of the related-stories / footer tail after the body's first line."""
    for i in body[1:]:
        line = record.lines[i]
        if line.tail_marker or (line.footer and not line.credit_only):
            return i
        if line.source:
            return i + 1          # "Source: ..." is the article's last line
    return len(record.lines)


def _last_paragraph(record: Record, first: int, tail_start: int) -> int:
    """The last paragraph before the tail: trailing menus and headline lists are not text."""
    for i in range(tail_start - 1, first, -1):
        line = record.lines[i]
        if record.roles[i] is Role.BODY and not line.chrome and (line.prose or line.source):
            return i
    return first


def body_paragraphs(record: Record) -> list[str]:
    """Body lines grouped into paragraphs, text as in the dump.

    A line joins the one above it when the record separates paragraphs with blank lines
    and the line above stops mid-sentence (hard-wrapped text); otherwise every line is a
    paragraph of its own.
    """
    lines = record.lines
    kept = [i for i in record.with_role(Role.BODY) if not (lines[i].separator or lines[i].chrome)]
    if not kept:
        return []
    uses_blank_lines = any(b > a + 1 and all(lines[k].blank for k in range(a + 1, b))
                           for a, b in zip(kept, kept[1:]))
    paragraphs: list[list[str]] = [[stripped_text(lines[kept[0]])]]
    for prev, cur in zip(kept, kept[1:]):
        if uses_blank_lines and cur == prev + 1 and not lines[prev].ends_sentence:
            paragraphs[-1].append(stripped_text(lines[cur]))
        else:
            paragraphs.append([stripped_text(lines[cur])])
    return ["\n".join(p) for p in paragraphs]
