"""The role a line plays in its article, once the stages have looked at it."""

from __future__ import annotations

from enum import Enum


class Role(Enum):
    HEADLINE = "headline"
    KICKER = "kicker"        # a label above the headline: "Politiques", "Kristen Wiig"
    REPEAT = "repeat"        # another copy of the headline, kicker or deck: page chrome
    DECK = "deck"            # subheadline, standfirst, lead
    CAPTION = "caption"
    CREDIT = "credit"        # a photo credit alone on its line
    HEADER = "header"        # bylines, dates, widgets and menus above the body
    BODY = "body"
    TAIL = "tail"            # related stories, tags and footers after the body
