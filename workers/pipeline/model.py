"""The learned models: loaded once per process, asked for label probabilities.

A model is a linear-chain CRF (CRFsuite, through ``python-crfsuite``) trained by
``bench/train.py`` and committed under ``workers/pipeline/models/``. It holds weights
of shape features only (see ``features.py``), no words of the training text.

``Tagger`` objects are not safe to share between threads, so each thread opens its own
copy of a model file (a Celery prefork worker has one thread per process).
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Iterable
from pathlib import Path

import pycrfsuite

from . import viterbi
from .model_file import read_weights

MODELS_DIR = Path(__file__).parent / "models"
ROLES_MODEL = MODELS_DIR / "roles.crfsuite"
BOUNDARIES_MODEL = MODELS_DIR / "boundaries.crfsuite"
# The boundary model of dumps with one gap everywhere (``gaps.DumpStyle.uniform``).
UNIFORM_BOUNDARIES_MODEL = MODELS_DIR / "boundaries-uniform.crfsuite"

_local = threading.local()


class SequenceModel:
    """A CRF model file: label marginals for a sequence of feature lists."""

    def __init__(self, path: Path):
        self.path = path
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self.labels: list[str] = list(self._tagger.labels())

        self._weights: dict[str, dict[str, float]] | None = None
        self._transitions: dict[tuple[str, str], float] = {}
        self._matrix: list[list[float]] | None = None    # transitions[i][j] by label id
        self._by_attribute: viterbi.Vectors | None = None

    def tag(self, features: list[list[str]]) -> list[str]:
        """The most probable labels (CRF Viterbi)."""
        return list(self._tagger.tag(features)) if features else []

    def marginals(self, features: list[list[str]]) -> list[dict[str, float]]:
        """For each item, the probability of every label (they sum to 1)."""
        if not features:
            return []
        tagger = self._tagger
        tagger.set(features)
        return [{label: tagger.marginal(label, t) for label in self.labels} for t in range(len(features))]

    def state_scores(self, features: list[list[str]]) -> list[dict[str, float]]:
        """For each item, the sum of the weights its features give each label."""
        vectors, labels = self._vectors(), self.labels
        return [dict(zip(labels, viterbi.state_scores(vectors, item))) for item in features]

    def score_rows(self, rows: Iterable[list[str]]) -> array:
        """``state_scores`` of each row, flat (``len(self.labels)`` numbers a row): the rows
        may be made one at a time and dropped (``viterbi.score_rows``)."""
        return viterbi.score_rows(self._vectors(), rows)

    def scores_by_label(self, scores: array) -> list[dict[str, float]]:
        """``state_scores``'s form of ``score_rows``'s scores."""
        labels, count = self.labels, len(self.labels)
        return [dict(zip(labels, scores[k:k + count])) for k in range(0, len(scores), count)]

    def best_labels(self, scores: array) -> list[str]:
        """``tag``'s labels, from the rows' ``score_rows`` (``viterbi.best_path``): the same,
        without CRFsuite's copy of every row."""
        if self._matrix is None:
            pairs = self.transitions
            self._matrix = [[pairs.get((a, b), 0.0) for b in self.labels] for a in self.labels]
        return [self.labels[k] for k in viterbi.best_path(scores, self._matrix)]

    def _vectors(self) -> viterbi.Vectors:
        """The model's weights of each attribute, a number per label in label id order."""
        if self._by_attribute is None:
            by_label = self._state_weights()
            self._by_attribute = viterbi.weight_vectors([by_label[label] for label in self.labels])
        return self._by_attribute

    @property
    def transitions(self) -> dict[tuple[str, str], float]:
        self._state_weights()
        return self._transitions

    def _state_weights(self) -> dict[str, dict[str, float]]:
        """The model's weights by label, then feature, read from the file the first time a
        caller needs them (exactly: ``model_file``)."""
        if self._weights is None:
            self._weights, self._transitions = read_weights(self.path, self._tagger.info())
        return self._weights


def load(path: Path) -> SequenceModel:
    """The model at ``path``, opened once per thread."""
    cache = getattr(_local, "models", None)
    if cache is None:
        cache = _local.models = {}
    model = cache.get(path)
    if model is None:
        if not path.exists():
            raise FileNotFoundError(f"model file missing: {path} (run `python -m bench.train`)")
        model = cache[path] = SequenceModel(path)
    return model
