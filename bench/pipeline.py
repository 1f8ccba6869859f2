"""Pipeline throughput: MB/s of the whole pipeline and of each stage, and peak memory.

Builds a dump of at least ``--mb`` megabytes by repeating the corpus dumps (three blank
lines between them), then times, on one core:

    decode      bytes -> str (UTF-8 check, BOM, charset detection when needed)
    lines       split into lines and compute each line's features
    segment     find the article spans
    structure   headline, deck, captions and body of every article
    language    langdetect on each article's bounded sample
    whole       all of the above through ``process_bytes``, as `dumpling process` runs it

Each figure is the median of ``--runs`` runs. Peak RSS of a whole-pipeline run is read
in a fresh child process, so stage measurements do not inflate it.

    python -m bench.pipeline [--corpus ../shared/corpus] [--mb 50] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from workers.pipeline.language_backends import BACKENDS, FAST, LANGDETECT, load

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def build_dump(corpus: Path, megabytes: float) -> bytes:
    parts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    if not parts:
        raise SystemExit(f"no *.txt dumps in {corpus}")
    one_pass = "\n\n\n".join(parts).encode("utf-8")
    copies = int(megabytes * 1e6 // len(one_pass)) + 1
    return b"\n\n\n".join([one_pass] * copies)


def time_stages(data: bytes, backend: str = "langdetect") -> dict[str, float]:
    from workers.pipeline import decode_bytes, process_bytes
    from workers.pipeline.extract import extract_articles
    from workers.pipeline.language import detect_language
    from workers.pipeline.lines import analyse_compact
    from workers.pipeline.segment import segment
    from workers.pipeline.text import iter_lines

    seconds: dict[str, float] = {}

    def timed(name, fn, *args):
        start = time.perf_counter()
        result = fn(*args)
        seconds[name] = time.perf_counter() - start
        return result

    text = timed("decode", decode_bytes, data)
    lines = timed("lines", lambda t: analyse_compact(iter_lines(t)), text)
    spans = timed("segment", segment, lines)
    articles = timed("structure", lambda: [a for i, s in enumerate(spans) for a in extract_articles(lines, s, i)])
    timed("language", lambda: [detect_language(a.language_text(), backend=backend) for a in articles])
    lines = articles = text = None       # freed before the whole pipeline is timed
    timed("whole", process_bytes, data, backend)
    seconds["articles"] = len(spans)
    return seconds


def compare_backends(data: bytes, runs: int) -> None:
    """The whole pipeline with each language backend, run in turns (a busy machine slows
    both alike), and how many times faster the fast one is."""
    from workers.pipeline import process_bytes

    seconds: dict[str, list[float]] = {backend: [] for backend in BACKENDS}
    for backend in seconds:
        load(backend)                     # models load once per process, not inside a run
    for _ in range(runs):
        for backend, times in seconds.items():
            start = time.perf_counter()
            process_bytes(data, backend)
            times.append(time.perf_counter() - start)
    medians = {backend: statistics.median(times) for backend, times in seconds.items()}
    megabytes = len(data) / 1e6
    for backend, median in medians.items():
        print(f"whole pipeline with {backend:>10}: {megabytes / median:.2f} MB/s")
    print(f"fast backend: {medians[LANGDETECT] / medians[FAST]:.2f}x the langdetect pipeline's speed")


def peak_rss_of_whole_run(path: Path) -> float:
    """Peak resident memory (MB) of a fresh process running the whole pipeline on path."""
    code = (
        "import resource, sys; from workers.pipeline import process_bytes; "
        f"process_bytes(open({str(path)!r}, 'rb').read()); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1])
    return int(out.stdout.strip()) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--mb", type=float, default=50.0, help="size of the built dump")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="also print the medians as JSON")
    parser.add_argument("--language-backend", choices=BACKENDS, default=LANGDETECT)
    parser.add_argument("--compare-backends", action="store_true",
                        help="also time the whole pipeline with each language backend, in turns")
    args = parser.parse_args(argv)

    data = build_dump(args.corpus, args.mb)
    megabytes = len(data) / 1e6
    print(f"dump: {megabytes:.1f} MB built from {args.corpus}")
    print(f"language backend: {args.language_backend}")
    load(args.language_backend)
    runs = [time_stages(data, args.language_backend) for _ in range(args.runs)]
    stages = ("decode", "lines", "segment", "structure", "language", "whole")
    medians = {s: statistics.median(r[s] for r in runs) for s in stages}
    print(f"articles: {int(runs[0]['articles'])}; medians of {args.runs} runs, one core")
    print(f"{'stage':>10} {'seconds':>8} {'MB/s':>8} {'share':>7}")
    parts = sum(medians[s] for s in stages[:-1])
    for stage in stages:
        share = "" if stage == "whole" else f"{medians[stage] / parts:7.1%}"
        print(f"{stage:>10} {medians[stage]:8.2f} {megabytes / medians[stage]:8.2f} {share}")
    target = 2.0
    whole = megabytes / medians["whole"]
    print(f"whole pipeline: {whole:.2f} MB/s = {whole / target:.2f}x the 2 MB/s target")

    if args.compare_backends:
        compare_backends(data, args.runs)

    path = Path("/tmp") / f"dumpling-bench-{len(data)}.txt"
    path.write_bytes(data)
    try:
        rss = peak_rss_of_whole_run(path)
    finally:
        path.unlink(missing_ok=True)
    print(f"peak RSS, whole pipeline in a fresh process: {rss:.0f} MB = {rss / megabytes:.1f}x the dump")
    if args.json:
        print(json.dumps({"mb": megabytes, "seconds": medians, "peak_rss_mb": rss,
                          "this_process_max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
