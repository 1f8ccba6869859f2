"""Every number the pipeline decides by, named and in one place.

Grouped by the stage that reads them. Change one here and run
``python -m bench.quality`` on the training dev split and on the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LineFacts:
    """What ``lines.py`` decides of a line on its own."""
    prose_min_chars: int = 120   # a line this long is a paragraph even without a full stop
    prose_min_words: int = 6     # (Arabic and Persian paragraphs often end without one) ...
                                 # ... and a sentence of this many words is one too
    title_max_chars: int = 200   # headlines are short: longer lines are text, not titles
    title_max_words: int = 30
    headline_max_chars: int = 400  # no headline is longer, whatever the model says
    nav_max_words: int = 3       # menus and tag lists are runs of lines this short
    short_chars: int = 200       # furniture (widgets, dates, bylines) is never longer than this
    date_max_chars: int = 120
    footer_max_chars: int = 320
    end_window_chars: int = 120  # credits and sentence ends are looked for in this many last characters
    caption_max_chars: int = 600
    blank_run_kept: int = 5      # empty lines kept of a longer run (gap features count up to 4)
    squeezed_max_chars: int = 200  # longer lines compare by a digest, not by a copy of their text
    object_min_chars: int = 128  # a line this long keeps its Line object while the dump is processed;
                                 # a shorter one only a code of its facts (see line_store.py)


LINE = LineFacts()


@dataclass(frozen=True, slots=True)
class RoleRules:
    """What the sure rules of ``line_roles.py`` and ``captions.py`` count."""
    caption_min_words: int = 4       # a caption a rule fixes has at least this many words
    named_credit_min_words: int = 6  # a line ending in a credit that names the photographer: a caption from this many
    shared_credit_max_words: int = 40  # a line of more words is not made a caption by sharing a caption's credit
    gallery_caption_min_words: int = 3   # a line between a photo's counter and its credit, this long ...
    gallery_caption_max_words: int = 30  # ... to this long, is its caption
    credit_alone_max_chars: int = 100  # a credit alone on its line ("Photo by Name") is no longer than this
    menu_separators: int = 2         # a line with this many menu separators is a menu or breadcrumb, never the headline
    menu_bars: int = 3               # ... and so is one with this many bars, spaced or not ("Cars|Homes|Jobs")
    control_max_words: int = 4       # a comment section's heading or form label is a line of this many words at most
    body_start_min_words: int = 3    # the body's first line has at least this many words
    interface_max_words: int = 30    # button and link words are counted in lines of at most this many words ...
    interface_words: int = 2         # ... a line with this many of them ...
    interface_share: float = 0.3     # ... making this share of its words is a toolbar, never the headline ...
    interface_alone_share: float = 0.5  # ... and so is a line with fewer making this share ("Log in")
    above_headline_paragraphs: int = 4  # this many paragraphs in a row above the headline ...
    above_headline_chars: int = 800     # ... of this many characters are an article of their own
    # A headline no piece of whose content words (runs of this many letters) is in its text ...
    titled_text_piece_chars: int = 5
    # ... gives way to a title above it of this many content words at least, this many and
    # this share of them found in the text
    titled_text_min_words: int = 3
    titled_text_min_found: int = 2
    titled_text_min_share: float = 0.5
    # A headline of which less than this share of content words is in its text ...
    weak_title_max_share: float = 0.25
    # ... gives way to a title between it and the text, this many lines of text below it
    # at least (a deck stands right under its headline), with this many content words
    # found in the text and the share above
    title_below_min_gap: int = 2
    title_below_min_found: int = 3
    kept_title_max_gap: int = 3      # a title ruled out stands over text at most this many lines below it ...
    kept_title_min_found: int = 2    # ... or, with this many content words in the text, ...
    lead_min_words: int = 14         # ... or over a paragraph of this many words or ...
    lead_min_chars: int = 120        # ... characters is text, never a headline kept over a title ruled out
    restated_min_share: float = 0.5  # a line this share of whose content words come back below is a headline over its lead
    cut_title_min_words: int = 3     # a headline cut short by an ellipsis keeps this many words for its whole to be found


ROLES = RoleRules()


@dataclass(frozen=True, slots=True)
class ModelFeatures:
    """What ``features.py`` measures a record's lines against."""
    lead_lines: int = 3          # the lead: this many first lines of the main prose run ...
    lead_chars: int = 600        # ... cut to this many characters
    text_chars: int = 1500       # the words of this many first characters of the main run ...
    content_word_chars: int = 4  # ... of at least this many letters: what the article is about
    overlap_chars: int = 160     # shared words are measured on lines up to this long
    crumb_lines: int = 3         # a breadcrumb ends with a line at most this many lines below
    crumb_min_chars: int = 12    # ... of at least this many characters
    shape_chars: int = 300       # digits and inner sentence ends: from this many first characters
    case_chars: int = 120        # letter case, script: from this many first characters
    case_words: int = 12         # letter case: of this many first words
    script_chars: int = 80
    run_gap_lines: int = 1       # a prose run may pass over this many non-prose lines
    short_words: int = 4         # lines of at most this many words form menus and tag lists
    deep_after: int = 3          # a paragraph this many lines into the main prose run ...
    deep_before: int = 2         # ... and this many before its end ...
    deep_min_share: float = 0.6  # ... as long as this share of the usual paragraph, between two such,
                                 # is deep in the text: described by one feature
    scored_rows_min_lines: int = 500  # a record of this many lines of text is labelled a row at a time
                                      # (viterbi.py), not by CRFsuite, which copies every row first
                                      # (~3.5 KB a short line); five of 3,907 records of train, dev
                                      # and corpus are this long, and CRFsuite is 2-3x faster


