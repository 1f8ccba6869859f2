"""Which line of a record can be its headline, and which title is about its text.

The role model picks the headline; these say which lines never can be one (page furniture:
``can_be_headline``), and which title the article's text speaks of when the model's pick
does not (``titles_about_the_text``, ``titles_below_about_the_text``), or the whole of
a headline cut short (``whole_titles_of_a_cut_headline``): ``line_roles`` decodes again
without the pick where one of these finds a better title. What stands where a rule rules
out the model's own pick is ``headline_fallback``'s."""

from __future__ import annotations

import re

from . import rules
from .lines import Line
from .record import Record
from .record_context import text_words
from .roles import Role
from .shapes import is_page_control
from .text import content_words, gist, word_pieces
from .thresholds import LINE, MODEL, ROLES


# A title cut short: what it keeps, between marks that open a link ("/ ", "» ") and the
# ellipsis that ends it.
_LEADING_MARKS = "/»›>|•·-–— "
CUT_TITLE = re.compile(rf"[{re.escape(_LEADING_MARKS)}]*(.+?)\s*(?:\.{{3}}|…)")


def can_be_headline(line: Line) -> bool:
    """Page furniture (a widget, a byline, a date, a URL, a credit, a "Related" marker, a
    menu or breadcrumb, a toolbar, a page label), a line with no word or a whole page of
    text is never a headline, whatever the model says."""
    return headline_shaped(line) and not is_page_control(line)


def headline_shaped(line: Line) -> bool:
    """Whether a line has a headline's shape: words, not too long, no date, byline, widget,
    source label, menu or weekday's date opening. Page controls are ruled out by
    ``can_be_headline``."""
    key = line.key
    return (not line.meta and not line.tail_marker and line.words > 0
            and len(key) <= LINE.headline_max_chars
            and len(rules.MENU_SEPARATOR.findall(key)) < ROLES.menu_separators
            and len(rules.MENU_BAR.findall(key)) < ROLES.menu_bars
            and rules.DATE_OPENING.match(key) is None
            and rules.SOURCE_LABEL.match(key) is None)


def headline_at(roles: list[Role]) -> int | None:
    """The position of the headline in ``roles``, if any."""
    return next((n for n, role in enumerate(roles) if role is Role.HEADLINE), None)


def body_start(roles: list[Role]) -> int | None:
    """The position of the body's first line in ``roles``, if any."""
    return next((n for n, role in enumerate(roles) if role is Role.BODY), None)


def titles_about_the_text(record: Record, roles: list[Role], not_headline: set[int] | frozenset = frozenset(),
                          text: set[str] | None = None) -> set[int]:
    """Where the headline of ``roles`` shares nothing with its text, not even a piece of a
    word (``text.word_pieces``: inflected forms still share one), the titles above it of a
    few words, most of them found in the text: the headline a labelling without it
    should find (positions in ``record.content``, none of ``not_headline``). A teaser, a
    menu item, a blog's tagline or a byline the model took for the headline is not about
    the text; the headline is. Only lines above count, since under a headline a deck says
    what the text says in the text's words, and is no headline. A title needs a few words
    found, since a masthead, a section name or "Have your say" share one or two by chance.
    ``text``: the words of the text (``text_of``), where the caller has them."""
    head, start = headline_at(roles), body_start(roles)
    if head is None or start is None:
        return set()
    lines = [record.lines[i] for i in record.content]
    own = content_words_of(lines[head])
    if own and text is None:
        text = text_of(record, roles)
    size = ROLES.titled_text_piece_chars
    # whole words first: most headlines share one, and pieces of the text's words cost more
    if not own or not text or own & text or word_pieces(own, size) & word_pieces(text, size):
        return set()
    return {n for n in range(head) if n not in not_headline and can_be_headline(lines[n])
            and len(words := content_words_of(lines[n])) >= ROLES.titled_text_min_words
            and len(words & text) >= max(ROLES.titled_text_min_found, ROLES.titled_text_min_share * len(words))}


