"""End-to-end throughput of small dumps, side by side with what the parts allow.

Starts (on loopback) a private redis-server, N `dumpling worker` processes and the API
under gunicorn, then measures, in the same run:

    dumpling      M seed-sized dumps POSTed by C concurrent clients, polled to `succeeded`:
                  jobs/s, time to succeeded p50/p99
    queue ceiling a no-op Celery task round trip through the same Redis and worker settings
    submit        latency p50/p99 of POST /v1/jobs with the seed at 8, 32 and 128 connections
                  (wrk; the workers stopped, as for the two lines below: the API alone)
    http ceiling  requests/s of a trivial JSON endpoint (/healthz) under the same gunicorn
    intake        requests/s of POST /v1/jobs with a 1 MB dump, against the read-and-SET
                  reference (/bench/set: read the body, one Redis SET) and the trivial endpoint

and prints the ratios against the targets. Medians of --runs runs. The HTTP load comes from
`wrk` (``loadgen.py``; `apt-get install wrk`); the API runs under `dumpling serve`'s gunicorn
with the reference endpoint added (``reference_app.py``).

    python -m bench.e2e [--workers 2] [--jobs 300] [--clients 32] [--runs 3]
    python -m bench.e2e --only intake --runs 5   # only the three 1 MB / trivial lines, no workers

With ``--only intake`` it also says where the CPU of a 1 MB POST goes: the CPU seconds
that the API's processes, Redis and wrk used during each measurement, per request
(from /proc; the two cores are the ceiling, so these add up to the requests/s).

Its workers are `dumpling worker`s plus the no-op task, which is registered here and not
in production code: each runs `python -m bench.e2e --worker NAME`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import redis
import requests
from celery import Celery, Task
from urllib3.util.retry import Retry

from workers.celery_factory import create_celery, worker_argv
from workers.config import Settings
from workers.context import store_of
from workers.store import JobStatus
from workers.pipeline import process_bytes
from workers.redis_server import RedisServer, free_port

from .loadgen import require_wrk, run_wrk

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "aawsat-seed.txt"
DEADLINE_SECONDS = 600        # every wait is bounded: a stuck stack ends the run with a message
SUBMIT_CONNECTIONS = (8, 32, 128)
BENCH_NOOP = "dumpling.bench_noop"


def noop(task: Task, counter_key: str) -> None:
    """Does nothing but count itself: the queue's round-trip ceiling, through the same
    Redis and the same worker settings as real jobs."""
    store_of(task.app).redis.incr(counter_key)


def bench_celery(settings: Settings) -> Celery:
    """Dumpling's Celery app, plus the no-op task."""
    app = create_celery(settings)
    app.task(name=BENCH_NOOP, bind=True, shared=False)(noop)
    return app


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of one process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


