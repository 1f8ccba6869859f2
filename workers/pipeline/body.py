"""Body: the running text from its first line to the last paragraph before the tail."""

from __future__ import annotations

from .lines import Line
from .roles import Role


def find_tail_start(lines: list[Line], start: int, end: int) -> int:
    """First line of the related-stories / footer tail after ``start``; end + 1 if none."""
    for i in range(start, end + 1):
        line = lines[i]
        if line.tail_marker or (line.footer and not line.credit_only):
            return i
        if line.source:
            return i + 1          # "Source: ..." is the article's last line
    return end + 1


def find_body_end(lines: list[Line], roles: dict[int, Role], body_start: int, tail_start: int) -> int:
    """The last paragraph before the tail: trailing menus and headline lists are not text."""
    for i in range(tail_start - 1, body_start - 1, -1):
        line = lines[i]
        if line.blank or i in roles or line.chrome:
            continue
        if line.prose or line.source:
            return i
    return body_start


def body_paragraphs(lines: list[Line], roles: dict[int, Role], body_start: int, body_end: int) -> list[str]:
    """Body lines grouped into paragraphs, text as in the dump.

    A line joins the one above it when the record separates paragraphs with blank lines
    and the line above stops mid-sentence (hard-wrapped text); otherwise every line is a
    paragraph of its own.
    """
    kept = [i for i in range(body_start, body_end + 1) if _is_body(lines[i], roles.get(i))]
    if not kept:
        return []
    uses_blank_lines = any(b > a + 1 and all(lines[k].blank for k in range(a + 1, b))
                           for a, b in zip(kept, kept[1:]))
    paragraphs: list[list[str]] = [[lines[kept[0]].text.strip()]]
    for prev, cur in zip(kept, kept[1:]):
        if uses_blank_lines and cur == prev + 1 and not lines[prev].ends_sentence:
            paragraphs[-1].append(lines[cur].text.strip())
        else:
            paragraphs.append([lines[cur].text.strip()])
    return ["\n".join(p) for p in paragraphs]


def _is_body(line: Line, role: Role | None) -> bool:
    if line.blank or line.separator or line.chrome or line.credit_only:
        return False
    return role is None or role is Role.BODY
