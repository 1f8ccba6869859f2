"""Normalisation: split a dump into lines and give each line a comparison key."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Line breaks the product accepts: LF, CRLF and lone CR. Nothing else splits a line,
# so line numbers agree with what editors and `wc -l` show.
LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Marks that change nothing a reader sees: zero-width characters, bidi controls, BOM,
# the Arabic letter mark. Comparison keys drop them.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]")
# C0/C1 control characters other than tab, which some scraped dumps carry (NUL, cp1252 mojibake).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# A whitespace-separated token with no letter or digit in it ("--", "|", "•"). Linear:
# the lookbehind fails at once inside a token.
_NON_WORD_TOKEN = re.compile(r"(?<!\S)[\W_]+(?!\S)")


def iter_lines(text: str) -> Iterator[str]:
    """The lines of a text, one at a time: split on LF, CRLF or CR; a final line break does
    not open an empty last line. A dump of millions of short lines is never held as a list
    of strings."""
    start = 0
    for match in LINE_BREAK.finditer(text):
        yield text[start:match.start()]
        start = match.end()
    if start < len(text) or start == 0:
        yield text[start:]


def split_lines(text: str) -> list[str]:
    """The lines of ``iter_lines``, as a list (for training, which indexes them)."""
    return list(iter_lines(text))


def _combining_class(first: int, last: int) -> str:
    """A regex character class of the code points from first to last with a non-zero
    combining class."""
    ranges, start, previous = [], None, None
    for code in range(first, last + 1):
        if unicodedata.combining(chr(code)):
            if start is None:
                start = code
            elif code != previous + 1:
                ranges.append((start, previous))
                start = code
            previous = code
    ranges.append((start, previous))
    return "[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]"


# A run of combining marks longer than any script writes (Arabic and Hebrew stack three or
# four on a letter): NFKC sorts a run by insertion, in time quadratic in its length, so
# the key keeps only the first MAX_COMBINING_RUN marks of a run. Marks beyond the Basic
# Multilingual Plane are looked for only in lines that have such characters at all (a
# class that reaches them makes the search ten times slower).
MAX_COMBINING_RUN = 16
_BMP_MARK = _combining_class(0x300, 0xFFFF)
_ANY_MARK = _combining_class(0x300, 0x2FFFF)
_LONG_BMP_RUN = re.compile(f"({_BMP_MARK}{{{MAX_COMBINING_RUN}}}){_BMP_MARK}+")
_LONG_ANY_RUN = re.compile(f"({_ANY_MARK}{{{MAX_COMBINING_RUN}}}){_ANY_MARK}+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _cut_long_combining_runs(line: str) -> str:
    pattern = _LONG_ANY_RUN if _ASTRAL.search(line) else _LONG_BMP_RUN
    return pattern.sub(r"\1", line)


def line_key(line: str) -> str:
    """NFKC, invisible marks and control characters removed, whitespace collapsed."""
    if line.isascii():
        return _collapse_whitespace(CONTROL.sub(" ", line))
    key = unicodedata.normalize("NFKC", _cut_long_combining_runs(line))
    key = INVISIBLE.sub("", key)
    key = CONTROL.sub(" ", key)
    return _collapse_whitespace(key)


# Past this length a line is collapsed a piece at a time (pieces cut at whitespace): the
# same result as split-and-join, without a list holding every word of a line of megabytes.
_SPLIT_MAX_CHARS = 10_000
_WHITESPACE = re.compile(r"\s")
_LEADING_WHITESPACE = re.compile(r"\s*")
# what collapsing changes between a line's first and last word: whitespace other than a
# space, or two spaces
_INNER_NOT_COLLAPSED = re.compile(r"[^\S ]|  ")
_TRAILING_STEP = 4096


def _collapse_whitespace(text: str) -> str:
    if len(text) <= _SPLIT_MAX_CHARS:
        return " ".join(text.split())
    start, end = _without_outer_whitespace(text)
    if not _INNER_NOT_COLLAPSED.search(text, start, end):
        # nothing to collapse inside: the key is the text itself, or one slice of it (a
        # long line that ends in a space), never a second copy built from pieces
        return text[start:end]
    pieces = []
    while start < end:
        cut = _WHITESPACE.search(text, start + _SPLIT_MAX_CHARS, end)
        stop = cut.start() if cut else end
        piece = " ".join(text[start:stop].split())
        if piece:
            pieces.append(piece)
        start = stop
    return " ".join(pieces)


def _without_outer_whitespace(text: str) -> tuple[int, int]:
    """Where ``text.strip()`` would start and end, found without making that copy."""
    start = _LEADING_WHITESPACE.match(text).end()
    end = len(text)
    while end - _TRAILING_STEP >= start and text[end - _TRAILING_STEP:end].isspace():
        end -= _TRAILING_STEP
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def word_count(key: str) -> int:
    """Words in a key (whitespace collapsed, as ``line_key`` leaves it); CJK text has no
    spaces, so every two ideographs count as a word. Counted without listing the words."""
    if not key:
        return 0
    words = key.count(" ") + 1 - _count(_NON_WORD_TOKEN, key)
    cjk = 0 if key.isascii() else _count(_CJK, key)
    if cjk:
        words += cjk // 2
    return words


def _count(pattern: re.Pattern[str], text: str) -> int:
    """Matches of ``pattern`` in ``text``, with no list of them (``subn`` counts)."""
    return pattern.subn("", text)[1]


def script_of(key: str) -> str:
    """The dominant script of a line: arabic, cjk, cyrillic, latin, or none."""
    if key.isascii():                                # most lines of most dumps: no counting
        return "latin" if _LATIN.search(key) else "none"
    counts = {
        "arabic": len(ARABIC.findall(key)),
        "cjk": len(_CJK.findall(key)),
        "cyrillic": len(_CYRILLIC.findall(key)),
        "latin": len(_LATIN.findall(key)),
    }
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else "none"


# Punctuation dropped before a line is cut into words for ``gist`` (a pattern, not
# str.translate: translate looks each character of a non-ASCII text up in a dict, six
# times slower on Greek or Chinese)
_PUNCTUATION = re.compile("[" + re.escape(
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»“”‘’„‚‹›「」『』《》【】（）،؛؟。、，：；！？…") + "]")
GIST_CJK_CHARS = 80


def gist(text: str, cjk_chars: int = GIST_CJK_CHARS) -> set[str]:
    """What two related lines share: their words (case-folded, without punctuation), or
    for Chinese and Japanese, which do not space words, their pairs of characters (of the
    first ``cjk_chars``)."""
    words = _PUNCTUATION.sub("", text.casefold()).split()
    if not text.isascii() and 3 * len(_CJK.findall(text)) >= len(text):
        text = "".join(words)[:cjk_chars]
        return {text[k:k + 2] for k in range(len(text) - 1)}
    return set(words)


# Han characters, each a word of its own weight in Chinese and Japanese
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def word_pieces(words: set[str], size: int = 4) -> set[str]:
    """What inflected forms of a word still share: every run of ``size`` letters of each
    word ("bridges" and "bridge" share "brid", "ridg" and "idge"; "الجسر" and "للجسر" share
    "لجسر"), and each Han character of a CJK pair. A word of ``size`` letters or fewer is
    its own piece."""
    pieces: set[str] = set()
    for word in words:
        if _CJK.match(word):
            pieces.update(_HAN.findall(word))
        else:
            pieces.update(word[k:k + size] for k in range(max(1, len(word) - size + 1)))
    return pieces


def content_words(words: set[str], min_chars: int) -> set[str]:
    """The words of a ``gist`` that carry meaning: those of at least ``min_chars`` letters
    (function words are short in most languages), and every pair of CJK characters."""
    return {w for w in words if len(w) >= min_chars or _CJK.match(w)}
