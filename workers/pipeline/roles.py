"""The role a line plays in its article.

The role model labels every non-blank line of a record with one of the first seven;
the rules add the last two.
"""

from __future__ import annotations

from enum import Enum


class Role(str, Enum):
    BEFORE = "before"        # above the headline: menus, kickers, breadcrumbs, banners
    HEADLINE = "headline"
    REPEAT = "repeat"        # another copy of the headline: page chrome
    DECK = "deck"            # subheadline, standfirst, lead
    HEADER = "header"        # between headline and body: bylines, dates, widgets, share bars
    CAPTION = "caption"      # a photo, video or graphic caption, with its credit if on the line
    BODY = "body"            # the running text, from its first line on
    CREDIT = "credit"        # a photo credit alone on its line (rules)
    TAIL = "tail"            # related stories, tags and footers after the body (rules)


# What the model predicts, in a fixed order (the model file stores them as strings).
MODEL_ROLES = (Role.BEFORE, Role.HEADLINE, Role.REPEAT, Role.DECK, Role.HEADER, Role.CAPTION, Role.BODY)
