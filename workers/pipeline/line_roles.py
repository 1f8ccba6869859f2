"""The role of every line of a record: the role model, the article order, and what the
general rules know for sure."""

from __future__ import annotations

from collections import Counter

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
    """Roles the rules are sure of, by position in ``record.content``:

    * a line of some words that ends in a photo credit and is shown more than once is a
      caption (pages repeat a photo's caption at the top and in the text; a headline
      does not end in a credit, and a credit alone is not a caption)."""
    lines = [record.lines[i] for i in record.content]
    shown = Counter(line.squeezed for line in lines)
    return {n: Role.CAPTION for n, line in enumerate(lines)
            if line.credit and not line.credit_only and line.words >= CAPTION_MIN_WORDS
            and shown[line.squeezed] > 1}
