"""A bounded load test on loopback with real processes: 500 dumps from 32 concurrent
clients while others poll; every job ends succeeded with the right article count."""

import os
import statistics
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from workers.pipeline import process_bytes
from workers.redis_server import RedisServer, free_port

from . import report
from .processes import CLI, REQUEST_TIMEOUT, Process, Worker, wait_ready, wait_until

pytestmark = pytest.mark.slow
JOBS, CLIENTS, POLLERS = 500, 32, 4


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def test_five_hundred_dumps_from_thirty_two_clients(seed_bytes):
    expected = len(process_bytes(seed_bytes))
    with RedisServer() as server:
        port = free_port()
        env = {**os.environ, "REDIS_URL": server.url, "DUMPLING_LOG_LEVEL": "WARNING"}
        processes = [Process([*CLI, "serve", "--port", str(port), "--workers", "2"], env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
        url = f"http://127.0.0.1:{port}"
        try:
            for n in (1, 2):
                processes.append(Worker(server.url, f"w{n}"))
            wait_ready(url, processes)
            session = requests.Session()
            adapter = requests.adapters.HTTPAdapter(pool_connections=CLIENTS, pool_maxsize=CLIENTS + POLLERS)
            session.mount("http://", adapter)

            def submit(n: int) -> tuple[str, float, float]:
                sent = time.perf_counter()
                response = session.post(f"{url}/v1/jobs", data=seed_bytes, timeout=REQUEST_TIMEOUT,
                                        headers={"Content-Type": "text/plain", "Idempotency-Key": f"load-{n}"})
                assert response.status_code == 202, response.text
                return response.json()["id"], time.perf_counter() - sent, sent

            started = time.perf_counter()
            submitted_at: dict[str, float] = {}
            finished_at: dict[str, float] = {}
            with ThreadPoolExecutor(CLIENTS + POLLERS) as pool:
                futures = [pool.submit(submit, n) for n in range(JOBS)]
                results = [f.result() for f in futures]
                ids = [job_id for job_id, _, _ in results]
                submitted_at.update({job_id: sent for job_id, _, sent in results})

                def poll(share: list[str]) -> None:
                    pending = set(share)

                    def all_finished() -> bool:
                        for job_id in list(pending):
                            job = session.get(f"{url}/v1/jobs/{job_id}", timeout=REQUEST_TIMEOUT).json()
                            if job["status"] in ("succeeded", "failed"):
                                finished_at[job_id] = time.perf_counter()
                                pending.discard(job_id)
                        return not pending

                    wait_until(all_finished, 1200, f"{len(share)} jobs to finish", every=0.05)

                list(pool.map(poll, [ids[k::POLLERS] for k in range(POLLERS)]))
            elapsed = time.perf_counter() - started

            assert len(set(ids)) == JOBS                                  # none duplicated
            assert len(finished_at) == JOBS                               # none lost
            jobs = [session.get(f"{url}/v1/jobs/{job_id}", timeout=REQUEST_TIMEOUT).json() for job_id in ids]
            assert all(job["status"] == "succeeded" for job in jobs)
            assert all(job["summary"]["articles"] == expected for job in jobs)
            listed, next_url = 0, "/v1/jobs?limit=1000"
            while next_url:
                page = session.get(url + next_url, timeout=REQUEST_TIMEOUT).json()
                listed += len(page["items"])
                next_url = page["next"]
            assert listed == JOBS

            latencies = [latency for _, latency, _ in results]
            to_done = [finished_at[j] - submitted_at[j] for j in ids]
            report.line("load test (500 seed dumps, 32 clients, 2 workers, 2 API processes)",
                        f"{JOBS / elapsed:.1f} jobs/s end to end; submit latency p50 "
                        f"{statistics.median(latencies) * 1000:.0f} ms, p99 {percentile(latencies, 0.99) * 1000:.0f} ms; "
                        f"time to succeeded p50 {statistics.median(to_done):.1f} s, p99 {percentile(to_done, 0.99):.1f} s")
        finally:
            for process in processes:
                process.stop()