def titles_below_about_the_text(record: Record, roles: list[Role], not_headline: set[int] | frozenset = frozenset(),
                                text: set[str] | None = None) -> set[int]:
    """Where less than ``ROLES.weak_title_max_share`` of the headline's content words are
    in its text, the title-shaped lines between it and the text, at least
    ``title_below_min_gap`` lines of text below it, most of whose content words are (and
    at least ``title_below_min_found``): positions in ``record.content``. On a whole page
    the model may take a teaser, a sidebar's title or a site's tagline above the article
    for its headline; the article's own headline, further down, is about its text. A deck
    right under a headline with a pun ("Smear tactics") is about the text too, which is
    why a title just under the headline does not count, nor one under a paragraph, a
    byline or a related box's label or link below the headline (a subheading, a key point,
    a related story's title)."""
    head, start = headline_at(roles), body_start(roles)
    if head is None or start is None or start - head <= ROLES.title_below_min_gap:
        return set()
    lines = [record.lines[i] for i in record.content]
    own = content_words_of(lines[head])
    if text is None:
        text = text_of(record, roles)
    if not text or (own and found_in(own, text) >= ROLES.weak_title_max_share * len(own)):
        return set()
    found = set()
    for n in range(head + 1, start):
        line = lines[n]
        if n >= head + ROLES.title_below_min_gap and n not in not_headline and line.title_like \
                and can_be_headline(line) and len(words := content_words_of(line)) >= ROLES.titled_text_min_words \
                and len(words & text) >= max(ROLES.title_below_min_found, ROLES.titled_text_min_share * len(words)):
            found.add(n)
        if line.prose or line.byline or line.tail_marker or rules.RELATED_LINK.match(line.key):
            # under a paragraph, a byline, a related box's label or a "Read more" link, a
            # title is a subheading, a key point or a related story's, not the headline (a
            # date may be a teaser's: "Posted 3 hours ago")
            break
    return found


def whole_titles_of_a_cut_headline(record: Record, roles: list[Role],
                                   not_headline: set[int] | frozenset = frozenset()) -> set[int]:
    """Where the headline is cut short with an ellipsis (a teaser's link to the article:
    "PayPal to cut 325 jobs ...", "/ Vegas Express Jet Introduces ..."), the longer lines
    of the record that open with what it keeps of the title and are title-shaped: the whole
    headline (not the lead paragraph a teaser quotes the start of)."""
    head = headline_at(roles)
    if head is None:
        return set()
    lines = [record.lines[i] for i in record.content]
    found = CUT_TITLE.fullmatch(lines[head].key)
    if found is None or len(found.group(1).split()) < ROLES.cut_title_min_words:
        return set()
    kept = found.group(1)
    return {n for n, line in enumerate(lines)
            if n != head and n not in not_headline and len(line.key) > len(kept) and line.title_like
            and line.key.lstrip(_LEADING_MARKS).startswith(kept) and can_be_headline(line)}


def text_of(record: Record, roles: list[Role]) -> set[str]:
    """The content words of the start of the text of ``roles`` (``record_context.text_words``),
    or none without a body."""
    start = body_start(roles)
    if start is None:
        return set()
    return text_words(record.lines, record.content, start, len(record.content) - 1)


def found_in(words: set[str], text: set[str]) -> int:
    """How many of the words are in the text, whole or inflected (sharing a piece of a
    word, ``text.word_pieces``: a Russian or Greek headline's words come back in its text
    in other forms)."""
    size = ROLES.titled_text_piece_chars
    pieces = word_pieces(text, size)
    return sum(1 for word in words if word in text or word_pieces({word}, size) & pieces)


def content_words_of(line: Line) -> set[str]:
    """The content words of a line's start (``text.content_words``): what it shares with a text."""
    return content_words(gist(line.key[: MODEL.overlap_chars]), MODEL.content_word_chars)
