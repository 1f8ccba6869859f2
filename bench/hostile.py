"""Hostile input (issue 12, point 1): the pipeline's time and peak memory on the shapes that
once made it quadratic or made it hold gigabytes, at growing sizes, so that linearity and
the 3x memory target can be read off.

Two paths, each run in a fresh child process whose peak RSS comes from the kernel
(``os.wait4``):

    process   `python -m workers.pipeline FILE --format jsonl` (what `dumpling process` runs)
    worker    what a worker's task does with a job (``workers/processing.py``, as
              ``workers/tasks.py`` calls it): the dump is stored by the intake's own code in
              a throwaway redis-server first, then the child takes the job, reads the dump
              (or, past DUMPLING_CHUNK_BYTES, each chunk in turn) from Redis, runs the
              pipeline and writes the compressed articles; the job must end succeeded

The table gives seconds, MB/s, peak RSS and its ratio to the dump, what the dump added to
the peak per byte of dump (the peak less the same path's on a one-article dump: the
interpreter, the models and the language profiles, about 85 MB, are there whatever the dump;
the 3x target is on this), and the marginal ratio: how much the peak grew per byte of dump
from the size before.

    python -m bench.hostile [--path process worker] [--sizes 1 2 4 8 16] [--shapes dashes ...] [--timeout 600]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import IO

import redis

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


def tiny_records(size: int) -> bytes:
    """Three words, a separator line, over and over: a record per 20 bytes, each an article
    whose language is guessed from three words (langdetect's slowest case: 2-3 ms each,
    before its walks were capped), and a boundary candidate per line."""
    words = [b"harbour", b"cranes", b"idle", b"strike", b"week", b"port", b"ships", b"wait"]
    # the records repeat every len(words): one period, repeated. A list of a record per 20
    # bytes took 60 MB in this process at 16 MB, and a child's peak RSS from the kernel
    # (ru_maxrss) starts from its parent's peak, so it showed in the children's figures
    period = b"".join(b" ".join(words[(k + j * 3) % len(words)] for j in range(3)) + b"\n***\n"
                      for k in range(len(words)))
    return (period * (size // len(period) + 1))[:size]


def related_boxes(size: int) -> bytes:
    """Paragraphs with a related-stories box ("Related" over a title) after every second
    one, over and over, with no blank line: each marker is one ``inline_boxes.py``
    weighs, and the text below each box goes on."""
    paragraph = (b"The harbour cranes stood idle for a second week as the strike over the new "
                 b"shift rota went on, and the ships waiting outside the port grew in number.\n")
    period = paragraph * 2 + b"Related\nDock workers vote on the new rota\n" + paragraph * 3
    return (period * (size // len(period) + 1))[:size]


def page_controls(size: int) -> bytes:
    """Tag lines ("Tags: ...", a page label), one after another with no blank line: a
    record where every headline the model picks is a page control. Each was once ruled
    out with a decoding of the whole record: 1,000 such lines took 32 s."""
    lines = b"".join(b"Tags: Harbour, Ferries, Strike week %d\n" % k for k in range(1000))
    return (lines * (size // len(lines) + 1))[:size]


SHAPES: dict[str, Callable[[int], bytes]] = {
    "dashes": dashes, "combining": combining, "blank-lines": blank_lines, "one-word-line": one_word_line,
    "tiny-records": tiny_records, "related-boxes": related_boxes, "page-controls": page_controls}


def run_child(command: list[str], timeout: float, stdout: IO[bytes] | int = subprocess.DEVNULL) -> tuple[float, int, int]:
    """(seconds, peak RSS in bytes, exit status) of one child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=stdout, stderr=subprocess.DEVNULL)
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
    return seconds, usage.ru_maxrss * 1024, process.returncode


def run_pipeline(path: Path, timeout: float) -> tuple[float, int, int, int]:
    """(seconds, peak RSS in bytes, articles, exit status) of `dumpling process` on one file."""
    with tempfile.TemporaryFile() as out:
        seconds, peak, code = run_child([sys.executable, "-m", "workers.pipeline", str(path), "--format", "jsonl"],
                                        timeout, out)
        out.seek(0)
        articles = sum(1 for _ in out)
    return seconds, peak, articles, code


