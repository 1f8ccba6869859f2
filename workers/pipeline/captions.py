"""Captions the rules know, on top of what the role model found.

* A line shown again elsewhere in the record, where the model called one copy a
  caption, is a caption everywhere (a caption shown at the top of the page and again
  in the text must not stay in the body).
* A photo credit alone on its line ("© AFP 2019 / ...", "Photo: Reuters") is neither a
  caption nor body text: it becomes a CREDIT.
"""

from __future__ import annotations

from .record import Record
from .roles import Role

# Roles a copy of a caption or a credit line may be taken from: never the headline or deck.
OVERRIDABLE = (None, Role.BEFORE, Role.HEADER, Role.BODY, Role.REPEAT)


def apply_caption_rules(record: Record) -> None:
    captions = {record.lines[i].squeezed for i in record.with_role(Role.CAPTION)}
    for i, line in enumerate(record.lines):
        role = record.roles[i]
        if line.blank or role not in OVERRIDABLE:
            continue
        if line.squeezed in captions:
            record.roles[i] = Role.CAPTION
        elif line.credit_only:
            record.roles[i] = Role.CREDIT
