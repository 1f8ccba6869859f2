"""What each line looks like on its own: the facts every later stage reads.

Every fact is computed once, when the line is read (``analyse_line``): the models ask for
them many times per line.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from . import rules
from .text import line_key, word_count
from .thresholds import LINE

# Program code pasted into a dump ("indices = np.arange(n)") is not a menu.
_CODE_LIKE = re.compile(r"[=(){}\[\];<>]|\w_\w")


@dataclass(slots=True)
class Line:
    """One input line and its facts. ``number`` is 1-based, as users count lines."""

    number: int
    text: str
    key: str             # normalised text (``text.line_key``): what patterns are matched against
    squeezed: str        # the key without spaces (a digest of it for long lines): what copies agree on
    words: int
    blank: bool
    separator: bool
    chrome: bool         # a widget, not text: "TT", "Share", "Advertisement"
    date: bool
    byline: bool
    url: bool
    footer: bool
    tail_marker: bool    # "Related", "Read more": what follows is not the article's text
    source: bool         # "Source: ...": the article's last line
    credit: bool         # ends in a photo credit: "... (AP Photo/Name)", "... Photo: Reuters"
    bracket: bool        # ends in a short bracketed text: "... (Name)" (a weak hint of a credit)
    caption_start: bool  # opens like a caption: "Item 3 of 9 ...", "Watch: ..."
    credit_only: bool    # a credit alone: "© AFP 2019 / Name"
    domain: bool         # names a web domain: "news.example.com"
    ends_sentence: bool
    full_stop: bool
    meta: bool           # page furniture around the text: widgets, dates, bylines, credits, links
    prose: bool          # reads as a paragraph of running text
    title_like: bool     # could be a headline, kicker or deck line: short, not a finished sentence
    nav_like: bool       # a menu item, tag or share button: a very short line, not a sentence

    @property
    def caption_pattern(self) -> bool:
        """A credit on the line or a caption's opening: strong evidence of a caption."""
        return self.credit or self.caption_start


def _blank_facts(text: str) -> tuple:
    # a form feed (a printer's page break) alone on its line separates records
    page_break = "\f" in text
    return (0, not page_break, page_break, *([False] * 18))


# Every blank line is this one object: no stage reads a blank line's number or text, and
# a dump of millions of empty lines then costs a pointer per line, not an object.
BLANK = Line(0, "", "", "", *_blank_facts(""))


def is_blank(text: str) -> bool:
    """True for a line that ``analyse_line`` makes ``BLANK``: empty or only whitespace."""
    return not text or text.isspace() and "\f" not in text


def analyse_line(number: int, text: str) -> Line:
    if is_blank(text):
        return BLANK
    key, facts = line_facts(text)
    return Line(number, text, key, _squeezed(key), *facts)


