"""Hostile input (issue 12, point 1): the pipeline's time and peak memory on the shapes that
once made it quadratic or made it hold gigabytes, at growing sizes, so that linearity and
the 3x memory target can be read off.

Each run is `python -m workers.pipeline FILE --format jsonl` (what `dumpling process` runs)
in a fresh child process; its peak RSS comes from the kernel (``os.wait4``). The table
gives seconds, MB/s, peak RSS and its ratio to the dump, and the marginal ratio: how much
the peak grew per byte of dump from the size before (the interpreter, the models and the
language profiles, about 80 MB, are there whatever the dump; the 3x target is on what the
dump adds).

    python -m bench.hostile [--sizes 1 2 4 8] [--shapes dashes combining ...] [--timeout 600]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

MB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[1]


def dashes(size: int) -> bytes:
    """One line of '-' (the token regex was quadratic on it)."""
    return b"-" * size


def combining(size: int) -> bytes:
    """One line of alternating combining marks U+0301 U+0316 on a letter (NFKC was quadratic)."""
    return ("e" + "\u0301\u0316" * (size // 4)).encode("utf-8")


def blank_lines(size: int) -> bytes:
    """Nothing but line breaks (each blank line was an object of its own: 1.9 GB for 8 MB)."""
    return b"\n" * size


def one_word_line(size: int) -> bytes:
    """One long line of a single word repeated."""
    return b"word " * (size // 5)


SHAPES: dict[str, Callable[[int], bytes]] = {
    "dashes": dashes, "combining": combining, "blank-lines": blank_lines, "one-word-line": one_word_line}


def run_pipeline(path: Path, timeout: float) -> tuple[float, int, int, int]:
    """(seconds, peak RSS in bytes, articles, exit status) of the pipeline on one file."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "workers.pipeline", str(path), "--format", "jsonl"],
                                   cwd=ROOT, stdout=out, stderr=subprocess.DEVNULL)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)    # reaped here, not by Popen
        out.seek(0)
        articles = sum(1 for _ in out)
    return seconds, usage.ru_maxrss * 1024, articles, process.returncode


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8], help="dump sizes in MB")
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=list(SHAPES))
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run is killed")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="dumpling-hostile-") as folder:
        baseline_file = Path(folder) / "baseline.txt"
        # long enough for the language detector: its profiles are part of the footprint
        baseline_file.write_bytes(b"Harbour cranes idle as the dock strike enters a second week\n\n"
                                  b"Container ships are queuing outside the port after the talks broke down.\n")
        _, baseline, _, _ = run_pipeline(baseline_file, args.timeout)
        print(f"interpreter, models and language profiles alone (a one-article dump): peak RSS {baseline / MB:.0f} MB")
        print(f"{'shape':<14} {'MB':>5} {'seconds':>8} {'MB/s':>7} {'peak MB':>8} {'x dump':>7} "
              f"{'x marginal':>10} {'articles':>8} {'exit':>4}")
        for shape in args.shapes:
            previous = None                      # (size, peak) of the size before
            for megabytes in args.sizes:
                path = Path(folder) / f"{shape}-{megabytes}.txt"
                data = SHAPES[shape](int(megabytes * MB))
                path.write_bytes(data)
                del data
                seconds, peak, articles, code = run_pipeline(path, args.timeout)
                size = path.stat().st_size
                path.unlink()
                marginal = f"{(peak - previous[1]) / (size - previous[0]):>10.1f}" if previous else f"{'':>10}"
                previous = (size, peak)
                print(f"{shape:<14} {size / MB:>5.1f} {seconds:>8.2f} {size / MB / seconds:>7.2f} "
                      f"{peak / MB:>8.0f} {peak / size:>7.1f} {marginal} {articles:>8} {code:>4}", flush=True)


if __name__ == "__main__":
    main()
