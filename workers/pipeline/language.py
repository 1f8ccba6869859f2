"""Language identification on a bounded sample of the text.

* Scripts used by one language only (Hangul, kana, Thai, Greek, ...) decide alone, and
  Arabic-script languages are told apart by their letters when there is enough text.
* Otherwise a statistical detector decides (``language_backends.py``: langdetect by
  default, py3langid as the optional ``fast`` backend), on the first ``SAMPLE_CHARS``
  characters only: ``bench/langid.py`` shows accuracy stops improving well before that,
  and the cost grows with the sample. Its model loads once per process; both detectors
  give the same answer for the same text in every process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .language_backends import LANGDETECT, ranked_languages
from .text import ARABIC, CONTROL, INVISIBLE

SAMPLE_CHARS = 300
MIN_LETTERS = 12          # below this, "und": too short to tell
MIN_CONFIDENCE = 0.5      # below this, "und": too unsure to tell
SCRIPT_SHARE = 0.5        # a decisive script must hold this share of the letters
UNDETERMINED = "und"

# Scripts that name their language on their own, checked in this order. Arabic (ar, fa,
# ur), Cyrillic and Latin do not: langdetect decides those. Several are scripts langdetect
# has no profile for: without them they would come out "und".
HANGUL = re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
KANA = re.compile("[\u3040-\u30ff]")                                   # Hiragana and Katakana
DECISIVE_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ko", HANGUL),
    ("ja", KANA),
    ("th", re.compile("[\u0e00-\u0e7f]")),                              # Thai
    ("el", re.compile("[\u0370-\u03ff\u1f00-\u1fff]")),                 # Greek
    ("he", re.compile("[\u0590-\u05ff]")),                              # Hebrew
    ("hy", re.compile("[\u0530-\u058f]")),                              # Armenian
    ("ka", re.compile("[\u10a0-\u10ff]")),                              # Georgian
    ("my", re.compile("[\u1000-\u109f]")),                              # Myanmar (Burmese)
    ("km", re.compile("[\u1780-\u17ff]")),                              # Khmer
    ("lo", re.compile("[\u0e80-\u0eff]")),                              # Lao
    ("si", re.compile("[\u0d80-\u0dff]")),                              # Sinhala
    ("am", re.compile("[\u1200-\u137f]")),                              # Ethiopic (Amharic)
    ("bo", re.compile("[\u0f00-\u0fff]")),                              # Tibetan
    ("or", re.compile("[\u0b00-\u0b7f]")),                              # Odia
    ("dv", re.compile("[\u0780-\u07bf]")),                              # Thaana (Dhivehi)
)
# Japanese mixes Han with kana; Chinese has no kana. Han with (almost) no kana and no
# Hangul is Chinese: langdetect, left to itself, reads some traditional Chinese as Korean.
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
JAPANESE_MIN_KANA_SHARE = 0.1
# Arabic script: letters only Urdu writes, letters only Persian (and Urdu) write, and the
# Persian forms of yeh and kaf. With enough text they tell the three apart (1,799 of
# 1,800 texts of 400 characters in bench/langid's test set); in doubt, langdetect decides.
ARABIC_SCRIPT = ARABIC
URDU_LETTERS = re.compile("[ٹڈڑںے]")
PERSIAN_LETTERS = re.compile("[پچژگ]")
PERSIAN_FORMS = re.compile("[یک]")
ARABIC_SCRIPT_MIN_CHARS = 200
# Languages a detector may name that need a script the sample must show: Korean without
# Hangul or Japanese without kana is a detector confusing them with Chinese.
NEEDS_SCRIPT = {"ko": HANGUL, "ja": KANA}
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Guess:
    language: str
    confidence: float


def detect_language(text: str, sample_chars: int = SAMPLE_CHARS, backend: str = LANGDETECT) -> Guess:
    """ISO 639-1 code and confidence in [0, 1]; ``und`` when too short or too unsure.
    ``backend``: the statistical detector for what the script does not decide."""
    sample = _sample(text, sample_chars)
    letters = len(_LETTER.findall(sample))
    if letters < MIN_LETTERS:
        return Guess(UNDETERMINED, 0.0)
    by_script = _decisive_script(sample, letters)
    if by_script is not None:
        return by_script
    return _detected(sample, backend)


def _sample(text: str, sample_chars: int) -> str:
    sample = CONTROL.sub(" ", INVISIBLE.sub("", text[: sample_chars * 2]))
    sample = " ".join(sample.split())[:sample_chars]
    # langdetect skips capitalised words, so ALL-CAPS text looks empty or random to it
    upper = sum(map(str.isupper, sample))
    if upper and upper > 0.5 * max(1, sum(map(str.isalpha, sample))):
        sample = sample.lower()
    return sample


def _decisive_script(sample: str, letters: int) -> Guess | None:
    for code, pattern in DECISIVE_SCRIPTS:
        share = len(pattern.findall(sample)) / letters
        if share >= SCRIPT_SHARE:
            return Guess(code, round(min(1.0, share), 4))
    arabic = len(ARABIC_SCRIPT.findall(sample)) / letters
    if len(sample) >= ARABIC_SCRIPT_MIN_CHARS and arabic >= SCRIPT_SHARE:
        code = _arabic_script_language(sample)
        if code is not None:
            return Guess(code, round(min(1.0, arabic), 4))
    han = len(HAN.findall(sample)) / letters
    if han:
        kana = len(KANA.findall(sample)) / letters
        if kana >= JAPANESE_MIN_KANA_SHARE and han + kana >= SCRIPT_SHARE:
            return Guess("ja", round(min(1.0, han + kana), 4))
        if han >= SCRIPT_SHARE and not NEEDS_SCRIPT["ko"].search(sample) and not kana:
            return Guess("zh", round(min(1.0, han), 4))
    return None


def _arabic_script_language(sample: str) -> str | None:
    urdu, persian = len(URDU_LETTERS.findall(sample)), len(PERSIAN_LETTERS.findall(sample))
    if urdu >= 2:
        return "ur"
    if persian >= 2:
        return "fa"
    if not urdu and not persian and not PERSIAN_FORMS.search(sample):
        return "ar"
    return None


def _detected(sample: str, backend: str) -> Guess:
    # one code per language, and none whose script is absent
    by_code: dict[str, float] = {}
    for code, probability in ranked_languages(sample, backend):
        if code not in NEEDS_SCRIPT or NEEDS_SCRIPT[code].search(sample):
            by_code[code] = by_code.get(code, 0.0) + probability
    total = sum(by_code.values())
    if not total:
        return Guess(UNDETERMINED, 0.0)
    code = max(by_code, key=by_code.__getitem__)
    confidence = round(by_code[code] / total, 4)
    return Guess(code, confidence) if confidence >= MIN_CONFIDENCE else Guess(UNDETERMINED, confidence)
