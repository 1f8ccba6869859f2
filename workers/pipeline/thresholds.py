"""Every number the pipeline decides by, named and in one place.

Grouped by the stage that reads them. Change one here and run
``python -m bench.quality`` on the training dev split and on the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ModelFeatures:
    """What ``features.py`` measures a record's lines against."""
    lead_lines: int = 3          # the lead: this many first lines of the main prose run ...
    lead_chars: int = 600        # ... cut to this many characters
    overlap_chars: int = 160     # trigram overlap is measured on lines up to this long
    shape_chars: int = 300       # digits and inner sentence ends: from this many first characters
    case_chars: int = 120        # letter case, script: from this many first characters
    script_chars: int = 80
    run_gap_lines: int = 1       # a prose run may pass over this many non-prose lines
    short_words: int = 4         # lines of at most this many words form menus and tag lists


MODEL = ModelFeatures()


@dataclass(frozen=True, slots=True)
class BoundaryFeatures:
    """What ``boundaries.py`` looks at around a place where a record may start."""
    copy_window: int = 60        # a copy of a line this many lines below marks a page's top
    menu_lines: int = 4          # this many menu-like lines below a line open a page copy
    look_lines: int = 10         # how far to look for the next line of text
    change_lines: int = 3        # paragraphs above and below compared for script and shared words ...
    change_reach: int = 40       # ... looked for within this many lines
    words_chars: int = 300       # characters of a line its words are taken from
    min_paragraph_gaps: int = 4  # fewer gaps between paragraphs than this tell nothing of a dump's style
    lead_lines: int = 2          # a title's lead: this many paragraphs below it ...
    lead_chars: int = 300        # ... of which this many first characters


BOUNDARY = BoundaryFeatures()
