"""Quality report: the pipeline against gold-annotated dumps, per case and overall.

A corpus directory holds NAME.txt (a raw dump) beside NAME.json (its gold annotation:
{"articles": [{"headline", "subheadline", "captions", "language", "first_body_line",
"line_start", "line_end"}]}). Predicted and gold articles pair one-to-one when their
line spans overlap by at least half of each (largest overlaps first). Text is compared
after NFKC, with invisible marks removed and whitespace collapsed. These are the rules
of the corpus's own scorer (``../shared/tools/score.py``), so the figures agree with it.

    python -m bench.quality ../shared/corpus [--min 0.95] [--json]

Exit status 0 when every overall score reaches --min and no caption is left in a body.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from workers.pipeline import process_bytes

INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")
SCORES = ("segment_f1", "headline_acc", "subheadline_acc", "caption_f1", "language_acc", "body_start_acc")
BODY_START_CHARS = 80


def norm(text: str | None) -> str:
    if text is None:
        return ""
    text = INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return " ".join(text.split())


def span_overlap(a: dict, b: dict) -> int:
    """Lines two articles' spans share (0 when apart)."""
    return max(0, min(a["line_end"], b["line_end"]) - max(a["line_start"], b["line_start"]) + 1)


def pair(gold: list[dict], predicted: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), largest span overlap first."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            overlap = span_overlap(g, p)
            g_len = g["line_end"] - g["line_start"] + 1
            p_len = p["line_end"] - p["line_start"] + 1
            if overlap > 0 and 2 * overlap >= g_len and 2 * overlap >= p_len:
                candidates.append((overlap, i, j))
    used_gold, used_pred, pairs = set(), set(), []
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return pairs


def count_case(gold: list[dict], predicted: list[dict]) -> Counter:
    """Raw counts for one case; ``summarise`` turns counts into scores."""
    c = Counter(gold=len(gold), pred=len(predicted))
    c["cap_gold"] = sum(len({norm(x) for x in g.get("captions") or []}) for g in gold)
    c["cap_pred"] = sum(len({norm(x) for x in p.get("captions") or []}) for p in predicted)
    for i, j in pair(gold, predicted):
        g, p = gold[i], predicted[j]
        body = norm(p.get("body"))
        gold_captions = {norm(x) for x in g.get("captions") or []}
        c["matched"] += 1
        c["headline"] += norm(g["headline"]) == norm(p.get("headline"))
        c["subheadline"] += norm(g.get("subheadline")) == norm(p.get("subheadline"))
        c["language"] += (g.get("language") or "") == (p.get("language") or "")
        first_line = norm(g.get("first_body_line"))[:BODY_START_CHARS]
        c["body_start"] += bool(first_line) and body.startswith(first_line)
        c["cap_tp"] += len(gold_captions & {norm(x) for x in p.get("captions") or []})
        c["cap_in_body"] += sum(1 for x in gold_captions if x and x in body)
    return c


def summarise(c: Counter) -> dict[str, float | int]:
    def f1(tp: int, predicted: int, gold: int) -> float:
        precision = tp / predicted if predicted else 1.0
        recall = tp / gold if gold else 1.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    articles = max(c["gold"], 1)
    return {
        "segment_f1": f1(c["matched"], c["pred"], c["gold"]),
        "headline_acc": c["headline"] / articles,
        "subheadline_acc": c["subheadline"] / articles,
        "caption_f1": f1(c["cap_tp"], c["cap_pred"], c["cap_gold"]),
        "language_acc": c["language"] / articles,
        "body_start_acc": c["body_start"] / articles,
        "captions_left_in_body": c["cap_in_body"],
    }


def evaluate(corpus: Path) -> list[tuple[str, Counter]]:
    rows = []
    for gold_path in sorted(corpus.glob("*.json")):
        dump = gold_path.with_suffix(".txt")
        if not dump.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["articles"]
        predicted = [a.to_dict() for a in process_bytes(dump.read_bytes())]
        rows.append((dump.name, count_case(gold, predicted)))
    return rows


def report(rows: list[tuple[str, Counter]], minimum: float = 0.95, summary_only: bool = False) -> dict:
    """Print the per-case table (or only the overall line) and return the overall scores."""
    header = " ".join(f"{s.split('_')[0]:>9}" for s in SCORES)
    print(f"{'case':36} {'gold':>4} {'pred':>4} {header} {'left':>4}")
    total: Counter = Counter()
    for name, counts in rows:
        total.update(counts)
        if summary_only:
            continue
        s = summarise(counts)
        flag = "" if min(s[k] for k in SCORES) >= minimum else "  <"
        print(f"{name:36} {counts['gold']:4d} {counts['pred']:4d} "
              + " ".join(f"{s[k]:9.3f}" for k in SCORES) + f" {s['captions_left_in_body']:4d}{flag}")
    overall = summarise(total)
    print(f"{'overall':36} {total['gold']:4d} {total['pred']:4d} "
          + " ".join(f"{overall[k]:9.3f}" for k in SCORES) + f" {overall['captions_left_in_body']:4d}")
    return overall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--min", type=float, default=0.95, help="every overall score must reach this")
    parser.add_argument("--json", action="store_true", help="print the overall scores as JSON too")
    args = parser.parse_args(argv)

    rows = evaluate(args.corpus)
    if not rows:
        print(f"no NAME.txt + NAME.json cases in {args.corpus}", file=sys.stderr)
        return 2
    overall = report(rows, args.min)
    if args.json:
        print(json.dumps(overall))
    ok = min(overall[k] for k in SCORES) >= args.min and overall["captions_left_in_body"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
