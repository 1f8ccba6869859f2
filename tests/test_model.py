"""The learned parts: the committed models, the article order, the features, and the
training code path on a tiny made-up corpus (no ../shared/ needed)."""

import random

import pytest

from workers.pipeline import model
from workers.pipeline.boundaries import START, boundary_features, candidates
from workers.pipeline.features import record_features
from workers.pipeline.layout import best_layout, follows_order
from workers.pipeline.lines import analyse
from workers.pipeline.model_file import read_weights
from workers.pipeline.record import Record
from workers.pipeline.restyle import SEPARATORS, SPACINGS, rechrome, restyle
from workers.pipeline.roles import MODEL_ROLES, Role
from workers.pipeline.text import split_lines
from workers.pipeline.training import (TrainingParams, boundary_sequences, gold_roles, labelled_sequences,
                                       read_cases, train_sequences, uniform_boundary_sequences)

from .made_up import record, write_corpus

B, H, R, D, E, C, Y = Role.BEFORE, Role.HEADLINE, Role.REPEAT, Role.DECK, Role.HEADER, Role.CAPTION, Role.BODY


# --- the committed models ------------------------------------------------------------------

@pytest.mark.parametrize("path", [model.ROLES_MODEL, model.BOUNDARIES_MODEL])
def test_the_committed_models_load_and_are_small(path):
    loaded = model.load(path)
    assert loaded.labels
    assert path.stat().st_size < 2 * 1024 * 1024


@pytest.mark.parametrize("path", [model.ROLES_MODEL, model.BOUNDARIES_MODEL, model.UNIFORM_BOUNDARIES_MODEL])
def test_the_weights_read_from_the_file_are_those_crfsuite_prints_unrounded(path):
    # read exactly, since ties between labellings are broken on the last digits (test_viterbi.py)
    info = model.load(path)._tagger.info()
    state, transitions = read_weights(path, info)
    exact = {(attribute, label): w for label, weights in state.items() for attribute, w in weights.items()}
    assert exact.keys() == info.state_features.keys() and transitions.keys() == info.transitions.keys()
    assert all(abs(exact[k] - w) <= 5e-7 for k, w in info.state_features.items())    # six decimals
    assert all(abs(transitions[k] - w) <= 5e-7 for k, w in info.transitions.items())
    assert any(exact[k] != w for k, w in info.state_features.items())                 # but more digits


def test_the_role_model_predicts_exactly_the_roles_of_the_article_order():
    assert set(model.load(model.ROLES_MODEL).labels) == {role.value for role in MODEL_ROLES}


def test_a_model_file_that_is_missing_is_named_in_the_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.crfsuite"):
        model.load(tmp_path / "missing.crfsuite")


# --- the article order -----------------------------------------------------------------------

def test_the_article_order():
    assert follows_order([B, B, H, D, E, Y, C, Y])
    assert follows_order([R, D, B, H, R, E, Y])          # a copy of the headline and its deck above it
    assert not follows_order([B, Y, H])                  # body before the headline
    assert not follows_order([H, Y, H, Y])               # two headlines
    assert not follows_order([H, Y, D])                  # a deck inside the body


def scores(*rows):
    """State scores from (role, score) pairs per item; unnamed roles score 0."""
    return [{role.value: value for role, value in row} for row in rows]


def test_best_layout_keeps_the_order_where_the_item_scores_alone_would_not():
    # item by item the best roles would be body, headline, body: no order allows that
    item_scores = scores([(Y, 3.0), (H, 2.5)], [(H, 3.0)], [(Y, 3.0)])
    roles = best_layout(item_scores, {})
    assert follows_order(roles)
    assert roles == [H, E, Y] or roles == [H, R, Y] or roles.count(H) == 1


def test_best_layout_gives_exactly_one_headline():
    roles = best_layout(scores([(H, 5.0)], [(H, 5.0)], [(H, 5.0)], [(Y, 5.0)]), {})
    assert roles.count(H) == 1 and follows_order(roles)


def test_best_layout_keeps_the_roles_a_rule_fixed():
    item_scores = scores([(H, 5.0)], [(H, 4.0), (C, 1.0)], [(Y, 5.0)])
    assert best_layout(item_scores, {}, {1: C})[1] is C
    assert best_layout(item_scores, {}, {0: B})[:2] == [B, H]


