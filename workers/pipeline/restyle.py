"""Gold dumps and records laid out anew: more kinds of dump to train on.

The training dumps were rendered from web pages one way; dumps in the wild are pasted,
scraped and joined every way. Two kinds of copy, both keeping the gold true:

* ``restyle``: a dump's gold records joined with another separator (blank lines, rules,
  file headers, a repeated headline ...), with blank lines added between or removed
  from the lines of each record, and sometimes cut to headline and text. The gold spans
  move with the lines. The boundary model trains on these.
* ``rechrome``: one record with the page chrome real dumps are known for added: the
  headline shown again (sometimes with doubled spaces) between the header and the body,
  a caption shown again (twice in a row, as alt text and caption; under the headline,
  above the body and after its first paragraph), a text-size widget, and blank lines set
  differently. No line of the
  record changes; the role model trains on these.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# The separator styles real dumps use, as (name, lines put between two records).
# "{n}" is the next record's number, for `tail -n +1`-style file headers.
SEPARATORS: dict[str, list[str]] = {
    "blank1": [""],
    "blank2": ["", ""],
    "blank3": ["", "", ""],
    "dashes": ["", "-" * 40, ""],
    "dashes_tight": ["-" * 20],
    "equals": ["=" * 30],
    "stars": ["", "* * *", ""],
    "tail": ["", "==> news/{n:03d}.txt <=="],
    "formfeed": ["\f"],
    "page": ["", "--- Page {n} ---", ""],
    "repeat": [],        # nothing between records: each opens with a copy of its headline
}
SPACINGS = ("as_is", "packed", "spaced")


@dataclass(slots=True)
class Restyled:
    lines: list[str]
    spans: list[tuple[int, int]]      # 1-based, inclusive, like the gold


def restyle(raw_lines: list[str], gold: list[dict], separator: str, spacing: str,
            trim: bool = False) -> Restyled:
    """The gold records of a dump joined with ``separator`` and re-spaced; with ``trim``,
    each record cut to its headline and text (no page chrome above or below), as in
    dumps of clean article records."""
    out: list[str] = []
    spans = []
    for n, article in enumerate(gold):
        record = raw_lines[article["line_start"] - 1: article["line_end"]]
        if trim:
            record = _headline_to_last_paragraph(record, article)
        record = _respace(record, spacing)
        if n and separator != "repeat":
            out.extend(line.format(n=n) for line in SEPARATORS[separator])
        elif n and separator == "repeat" and out and out[-1].strip() == "":
            out.pop()
        if separator == "tail" and n == 0:
            out.append("==> news/000.txt <==")
        if separator == "repeat":
            record = [article.get("headline") or ""] + record
        start = len(out) + 1
        out.extend(record)
        spans.append((start, len(out)))
    return Restyled(out, spans)


def _headline_to_last_paragraph(record: list[str], article: dict) -> list[str]:
    """From the headline to the last line of running text (a long line or a sentence)."""
    start = _find(record, article.get("headline")) or 0
    body = _find(record, article.get("first_body_line"))
    if body is None or body < start:
        return record
    end = max((n for n in range(body, len(record)) if _is_paragraph(record[n])), default=body)
    return record[start:end + 1]


def _is_paragraph(text: str) -> bool:
    text = text.strip()
    return len(text) >= 120 or (len(text.split()) >= 6 and text[-1:] in ".!?。！？؟")


def _respace(record: list[str], spacing: str) -> list[str]:
    if spacing == "packed":
        return [line for line in record if line.strip()]
    if spacing == "spaced":
        spaced: list[str] = []
        for line in record:
            if not line.strip():
                continue
            if spaced:
                spaced.append("")
            spaced.append(line)
        return spaced
    return record


def random_styles(seed: str, count: int) -> list[tuple[str, str, bool]]:
    """``count`` (separator, spacing, trim) choices, the same for the same seed on every run."""
    rng = random.Random(seed)
    return [(rng.choice(sorted(SEPARATORS)), rng.choice(SPACINGS), rng.random() < 0.5) for _ in range(count)]


# Short widget lines pasted from page toolbars: text-size buttons and the like. Only
# their shape matters to the model (a line of one to three short tokens).
WIDGETS = ("TT", "A A", "A- A+", "+ -", "Aa")


def rechrome(record: list[str], article: dict, seed: str) -> tuple[list[str], dict]:
    """The raw lines of a gold record with known page chrome added above its body, and
    its gold (a caption given a credit in brackets is a caption in that form too)."""
    rng = random.Random(seed)
    lines = list(record)
    body_at = _find(lines, article.get("first_body_line"))
    if body_at is None:
        return _respace(lines, rng.choice(SPACINGS)), article
    inserts: list[str] = []
    headline = article.get("headline") or ""
    if headline and rng.random() < 0.7:
        inserts.append(headline.replace(" ", "  ", 1) if rng.random() < 0.5 else headline)
    if rng.random() < 0.5:
        inserts.insert(rng.randrange(len(inserts) + 1), rng.choice(WIDGETS))
    captions = article.get("captions") or []
    if captions and rng.random() < 0.5:
        caption = rng.choice(captions)
        if rng.random() < 0.5 and not caption.rstrip().endswith(")"):
            # credits in brackets: the photo's source, a name the article itself uses
            caption = f"{caption} ({_a_name(lines[body_at:], rng)})"
            article = {**article, "captions": [*captions, caption]}
        # a photo's alt text and caption are often the same words, shown one after the other
        inserts.extend([caption] * rng.choice((1, 2)))
        head_at = _find(lines, headline)
        if head_at is not None and head_at < body_at and rng.random() < 0.5:
            lines[head_at + 1:head_at + 1] = [caption] * rng.choice((1, 2))      # the photo on top
            body_at = _find(lines, article.get("first_body_line"))
    if captions and rng.random() < 0.3 and body_at + 1 < len(lines):
        lines.insert(body_at + 1, rng.choice(captions))              # a photo after the first paragraph
    lines[body_at:body_at] = inserts
    head_at = _find(lines, headline)
    if head_at is not None and head_at < body_at and rng.random() < 0.3:
        lines, body_at = lines[head_at:], body_at - head_at      # a dump that starts at the headline
    return _respace_header(lines, body_at + len(inserts), rng), article


def _a_name(body: list[str], rng: random.Random) -> str:
    words = [w.strip(".,;:!?\"'«»()") for line in body[:3] for w in line.split()]
    words = [w for w in words if len(w) >= 4 and w.isalpha()]
    return rng.choice(words) if words else "Agency"


def _find(lines: list[str], text: str | None) -> int | None:
    wanted = " ".join((text or "").split())
    return next((n for n, line in enumerate(lines) if " ".join(line.split()) == wanted), None) if wanted else None


def _respace_header(lines: list[str], body_at: int, rng: random.Random) -> list[str]:
    """Blank lines set one way above the body and maybe another way in it."""
    header, body = lines[:body_at], lines[body_at:]
    return _respace(header, rng.choice(SPACINGS)) + [""] * rng.choice((0, 1)) + _respace(body, rng.choice(SPACINGS))
