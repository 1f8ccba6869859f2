"""Cross-validation of the role model by site: a steadier measure than dev/ alone.

    python -m bench.crossval ../shared/training [--folds 3]

dev/ holds 569 articles of 147 sites, so a change of one or two points there is often
noise: refitting the role model after a small feature change moves dev's headline by
about a point either way. This splits the *sites* of ``train/`` into folds (by a hash of
each article's registered domain, from ``MANIFEST.json``). For each fold, a role model is
fitted on the gold records of the other folds' sites, exactly as ``bench.train`` fits it,
and the whole pipeline with that model is scored on the fold's articles: pages of sites
that model never saw, about 3,200 in all.

What is and is not held out:
* the role model never sees a record of a scored site (a dump mixes sites, so training
  and scoring both read whole dumps and keep only their own sites' articles). It is fitted
  with ``bench.train``'s settings; the chrome added to each training record is drawn
  differently, since a fold's records are numbered among its own;
* the boundary model, the rules and the thresholds are the committed ones, fitted or
  chosen on all of ``train/``: segment F1 here is not a held-out figure;
* a "site" is a registered domain: a publisher with two domains (bbc.co.uk, bbc.com) may
  fall in two folds.

Scores are ``bench.quality``'s, over every fold's articles together. A predicted article
that pairs with no gold one counts in the fold of the gold article it overlaps most (or
lies nearest), so that with one fold the figures are ``bench.quality``'s on ``train/``.
Deterministic: the folds and the training are.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import zlib
from collections import Counter
from collections.abc import Iterator
from multiprocessing import Pool
from pathlib import Path

from workers.pipeline import line_roles, process_bytes
from workers.pipeline.training import Case, TrainingParams, labelled_sequences, read_cases, train_sequences

from . import quality
from .train import ROLE_PARAMS, ROLE_RECHROMES


def fold_of(domain: str, folds: int) -> int:
    """A site's fold: the same on every machine and run (``hash`` is salted per process)."""
    return zlib.crc32(domain.encode("utf-8")) % folds


def article_sites(training: Path) -> dict[tuple[str, int], str]:
    """The registered domain of every train/ article, by (dump name, line_start)."""
    manifest = json.loads((training / "MANIFEST.json").read_text(encoding="utf-8"))
    return {(dump["name"], article["line_start"]): article["domain"]
            for dump in manifest["dumps"] if dump["split"] == "train"
            for article in dump["articles"]}


def _in_fold(sites: dict[tuple[str, int], str], name: str, article: dict, fold: int, folds: int) -> bool:
    return fold_of(sites[(name, article["line_start"])], folds) == fold


def training_cases(training: Path, sites: dict, fold: int, folds: int) -> Iterator[Case]:
    """train/'s dumps with only the gold records of sites outside ``fold``."""
    for case in read_cases(training / "train"):
        kept = [a for a in case.gold if not _in_fold(sites, case.name, a, fold, folds)]
        if kept:
            yield Case(case.name, case.lines, kept)


def score_fold(training: Path, sites: dict, fold: int, folds: int, model_path: Path) -> Counter:
    """``bench.quality`` counts over the fold's articles, with the fold's role model."""
    line_roles.ROLES_MODEL = model_path       # this process labels lines with the fold's model
    total: Counter = Counter()
    for gold_path in sorted((training / "train").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["articles"]
        held_out = {i for i, a in enumerate(gold) if _in_fold(sites, gold_path.stem, a, fold, folds)}
        if not held_out:
            continue
        predicted = [a.to_dict() for a in process_bytes(gold_path.with_suffix(".txt").read_bytes())]
        owner = _owners(gold, predicted)
        total.update(quality.count_case([gold[i] for i in sorted(held_out)],
                                        [p for j, p in enumerate(predicted) if owner[j] in held_out]))
    return total


def _owners(gold: list[dict], predicted: list[dict]) -> list[int]:
    """For each predicted article, the gold article it is scored with: its pair, or else
    the gold article it overlaps most, or else the nearest one."""
    owner = [-1] * len(predicted)
    for i, j in quality.pair(gold, predicted):
        owner[j] = i
    for j, p in enumerate(predicted):
        if owner[j] < 0 and gold:
            owner[j] = max(range(len(gold)), key=lambda i: (quality.span_overlap(gold[i], p), -_distance(gold[i], p)))
    return owner


def _distance(a: dict, b: dict) -> int:
    return max(a["line_start"] - b["line_end"], b["line_start"] - a["line_end"], 0)


def run_fold(args: tuple[Path, int, int, str, TrainingParams]) -> Counter:
    training, fold, folds, workdir, params = args
    sites = article_sites(training)
    model_path = Path(workdir) / f"roles-fold{fold}.crfsuite"
    count = train_sequences(labelled_sequences(training_cases(training, sites, fold, folds), ROLE_RECHROMES),
                            model_path, params)
    counts = score_fold(training, sites, fold, folds, model_path)
    print(f"fold {fold}: trained on {count} sequences, scored {counts['gold']} articles", flush=True)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("training", type=Path, help="a directory with train/ and MANIFEST.json")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--c1", type=float, default=ROLE_PARAMS.c1, help="L1 regularisation (bench.train's by default)")
    parser.add_argument("--c2", type=float, default=ROLE_PARAMS.c2, help="L2 regularisation (bench.train's by default)")
    args = parser.parse_args(argv)
    if not (args.training / "MANIFEST.json").exists():
        print(f"no MANIFEST.json in {args.training}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="dumpling-crossval-") as workdir, Pool(args.processes) as pool:
        params = TrainingParams(args.c1, args.c2, ROLE_PARAMS.max_iterations)
        folds = pool.map(run_fold, [(args.training, k, args.folds, workdir, params) for k in range(args.folds)])
    rows = [(f"fold {k}", counts) for k, counts in enumerate(folds)]
    quality.report(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
