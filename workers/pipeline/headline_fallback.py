"""What stands when the rules rule out the headline the role model chose.

The rules of ``titles.py`` rule lines out as headlines by their shape, and the labelling is
decoded again without them. Where that leaves a paragraph of text in the headline's place,
text would be lost from the body: the model's own line stands instead, or the record has no
headline and its text starts at its first paragraph.
"""

from __future__ import annotations

from collections.abc import Callable

from .lines import Line
from .record import Record
from .record_context import text_words
from .roles import Role
from .shapes import can_open_body
from .thresholds import ROLES
from .titles import can_be_headline, content_words_of, found_in, headline_at


def title_over_its_lead(record: Record, roles: list[Role], own_roles: list[Role], not_headline: set[int],
                        decode: Callable[[set[int]], list[Role]], fixed: dict[int, Role]) -> list[Role]:
    """The labelling, or another where the rules ruled out the model's own headline and the
    headline decoded instead is a paragraph of text:

    * the model's line stands (a title ruled out by its shape, "Labels: the fight over ...",
      "January 6, 2021: a timeline ...") where the decoded headline is a long paragraph or
      lies under a paragraph close below the model's line, and the model's line is about
      the text or has that paragraph under it; furniture right over a long paragraph (a
      "Tags:" line over an agency's one-sentence headline) does not;
    * where a long paragraph the model itself took for text is the headline all the same,
      and the text below does not restate it (as text restates its headline), the record
      has no headline and its text starts at its first line that can open a body.

    ``record.kept_title`` tells ``extract`` the headline is such a line, which it would
    otherwise drop as page furniture."""
    own, head = headline_at(own_roles), headline_at(roles)
    if head is None:
        return roles
    lines = [record.lines[i] for i in record.content]
    if own is not None and own < head and _stands_over(record, lines, own, head):
        # no line under the model's title may be the headline now
        again = decode((not_headline - {own}) | set(range(own + 1, len(lines))))
        if headline_at(again) == own:
            record.kept_title = True
            return again
    if own_roles[head] is Role.BODY and _long_paragraph(lines[head]) and not _restated_below(record, lines, head):
        first = next((n for n, line in enumerate(lines) if line.prose and can_open_body(line)), None)
        if first is not None:
            untitled = [Role.BEFORE if role is Role.HEADLINE else role for role in roles]
            return _text_from(lines, first, untitled, own_roles, fixed)
    return roles


def _stands_over(record: Record, lines: list[Line], own: int, head: int) -> bool:
    """Whether the model's line ``own``, ruled out by the rules, is the headline rather than
    the line ``head`` decoded in its place: text would be lost (``head`` a long paragraph,
    or a paragraph between them close below), and ``own`` is about the text or has a
    paragraph under it (furniture right over the paragraph is not)."""
    if _is_paragraph(lines[own]) or can_be_headline(lines[own]):
        return False
    text_between = head - own <= ROLES.kept_title_max_gap and any(lines[n].prose for n in range(own + 1, head))
    if not (text_between or _long_paragraph(lines[head])):
        return False
    return text_between or _words_found_below(record, lines, own) >= ROLES.kept_title_min_found


def _restated_below(record: Record, lines: list[Line], n: int) -> bool:
    """Whether half or more of line n's content words come back in the text below it: a
    headline over its lead, not the lead itself."""
    words = content_words_of(lines[n])
    return bool(words) and _words_found_below(record, lines, n) >= ROLES.restated_min_share * len(words)


def _words_found_below(record: Record, lines: list[Line], n: int) -> int:
    """How many of line n's content words are in the text below it, whole or inflected."""
    words = content_words_of(lines[n])
    if not words or n + 1 >= len(lines):
        return 0
    return found_in(words, text_words(record.lines, record.content, n + 1, len(lines) - 1))


def _is_paragraph(line: Line) -> bool:
    """A sentence of text, not a title: prose that is not title-shaped."""
    return line.prose and not line.title_like


def _long_paragraph(line: Line) -> bool:
    """A paragraph too long for any headline's deck or title: ``ROLES.lead_min_words``
    words or ``lead_min_chars`` characters ("Council votes to close libraries." is prose
    and may be a headline)."""
    return _is_paragraph(line) and (line.words >= ROLES.lead_min_words or len(line.key) >= ROLES.lead_min_chars)


def text_without_headline(record: Record, roles: list[Role], own_roles: list[Role],
                           fixed: dict[int, Role]) -> list[Role]:
    """A record with running text but no line that can be its headline (one long line
    of text, a page of paragraphs) is still an article: its text from the first
    paragraph on is the body. A line stays a caption there only where the model's own
    labelling (``own_roles``, or a rule's ``fixed`` role over it) says so, or the line ends
    in a credit or opens like a caption: the labelling that keeps the article order has
    no body without a headline, so it makes a paragraph a caption whenever the model
    likes that a little more than "above the headline"."""
    lines = [record.lines[i] for i in record.content]
    first = next((n for n, line in enumerate(lines) if line.prose), None)
    if first is None:
        return roles
    return _text_from(lines, first, roles, own_roles, fixed)


def _text_from(lines: list[Line], first: int, roles: list[Role], own_roles: list[Role],
               fixed: dict[int, Role]) -> list[Role]:
    """``roles`` with the text of a headline-less record starting at line ``first``: body,
    or a caption where ``_role_in_text`` says so."""
    return roles[:first] + [_role_in_text(lines[n], roles[n], fixed.get(n, own_roles[n]))
                            for n in range(first, len(roles))]


def _role_in_text(line: Line, role: Role, own_role: Role) -> Role:
    """A line of a headline-less record's text: a caption where the ordered labelling says
    so and the model's own labelling or the line's credit agrees, else body."""
    if role is Role.CAPTION and (own_role is Role.CAPTION or line.caption_pattern):
        return Role.CAPTION
    return Role.BODY
