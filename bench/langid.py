"""Language identification: accuracy and cost against the length of text fed to the detector.

Builds paragraphs (5-12 sentences, at least 400 characters) and long texts (5,000+
characters) from real sentences in 25 languages (``../shared/langid-testdata``), then
runs the pipeline's ``detect_language`` with samples cut to each length. Prints accuracy
and the median microseconds per text, so the pipeline's ``SAMPLE_CHARS`` is chosen where
accuracy stops improving.

    python -m bench.langid [--data ../shared/langid-testdata] [--per-language 30] [--runs 3]
                           [--backend langdetect|fast]

``--backend fast`` measures the optional py3langid backend (the ``fast`` extra) the same way.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from workers.pipeline.language import SAMPLE_CHARS, detect_language
from workers.pipeline.language_backends import BACKENDS, LANGDETECT

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "langid-testdata"
LENGTHS = (50, 100, 200, 300, 400, 600, 1000, 2000, None)   # None: the whole text


def build_texts(data: Path, per_language: int, min_chars: int, seed: int) -> list[tuple[str, str]]:
    """(language, text) pairs: shuffled sentences of one language joined until min_chars."""
    rng = random.Random(seed)
    texts = []
    for path in sorted((data / "sentences").glob("*.txt")):
        sentences = [s.strip() for s in path.read_text(encoding="utf-8").splitlines() if s.strip()]
        for _ in range(per_language):
            rng.shuffle(sentences)
            picked, size = [], 0
            for sentence in sentences:
                picked.append(sentence)
                size += len(sentence) + 1
                if size >= min_chars and len(picked) >= 5:
                    break
            texts.append((path.stem, " ".join(picked)))
    return texts


def measure(texts: list[tuple[str, str]], length: int | None, runs: int,
            backend: str = LANGDETECT) -> tuple[float, float]:
    """Accuracy and median microseconds per text at one sample length."""
    sample_chars = length or max(len(t) for _, t in texts)
    timings, correct = [], 0
    for run in range(runs):
        start = time.perf_counter()
        hits = sum(detect_language(text, sample_chars, backend).language == lang for lang, text in texts)
        timings.append((time.perf_counter() - start) / len(texts) * 1e6)
        correct = hits
    return correct / len(texts), statistics.median(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--per-language", type=int, default=30, help="texts per language and kind")
    parser.add_argument("--runs", type=int, default=3, help="timing runs; the median is printed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backend", choices=BACKENDS, default=LANGDETECT)
    args = parser.parse_args(argv)
    if not (args.data / "sentences").is_dir():
        print(f"no test data at {args.data}", file=sys.stderr)
        return 2
    detect_language("warm up the detector profiles once", backend=args.backend)
    print(f"backend {args.backend}; pipeline default SAMPLE_CHARS = {SAMPLE_CHARS}")
    for kind, min_chars in (("paragraphs", 400), ("long texts", 5000)):
        texts = build_texts(args.data, args.per_language, min_chars, args.seed)
        mean_len = statistics.mean(len(t) for _, t in texts)
        print(f"\n{kind}: {len(texts)} texts, mean {mean_len:.0f} characters, 25 languages")
        print(f"{'sample chars':>12} {'accuracy':>9} {'µs/text':>9}")
        for length in LENGTHS:
            accuracy, micros = measure(texts, length, args.runs, args.backend)
            label = "whole" if length is None else str(length)
            print(f"{label:>12} {accuracy:9.4f} {micros:9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
