"""Train the pipeline's two models and print their scores on train and dev.

    python -m bench.train ../shared/training [--score ../shared/corpus]

The training directory holds ``train/`` and ``dev/``, each a directory of dumps in the
corpus format (NAME.txt beside its gold NAME.json). Both models are fitted on
``train/`` only:

* the boundary model (``boundaries.crfsuite``): which candidate lines open a record;
* the same for dumps with one gap everywhere (``boundaries-uniform.crfsuite``), fitted on
  the training dumps laid out so;
* the role model (``roles.crfsuite``): the role of every line of a gold record.

They are written into the package (``workers/pipeline/models/``), where the pipeline
loads them; commit them with the change that made them.

Then the whole pipeline, with the new models, is scored on ``train/`` and ``dev/`` (and on
any extra ``--score`` directory, such as ``../shared/corpus``) by ``bench.quality``.
Training is deterministic: the same data gives the same model files.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from workers.pipeline import model
from workers.pipeline.training import (TrainingParams, boundary_sequences, labelled_sequences,
                                       read_cases, train_sequences, uniform_boundary_sequences)

from . import quality

# Chosen on dev/ (see the README's quality section).
ROLE_PARAMS = TrainingParams(c1=0.2, c2=0.01, max_iterations=200)
BOUNDARY_PARAMS = TrainingParams(c1=0.05, c2=0.01, max_iterations=300)
# Copies of each training dump re-joined in other layouts for the boundary model, and of
# each record with page chrome added for the role model (restyle.py).
BOUNDARY_RESTYLES = 2
ROLE_RECHROMES = 1


def train(training: Path, out: Path = model.MODELS_DIR) -> None:
    for name, sequences, params in (
        ("boundaries", lambda cases: boundary_sequences(cases, BOUNDARY_RESTYLES), BOUNDARY_PARAMS),
        ("boundaries-uniform", uniform_boundary_sequences, BOUNDARY_PARAMS),
        ("roles", lambda cases: labelled_sequences(cases, ROLE_RECHROMES), ROLE_PARAMS),
    ):
        started = time.perf_counter()
        path = out / f"{name}.crfsuite"
        count = train_sequences(sequences(read_cases(training / "train")), path, params)
        print(f"{name}: {count} sequences, {time.perf_counter() - started:.0f} s, "
              f"{path.stat().st_size / 1024:.0f} KB -> {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("training", type=Path, help="a directory with train/ and dev/")
    parser.add_argument("--score", type=Path, action="append", default=[],
                        help="another corpus directory to score after training (repeatable)")
    args = parser.parse_args(argv)
    if not (args.training / "train").is_dir():
        print(f"no train/ directory in {args.training}", file=sys.stderr)
        return 2
    train(args.training)
    for directory in [args.training / "train", args.training / "dev", *args.score]:
        print(f"\n{directory}:")
        quality.report(quality.evaluate(directory), summary_only=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