def test_best_layout_does_not_open_the_body_where_it_may_not_start():
    # a lone "More" link scores as body, but the body opens with the paragraph under it
    item_scores = scores([(H, 5.0)], [(Y, 3.0), (E, 1.0)], [(Y, 5.0)], [(Y, 5.0)])
    assert best_layout(item_scores, {})[1] is Y
    roles = best_layout(item_scores, {}, not_body_start={1})
    assert roles[1] is not Y and roles[2] is Y and follows_order(roles)


def test_best_layout_keeps_body_lines_that_may_not_open_it_inside_the_body():
    # a short subheading inside the text stays body: only the body's first line is bound
    item_scores = scores([(H, 5.0)], [(Y, 5.0)], [(Y, 5.0)], [(Y, 5.0)])
    assert best_layout(item_scores, {}, not_body_start={2}) == [H, Y, Y, Y]


def test_best_layout_follows_the_transition_scores():
    item_scores = scores([(H, 5.0)], [(D, 1.0), (E, 1.0)], [(Y, 5.0)])
    assert best_layout(item_scores, {("headline", "deck"): 2.0})[1] is D
    assert best_layout(item_scores, {("headline", "header"): 2.0})[1] is E


# --- features are shapes, never words --------------------------------------------------------

def test_no_feature_carries_a_word_of_the_text():
    words = ["Zorbulat", "quintessa", "Vrillhaven", "mordecant", "Tsiolkova"]
    text = (f"{words[0]} {words[1]} ascends\n{words[2]} {words[3]} and {words[4]} said on Monday that the "
            f"long-awaited bridge would open in the spring, after two years of delays.\nPhoto: {words[2]}")
    lines = analyse(split_lines(text))
    every_feature = " ".join(f for row in record_features(Record(lines)) for f in row)
    every_feature += " ".join(f for row in boundary_features(lines, candidates(lines)) for f in row)
    for w in words + ["ascends", "bridge", "Monday"]:
        assert w.casefold() not in every_feature.casefold()


def test_a_title_whose_words_come_back_in_the_text_shares_more_of_it_than_a_menu():
    text = "\n".join([
        "Weather Sport Markets Opinion",
        "Harbour ferries returned after storm repairs",
        "The harbour ferries returned on Monday after three weeks of storm repairs to the piers.",
        "Engineers said the storm had loosened the piers, and the ferries waited for new moorings.",
        "Commuters welcomed the harbour ferries back, though the timetable stays reduced for now.",
    ])
    rows = record_features(Record(analyse(split_lines(text))))
    text_share = [next(f for f in row if f.startswith("text~")) for row in rows[:2]]
    assert text_share[0] == "text~<0.01"          # no word of the menu is in the text
    assert text_share[1] == "text~>=0.9"          # every long word of the title is


def test_features_are_the_same_for_the_same_record():
    lines = analyse(split_lines("A headline of some words\nA paragraph of text that ends here and goes on.\n"))
    assert record_features(Record(lines)) == record_features(Record(lines))


# --- gold to roles, and re-laid-out copies ----------------------------------------------------

def test_gold_roles_of_a_record_with_menu_deck_byline_caption_and_a_headline_copy():
    raw = ["Home", "World", "Dams open as the river rises", "Engineers expect the peak on Friday",
           "By Ana Ruiz", "Dams open as the river rises", "Water pours through the gates (Photo: Ana Ruiz)",
           "The river rose two metres overnight and engineers opened the dams at dawn to protect the city.",
           "Residents on the banks were told to move their cars to higher ground."]
    gold = {"headline": "Dams open as the river rises", "subheadline": "Engineers expect the peak on Friday",
            "captions": ["Water pours through the gates (Photo: Ana Ruiz)"],
            "first_body_line": raw[7]}
    assert gold_roles(Record(analyse(raw)), gold) == [B, B, H, D, E, R, C, Y, Y]


def test_gold_that_cannot_be_placed_gives_no_roles():
    gold = {"headline": "Not in the record", "first_body_line": "Nor this"}
    assert gold_roles(Record(analyse(["A line", "Another line"])), gold) is None