MODEL = ModelFeatures()


@dataclass(frozen=True, slots=True)
class BoundaryFeatures:
    """What ``boundaries.py`` looks at around a place where a record may start."""
    copy_window: int = 60        # a copy of a line this many lines below marks a page's top
    record_copy_reach: int = 4   # where copies mark the records, a copy this close below opens one
    menu_lines: int = 4          # this many menu-like lines below a line open a page copy
    look_lines: int = 10         # how far to look for the next line of text
    change_lines: int = 3        # paragraphs above and below compared for script and shared words ...
    change_reach: int = 40       # ... looked for within this many lines
    words_chars: int = 200       # characters of a line its words are taken from
    script_chars: int = 60       # characters of a line its script is judged on
    min_paragraph_gaps: int = 4  # fewer gaps between paragraphs than this tell nothing of a dump's style
    lead_lines: int = 2          # a title's lead: this many paragraphs below it (their first words_chars)
    record_max_lines: int = 2000  # lines of text in one record at most (longer spans are cut)
    window_candidates: int = 250  # candidates tagged at once (their features, and CRFsuite's copy of
                                  # them, held together: ~3.5 KB a candidate) ...
    window_margin: int = 20      # ... with this many more on each side for context
    uniform_start_probability: float = 0.4  # in a dump with one gap everywhere, a candidate this likely opens a record
    window_max_lines: int = 4000  # lines made at once for the features of a window's candidates


BOUNDARY = BoundaryFeatures()


@dataclass(frozen=True, slots=True)
class BodyRules:
    """Where ``body.py`` ends the body, and what ``article_checks.py`` counts as an article's text."""
    comment_line_chars: int = 100    # comment controls and headings are short; longer lines are not tried
    comment_heading_gap: int = 3     # headings of one comment section stand at most this many lines apart
    comment_heading_text: int = 4    # a heading opens the comments when at most this many lines of prose
                                     # stand between it and the first control (one comment's paragraphs)
    comment_control_gap: int = 8     # with no heading, comments show a second control within this many lines
    running_text_sentences: int = 2  # a body of this many short sentences is running text (a brief)
    # A related-stories marker inside the text ("Related", "See also") is a box the text
    # goes on after, not the end of the article, when (``inline_boxes.py``) ...
    box_max_lines: int = 10          # ... at most this many lines below it, with no full paragraph, list a title ...
    resumed_paragraphs: int = 3      # ... and this many full paragraphs follow in a row ...
    resumed_paragraph_share: float = 0.5  # ... (a full paragraph: this share of the usual one above, ...
    usual_paragraphs: int = 100      # ... the median of its first this many) ...
    resumed_topic_share: float = 0.15  # ... whose longer words share this much with the headline and text above
    topic_word_chars: int = 5        # longer words: of this many letters and more (not "that", "with") ...
    topic_stem_chars: int = 5        # ... compared by this many first letters (inflected forms agree)
    topic_chars: int = 3000          # the text above: this many first characters
    resumed_chars: int = 600         # the paragraphs below: this many first characters
    quiet_lines_below_box: int = 6   # below a box, this many lines in a row with no sentence end the text


BODY = BodyRules()
