"""One big dump through the service, with 1 worker and with 2: wall time, MB/s, the peak
RSS of every process, and the Redis memory used per MB of dump.

Builds a dump of ``--mb`` megabytes from the corpus (or from the seed fixture when the
corpus is absent), starts a private redis-server, the API (gunicorn, 1 process) and N
`dumpling worker` processes, POSTs the dump, and polls the job to `succeeded`. Peak RSS
is sampled from /proc every 0.2 s, children included (a worker's pool process).

    python -m bench.bigdump [--mb 200] [--corpus ../shared/corpus] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import redis
import requests

from workers.redis_server import RedisServer, free_port
from workers.store import JobStatus

from .pipeline import DEFAULT_CORPUS, build_dump

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "aawsat-seed.txt"
DEADLINE_SECONDS = 1800       # every wait is bounded


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (Linux /proc)."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


class PeakSampler(threading.Thread):
    def __init__(self, pids: dict[str, int]):
        super().__init__(daemon=True)
        self.pids, self.peaks, self.stop = pids, {name: 0.0 for name in pids}, threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.2):
            for name, pid in self.pids.items():
                self.peaks[name] = max(self.peaks[name], rss_mb(pid))


def run_once(dump: bytes, workers: int) -> dict:
    megabytes = len(dump) / 1e6
    with RedisServer() as server:
        env = {**os.environ, "REDIS_URL": server.url, "DUMPLING_LOG_LEVEL": "WARNING",
               "DUMPLING_MAX_DUMP_BYTES": str(len(dump) + 1),
               "DUMPLING_TASK_SOFT_TIME_LIMIT": "3000", "DUMPLING_TASK_TIME_LIMIT": "3100",
               "DUMPLING_VISIBILITY_TIMEOUT": "3600"}
        cli = [sys.executable, "-m", "service.cli"]
        quiet = {"cwd": ROOT, "env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        port = free_port()
        api = subprocess.Popen([*cli, "serve", "--port", str(port), "--workers", "1"], **quiet)
        pool = [subprocess.Popen([*cli, "worker", "--concurrency", "1", "--name", f"big{n}"], **quiet)
                for n in range(workers)]
        url = f"http://127.0.0.1:{port}"
        client = redis.Redis.from_url(server.url)
        pids = {"api": api.pid, "redis": server.process.pid, **{f"worker{n}": p.pid for n, p in enumerate(pool)}}
        sampler = PeakSampler(pids)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if requests.get(f"{url}/readyz", timeout=2).status_code == 200:
                        break
                except requests.ConnectionError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("the stack did not become ready")
                time.sleep(0.2)
            used_before = client.info("memory")["used_memory"]
            sampler.start()
            started = time.perf_counter()
            response = requests.post(f"{url}/v1/jobs", data=dump, headers={"Content-Type": "text/plain"}, timeout=600)
            assert response.status_code == 202, response.text
            job_url = url + response.headers["Location"]
            deadline = time.monotonic() + DEADLINE_SECONDS
            while not JobStatus((job := requests.get(job_url, timeout=30).json())["status"]).finished:
                if time.monotonic() > deadline:
                    raise SystemExit(f"the job did not finish within {DEADLINE_SECONDS} s")
                time.sleep(0.2)
            wall = time.perf_counter() - started
            used_after = client.info("memory")["used_memory"]
        finally:
            sampler.stop.set()
            for process in [api, *pool]:
                process.terminate()
            for process in [api, *pool]:
                process.wait(timeout=30)
    return {"status": job["status"], "articles": (job["summary"] or {}).get("articles"), "wall_s": wall,
            "mb_per_s": megabytes / wall, "peaks_mb": sampler.peaks,
            "redis_mb_per_dump_mb": (used_after - used_before) / 1e6 / megabytes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=200.0)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args(argv)
    corpus = args.corpus if args.corpus.is_dir() else SEED.parent
    dump = build_dump(corpus, args.mb)
    megabytes = len(dump) / 1e6
    print(f"dump: {megabytes:.0f} MB built from {corpus}")
    results = {}
    for workers in args.workers:
        result = results[workers] = run_once(dump, workers)
        peaks = ", ".join(f"{name} {mb:.0f} MB ({mb / megabytes:.1f}x)" for name, mb in result["peaks_mb"].items())
        print(f"{workers} worker(s): {result['status']} ({result['articles']} articles) in {result['wall_s']:.1f} s "
              f"= {result['mb_per_s']:.2f} MB/s; Redis holds {result['redis_mb_per_dump_mb']:.2f} MB per MB of dump")
        print(f"   peak RSS: {peaks}  (target: no process above 3x the dump)")
    if 1 in results and 2 in results:
        speedup = results[1]["wall_s"] / results[2]["wall_s"]
        print(f"2 workers vs 1: {speedup:.2f}x faster (target 1.7x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