class WorkerPath:
    """The worker's path against a throwaway redis-server (started and stopped by this object)."""

    def __init__(self) -> None:
        from workers.config import Settings
        from workers.redis_server import RedisServer
        from workers.store import JobStore
        self.server = RedisServer().start()
        self.client = redis.Redis.from_url(self.server.url)
        self.store = JobStore.from_settings(self.client, Settings.from_env())

    def __enter__(self) -> "WorkerPath":
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.server.stop()

    def __call__(self, path: Path, timeout: float) -> tuple[float, int, int, int]:
        """(seconds, peak RSS in bytes, articles, exit status) of a worker on the file's dump;
        the status is 1 if the child exited cleanly but the job did not succeed."""
        job, _ = self.store.admission.create_job(path.read_bytes())
        seconds, peak, code = run_child([sys.executable, "-m", "bench.hostile", "--run-job", job.id,
                                         "--redis-url", self.server.url], timeout)
        done = self.store.records.get(job.id)
        articles = done.summary["articles"] if done and done.summary else 0
        if code == 0 and (done is None or done.status.value != "succeeded"):
            code = 1
        self.client.flushdb()
        return seconds, peak, articles, code


def run_job(job_id: str, redis_url: str) -> int:
    """The child of the worker path: one job, as ``workers/tasks.py`` runs it (without Celery
    and the heartbeat thread), a chunked dump's chunks one after another in this process."""
    from workers import processing
    from workers.config import Settings
    from workers.pipeline.language_backends import load
    from workers.store import JobStore

    settings = Settings.from_env()
    load(settings.language_backend)
    store = JobStore.from_settings(redis.Redis.from_url(redis_url), settings)
    owner = store.lifecycle.mark_running(job_id)
    chunks = processing.cut_dump(store, job_id, settings.chunk_bytes)
    if len(chunks) > 1:
        tasks: list[processing.ChunkTask] = []
        processing.start_chunked_run(store, owner, chunks, tasks.append)
        for task in tasks:
            processing.process_chunk(store, task, settings.write_batch, settings.language_backend)
    else:
        text = store.records.dump_text(job_id)
        processing.process_dump(store, owner, text, settings.write_batch, settings.language_backend)
    return 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", nargs="+", choices=("process", "worker"), default=["process"],
                        help="process: dumpling process; worker: a worker's task against a throwaway Redis")
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8, 16], help="dump sizes in MB")
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=list(SHAPES))
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run is killed")
    parser.add_argument("--run-job", help=argparse.SUPPRESS)          # the worker path's child
    parser.add_argument("--redis-url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run_job:
        sys.exit(run_job(args.run_job, args.redis_url))

    with tempfile.TemporaryDirectory(prefix="dumpling-hostile-") as folder, ExitStack() as stack:
        for name in args.path:
            run = run_pipeline if name == "process" else stack.enter_context(WorkerPath())
            baseline_file = Path(folder) / "baseline.txt"
            # long enough for the language detector: its profiles are part of the footprint
            baseline_file.write_bytes(b"Harbour cranes idle as the dock strike enters a second week\n\n"
                                      b"Container ships are queuing outside the port after the talks broke down.\n")
            _, baseline, _, _ = run(baseline_file, args.timeout)
            print(f"{name}: interpreter, models and language profiles alone (a one-article dump): "
                  f"peak RSS {baseline / MB:.0f} MB")
            print(f"{'path':<8} {'shape':<14} {'MB':>5} {'seconds':>8} {'MB/s':>7} {'peak MB':>8} {'x dump':>7} "
                  f"{'added/B':>7} {'x marginal':>10} {'articles':>8} {'exit':>4}")
            for shape in args.shapes:
                previous = None                      # (size, peak) of the size before
                for megabytes in args.sizes:
                    path = Path(folder) / f"{shape}-{megabytes}.txt"
                    data = SHAPES[shape](int(megabytes * MB))
                    path.write_bytes(data)
                    del data
                    seconds, peak, articles, code = run(path, args.timeout)
                    size = path.stat().st_size
                    path.unlink()
                    marginal = f"{(peak - previous[1]) / (size - previous[0]):>10.1f}" if previous else f"{'':>10}"
                    previous = (size, peak)
                    print(f"{name:<8} {shape:<14} {size / MB:>5.1f} {seconds:>8.2f} {size / MB / seconds:>7.2f} "
                          f"{peak / MB:>8.0f} {peak / size:>7.1f} {(peak - baseline) / size:>7.2f} {marginal} "
                          f"{articles:>8} {code:>4}", flush=True)


if __name__ == "__main__":
    main()
