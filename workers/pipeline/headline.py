"""Headline: the first title-like line of a record, past menus, mastheads and kickers."""

from __future__ import annotations

from dataclasses import dataclass, field

from .lines import Line

# A kicker ("En Macon, cerca de Lyon", "Kristen Wiig") is a short label right above a
# clearly longer headline.
KICKER_MAX_WORDS = 5
KICKER_MIN_EXTRA_WORDS = 3
NAV_RUN_MIN_LINES = 3


@dataclass(slots=True)
class HeadlineFind:
    index: int | None                                   # line index of the headline, if any
    kickers: list[int] = field(default_factory=list)    # labels above it


def find_headline(lines: list[Line], start: int, end: int) -> HeadlineFind:
    """Find the headline of the record lines[start..end]."""
    kickers: list[int] = []
    i = start
    while i <= end:
        line = lines[i]
        if line.blank or line.meta or line.caption_pattern:
            i += 1
            continue
        run = _nav_run_length(lines, i, end)
        if run >= NAV_RUN_MIN_LINES:
            i += run                      # a site menu or tag list
            continue
        if line.prose and not line.title_like:
            break                         # running text began before any title
        if not line.title_like:
            i += 1                        # a one-word section label: "Politiques"
            continue
        if i + 1 <= end and _nav_run_length(lines, i + 1, end) >= NAV_RUN_MIN_LINES:
            i += 1                        # a masthead slogan right above the site menu
            continue
        if _is_kicker(line, lines[i + 1] if i + 1 <= end else None):
            kickers.append(i)
            i += 1
            continue
        return HeadlineFind(i, kickers)
    return HeadlineFind(_first_short_line(lines, start, end), kickers)


def _is_kicker(line: Line, below: Line | None) -> bool:
    return (
        below is not None
        and line.words <= KICKER_MAX_WORDS
        and below.title_like
        and not below.caption_pattern
        and below.words >= line.words + KICKER_MIN_EXTRA_WORDS
    )


def _nav_run_length(lines: list[Line], i: int, end: int) -> int:
    """Consecutive menu-like lines from i; share buttons ("Share", "Facebook") count too."""
    run = 0
    while i + run <= end and (lines[i + run].nav_like or lines[i + run].chrome):
        run += 1
    return run


def _first_short_line(lines: list[Line], start: int, end: int) -> int | None:
    """Fallback when nothing is title-like: the first non-furniture line, if not too long."""
    for i in range(start, end + 1):
        line = lines[i]
        if not line.blank and not line.meta:
            return i if len(line.key) <= 200 else None
    return None


def same_text(a: Line, b: Line) -> bool:
    """Equal up to whitespace: "كازاخستان  ويستهدف" repeats "كازاخستان ويستهدف"."""
    return a.key.replace(" ", "") == b.key.replace(" ", "")
