"""langdetect's Detector with its n-gram extraction rewritten: the same results, faster.

On a 300-character sample langdetect spends about as long building the text's n-grams (a
method call and a Unicode-block search per character) as on its random walks over them.
``ExactDetector`` builds the same n-grams in the same order from a cache of each
character's normal form, so its probabilities are bit-for-bit langdetect's
(``tests/test_language.py`` compares them on texts in many scripts). The walks are left
as they are: their 55-language loop is already as fast as Python 3.11 does it (a
list comprehension or ``map`` is no faster there).
"""

from __future__ import annotations

import re

from langdetect.detector import Detector
from langdetect.utils.ngram import NGram

# what Detector.append keeps of a run of spaces: the first
_SPACE_RUN = re.compile(" {2,}")
# the characters Detector.cleaning_text counts as Latin ('A' to 'z', six punctuation marks
# included) and as not Latin (from U+0300 up: its exception for Latin Extended Additional
# compares a block number with a name, so it never applies; kept that way here)
_LATIN = re.compile("[A-z]")
_NOT_LATIN = re.compile("[\u0300-\U0010ffff]")

class _NormalForms(dict):
    """NGram.normalize of each character, for str.translate: filled as characters are met
    (a character's normal form never changes; a text draws on a few hundred at most)."""

    def __missing__(self, code: int) -> str:
        normal = self[code] = NGram.normalize(chr(code))
        return normal


_NORMAL_FORMS = _NormalForms()


class ExactDetector(Detector):
    """A drop-in langdetect Detector (build it with the factory: ``ExactDetector(factory)``)."""

    def append(self, text: str) -> None:
        text = self.URL_RE.sub(" ", text)
        text = self.MAIL_RE.sub(" ", text)
        text = NGram.normalize_vi(text)
        self.text += _SPACE_RUN.sub(" ", text[: self.max_text_length])

    def cleaning_text(self) -> None:
        # a text mostly in another script loses its Latin letters
        if len(_LATIN.findall(self.text)) * 2 < len(_NOT_LATIN.findall(self.text)):
            self.text = _LATIN.sub("", self.text)

    def _extract_ngrams(self) -> list[str]:
        # NGram.add_char and the n = 1..3 loop of Detector._extract_ngrams, inlined; `size`
        # is len(grams), and the text is normalised in one pass instead of per character
        known = self.word_lang_prob_map
        result: list[str] = []
        grams, size, capital_word = " ", 1, False
        for ch in self.text.translate(_NORMAL_FORMS):
            last = grams[-1]
            if last == " ":
                capital_word = False
                if ch == " ":
                    grams, size = " ", 1
                    continue
                grams, size = " " + ch, 2
            elif size == 3:
                grams = grams[1:] + ch
            else:
                grams, size = grams + ch, size + 1
            if ch.isupper():
                if last.isupper():
                    capital_word = True
            else:
                capital_word = False
            if capital_word:
                continue
            if ch != " " and ch in known:
                result.append(ch)
            if size >= 2:
                if grams[-2:] in known:
                    result.append(grams[-2:])
                if size == 3 and grams in known:
                    result.append(grams)
        return result