def line_facts(text: str) -> tuple[str, tuple]:
    """The key of a line that is not ``BLANK`` and its facts: the fields of its ``Line``
    from ``words`` on, in order. The key is ``text`` itself when normalising changes nothing."""
    key = line_key(text)
    if key == text:
        key = text               # share the string: most lines need no normalising
    if not key:
        return key, _blank_facts(text)
    # Patterns for furniture describe short lines, and credits sit at a line's end:
    # checking only what they can match keeps this stage fast on long paragraphs.
    length = len(key)
    short = length <= LINE.short_chars
    end = key[-LINE.end_window_chars:]
    captionable = length <= LINE.caption_max_chars
    words = word_count(key)
    separator = short and bool(rules.SEPARATOR.match(key))
    ends_sentence = bool(rules.SENTENCE_END.search(end))
    full_stop = bool(rules.FULL_STOP_END.search(end))
    chrome = short and not separator and bool(rules.CHROME.match(key))
    date = length <= LINE.date_max_chars and not ends_sentence and bool(rules.DATE_LINE.match(key))
    byline = short and bool(rules.BYLINE.match(key))
    url = bool(rules.URL.match(key))
    credit_only = short and bool(rules.CREDIT_ONLY.match(key))
    meta = chrome or date or byline or url or credit_only
    prose = not chrome and not url and (length >= LINE.prose_min_chars
                                        or (ends_sentence and words >= LINE.prose_min_words))
    title_like = (not meta and not separator and not full_stop and not key.endswith(":")
                  and length <= LINE.title_max_chars and 2 <= words <= LINE.title_max_words)
    nav_like = words <= LINE.nav_max_words and not ends_sentence and not _CODE_LIKE.search(key)
    # in the order of Line's fields: words, blank, separator, chrome, date, byline, url,
    # footer, tail_marker, source, credit, bracket, caption_start, credit_only, domain,
    # ends_sentence, full_stop, meta, prose, title_like, nav_like
    return key, (
        words, False, separator, chrome, date, byline, url,
        length <= LINE.footer_max_chars and bool(rules.FOOTER.match(key)),
        short and bool(rules.TAIL_MARKER.match(key)),
        short and bool(rules.SOURCE_LINE.match(key)),
        captionable and rules.ends_in_credit(end),
        captionable and bool(rules.BRACKET_END.search(end)),
        captionable and bool(rules.CAPTION_START.match(key)),
        credit_only,
        short and bool(rules.DOMAIN.search(key)),
        ends_sentence, full_stop, meta, prose, title_like, nav_like,
    )


def _squeezed(key: str) -> str:
    """What two copies of a line have in common: the key without its spaces. A long line
    (a paragraph) keeps a 128-bit digest of it instead of a second copy of its text: only
    equality is ever asked of it. The digest is fed a piece at a time, so a line of
    megabytes is never copied whole for it."""
    if len(key) - key.count(" ") <= LINE.squeezed_max_chars:
        return key.replace(" ", "")
    digest = hashlib.blake2b(digest_size=16)
    for start in range(0, len(key), _DIGEST_PIECE_CHARS):
        digest.update(key[start:start + _DIGEST_PIECE_CHARS].replace(" ", "").encode("utf-8", "surrogatepass"))
    return "#" + digest.hexdigest()


_DIGEST_PIECE_CHARS = 1 << 16
# Past this length, ``stripped_text`` checks whether the key is the stripped text before
# making a copy of its own: only long lines are worth the look.
_SHARE_KEY_MIN_CHARS = 10_000
_WHITESPACE_RUN = re.compile(r"\s*")


def stripped_text(line: Line) -> str:
    """``line.text.strip()``: the line as the dump has it, for an article's fields. A long
    line whose key is exactly that (a paragraph that needed nothing but its ends trimmed,
    as a line of megabytes of words does) gives its key, so that the article shares the
    line's key instead of holding one more copy of the line."""
    text, key = line.text, line.key
    if len(text) >= _SHARE_KEY_MIN_CHARS and key is not text:
        start = _WHITESPACE_RUN.match(text).end()
        if text.startswith(key, start) and _WHITESPACE_RUN.fullmatch(text, start + len(key)):
            return key
    return text.strip()


def analyse(lines: Iterable[str], first_number: int = 1) -> list[Line]:
    return list(_analysed(lines, first_number))


def _analysed(lines: Iterable[str], first_number: int) -> Iterator[Line]:
    return (analyse_line(first_number + i, text) for i, text in enumerate(lines))


def analyse_compact(lines: Iterable[str], first_number: int = 1) -> list[Line]:
    """``analyse``, with every run of empty lines cut to ``LINE.blank_run_kept``: no stage
    tells a longer run from one of that length (gaps are counted up to 4), and a dump of
    nothing but line breaks would otherwise hold a slot per line. Lines of text keep
    their own numbers, so the articles' line numbers are those of the dump."""
    kept: list[Line] = []
    run = 0
    for line in _analysed(lines, first_number):
        if line is BLANK:
            run += 1
            if run > LINE.blank_run_kept:
                continue
        else:
            run = 0
        kept.append(line)
    return kept
