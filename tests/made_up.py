"""A made-up training corpus: records of invented words, written as dumps in the corpus
format (NAME.txt beside NAME.json), for the tests of the training code path; and big dumps
of such records, for the tests that need real work or incompressible text."""

from __future__ import annotations

import json
import random
from pathlib import Path

SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "vo", "su", "nel", "da", "pri", "gor", "bis", "fa", "un", "zel"]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(word(rng) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def record(rng: random.Random) -> tuple[list[str], dict]:
    """One invented article record (menu, headline, deck, byline, date, paragraphs) and its gold."""
    headline = " ".join(word(rng).capitalize() for _ in range(rng.randint(5, 9)))
    deck = sentence(rng, rng.randint(10, 16))[:-1] if rng.random() < 0.5 else None
    paragraphs = [sentence(rng, rng.randint(25, 45)) + " " + sentence(rng, rng.randint(8, 20))
                  for _ in range(rng.randint(3, 6))]
    lines = [word(rng).capitalize() for _ in range(rng.randint(0, 4))]       # a menu above
    lines.append(headline)
    if deck:
        lines.append(deck)
    lines.append(f"By {word(rng).capitalize()} {word(rng).capitalize()}")
    lines.append(f"March {rng.randint(1, 28)}, 2024")
    lines.extend(paragraphs)
    gold = {"headline": headline, "subheadline": deck, "captions": [], "language": "xx",
            "first_body_line": paragraphs[0]}
    return lines, gold


def write_corpus(directory: Path, dumps: int, seed: int, blank_lines: int = 2) -> Path:
    """``dumps`` made-up dumps of three to five records each, ``blank_lines`` between
    records, in the corpus format."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    for n in range(dumps):
        out: list[str] = []
        articles = []
        for _ in range(rng.randint(3, 5)):
            lines, gold = record(rng)
            if out:
                out.extend([""] * blank_lines)
            gold["line_start"] = len(out) + 1
            out.extend(lines)
            gold["line_end"] = len(out)
            articles.append(gold)
        (directory / f"made-up-{n:02d}.txt").write_text("\n".join(out), encoding="utf-8")
        (directory / f"made-up-{n:02d}.json").write_text(json.dumps({"articles": articles}), encoding="utf-8")
    return directory


def varied_dump(size: int, seed: int = 12) -> bytes:
    """About ``size`` bytes of made-up articles, each different: seconds of pipeline work,
    and frames that do not compress to nothing (a repeated page would be much quicker, and
    compress so well that it would hide a wrong frame)."""
    rng = random.Random(seed)
    parts, total = [], 0
    while total < size:
        text = "\n".join(record(rng)[0])
        parts.append(text)
        total += len(text) + 3
    return "\n\n\n".join(parts).encode()
