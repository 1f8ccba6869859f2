"""One big dump through the service, with 1 worker and with 2: wall time, MB/s, the peak
RSS of every process, and the Redis memory used per MB of dump while the job is queued,
while it runs (the peak) and once it has succeeded.

Builds a dump of ``--mb`` megabytes from the corpus (or from the seed fixture when the
corpus is absent), starts a private redis-server and the API (gunicorn, 1 process), POSTs
the dump with no worker running and measures Redis (queued), deletes that job, then starts
N `dumpling worker` processes, POSTs the dump again and polls the job to `succeeded`. Peak
RSS is sampled from /proc every 0.2 s, children included (a worker's pool process). Redis
memory two ways: the job's own keys (MEMORY USAGE of every ``dumpling:job:{id}*`` key), and
INFO's ``used_memory`` less its value before the POST (which also counts the Celery message,
the backlog's entries and the connections' buffers).

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
    def __init__(self, pids: dict[str, int], client: redis.Redis):
        super().__init__(daemon=True)
        self.pids, self.peaks, self.stop = pids, {name: 0.0 for name in pids}, threading.Event()
        self.client, self.redis_peak, self.keys_peak, self.job_id = client, 0, 0, ""

    def run(self) -> None:
        while not self.stop.wait(0.2):
            for name, pid in self.pids.items():
                self.peaks[name] = max(self.peaks[name], rss_mb(pid))
            self.redis_peak = max(self.redis_peak, self.client.info("memory")["used_memory"])
            if self.job_id:
                self.keys_peak = max(self.keys_peak, job_keys_bytes(self.client, self.job_id))


def job_keys_bytes(client: redis.Redis, job_id: str) -> int:
    """What Redis holds for one job: MEMORY USAGE of each of its keys (run keys included)."""
    return sum(client.memory_usage(key, samples=0) or 0
               for key in client.scan_iter(match=f"dumpling:job:{job_id}*", count=1000))


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
        pool: list[subprocess.Popen] = []
        sampler: PeakSampler | None = None
        url = f"http://127.0.0.1:{port}"
        client = redis.Redis.from_url(server.url)
        try:
            wait_for(lambda: requests.get(f"{url}/healthz", timeout=2).status_code == 200, "the API")
            queued = queued_memory(url, client, dump)
            pool = [subprocess.Popen([*cli, "worker", "--concurrency", "1", "--name", f"big{n}"], **quiet)
                    for n in range(workers)]
            wait_for(lambda: requests.get(f"{url}/readyz", timeout=2).status_code == 200, "the workers")
            pids = {"api": api.pid, "redis": server.process.pid,
                    **{f"worker{n}": p.pid for n, p in enumerate(pool)}}
            sampler = PeakSampler(pids, client)
            used_before = client.info("memory")["used_memory"]
            sampler.start()
            started = time.perf_counter()
            response = post(url, dump)
            job_url = url + response.headers["Location"]
            sampler.job_id = response.json()["id"]
            deadline = time.monotonic() + DEADLINE_SECONDS
            while not JobStatus((job := requests.get(job_url, timeout=30).json())["status"]).finished:
                if time.monotonic() > deadline:
                    raise SystemExit(f"the job did not finish within {DEADLINE_SECONDS} s")
                time.sleep(0.2)
            wall = time.perf_counter() - started
            used_after = client.info("memory")["used_memory"]
            keys_after = job_keys_bytes(client, sampler.job_id)
        finally:
            if sampler is not None:
                sampler.stop.set()
            for process in [api, *pool]:
                process.terminate()
            for process in [api, *pool]:
                process.wait(timeout=30)
    per_dump_byte = lambda used: (used - used_before) / len(dump)      # noqa: E731
    return {"status": job["status"], "articles": (job["summary"] or {}).get("articles"), "wall_s": wall,
            "mb_per_s": megabytes / wall, "peaks_mb": sampler.peaks,
            "redis": {"queued": queued, "running": (sampler.keys_peak / len(dump), per_dump_byte(sampler.redis_peak)),
                      "succeeded": (keys_after / len(dump), per_dump_byte(used_after))}}


def wait_for(ready, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if ready():
                return
        except requests.ConnectionError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"{what} did not become ready")
        time.sleep(0.2)


def post(url: str, dump: bytes) -> requests.Response:
    response = requests.post(f"{url}/v1/jobs", data=dump, headers={"Content-Type": "text/plain"}, timeout=600)
    assert response.status_code == 202, response.text
    return response


def queued_memory(url: str, client: redis.Redis, dump: bytes) -> tuple[float, float]:
    """Redis bytes per dump byte of a job waiting for a worker (none runs yet), by its keys
    and by used_memory; the job is deleted again, and Redis is back where it was."""
    before = client.info("memory")["used_memory"]
    response = post(url, dump)
    used = client.info("memory")["used_memory"]
    own = job_keys_bytes(client, response.json()["id"])
    assert requests.delete(url + response.headers["Location"], timeout=60).status_code == 204
    return own / len(dump), (used - before) / len(dump)


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
        memory = result["redis"]
        print(f"{workers} worker(s): {result['status']} ({result['articles']} articles) in {result['wall_s']:.1f} s "
              f"= {result['mb_per_s']:.2f} MB/s")
        print("   Redis MB per MB of dump, the job's keys / used_memory: "
              + ", ".join(f"{stage} {keys:.2f} / {used:.2f}" for stage, (keys, used) in memory.items())
              + "  (targets: queued 0.5, succeeded 0.6; running is the peak)")
        print(f"   peak RSS: {peaks}  (target: no process above 3x the dump)")
    if 1 in results and 2 in results:
        speedup = results[1]["wall_s"] / results[2]["wall_s"]
        print(f"2 workers vs 1: {speedup:.2f}x faster (target 1.7x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
