"""A corpus laid out as users also paste it: all its dumps joined into one, and each
article alone.

    python -m bench.relayout ../shared/training/dev [--only joined|alone]

* **joined**: the directory's dumps joined into one dump, three blank lines between two
  of them, each keeping its own separators, scored like ``bench.quality``. A dump's
  records must not depend on its being alone: a separator style counted over the whole
  dump once merged the records of such a join (the README's "Tried and not kept").
* **alone**: each gold article's lines processed as a dump of their own, as a user who
  pastes one page sends it: how many come out in more than one record, and in how many
  of those the first record carries the article's headline.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from workers.pipeline import decode_bytes, process_text
from workers.pipeline.text import split_lines

from . import quality

# Blank lines between two dumps joined into one: more than any layout puts between records.
JOIN_BLANK_LINES = 3


def cases(corpus: Path) -> Iterator[tuple[str, list[str], list[dict]]]:
    """(name, lines, gold articles) of every NAME.txt + NAME.json of the directory."""
    for gold_path in sorted(corpus.glob("*.json")):
        dump = gold_path.with_suffix(".txt")
        if dump.exists():
            gold = json.loads(gold_path.read_text(encoding="utf-8"))["articles"]
            yield dump.name, split_lines(decode_bytes(dump.read_bytes())), gold


def joined(corpus: Path) -> tuple[str, list[dict]]:
    """The corpus's dumps as one text, and their gold articles with line numbers moved."""
    lines: list[str] = []
    gold: list[dict] = []
    for _, dump_lines, dump_gold in cases(corpus):
        if lines:
            lines.extend([""] * JOIN_BLANK_LINES)
        offset = len(lines)
        gold.extend({**a, "line_start": a["line_start"] + offset, "line_end": a["line_end"] + offset}
                    for a in dump_gold)
        lines.extend(dump_lines)
    return "\n".join(lines), gold


def score_joined(corpus: Path) -> Counter:
    """``quality.count_case`` of the joined dump."""
    text, gold = joined(corpus)
    return quality.count_case(gold, [a.to_dict() for a in process_text(text)])


def articles_alone(corpus: Path) -> Counter:
    """Counts of the gold articles processed one at a time: ``articles``, ``split`` (more
    than one record) and ``split_first_has_headline``."""
    counts: Counter = Counter()
    for _, lines, gold in cases(corpus):
        for article in gold:
            records = process_text("\n".join(lines[article["line_start"] - 1:article["line_end"]]))
            counts["articles"] += 1
            if len(records) > 1:
                counts["split"] += 1
                first = quality.norm(records[0].headline)
                counts["split_first_has_headline"] += first == quality.norm(article["headline"])
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--only", choices=("joined", "alone"))
    args = parser.parse_args(argv)
    if not any(cases(args.corpus)):
        print(f"no NAME.txt + NAME.json cases in {args.corpus}", file=sys.stderr)
        return 2
    if args.only != "alone":
        print(f"{args.corpus}, every dump joined into one:")
        quality.report([("joined", score_joined(args.corpus))], summary_only=True)
    if args.only != "joined":
        alone = articles_alone(args.corpus)
        print(f"{args.corpus}, every article alone: {alone['split']} of {alone['articles']} come out in more "
              f"than one record; the first record has the article's headline in "
              f"{alone['split_first_has_headline']} of them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
