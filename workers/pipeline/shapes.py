"""The shape of one line, as feature strings: what the role model reads of a line itself.

Length, the class of its first and last character, letter case, digits, sentence ends
inside it, menu separators, and which general patterns of ``rules.py`` it matches.
Shapes, never words: see ``features.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from . import rules
from .lines import Line
from .thresholds import MODEL, ROLES

# Bucket edges: a value falls in the first bucket whose edge it is below.
CHAR_BUCKETS = (4, 10, 20, 35, 60, 90, 130, 200, 320)
WORD_BUCKETS = (2, 3, 4, 6, 9, 13, 20, 30, 45)
SHARE_BUCKETS = (0.01, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9)

QUOTES = frozenset("\"'«»“”‘’„「」『』")
BRACKETS_CLOSE = frozenset(")]）】」』")
FULL_STOPS = frozenset(rules.FULL_STOPS)
SENTENCE_MARKS = frozenset(rules.SENTENCE_MARKS)
_DIGITS = re.compile(r"\d")
# a sentence end followed by more text: "... said. The ..."
_INNER_SENTENCE_END = re.compile(rf"[{rules.SENTENCE_MARKS}](?=\s*\w)")


def bucket(value: float, edges: tuple) -> str:
    """The name of the bucket ``value`` falls in: "<edge" for the first edge it is below,
    ">=last" above them all."""
    # keyed by identity: the edges are constant tuples, and hashing a tuple on every call
    # would cost more than the lookup saves
    names = _BUCKET_NAMES.get(id(edges))
    if names is None:
        names = _BUCKET_NAMES[id(edges)] = ([f"<{edge}" for edge in edges] + [f">={edges[-1]}"], edges)
    return names[0][bisect_right(edges, value)]


_BUCKET_NAMES: dict[int, tuple[list[str], tuple]] = {}      # the edges kept alive with their names


def line_shape(line: Line) -> list[str]:
    """Feature strings of the line's own form."""
    key = line.key
    head = key[: MODEL.shape_chars]        # long lines are paragraphs: their start tells enough
    f = ["bias",
         "len=" + bucket(len(key), CHAR_BUCKETS),
         "words=" + bucket(line.words, WORD_BUCKETS),
         "end=" + char_class(key[-1]),
         "start=" + char_class(key[0])]
    f.extend(letter_case(key[: MODEL.case_chars]))
    digits = len(_DIGITS.findall(head))
    if digits:
        f.append("digits=" + bucket(digits / len(head), (0.1, 0.3, 0.6)))
    inner_ends = len(_INNER_SENTENCE_END.findall(head[:-1]))
    if inner_ends:
        f.append("inner_ends=" + bucket(inner_ends, (2, 4)))
    if rules.MENU_SEPARATOR.search(head):
        f.append("menu_mark")
    if line.prose:
        f.append("prose")
    if line.title_like:
        f.append("title_like")
    return f


def interface_words(line: Line) -> int:
    """How many words of a line are the words of buttons and links
    (``rules.INTERFACE_WORD``); 0 for a long line, which is text whatever it mentions."""
    if not 0 < line.words <= ROLES.interface_max_words:
        return 0
    return len(rules.INTERFACE_WORD.findall(line.key))


def is_toolbar(line: Line) -> bool:
    """A line made of button and link words ("Log in", "Print Article Send a Tip"): a
    toolbar, never a headline. Half its words, or a smaller share when there are several."""
    found = interface_words(line)
    if found >= ROLES.interface_words:
        return found >= ROLES.interface_share * line.words
    return found >= ROLES.interface_alone_share * line.words > 0


def is_toolbar_or_label(line: Line) -> bool:
    """A toolbar of button words or a page label ("Tags: ...", "Next article: ..."): what
    never opens a body unless it is a sentence (``can_open_body``)."""
    return is_toolbar(line) or rules.PAGE_LABEL.search(line.key) is not None


