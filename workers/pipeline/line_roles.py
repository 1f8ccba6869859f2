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
from .headline_fallback import text_without_headline, title_over_its_lead
from .record_context import full_paragraphs
from .roles import Role
from .shapes import can_open_body, is_page_control
from .thresholds import LINE, MODEL, ROLES
from .titles import (body_start, headline_at, headline_shaped, text_of, titles_about_the_text,
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
    roles = title_over_its_lead(record, roles, own_roles, not_headline, decode, fixed)
    if Role.HEADLINE not in roles and Role.BODY not in roles:
        roles = text_without_headline(record, roles, own_roles, fixed)
    for i, role in zip(content, roles):
        record.roles[i] = role


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
    text = text_of(record, roles)
    if better := titles_about_the_text(record, roles, not_headline, text):
        ruled_out = {head}
    elif better := titles_below_about_the_text(record, roles, not_headline, text):
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
