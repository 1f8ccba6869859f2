"""Every language of the language-ID test data through the whole pipeline, laid out as articles.

    python -m bench.languages ../shared/langid-testdata [--dumps 5]

For each language (``sentences/LANG.txt``, one real sentence a line): ``--dumps`` dumps of
three articles, each a headline (the shortest of six sentences drawn) over the other five as
paragraphs, a line of dashes between articles. The layout is made up, the text is real: a
script the pipeline mishandles (no sentence marks, no spaces between words) shows up as a row
of misses. Prints, per language, the articles found of those made and how many have the
right headline, body start and language. Deterministic: the draws are seeded by language.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from workers.pipeline import process_text

ARTICLES_PER_DUMP = 3
SENTENCES_PER_ARTICLE = 6
SEPARATOR = "\n\n" + "-" * 30 + "\n\n"
MIN_SENTENCE_CHARS = 20
HEADLINE_END_STRIP = " .。．।۔։።"


def made_up_dump(sentences: list[str], rng: random.Random) -> tuple[str, list[tuple[str, str]]]:
    """A dump of articles drawn from the sentences, and each article's (headline, first paragraph)."""
    articles, expected = [], []
    for _ in range(ARTICLES_PER_DUMP):
        drawn = rng.sample(sentences, SENTENCES_PER_ARTICLE)
        shortest = min(drawn, key=len)
        paragraphs = [s for s in drawn if s is not shortest]
        headline = shortest.rstrip(HEADLINE_END_STRIP)      # headlines end with no full stop
        articles.append(headline + "\n\n" + "\n\n".join(paragraphs))
        expected.append((headline, paragraphs[0]))
    return SEPARATOR.join(articles), expected


def score_language(path: Path, dumps: int) -> Counter:
    sentences = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                 if len(line.strip()) >= MIN_SENTENCE_CHARS]
    rng = random.Random(path.stem)
    counts: Counter = Counter()
    for _ in range(dumps):
        text, expected = made_up_dump(sentences, rng)
        found = process_text(text)
        counts["made"] += len(expected)
        counts["found"] += len(found)
        for (headline, first), article in zip(expected, found):
            counts["headline"] += article.headline == headline
            counts["body"] += article.body.startswith(first)
            counts["language"] += article.language == path.stem
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("testdata", type=Path, help="a directory with sentences/LANG.txt")
    parser.add_argument("--dumps", type=int, default=5, help="dumps per language")
    args = parser.parse_args(argv)
    files = sorted((args.testdata / "sentences").glob("*.txt"))
    if not files:
        print(f"no sentences/*.txt in {args.testdata}", file=sys.stderr)
        return 2
    print(f"{'lang':6} {'made':>5} {'found':>6} {'headline':>9} {'body':>6} {'language':>9}")
    total: Counter = Counter()
    for path in files:
        c = score_language(path, args.dumps)
        total.update(c)
        print(f"{path.stem:6} {c['made']:5d} {c['found']:6d} {c['headline']:9d} {c['body']:6d} {c['language']:9d}")
    made = max(total["made"], 1)
    print(f"{'all':6} {total['made']:5d} {total['found']:6d} {total['headline']:9d} {total['body']:6d} "
          f"{total['language']:9d}   (headline {total['headline'] / made:.3f}, body {total['body'] / made:.3f}, "
          f"language {total['language'] / made:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
