"""The order every article follows, and the best labelling that keeps it.

A record reads, top to bottom:

    above the headline     BEFORE, CAPTION, REPEAT or DECK lines (menus, kickers, a photo on
                           top, another copy of the headline and the deck under it)
    the headline           exactly one HEADLINE line
    the header             REPEAT, DECK, HEADER or CAPTION lines
    the body               from the first BODY line on: BODY, CAPTION or REPEAT lines

The role model's own best labelling (CRF Viterbi) follows this order for about 97% of
records. For the rest, and where a rule fixes the role of a line, ``best_layout`` runs
the Viterbi search again over the same model scores, restricted to labellings that
follow the order and keep the fixed roles.
"""

from __future__ import annotations

import math

from .roles import Role

ABOVE, HEADER_ZONE, BODY_ZONE = 0, 1, 2
ZONE_ROLES = {
    ABOVE: (Role.BEFORE, Role.CAPTION, Role.REPEAT, Role.DECK),
    HEADER_ZONE: (Role.REPEAT, Role.DECK, Role.HEADER, Role.CAPTION),
    BODY_ZONE: (Role.BODY, Role.CAPTION, Role.REPEAT),
}
# The role that moves a walk from one zone into the next.
ENTERS = {HEADER_ZONE: Role.HEADLINE, BODY_ZONE: Role.BODY}

# A state of the search: the zone a line leaves the walk in, and the line's role.
_STATES = [(ABOVE, r) for r in ZONE_ROLES[ABOVE]] + [(HEADER_ZONE, Role.HEADLINE)] \
    + [(HEADER_ZONE, r) for r in ZONE_ROLES[HEADER_ZONE]] + [(BODY_ZONE, r) for r in ZONE_ROLES[BODY_ZONE]]


def follows_order(roles: list[Role]) -> bool:
    zone = ABOVE
    for role in roles:
        if role in ZONE_ROLES[zone] and not (zone == HEADER_ZONE and role is Role.HEADLINE):
            continue
        if zone + 1 in ENTERS and ENTERS[zone + 1] is role:
            zone += 1
            continue
        return False
    return True


def best_layout(scores: list[dict[str, float]], transitions: dict[tuple[str, str], float],
                fixed: dict[int, Role] | None = None, not_headline: set[int] | frozenset = frozenset(),
                not_body_start: set[int] | frozenset = frozenset(),
                not_caption: set[int] | frozenset = frozenset()) -> list[Role]:
    """The labelling of highest CRF score that follows the article order.

    ``scores[t][label]``: the model's state score of ``label`` at item t;
    ``transitions[(a, b)]``: its score for label b following label a;
    ``fixed[t]``: a role item t must have (what a rule knows for sure);
    ``not_headline``: items that may not be the headline (widgets, bylines, dates ...);
    ``not_body_start``: items the body may not open with (a "More" link, a lone word);
    ``not_caption``: items that may not be captions (full paragraphs of the text)."""
    if not scores:
        return []
    if fixed or not_headline or not_caption:
        scores = [dict(row) for row in scores]
        for t, role in (fixed or {}).items():
            scores[t] = {label: (value if label == role.value else -math.inf) for label, value in scores[t].items()}
            scores[t].setdefault(role.value, 0.0)
            for other in _LABELS - {role.value}:
                scores[t].setdefault(other, -math.inf)
        for t in not_headline:
            scores[t][Role.HEADLINE.value] = -math.inf
        for t in not_caption:
            scores[t][Role.CAPTION.value] = -math.inf
    labels = [role.value for _, role in _STATES]
    # for each state, the states that may precede it and the transition score from each
    predecessors = [[(p, transitions.get((labels[p], labels[s]), 0.0)) for p in _PREDECESSORS[s]]
                    for s in range(len(_STATES))]
    # the same, where the body may not start: its first state only follows itself
    inside_body = [[(p, w) for p, w in options if s != _BODY_START or _STATES[p][0] == BODY_ZONE]
                   for s, options in enumerate(predecessors)]
    best = [scores[0].get(labels[s], 0.0) if s in _OPENING else -math.inf for s in range(len(_STATES))]
    back: list[list[int]] = []
    for t, row_scores in enumerate(scores[1:], start=1):
        row, pointers = [], []
        for s, options in enumerate(inside_body if t in not_body_start else predecessors):
            value, pointer = max(((best[p] + weight, p) for p, weight in options), default=(-math.inf, 0))
            row.append(value + row_scores.get(labels[s], 0.0))
            pointers.append(pointer)
        best = row
        back.append(pointers)
    state = max(range(len(_STATES)), key=best.__getitem__)
    path = [state]
    for pointers in reversed(back):
        state = pointers[state]
        path.append(state)
    return [_STATES[s][1] for s in reversed(path)]


def _may_follow(previous: tuple[int, Role], state: tuple[int, Role]) -> bool:
    (zone_a, _), (zone_b, role_b) = previous, state
    if zone_b == zone_a:
        return role_b is not Role.HEADLINE                   # one headline only
    return zone_b == zone_a + 1 and role_b is ENTERS[zone_b]


_BODY_START = _STATES.index((BODY_ZONE, Role.BODY))
_LABELS = {role.value for _, role in _STATES}
# A labelling opens in the zone above the headline, or with the headline itself.
_OPENING = {s for s, (zone, role) in enumerate(_STATES) if zone == ABOVE or role is Role.HEADLINE}
_PREDECESSORS = [[p for p, previous in enumerate(_STATES) if _may_follow(previous, state)] for state in _STATES]
