"""bench.crossval: folds by site, role models fitted without the scored sites' records."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from bench import crossval, quality
from workers.pipeline import line_roles

from .made_up import write_corpus

FOLDS = 2


def made_up_training(tmp_path: Path) -> Path:
    """A training directory of made-up dumps, each article of its own site, with its manifest."""
    train = write_corpus(tmp_path / "train", dumps=4, seed=7)
    dumps = []
    for gold_path in sorted(train.glob("*.json")):
        articles = json.loads(gold_path.read_text())["articles"]
        dumps.append({"name": gold_path.stem, "split": "train",
                      "articles": [{"domain": f"site{k}-{gold_path.stem}.example", "line_start": a["line_start"]}
                                   for k, a in enumerate(articles)]})
    (tmp_path / "MANIFEST.json").write_text(json.dumps({"dumps": dumps}))
    return tmp_path


def test_a_site_has_one_fold_on_every_run():
    assert crossval.fold_of("example.com", 3) == 2                  # zlib.crc32, not the salted hash()
    assert {crossval.fold_of(f"site{k}.example", 3) for k in range(30)} == {0, 1, 2}


def test_the_records_of_a_folds_sites_are_left_out_of_its_training(tmp_path):
    training = made_up_training(tmp_path)
    sites = crossval.article_sites(training)
    for fold in range(FOLDS):
        kept = {(case.name, a["line_start"]) for case in crossval.training_cases(training, sites, fold, FOLDS)
                for a in case.gold}
        held_out = {key for key, site in sites.items() if crossval.fold_of(site, FOLDS) == fold}
        assert kept and held_out
        assert kept == set(sites) - held_out


def test_a_fold_is_scored_on_its_own_sites_with_a_model_that_never_saw_them(tmp_path, monkeypatch):
    monkeypatch.setattr(line_roles, "ROLES_MODEL", line_roles.ROLES_MODEL)   # restored after the test
    training = made_up_training(tmp_path)
    sites = crossval.article_sites(training)
    held_out = sum(1 for site in sites.values() if crossval.fold_of(site, FOLDS) == 0)
    counts = crossval.run_fold((training, 0, FOLDS, str(tmp_path), crossval.ROLE_PARAMS))
    assert (tmp_path / "roles-fold0.crfsuite").exists()
    assert counts["gold"] == held_out
    # made-up records are regular: a model fitted on the other sites finds their headlines
    assert counts["headline"] >= 0.8 * held_out


def test_with_one_fold_the_counts_are_those_of_bench_quality(tmp_path, monkeypatch):
    # every article held out: predicted articles that pair with none count too
    monkeypatch.setattr(line_roles, "ROLES_MODEL", line_roles.ROLES_MODEL)
    training = made_up_training(tmp_path)
    (training / "train" / "made-up-00.txt").write_text(
        "Subscribe to our newsletter\nSign up for the best stories of the week, each Friday morning.\n\n\n"
        + (training / "train" / "made-up-00.txt").read_text())          # a record of no gold article
    gold_path = training / "train" / "made-up-00.json"
    gold = json.loads(gold_path.read_text())
    for article in gold["articles"]:
        article["line_start"] += 4
        article["line_end"] += 4
    gold_path.write_text(json.dumps(gold))
    manifest = json.loads((training / "MANIFEST.json").read_text())
    for article in manifest["dumps"][0]["articles"]:
        article["line_start"] += 4
    (training / "MANIFEST.json").write_text(json.dumps(manifest))

    counts = crossval.score_fold(training, crossval.article_sites(training), 0, 1, line_roles.ROLES_MODEL)
    expected = sum((c for _, c in quality.evaluate(training / "train")), Counter())
    assert counts == expected
    assert counts["pred"] > counts["matched"]          # the record of no gold article is counted
