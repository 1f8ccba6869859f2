"""The role of every line of a record: the role model, the article order, and what the
general rules know for sure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from . import rules
from .features import iter_record_features, record_features
from .lines import Line
from .layout import best_layout, follows_order
from .model import ROLES_MODEL, load
from .record import Record
from .record_context import full_paragraphs
from .roles import Role
from .shapes import is_page_control, is_toolbar_or_label
from .thresholds import LINE, MODEL, ROLES
from .titles import (body_start, can_be_headline, headline_at, headline_shaped, titles_about_the_text,
                     titles_below_about_the_text, whole_titles_of_a_cut_headline)


def assign_roles(record: Record) -> None:
    """Label every line of text of the record (``record.roles``) with the model's most
    probable roles that follow the article order (``layout.py``) and the rules."""
    content = record.content
    if not content:
        return
    labels, state_scores = _model_labels(record)
    own_roles = [Role(label) for label in labels]
    roles = list(own_roles)
    fixed = fixed_roles(record)
    not_headline = {n for n, i in enumerate(content) if not headline_shaped(record.lines[i])}
    not_body_start = {n for n, i in enumerate(content) if not can_open_body(record.lines[i])}
    not_caption = full_paragraphs(record) - fixed.keys()
    model = load(ROLES_MODEL)

    def decode(not_headline: set[int]) -> list[Role]:
        return best_layout(state_scores(), model.transitions, fixed, not_headline, not_body_start, not_caption)

    if (not follows_order(roles) or any(roles[n] is not role for n, role in fixed.items())
            or any(roles[n] is Role.HEADLINE for n in not_headline)
            or body_start(roles) in not_body_start or any(roles[n] is Role.CAPTION for n in not_caption)):
        roles = decode(not_headline)
    # Page controls are looked for in the chosen headline first (the patterns are costly
    # on every line). Where it is one, every page control is ruled out and the labelling
    # decoded once more: the same labelling as ruling them out one by one as the model
    # picks them (it uses none of them), without a decoding per page control, which made
    # a record of a thousand "Tags: ..." lines take half a minute.
    if (head := headline_at(roles)) is not None and is_page_control(record.lines[content[head]]):
        not_headline |= {n for n, i in enumerate(content)
                         if n not in not_headline and is_page_control(record.lines[i])}
        roles = decode(not_headline)
    roles = _with_a_better_title(record, roles, not_headline, decode)
    roles = _title_over_its_lead(record, roles, own_roles, not_headline, decode, fixed)
    if Role.HEADLINE not in roles and Role.BODY not in roles:
        roles = _text_without_headline(record, roles, own_roles, fixed)
    for i, role in zip(content, roles):
        record.roles[i] = role


def _title_over_its_lead(record: Record, roles: list[Role], own_roles: list[Role], not_headline: set[int],
                         decode: Callable[[set[int]], list[Role]], fixed: dict[int, Role]) -> list[Role]:
    """Where the rules ruled out the model's own headline, a line that is no paragraph
    ("Labels: the fight over ...", "January 6, 2021: a timeline ..."), and the headline
    decoded instead is a long paragraph (the lead, which the body would lose) or lies under
    lines of text, the model's line stands: a title ruled out by its shape is likelier the
    headline than a paragraph is, and a line of furniture taken for one loses no text.
    Where a long paragraph the model itself took for text is the headline all the same,
    the record has no headline and its text starts at its first paragraph.
    ``record.kept_title`` says so to ``extract``, which otherwise drops a headline that is
    page furniture."""
    own, head = headline_at(own_roles), headline_at(roles)
    if head is None:
        return roles
    lines = [record.lines[i] for i in record.content]
    # text would be lost: the paragraph made the headline, or one just under the model's
    # title, above the headline decoded (far apart on a whole page, what lies between is
    # menus and teasers)
    text_lost = own is not None and own < head and (
        _long_paragraph(lines[head])
        or (head - own <= ROLES.kept_title_max_gap and any(lines[n].prose for n in range(own + 1, head))))
    if text_lost and not _is_paragraph(lines[own]) and not can_be_headline(lines[own]):
        # no line under the model's title may be the headline now
        again = decode((not_headline - {own}) | set(range(own + 1, len(lines))))
        if headline_at(again) == own:
            record.kept_title = True
            return again
    if own_roles[head] is Role.BODY and _long_paragraph(lines[head]):
        # a paragraph the model took for text, made the headline for want of a title: the
        # record has none, and its text starts at its first paragraph, as in a record with
        # no line that can be a headline
        untitled = [Role.BEFORE if role is Role.HEADLINE else role for role in roles]
        return _text_without_headline(record, untitled, own_roles, fixed)
    return roles


def _is_paragraph(line: Line) -> bool:
    """A sentence of text, not a title: prose that is not title-shaped."""
    return line.prose and not line.title_like


def _long_paragraph(line: Line) -> bool:
    """A paragraph too long for any headline's deck or title: ``ROLES.lead_min_words``
    words or ``lead_min_chars`` characters ("Council votes to close libraries." is prose
    and may be a headline)."""
    return _is_paragraph(line) and (line.words >= ROLES.lead_min_words or len(line.key) >= ROLES.lead_min_chars)


def _with_a_better_title(record: Record, roles: list[Role], not_headline: set[int],
                         decode: Callable[[set[int]], list[Role]]) -> list[Role]:
    """The labelling decoded once more without the chosen headline where ``titles.py``
    finds a better title, kept only if it picks one: a headline that shares nothing with
    its text gives way to a title above that does; one that shares little, to a title
    further down, nearer the text, that does; a headline cut short ("... to cut 325 jobs
    ..."), to the whole of it."""
    head = headline_at(roles)
    if head is None:
        return roles
    if better := titles_about_the_text(record, roles, not_headline):
        ruled_out = {head}
    elif better := titles_below_about_the_text(record, roles, not_headline):
        # every line from the headline down to the first such title is what the model
        # took for the top of the article (a list of teasers, say): none is its headline
        ruled_out = set(range(head, min(better)))
    elif better := whole_titles_of_a_cut_headline(record, roles, not_headline):
        ruled_out = {head}
    else:
        return roles
    again = decode(not_headline | ruled_out)
    return again if headline_at(again) in better else roles


def _model_labels(record: Record) -> tuple[list[str], Callable[[], list[dict[str, float]]]]:
    """The role model's best labels of the record's lines of text, and a way to its state
    scores. A record of ``MODEL.scored_rows_min_lines`` lines or more is labelled from its
    rows' scores, each row scored as it is made and dropped (``viterbi.py``: the same
    labels as CRFsuite's), since CRFsuite copies every row before it tags them: about
    3.5 KB a line held at once, 7 MB for a record of 2,000 short lines (a dump of tiny
    records). A shorter record goes to CRFsuite, 2-3x faster."""
    model = load(ROLES_MODEL)
    if len(record.content) >= MODEL.scored_rows_min_lines:
        scores = model.score_rows(iter_record_features(record))
        return model.best_labels(scores), lambda: model.scores_by_label(scores)
    features = record_features(record)
    return model.tag(features), lambda: model.state_scores(features)


def _text_without_headline(record: Record, roles: list[Role], own_roles: list[Role],
                           fixed: dict[int, Role]) -> list[Role]:
    """A record with running text but no line that can be its headline (one long line
    of text, a page of paragraphs) is still an article: its text from the first
    paragraph on is the body. A line stays a caption there only where the model's own
    labelling (``own_roles``, or a rule's ``fixed`` role over it) says so, or the line ends
    in a credit or opens like a caption: the labelling that keeps the article order has
    no body without a headline, so it makes a paragraph a caption whenever the model
    likes that a little more than "above the headline"."""
    lines = [record.lines[i] for i in record.content]
    first = next((n for n, line in enumerate(lines) if line.prose), None)
    if first is None:
        return roles
    return roles[:first] + [_role_in_text(lines[n], roles[n], fixed.get(n, own_roles[n]))
                            for n in range(first, len(roles))]


def _role_in_text(line: Line, role: Role, own_role: Role) -> Role:
    """A line of a headline-less record's text: a caption where the ordered labelling says
    so and the model's own labelling or the line's credit agrees, else body."""
    if role is Role.CAPTION and (own_role is Role.CAPTION or line.caption_pattern):
        return Role.CAPTION
    return Role.BODY


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


def fixed_roles(record: Record) -> dict[int, Role]:
    """Roles the general rules are sure of, by position in ``record.content``:

    * a line of some words that ends in a photo credit and is shown more than once is a
      caption (pages repeat a photo's caption at the top and in the text; a headline
      does not end in a credit, and a credit alone is not a caption);
    * so is a sentence that ends in a credit naming who took the photo ("... (AP
      Photo/Name)", "... Photo: Name", "...（王申 摄）");
    * a line opened by a gallery label ("Item 1 of 14 ...", "[1/14]...") is a caption;
    * a paragraph opened by a dateline ("ROME, Feb 26 (Reuters) - ...", "به گزارش ...")
      is body text (182 of 185 such lines in the training data);
    * a paragraph opened by a news agency's name and a colon ("خبرگزاری فارس: ...") is
      the agency's lead: the deck."""
    lines = [record.lines[i] for i in record.content]
    shown = Counter(line.squeezed for line in lines)
    fixed: dict[int, Role] = {}
    for n, line in enumerate(lines):
        if line.credit and not line.credit_only and line.words >= ROLES.caption_min_words and shown[line.squeezed] > 1:
            fixed[n] = Role.CAPTION
        elif line.credit and line.words >= ROLES.named_credit_min_words and _names_photographer(line):
            fixed[n] = Role.CAPTION
        elif rules.GALLERY_LABEL.match(line.key) and line.words >= ROLES.caption_min_words:
            fixed[n] = Role.CAPTION
        elif line.prose and rules.BODY_OPENER.match(line.key):
            fixed[n] = Role.BODY
        elif line.prose and rules.DECK_OPENER.match(line.key) and not any(r is Role.BODY for r in fixed.values()):
            fixed[n] = Role.DECK
    return fixed


def _names_photographer(line: Line) -> bool:
    return rules.NAMED_CREDIT.search(line.key[-LINE.end_window_chars:]) is not None
