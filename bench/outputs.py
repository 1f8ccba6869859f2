"""What a change does to the pipeline's output: every dump's articles written to a file,
and two such files compared, article by article and line by line.

    python -m bench.outputs write out.json ../shared/training/train ../shared/training/dev
    python -m bench.outputs compare before.json after.json [--examples 20]

Scores say whether a body starts at the right line, never where it ends or what it
lost; this says which body lines a change moved out (and where to: a caption, the deck,
or out of the article) or brought in, which headlines, decks and captions changed, and
where the articles themselves differ. To compare with an older commit, make a worktree
of it and write its file with its pipeline:

    git worktree add /tmp/before COMMIT
    python -m bench.outputs write before.json DIR... --code /tmp/before
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path


def write(out: Path, directories: list[Path], code: Path | None = None) -> int:
    """Write {dump path: [article dicts]} for every NAME.txt of the directories, with the
    pipeline of the checkout ``code`` if given (imported from there, so this process must
    not have imported the pipeline before), else with this one's."""
    if code is not None:
        sys.path.insert(0, str(code.resolve()))
    from workers import pipeline
    if code is not None and not Path(pipeline.__file__).resolve().is_relative_to(code.resolve()):
        raise SystemExit(f"the pipeline was already imported from {pipeline.__file__}, not from {code}")
    process_bytes = pipeline.process_bytes
    outputs = {}
    for directory in directories:
        for dump in sorted(directory.glob("*.txt")):
            outputs[str(dump)] = [article.to_dict() for article in process_bytes(dump.read_bytes())]
    out.write_text(json.dumps(outputs, ensure_ascii=False), encoding="utf-8")
    return len(outputs)


def compare(before: dict[str, list[dict]], after: dict[str, list[dict]]) -> tuple[Counter, list[str]]:
    """Counts of what changed between two outputs, and one line describing each change.
    Articles pair by the line their span starts at; those that pair with none are counted."""
    counts: Counter = Counter()
    changes: list[str] = []
    for dump in sorted(before.keys() & after.keys()):
        old = {a["line_start"]: a for a in before[dump]}
        new = {a["line_start"]: a for a in after[dump]}
        name = Path(dump).name
        counts["articles only before"] += len(old.keys() - new.keys())
        counts["articles only after"] += len(new.keys() - old.keys())
        for start in sorted(old.keys() & new.keys()):
            where = f"{name}:{start}"
            for field in ("headline", "subheadline", "language"):
                if old[start][field] != new[start][field]:
                    counts[f"{field} changed"] += 1
                    changes.append(f"{where} {field}: {old[start][field]!r:.80} -> {new[start][field]!r:.80}")
            _compare_text(old[start], new[start], where, counts, changes)
    return counts, changes


def _compare_text(old: dict, new: dict, where: str, counts: Counter, changes: list[str]) -> None:
    old_body, new_body = _lines(old["body"]), _lines(new["body"])
    for line in sorted(old_body - new_body):
        went = _where_it_went(line, new)
        counts[f"body lines out, to {went}"] += 1
        counts["body characters out"] += len(line)
        changes.append(f"{where} body line out, to {went}: {line!r:.120}")
    for line in sorted(new_body - old_body):
        counts["body lines in"] += 1
        counts["body characters in"] += len(line)
        changes.append(f"{where} body line in: {line!r:.120}")
    old_captions, new_captions = set(old["captions"]), set(new["captions"])
    counts["captions out"] += len(old_captions - new_captions)
    counts["captions in"] += len(new_captions - old_captions)
    changes.extend(f"{where} caption in: {c!r:.120}" for c in sorted(new_captions - old_captions))
    changes.extend(f"{where} caption out: {c!r:.120}" for c in sorted(old_captions - new_captions))


def _lines(text: str | None) -> set[str]:
    return {line for line in (text or "").split("\n") if line.strip()}


def _where_it_went(line: str, article: dict) -> str:
    if line in article["captions"]:
        return "a caption"
    if line in _lines(article["subheadline"]) or line == article["headline"]:
        return "the header"
    return "nowhere in the article"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    writing = commands.add_parser("write", help="process every dump of the directories into one file")
    writing.add_argument("out", type=Path)
    writing.add_argument("directories", type=Path, nargs="+")
    writing.add_argument("--code", type=Path, help="a checkout (worktree) whose pipeline to run instead")
    comparing = commands.add_parser("compare", help="what changed from one such file to another")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    comparing.add_argument("--examples", type=int, default=20, help="changes to print (0: all)")
    args = parser.parse_args(argv)

    if args.command == "write":
        print(f"{write(args.out, args.directories, args.code)} dumps -> {args.out}")
        return 0
    before = json.loads(args.before.read_text(encoding="utf-8"))
    after = json.loads(args.after.read_text(encoding="utf-8"))
    missing = before.keys() ^ after.keys()
    if missing:
        print(f"{len(missing)} dumps are in one file only; compared the {len(before.keys() & after.keys())} in both",
              file=sys.stderr)
    counts, changes = compare(before, after)
    for key in sorted(counts):
        print(f"{key:32} {counts[key]:8d}")
    shown = changes if args.examples == 0 else changes[: args.examples]
    if shown:
        print()
        print("\n".join(shown))
    if len(shown) < len(changes):
        print(f"... and {len(changes) - len(shown)} more (--examples 0 prints all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