@pytest.mark.parametrize("separator", sorted(SEPARATORS))
@pytest.mark.parametrize("spacing", SPACINGS)
@pytest.mark.parametrize("trim", [False, True])
def test_restyled_dumps_keep_every_record_and_its_span(separator, spacing, trim):
    rng = random.Random(7)
    raw, gold = [], []
    for _ in range(3):
        lines, article = record(rng)
        article["line_start"] = len(raw) + 1
        raw.extend(lines)
        article["line_end"] = len(raw)
        raw.append("")
        gold.append(article)
    styled = restyle(raw, gold, separator, spacing, trim)
    assert len(styled.spans) == 3
    for (start, end), article in zip(styled.spans, gold):
        span = styled.lines[start - 1:end]
        assert span[-1].strip() and span[0].strip()
        assert article["first_body_line"] in span and article["headline"] in span


def test_rechromed_records_keep_their_gold():
    rng = random.Random(3)
    for n in range(20):
        lines, gold = record(rng)
        chromed, chromed_gold = rechrome(lines, gold, f"seed-{n}")
        roles = gold_roles(Record(analyse(chromed)), chromed_gold)
        assert roles is not None and roles.count(H) == 1


# --- training, end to end on made-up text ------------------------------------------------------

@pytest.fixture(scope="module")
def made_up(tmp_path_factory):
    root = tmp_path_factory.mktemp("made-up")
    return write_corpus(root / "train", dumps=12, seed=1), write_corpus(root / "dev", dumps=3, seed=2)


def test_a_tiny_role_model_trained_on_made_up_text_finds_headlines_and_bodies(made_up, tmp_path):
    train, dev = made_up
    path = tmp_path / "roles.crfsuite"
    count = train_sequences(labelled_sequences(read_cases(train), rechromed=1), path, TrainingParams(max_iterations=60))
    assert count > 40
    tiny = model.SequenceModel(path)
    right = total = 0
    for case in read_cases(dev):
        for article in case.gold:
            rec = Record(case.lines[article["line_start"] - 1:article["line_end"]])
            predicted = [Role(label) for label in tiny.tag(record_features(rec))]
            right += predicted == gold_roles(rec, article)
            total += 1
    assert right >= 0.8 * total


def test_a_tiny_boundary_model_trained_on_made_up_dumps_finds_record_starts(made_up, tmp_path):
    train, dev = made_up
    path = tmp_path / "boundaries.crfsuite"
    train_sequences(boundary_sequences(read_cases(train), restyles=1), path, TrainingParams(max_iterations=60))
    tiny = model.SequenceModel(path)
    for case in read_cases(dev):
        found = candidates(case.lines)
        labels = tiny.tag(boundary_features(case.lines, found))
        starts = {i + 1 for i, label in zip(found, labels) if label == START} | {found[0] + 1}
        assert starts == {article["line_start"] for article in case.gold}


def test_a_tiny_boundary_model_of_one_gap_dumps_trained_on_made_up_dumps_finds_record_starts(made_up, tmp_path):
    train, dev = made_up
    path = tmp_path / "boundaries-uniform.crfsuite"
    train_sequences(uniform_boundary_sequences(read_cases(train)), path, TrainingParams(max_iterations=60))
    tiny = model.SequenceModel(path)
    found_right = gold_count = 0
    for case in read_cases(dev):
        styled = restyle([line.text for line in case.lines], case.gold, "blank1", "spaced")
        lines = analyse(styled.lines)
        found = candidates(lines)
        labels = tiny.tag(boundary_features(lines, found))
        starts = {i + 1 for i, label in zip(found, labels) if label == START} | {found[0] + 1}
        gold = {start for start, _ in styled.spans}
        assert len(starts - gold) <= len(gold) // 5          # few false starts ...
        found_right += len(starts & gold)
        gold_count += len(gold)
    assert found_right >= 0.8 * gold_count                     # ... and most of the true ones


def test_training_is_deterministic(made_up, tmp_path):
    train, _ = made_up
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    for path in (first, second):
        train_sequences(labelled_sequences(read_cases(train)), path, TrainingParams(max_iterations=30))
    assert first.read_bytes() == second.read_bytes()


def test_a_trained_model_file_holds_no_word_of_its_training_text(made_up, tmp_path):
    train, _ = made_up
    path = tmp_path / "roles.crfsuite"
    train_sequences(labelled_sequences(read_cases(train), rechromed=1), path, TrainingParams(max_iterations=30))
    stored = path.read_bytes().decode("latin-1").casefold()
    words = {w.casefold().strip(".,") for case in read_cases(train) for line in case.lines for w in line.key.split()}
    long_words = {w for w in words if len(w) >= 7}
    assert long_words, "the made-up text has long words to look for"
    assert not [w for w in long_words if w in stored]
