"""The role of every line of a record: the role model, the article order, and what the
general rules know for sure."""

from __future__ import annotations

from collections import Counter

from . import rules
from .features import record_features
from .layout import best_layout, follows_order
from .model import ROLES_MODEL, load
from .record import Record
from .roles import Role

# A caption that a rule may fix has at least this many words besides being a credit.
CAPTION_MIN_WORDS = 4


def assign_roles(record: Record) -> None:
    """Label every line of text of the record (``record.roles``) with the model's most
    probable roles that follow the article order (``layout.py``) and the rules."""
    content = record.content
    if not content:
        return
    model = load(ROLES_MODEL)
    features = record_features(record)
    roles = [Role(label) for label in model.tag(features)]
    fixed = fixed_roles(record)
    if not follows_order(roles) or any(roles[n] is not role for n, role in fixed.items()):
        roles = best_layout(model.state_scores(features), model.transitions, fixed)
    for i, role in zip(content, roles):
        record.roles[i] = role


def fixed_roles(record: Record) -> dict[int, Role]:
    """Roles the general rules are sure of, by position in ``record.content``:

    * a line of some words that ends in a photo credit and is shown more than once is a
      caption (pages repeat a photo's caption at the top and in the text; a headline
      does not end in a credit, and a credit alone is not a caption);
    * a line opened by a gallery label ("Item 1 of 14 ...", "[1/14]...") is a caption;
    * a paragraph opened by a dateline ("ROME, Feb 26 (Reuters) - ...", "به گزارش ...")
      is body text (182 of 185 such lines in the training data);
    * a paragraph opened by a news agency's name and a colon ("خبرگزاری فارس: ...") is
      the agency's lead: the deck."""
    lines = [record.lines[i] for i in record.content]
    shown = Counter(line.squeezed for line in lines)
    fixed: dict[int, Role] = {}
    for n, line in enumerate(lines):
        if line.credit and not line.credit_only and line.words >= CAPTION_MIN_WORDS and shown[line.squeezed] > 1:
            fixed[n] = Role.CAPTION
        elif rules.GALLERY_LABEL.match(line.key) and line.words >= CAPTION_MIN_WORDS:
            fixed[n] = Role.CAPTION
        elif line.prose and rules.BODY_OPENER.match(line.key):
            fixed[n] = Role.BODY
        elif line.prose and rules.DECK_OPENER.match(line.key) and not any(r is Role.BODY for r in fixed.values()):
            fixed[n] = Role.DECK
    return fixed
