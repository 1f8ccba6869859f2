"""The statistical language detectors behind ``language.py``, and how each is asked.

``langdetect`` is the default: pure Python, no other dependency, 55 languages. ``fast``
is py3langid (Lui and Baldwin's langid.py, its model held as NumPy arrays; the ``fast``
extra installs it), 97 languages, about four times cheaper per text on a 300-character
sample with the same accuracy on ``bench/langid.py``'s 25 languages. Both are
deterministic. Each answers the same question: the languages a sample may be in, with
their probabilities; ``language.py`` turns that into one code or ``und`` the same way
for both.
"""

from __future__ import annotations

import threading

from .langdetect_detector import ExactDetector

LANGDETECT = "langdetect"
FAST = "fast"
BACKENDS = (LANGDETECT, FAST)

SEED = 0
# langdetect averages this many random walks over the text's n-grams (its default is 7).
# Three give the same answers on the 25-language test set (bench/langid.py) at half the
# cost.
TRIALS = 3
# A trial's random walk stops after this many steps if it has not converged: a sample of
# 300 characters converges in about 30, while a few words can take 300 and more, the
# slowest texts to detect and the least reliable (langdetect's own limit is 10,000, and
# a dump of thousands of three-word records then cost 2-3 ms of detection each).
TRIAL_STEPS = 100
# langdetect names Chinese by variant; the product reports ISO 639-1.
_CODE_ALIASES = {"zh-cn": "zh", "zh-tw": "zh"}

_lock = threading.Lock()
_loaded: dict[str, object] = {}


class BackendUnavailable(RuntimeError):
    """The chosen backend's package is not installed."""


def ranked_languages(sample: str, backend: str = LANGDETECT) -> list[tuple[str, float]]:
    """(ISO 639-1 code, probability) of the likely languages of ``sample``, best first;
    empty when the detector finds nothing to go on."""
    if backend == LANGDETECT:
        return _langdetect_ranked(sample)
    if backend == FAST:
        return _py3langid_ranked(sample)
    raise ValueError(f"unknown language backend {backend!r}: choose one of {', '.join(BACKENDS)}")


def load(backend: str = LANGDETECT) -> None:
    """Load a backend's model now (a worker does it when a pool process starts, not inside
    the first job, where a time limit could interrupt it)."""
    ranked_languages("warm up the language profiles", backend)


def _langdetect_ranked(sample: str) -> list[tuple[str, float]]:
    from langdetect.lang_detect_exception import LangDetectException

    detector = ExactDetector(langdetect_factory())
    detector.n_trial = TRIALS
    detector.ITERATION_LIMIT = TRIAL_STEPS
    detector.append(sample)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:          # no n-gram of the sample is in any profile
        return []
    return [(_CODE_ALIASES.get(r.lang, r.lang), r.prob) for r in ranked]


def _py3langid_ranked(sample: str) -> list[tuple[str, float]]:
    return list(_py3langid().rank(sample))


def langdetect_factory():
    """The profile-loaded, seeded langdetect factory, built once per process."""
    return _once(LANGDETECT, _make_langdetect_factory)


def _py3langid():
    return _once(FAST, _make_py3langid)


def _once(name: str, make):
    """What ``make`` builds, built once per process (threads of one process share it)."""
    loaded = _loaded.get(name)
    if loaded is None:
        with _lock:
            loaded = _loaded.get(name)
            if loaded is None:
                loaded = _loaded[name] = make()
    return loaded


def _make_langdetect_factory():
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(SEED)
    return factory


def _make_py3langid():
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError as exc:
        raise BackendUnavailable("the fast language backend needs py3langid: pip install 'dumpling[fast]'") from exc
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
