"""Captions the rules know, on top of what the role model found.

* A line shown again elsewhere in the record, where the model called one copy a
  caption, is a caption everywhere (a caption shown at the top of the page and again
  in the text must not stay in the body).
* A line that ends in the same bracketed credit as a caption of the article is a
  caption too: one photographer or agency credits all the photos of a story.
* A photo credit alone on its line ("© AFP 2019 / ...", "Photo: Reuters") is neither a
  caption nor body text: it becomes a CREDIT. So does a line the model calls a caption
  that is only a credit of another form ("Photo by Name", "Name/Getty Images",
  "(Credit: Name)": ``rules.CREDIT_ALONE``; 158 such lines in train, dev and corpus, 4 of
  them gold captions, and 2 of those "Name | Getty Images"), and its copies.
* A line of a gallery is a caption: a line under a photo's counter ("Image 2 of 5",
  "2 / 6") with the photo's credit alone below it ("(Image credit: Name)"), or under a
  counter that names the photo with the next photo's counter below, written the same
  way ("Image 2 of 5", "Image 3 of 5"). The counter and the credit say a photo stands
  there, and the line between them is all the photo has for a caption (of the 15 such
  lines of train, dev and corpus, 13 are gold captions and the 2 others are captions the
  gold missed; the model found 8). Not a bare chain of counts (a recipe's steps "1 of 4",
  a quiz's questions, a thread's posts), nor a count glued around its slash ("3/4",
  "1/15": a date as often), nor a question, nor a line of fewer than
  ``ROLES.gallery_caption_min_words`` words (a gallery's button: "left", "Next") or more
  than ``ROLES.gallery_caption_max_words`` (a lead paragraph under a photo whose caption
  was not copied), nor a line under the last of a run of counters (a carousel whose
  captions were not copied), nor a line over an agency's name alone or a copyright line
  (a wire story's sign-off), and furniture or a control is never a caption (two
  adversarial reviews' cases, in the tests).
* A short line of page furniture (a byline, a date, a widget such as "Advertisement", a
  URL, a page label such as "Text size A A A", a "Read more: <title>" link, a reader
  comment's control such as "Report abuse" or "Click to rate":
  not a sentence, and no credit on it) is never a caption, whatever the model says: it
  becomes a HEADER line, out of the body. Of the 1,447 gold captions of train, dev
  and corpus, 7 are furniture, all of them bylines and dates the gold took for captions.
  A sentence is left alone: the patterns of furniture match some captions' words ("By
  Friday, volunteers had ...", "... at 10:45 (AP Photo/Name)").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import rules
from .lines import Line
from .record import Record
from .roles import Role
from .shapes import is_page_control
from .thresholds import ROLES

# Roles a copy of a caption or a credit line may be taken from: never the headline or deck.
OVERRIDABLE = (None, Role.BEFORE, Role.HEADER, Role.BODY, Role.REPEAT)
# The bracketed credit at the end of a caption: "... (AP Photo/Name)", "... (كايسيد)".
BRACKETED_CREDIT = re.compile(r"[(（]([^()（）]{2,60})[)）]$")
# A count glued around its slash ("3/4", "1/15"): as often a date as a photo's number.
_GLUED_COUNT = re.compile(r"\d+/\d+$")
_DIGITS = re.compile(r"\d+")


def apply_caption_rules(record: Record) -> None:
    for i in list(record.with_role(Role.CAPTION)):
        line = record.lines[i]
        if _is_credit(line):
            record.roles[i] = Role.CREDIT
        elif _furniture(line) and not line.prose and not line.credit:
            record.roles[i] = Role.HEADER
    for i in _gallery_captions(record):
        record.roles[i] = Role.CAPTION
    captions = [record.lines[i] for i in record.with_role(Role.CAPTION)]
    shown = {line.squeezed for line in captions}
    credits = {credit for credit in map(_bracketed_credit, captions) if credit}
    for i, line in enumerate(record.lines):
        role = record.roles[i]
        if line.blank or role not in OVERRIDABLE:
            continue
        if line.squeezed in shown:
            record.roles[i] = Role.CAPTION
        elif credits and line.words <= ROLES.shared_credit_max_words and _bracketed_credit(line) in credits:
            record.roles[i] = Role.CAPTION
        elif _is_credit(line):
            record.roles[i] = Role.CREDIT


def _gallery_captions(record: Record) -> Iterator[int]:
    """Lines between a photo's counter and its credit or the next photo's counter."""
    content, lines = record.content, record.lines
    counts = [rules.photo_counter(lines[i].key) for i in content]
    for n in range(1, len(content) - 1):
        count, i = counts[n - 1], content[n]
        counter, line, after = lines[content[n - 1]], lines[i], lines[content[n + 1]]
        if count is None or record.roles[i] not in OVERRIDABLE or _GLUED_COUNT.match(counter.key):
            continue
        if n >= 2 and counts[n - 2] is not None:
            continue          # a run of counters: a carousel whose captions were not copied
        if (not ROLES.gallery_caption_min_words <= line.words <= ROLES.gallery_caption_max_words
                or line.key.endswith(("?", "？")) or _is_credit(line) or _furniture(line) or is_page_control(line)):
            continue
        if _photo_credit_alone(after) or (count.names_photo and _next_counter(counter, count, after, counts[n + 1])):
            yield i


def _photo_credit_alone(line: Line) -> bool:
    """A credit alone on its line that names more than an agency ("Photo by Name", "(Image
    credit: NASA)"): an agency's name alone ("AFP", "dpa") or a copyright line ("©2024 AFP")
    signs off a wire story as often."""
    return _is_credit(line) and line.words >= 2 and not line.key.startswith(("©", "(c)", "(C)"))


def _next_counter(line: Line, count: rules.PhotoCount, other: Line, other_count: rules.PhotoCount | None) -> bool:
    """Whether ``other`` counts the photo after ``line``'s in the same gallery: the same
    total, written the same way ("Image 2 of 6", "Image 3 of 6"; not "Image 3/6")."""
    return (other_count is not None and (other_count.number, other_count.total) == (count.number + 1, count.total)
            and _DIGITS.sub("#", line.key) == _DIGITS.sub("#", other.key))


def _is_credit(line: Line) -> bool:
    """A credit alone on its line, of either form (``Line.credit_only``, ``_credit_alone``)."""
    return line.credit_only or _credit_alone(line)


def _furniture(line: Line) -> bool:
    # a page label, not a toolbar's words: "Facebook and Twitter logos" is a caption
    return (line.meta or rules.PAGE_LABEL.search(line.key) is not None
            or rules.RELATED_LINK.match(line.key) is not None
            or rules.COMMENT_CONTROL.match(line.key) is not None)


def _credit_alone(line: Line) -> bool:
    """A short line that is only a credit: "Photo by Name", "Name/Getty Images"; not a sentence."""
    return (len(line.key) <= ROLES.credit_alone_max_chars and not line.prose
            and rules.CREDIT_ALONE.match(line.key) is not None)


def _bracketed_credit(line: Line) -> str | None:
    found = BRACKETED_CREDIT.search(line.key)
    return found.group(1).strip() if found else None
