"""Training data for the models: gold-annotated dumps turned into labelled line sequences.

A case is a dump (``NAME.txt``) beside its gold (``NAME.json``, the corpus format of
``bench/quality.py``). Gold gives, per article, its line span, headline, deck, captions and first body line;
``gold_roles`` turns that into one role per line of text:

* HEADLINE: the first of the copies of the gold headline that stand together nearest
  above the first body line; every other copy of it, above or below, is a REPEAT;
* DECK: a line of the gold deck above the first body line (a page may show its deck
  between two copies of the headline, as the seed dump does);
* CAPTION: a line equal to a gold caption, wherever it is;
* everything else: BEFORE above the headline, HEADER between headline and body (bylines,
  dates, widgets), BODY from the first body line on.

Used by ``bench/train.py`` and by the tests, which train a tiny model on made-up text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from .decode import decode_bytes
from .boundaries import INSIDE, START, boundary_features, candidates
from .features import record_features
from .lines import Line, analyse
from .record import Record
from .restyle import random_styles, rechrome, restyle
from .roles import Role
from .text import line_key, split_lines

# Copies of the headline this many lines of text apart or closer show one headline.
HEADLINE_CLUSTER_LINES = 12


@dataclass(slots=True)
class Case:
    name: str
    lines: list[Line]
    gold: list[dict]


def read_cases(directory: Path) -> Iterator[Case]:
    """Every NAME.txt + NAME.json pair of a directory, in name order."""
    for gold_path in sorted(directory.glob("*.json")):
        dump = gold_path.with_suffix(".txt")
        if not dump.exists():
            continue
        articles = json.loads(gold_path.read_text(encoding="utf-8")).get("articles", [])
        lines = analyse(split_lines(decode_bytes(dump.read_bytes())))
        yield Case(gold_path.stem, lines, articles)


def gold_record(case: Case, article: dict) -> Record:
    return Record(case.lines[article["line_start"] - 1: article["line_end"]])


def gold_roles(record: Record, article: dict) -> list[Role] | None:
    """One role per line of the record's ``content``, or None when the gold cannot be placed."""
    content = record.content
    keys = [record.lines[i].key for i in content]
    headline = line_key(article.get("headline") or "")
    first_body = line_key(article.get("first_body_line") or "")
    body_at = next((n for n, k in enumerate(keys) if k == first_body), None)
    if body_at is None:
        return None
    heads = [n for n in range(body_at) if keys[n] == headline]
    if not heads:
        return None
    head_at = _first_of_last_cluster(heads)
    deck = {line_key(part) for part in (article.get("subheadline") or "").split("\n") if part.strip()}
    captions = {line_key(c) for c in article.get("captions") or []}
    roles = []
    for n, key in enumerate(keys):
        if n == head_at:
            roles.append(Role.HEADLINE)
        elif key in captions:
            roles.append(Role.CAPTION)
        elif key == headline:
            roles.append(Role.REPEAT)
        elif n < body_at and key in deck:
            roles.append(Role.DECK)
        elif n < head_at:
            roles.append(Role.BEFORE)
        elif n < body_at:
            roles.append(Role.HEADER)
        else:
            roles.append(Role.BODY)
    return roles


def _first_of_last_cluster(positions: list[int]) -> int:
    """The first of the copies that stand together nearest the body: a page that shows its
    headline three times in a row has its headline at the first showing, but a copy far
    above (a sidebar list) is not its headline."""
    k = len(positions) - 1
    while k > 0 and positions[k] - positions[k - 1] <= HEADLINE_CLUSTER_LINES:
        k -= 1
    return positions[k]


def labelled_sequences(cases: Iterator[Case], rechromed: int = 0) -> Iterator[tuple[list[list[str]], list[str]]]:
    """(features, labels) of every gold record that can be placed, and of ``rechromed``
    copies of it with page chrome added (``restyle.rechrome``)."""
    for case in cases:
        for k, article in enumerate(case.gold):
            record = gold_record(case, article)
            yield from _labelled(record, article)
            raw = [line.text for line in record.lines]
            for copy in range(rechromed):
                lines, chromed = rechrome(raw, article, f"{case.name}/{k}/{copy}")
                yield from _labelled(Record(analyse(lines)), chromed)


def _labelled(record: Record, article: dict) -> Iterator[tuple[list[list[str]], list[str]]]:
    roles = gold_roles(record, article)
    if roles is not None:
        yield record_features(record), [r.value for r in roles]


@dataclass(frozen=True, slots=True)
class TrainingParams:
    """L1 and L2 regularisation and iterations of CRFsuite's L-BFGS trainer."""
    c1: float = 0.1
    c2: float = 0.05
    max_iterations: int = 200


def train_sequences(sequences: Iterator[tuple[list[list[str]], list[str]]], path: Path,
                    params: TrainingParams = TrainingParams()) -> int:
    """Fit a CRF on (features, labels) sequences and write it to ``path``; returns the count."""
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for features, labels in sequences:
        trainer.append(features, labels)
        count += 1
    trainer.set_params({"c1": params.c1, "c2": params.c2, "max_iterations": params.max_iterations,
                        "feature.possible_transitions": True})
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return count


def boundary_sequences(cases: Iterator[Case], restyles: int = 0) -> Iterator[tuple[list[list[str]], list[str]]]:
    """(features, labels) of the record-start candidates of every dump, and of
    ``restyles`` copies of it joined in other layouts (``restyle.py``)."""
    for case in cases:
        yield _boundary_sequence(case.lines, [a["line_start"] for a in case.gold])
        raw = [line.text for line in case.lines]
        for separator, spacing, trim in random_styles(case.name, restyles):
            styled = restyle(raw, case.gold, separator, spacing, trim)
            yield _boundary_sequence(analyse(styled.lines), [start for start, _ in styled.spans])


def uniform_boundary_sequences(cases: Iterator[Case]) -> Iterator[tuple[list[list[str]], list[str]]]:
    """(features, labels) of the candidates of every training dump laid out with one gap
    everywhere (records and paragraphs each one blank line apart), whole and cut to
    headline and text: what the boundary model of such dumps learns from."""
    for case in cases:
        raw = [line.text for line in case.lines]
        for trim in (False, True):
            styled = restyle(raw, case.gold, "blank1", "spaced", trim)
            yield _boundary_sequence(analyse(styled.lines), [start for start, _ in styled.spans])


def _boundary_sequence(lines: list[Line], gold_starts: list[int]) -> tuple[list[list[str]], list[str]]:
    starts = {number - 1 for number in gold_starts}
    found = candidates(lines)
    return boundary_features(lines, found), [START if i in starts else INSIDE for i in found]