def is_page_control(line: Line) -> bool:
    """A toolbar of button words or of buttons in brackets, a page label ("Tags: ...",
    "Next article: ...", "Text size A A A"), a photo's or a comment section's controls
    and headings ("View larger image", "Report abuse", "12 Comments", "Leave a Reply") or
    a whole line in brackets: never a headline (none of the 3,900 gold headlines of train,
    dev and corpus is one)."""
    key = line.key
    return (is_toolbar_or_label(line)
            or any(pattern.fullmatch(key) for pattern in _CONTROL_LINES)
            or (line.words <= ROLES.control_max_words and any(pattern.match(key) for pattern in _COMMENT_LINES)))


# Whole lines that are controls, never headlines.
_CONTROL_LINES = (rules.BRACKETED_BUTTONS, rules.PHOTO_CONTROL, rules.BRACKETED_LINE)
# A comment section's lines: its heading, its form's heading, a comment's controls; a few
# words at most ("12 Comments", "Leave a Reply"), since "Have your say on ..." and "5
# replies to critics of ..." are headlines.
_COMMENT_LINES = (rules.COMMENTS_HEADING, rules.COMMENT_FORM, rules.COMMENT_CONTROL)


def rule_matches(line: Line) -> list[str]:
    """The general patterns the line matches, as "rule=name" features."""
    flags = []
    for name in ("chrome", "date", "byline", "url", "footer", "tail_marker", "source",
                 "credit", "bracket", "caption_start", "credit_only", "domain"):
        if getattr(line, name):
            flags.append("rule=" + name)
    key = line.key
    if rules.BULLET.match(key):
        flags.append("rule=bullet")
    if rules.BODY_OPENER.match(key):
        flags.append("rule=body_opener")
    if rules.DECK_OPENER.match(key):
        flags.append("rule=deck_opener")
    return flags


def char_class(c: str) -> str:
    """A character's class: sentence stop, other mark, colon, comma, quote, bracket, digit,
    upper or lower case letter, letter of a script without case, or other."""
    if c in SENTENCE_MARKS:
        return "stop" if c in FULL_STOPS else "mark"
    if c in ":;：；":
        return "colon"
    if c in ",،、，":
        return "comma"
    if c in QUOTES:
        return "quote"
    if c in BRACKETS_CLOSE or c in "([（【":
        return "bracket"
    if c.isdigit():
        return "digit"
    if c.isupper():
        return "upper"
    if c.islower():
        return "lower"
    if c.isalpha():
        return "letter"          # scripts without case: Arabic, CJK, ...
    return "other"


def letter_case(key: str) -> list[str]:
    """Letter case, for scripts that have it: ALL CAPS, Title Case, or sentence case."""
    words = [w for w in key.split(None, MODEL.case_words)[: MODEL.case_words] if w[:1].isupper() or w[:1].islower()]
    if len(words) < 2:
        return []
    upper = sum(1 for w in words if w.isupper())
    if upper == len(words):
        return ["case=caps"]
    capitalised = sum(1 for w in words if w[:1].isupper())
    return ["case=" + bucket(capitalised / len(words), (0.3, 0.6, 0.85))]


def can_open_body(line: Line) -> bool:
    """A body opens with a paragraph, never with a lone word or two: a "More" link, a
    "Share" label or a section name above the first paragraph is page furniture. Nor with
    a toolbar or a page label that is no sentence ("CONNECT TWEET LINKEDIN", "Tags:
    Schools, Gardens"); a paragraph is never ruled out, whatever words of a page label's
    pattern it holds ("... in stock (click here) ..."). Nor with a byline that carries its
    date ("By Jane Roe on Saturday, March 25th, 2017 at 12:30 p.m."); a sentence opening
    like a byline has no year or clock time, or a run of small words ("By Tuesday evening at
    11.45, most of the water had drained away"). A date line may: a fact box's "When (TV):
    7:10 p.m. Friday ..." is the first line of some bodies. So may a line in brackets
    ("(Updated with comment from the mayor)")."""
    return (line.words >= ROLES.body_start_min_words and (line.prose or not is_toolbar_or_label(line))
            and not _dated_byline(line))


def _dated_byline(line: Line) -> bool:
    """A byline in a language with letter case that carries its date (a year or a clock
    time), and no run of words in small letters that would make it a sentence."""
    key = line.key
    return (line.byline and rules.CASED_BYLINE.match(key) is not None and rules.YEAR_OR_CLOCK.search(key) is not None
            and rules.SENTENCE_RUN.search(key) is None)
