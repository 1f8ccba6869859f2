"""What each line looks like on its own: the features every later stage reads."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import rules
from .text import line_key, word_count

# A prose line is long enough to be a paragraph even without a full stop
# (Arabic and Persian paragraphs often end without one).
PROSE_MIN_CHARS = 120
PROSE_MIN_WORDS = 6
# Headlines are short: longer lines are text, not titles.
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 30
# Navigation menus and tag lists are runs of lines this short.
NAV_MAX_WORDS = 3
# Furniture (widgets, dates, bylines, markers) is never longer than this.
SHORT_LINE_CHARS = 200
# Credits and sentence ends are looked for in this many final characters.
END_WINDOW_CHARS = 160
CAPTION_MAX_CHARS = 600
# Program code pasted into a dump ("indices = np.arange(n)") is not a menu.
_CODE_LIKE = re.compile(r"[=(){}\[\];<>]|\w_\w")


@dataclass(slots=True)
class Line:
    """One input line and its features. ``number`` is 1-based, as users count lines."""

    number: int
    text: str
    key: str
    squeezed: str        # the key without spaces: what copies of a line agree on
    words: int
    blank: bool
    separator: bool
    chrome: bool
    date: bool
    byline: bool
    url: bool
    footer: bool
    tail_marker: bool
    source: bool
    credit: bool         # ends in a photo credit: "... (AP Photo/Name)", "... Photo: Reuters"
    bracket: bool        # ends in a short bracketed text: "... (Name)" (a weak hint of a credit)
    caption_start: bool  # opens like a caption: "Item 3 of 9 ...", "Watch: ..."
    credit_only: bool
    domain: bool         # names a web domain: "news.example.com"
    ends_sentence: bool
    full_stop: bool

    @property
    def caption_pattern(self) -> bool:
        """A credit on the line or a caption's opening: strong evidence of a caption."""
        return self.credit or self.caption_start

    @property
    def prose(self) -> bool:
        """Reads as a paragraph of running text."""
        if self.blank or self.chrome or self.url:
            return False
        if len(self.key) >= PROSE_MIN_CHARS:
            return True
        return self.ends_sentence and self.words >= PROSE_MIN_WORDS

    @property
    def meta(self) -> bool:
        """Page furniture around the text: widgets, dates, bylines, credits, links."""
        return self.chrome or self.date or self.byline or self.url or self.credit_only

    @property
    def title_like(self) -> bool:
        """Could be a headline, kicker or deck line: short, and not a finished sentence."""
        if self.blank or self.meta or self.separator:
            return False
        if self.full_stop or self.key.endswith(":") or len(self.key) > TITLE_MAX_CHARS:
            return False
        return 2 <= self.words <= TITLE_MAX_WORDS

    @property
    def nav_like(self) -> bool:
        """A menu item, tag or share button: a very short line that is not a sentence."""
        return (not self.blank and self.words <= NAV_MAX_WORDS and not self.ends_sentence
                and not _CODE_LIKE.search(self.key))


def analyse_line(number: int, text: str) -> Line:
    key = line_key(text)
    if key == text:
        key = text               # share the string: most lines need no normalising
    if not key:
        # a form feed (a printer's page break) alone on its line separates records
        page_break = "\f" in text
        return Line(number, text, key, key, 0, not page_break, page_break, False, False, False, False,
                    False, False, False, False, False, False, False, False, False, False)
    # Patterns for furniture describe short lines, and credits sit at a line's end:
    # checking only what they can match keeps this stage fast on long paragraphs.
    short = len(key) <= SHORT_LINE_CHARS
    end = key[-END_WINDOW_CHARS:]
    separator = short and bool(rules.SEPARATOR.match(key))
    ends_sentence = bool(rules.SENTENCE_END.search(end))
    return Line(
        number=number,
        text=text,
        key=key,
        squeezed=key.replace(" ", ""),
        words=word_count(key),
        blank=False,
        separator=separator,
        chrome=short and not separator and bool(rules.CHROME.match(key)),
        date=len(key) <= 120 and not ends_sentence and bool(rules.DATE_LINE.match(key)),
        byline=short and bool(rules.BYLINE.match(key)),
        url=bool(rules.URL.match(key)),
        footer=bool(rules.FOOTER.match(key)),
        tail_marker=short and bool(rules.TAIL_MARKER.match(key)),
        source=short and bool(rules.SOURCE_LINE.match(key)),
        credit=len(key) <= CAPTION_MAX_CHARS and bool(rules.CAPTION_CREDIT.search(end)),
        bracket=len(key) <= CAPTION_MAX_CHARS and bool(rules.BRACKET_END.search(end)),
        caption_start=len(key) <= CAPTION_MAX_CHARS and bool(rules.CAPTION_START.match(key)),
        credit_only=short and bool(rules.CREDIT_ONLY.match(key)),
        domain=short and bool(rules.DOMAIN.search(key)),
        ends_sentence=ends_sentence,
        full_stop=bool(rules.FULL_STOP_END.search(end)),
    )


def analyse(lines: list[str], first_number: int = 1) -> list[Line]:
    return [analyse_line(first_number + i, text) for i, text in enumerate(lines)]