class Stack:
    def __init__(self, workers: int, api_workers: int):
        self.redis = RedisServer().start()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "REDIS_URL": self.redis.url, "DUMPLING_LOG_LEVEL": "WARNING",
               "DUMPLING_MAX_QUEUED_JOBS": "1000000", "DUMPLING_MAX_QUEUED_BYTES": str(64 * 1024 ** 3)}
        quiet = {"cwd": ROOT, "env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        self.processes = [subprocess.Popen([sys.executable, "-m", "bench.e2e", "--worker", f"bench{n}"], **quiet)
                          for n in range(workers)]
        self.worker_count = workers
        # `dumpling serve`'s gunicorn and app, plus the read-and-SET reference endpoint
        self.processes.append(subprocess.Popen([sys.executable, "-m", "bench.reference_app", "--port",
                                                str(self.port), "--workers", str(api_workers)], **quiet))
        self.session = requests.Session()
        # gunicorn closes idle keep-alive connections: retry a request that met a closed one
        retries = Retry(total=3, allowed_methods=None, raise_on_status=False)
        self.session.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=128, max_retries=retries))
        # /readyz needs a worker to answer a ping; without workers, the API answering is enough
        ready_path = "/readyz" if workers else "/healthz"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.session.get(f"{self.url}{ready_path}", timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        self.close()
        raise SystemExit("the stack did not become ready")

    def cpu_by_part(self) -> dict[str, float]:
        """CPU seconds so far of the API's gunicorn processes (master and workers) and of Redis."""
        master = self.processes[-1].pid
        return {"api": sum(cpu_seconds(pid) for pid in [master, *children(master)]),
                "redis": cpu_seconds(self.redis.process.pid)}

    def stop_workers(self) -> None:
        for process in self.processes[:self.worker_count]:
            process.terminate()
        for process in self.processes[:self.worker_count]:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    def flush_jobs(self) -> None:
        """Drop every job and queued message (with no worker running; Celery's queue
        bindings stay): the next measurement starts from an empty store, as the first did."""
        client = redis.Redis.from_url(self.redis.url)
        for key in client.scan_iter(match="dumpling*", count=10_000):
            client.delete(key)

    def close(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        self.redis.stop()


def measure_dumpling(stack: Stack, dump: bytes, jobs: int, clients: int) -> dict:
    def submit(_):
        sent = time.perf_counter()
        response = stack.session.post(f"{stack.url}/v1/jobs", data=dump, timeout=60,
                                      headers={"Content-Type": "text/plain"})
        assert response.status_code == 202, response.text
        return response.json()["id"], sent, time.perf_counter() - sent

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        submitted = list(pool.map(submit, range(jobs)))
    done: dict[str, float] = {}
    pending = {job_id for job_id, _, _ in submitted}
    client = redis.Redis.from_url(stack.redis.url)
    deadline = time.monotonic() + DEADLINE_SECONDS
    while pending:
        if time.monotonic() > deadline:
            raise SystemExit(f"{len(pending)} jobs unfinished after {DEADLINE_SECONDS} s")
        # read the status straight from the store: polling over HTTP would compete for the API
        with client.pipeline(transaction=False) as pipe:
            ordered = sorted(pending)
            for job_id in ordered:
                pipe.hget(f"dumpling:job:{job_id}", "status")
            statuses = pipe.execute()
        now = time.perf_counter()
        for job_id, status in zip(ordered, statuses):
            if status is not None and JobStatus(status.decode()).finished:
                done[job_id] = now
                pending.discard(job_id)
        time.sleep(0.02)
    elapsed = time.perf_counter() - started
    return {
        "jobs_per_s": jobs / elapsed,
        "done_p50_s": statistics.median(done[j] - sent for j, sent, _ in submitted),
        "done_p99_s": percentile([done[j] - sent for j, sent, _ in submitted], 0.99),
    }


def measure_queue_ceiling(stack: Stack, tasks: int) -> float:
    celery = bench_celery(Settings(redis_url=stack.redis.url))
    client = redis.Redis.from_url(stack.redis.url)
    key = f"dumpling:bench:noop:{time.time_ns()}"
    started = time.perf_counter()
    for _ in range(tasks):
        celery.send_task(BENCH_NOOP, args=[key], queue=Settings().queue)
    deadline = time.monotonic() + DEADLINE_SECONDS
    while int(client.get(key) or 0) < tasks:
        if time.monotonic() > deadline:
            raise SystemExit(f"no-op tasks unfinished after {DEADLINE_SECONDS} s")
        time.sleep(0.005)
    client.delete(key)
    return tasks / (time.perf_counter() - started)


def measure_submit_latency(stack: Stack, dump: bytes, seconds: float) -> dict:
    """p50/p99 of POST /v1/jobs with ``dump`` at each connection count, and requests/s."""
    result = {}
    for connections in SUBMIT_CONNECTIONS:
        load = run_wrk(f"{stack.url}/v1/jobs", connections, seconds, body=dump)
        _check(load, f"POST /v1/jobs at {connections} connections")
        result[f"submit_p50_ms@{connections}"] = load.p50_ms
        result[f"submit_p99_ms@{connections}"] = load.p99_ms
        result[f"submit_rps@{connections}"] = load.requests_per_s
    return result


def measure_rps(stack: Stack, connections: int, seconds: float, path: str, body: bytes | None = None,
                cpu: dict | None = None) -> float:
    """requests/s; with ``cpu``, also fills it with the CPU ms per request of each part."""
    before, wrk_before = stack.cpu_by_part(), os.times()
    load = run_wrk(stack.url + path, connections, seconds, body=body)
    _check(load, path)
    if cpu is not None:
        after, wrk_after = stack.cpu_by_part(), os.times()
        requests_done = load.requests_per_s * seconds
        for part in after:
            cpu[part] = (after[part] - before[part]) * 1000 / requests_done
        # wrk is this process's only child that ends during the measurement
        cpu["wrk"] = ((wrk_after.children_user + wrk_after.children_system)
                      - (wrk_before.children_user + wrk_before.children_system)) * 1000 / requests_done
    return load.requests_per_s


def _check(load, what: str) -> None:
    if load.non_2xx or load.errors:
        raise SystemExit(f"{what}: {load.non_2xx} answers not 2xx, {load.errors} socket errors")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--api-workers", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=300)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each requests/s measurement")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=["all", "intake"], default="all",
                        help="intake: only /healthz, read-and-SET and POST /v1/jobs with 1 MB (no workers)")
    parser.add_argument("--worker", metavar="NAME", help="run one of the stack's workers (the stack starts them)")
    args = parser.parse_args(argv)
    if not args.worker:
        require_wrk()
    if args.worker:
        settings = Settings.from_env()
        bench_celery(settings).worker_main(worker_argv(settings, concurrency=1, name=args.worker))
        return 0

    dump = SEED.read_bytes()
    one_mb = (dump * (1_000_000 // len(dump) + 1))[:1_000_000]
    if args.only == "intake":
        return intake_only(args, one_mb)
    pipeline_s = statistics.median(_time(lambda: process_bytes(dump)) for _ in range(20))
    stack = Stack(args.workers, args.api_workers)
    try:
        runs = []
        for _ in range(args.runs):                # end to end: the API and the workers
            result = measure_dumpling(stack, dump, args.jobs, args.clients)
            result["queue_ceiling"] = measure_queue_ceiling(stack, args.jobs)
            runs.append(result)
        # The HTTP side alone, with the workers stopped: the jobs these requests make (thousands)
        # would otherwise be processed on the same two cores while the API is measured, and
        # the read-and-SET reference makes none.
        stack.stop_workers()
        for result in runs:
            result["trivial_rps"] = measure_rps(stack, args.clients, args.seconds, "/healthz")
            result["set_1mb_rps"] = measure_rps(stack, args.clients, args.seconds, "/bench/set", one_mb)
            result["post_1mb_rps"] = measure_rps(stack, args.clients, args.seconds, "/v1/jobs", one_mb)
            stack.flush_jobs()
            result.update(measure_submit_latency(stack, dump, args.seconds))
            stack.flush_jobs()
    finally:
        stack.close()
    m = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    allowed = 1 / (1 / m["queue_ceiling"] + pipeline_s)       # the formula: one stream of the parts
    print(f"{args.jobs} seed dumps ({len(dump)} bytes), {args.clients} clients, {args.workers} workers, "
          f"{args.api_workers} API processes; medians of {args.runs} runs")
    print(f"offline pipeline: {pipeline_s * 1000:.1f} ms per dump")
    print(f"dumpling:        {m['jobs_per_s']:.1f} jobs/s; succeeded p50 {m['done_p50_s']:.2f} s, "
          f"p99 {m['done_p99_s']:.2f} s")
    for connections in SUBMIT_CONNECTIONS:
        print(f"submit (wrk):    {connections:3d} connections: p50 {m[f'submit_p50_ms@{connections}']:.1f} ms, "
              f"p99 {m[f'submit_p99_ms@{connections}']:.1f} ms, {m[f'submit_rps@{connections}']:.0f} requests/s"
              + (" (target p99 < 50 ms)" if connections == 32 else ""))
    print(f"queue ceiling:   {m['queue_ceiling']:.0f} no-op tasks/s; with the pipeline the parts allow "
          f"{allowed:.1f} jobs/s; dumpling / allowed = {m['jobs_per_s'] / allowed:.2f} (target >= 0.5)")
    print(f"http ceiling:    {m['trivial_rps']:.0f} requests/s on /healthz; read 1 MB and SET it: "
          f"{m['set_1mb_rps']:.0f} requests/s")
    print(f"intake:          POST /v1/jobs 1 MB: {m['post_1mb_rps']:.0f} requests/s = "
          f"{m['post_1mb_rps'] / m['set_1mb_rps']:.2f} of read-and-SET (target >= 0.8), "
          f"{m['post_1mb_rps'] / m['trivial_rps']:.2f} of /healthz")
    return 0


def intake_only(args: argparse.Namespace, one_mb: bytes) -> int:
    """The intake lines alone, with where each request's CPU goes."""
    stack = Stack(0, args.api_workers)
    runs = []
    try:
        for _ in range(args.runs):
            result, set_cpu, post_cpu = {}, {}, {}
            result["trivial_rps"] = measure_rps(stack, args.clients, args.seconds, "/healthz")
            result["set_1mb_rps"] = measure_rps(stack, args.clients, args.seconds, "/bench/set", one_mb, set_cpu)
            result["post_1mb_rps"] = measure_rps(stack, args.clients, args.seconds, "/v1/jobs", one_mb, post_cpu)
            stack.flush_jobs()
            result.update({f"set_cpu_{part}": ms for part, ms in set_cpu.items()})
            result.update({f"post_cpu_{part}": ms for part, ms in post_cpu.items()})
            result["ratio"] = result["post_1mb_rps"] / result["set_1mb_rps"]
            runs.append(result)
            print(f"run {len(runs)}: /healthz {result['trivial_rps']:.0f}, read-and-SET {result['set_1mb_rps']:.0f}, "
                  f"POST /v1/jobs {result['post_1mb_rps']:.0f} requests/s ({result['ratio']:.2f})", flush=True)
    finally:
        stack.close()
    m = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    print(f"1 MB of the seed (Arabic), {args.clients} connections, {args.api_workers} API processes, "
          f"{args.seconds:g} s each; medians of {args.runs} runs")
    print(f"http ceiling:    {m['trivial_rps']:.0f} requests/s on /healthz; read 1 MB and SET it: "
          f"{m['set_1mb_rps']:.0f} requests/s")
    print(f"intake:          POST /v1/jobs 1 MB: {m['post_1mb_rps']:.0f} requests/s = "
          f"{m['ratio']:.2f} of read-and-SET (target >= 0.8; median of the runs' ratios)")
    for name in ("set", "post"):
        parts = ", ".join(f"{part} {m[f'{name}_cpu_{part}']:.2f}" for part in ("api", "redis", "wrk"))
        total = sum(m[f"{name}_cpu_{part}"] for part in ("api", "redis", "wrk"))
        print(f"CPU ms/request:  {'read-and-SET' if name == 'set' else 'POST /v1/jobs':13s} {parts} (sum {total:.2f})")
    return 0


def _time(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
