"""Faults with real processes and real signals: killed workers, a Redis outage, runaway
and stalled jobs. Each test starts its own redis-server and `dumpling worker` processes."""

import time

import pytest
import redis as redis_lib

from workers.pipeline import process_bytes
from workers.redis_server import RedisServer
from workers.store import JobStore

from .conftest import all_articles, api_on, job_of, submit, wait_for_job
from .processes import Worker, wait_for_workers, wait_until

pytestmark = pytest.mark.slow
FAST = {"DUMPLING_VISIBILITY_TIMEOUT": 3, "DUMPLING_HEARTBEAT_SECONDS": 0.5}   # a worker's environment
FAST_API = {"visibility_timeout": 3, "heartbeat_seconds": 0.5}                # the same, as the API's settings


@pytest.fixture
def server(tmp_path):
    with RedisServer(appendonly=True, data_dir=str(tmp_path / "redis")) as server:
        yield server


def big_dump(seed_bytes: bytes, copies: int) -> bytes:
    return b"\n\n\n\n".join([seed_bytes] * copies)


def test_a_worker_killed_mid_job_is_replaced_and_the_job_has_exactly_its_articles(server, seed_bytes):
    client, celery = api_on(server.url, **FAST_API)
    workers = []
    try:
        for n in (1, 2):
            workers.append(Worker(server.url, f"w{n}", **FAST))
        wait_for_workers(celery, 2)
        dump = big_dump(seed_bytes, 600)
        job_id = submit(client, dump)
        wait_until(lambda: job_of(client, job_id).get("status") == "running", 120, "the job to start")
        active = wait_until(lambda: {n: t for n, t in (celery.control.inspect(timeout=2).active() or {}).items() if t},
                            60, "the worker running the job")
        node = sorted(active)[0]            # a big dump runs as chunks: kill one of their workers
        victim = next(w for w in workers if node.startswith(w.name + "@"))
        victim.kill()
        job = wait_for_job(client, job_id, 360)          # finished by the other worker
        assert job["status"] == "succeeded", job
        articles = all_articles(client, job_id)
        expected = [a.to_dict() for a in process_bytes(dump)]
        assert [a["index"] for a in articles] == list(range(len(expected)))
        assert [{k: v for k, v in a.items() if k not in ("id", "job_id")} for a in articles] == expected
    finally:
        for worker in workers:
            worker.stop()


def test_redis_outage_gives_503_then_everything_recovers_by_itself(server, seed_bytes, tmp_path):
    client, celery = api_on(server.url, **FAST_API)
    worker = Worker(server.url, "w1", **FAST)
    try:
        wait_for_workers(celery)
        jobs = [submit(client, big_dump(seed_bytes, 200))] + [submit(client, seed_bytes) for _ in range(4)]
        wait_until(lambda: job_of(client, jobs[0]).get("status") == "running", 120, "the first job to run")
        port = server.port
        server.stop()
        for response in (client.get(f"/v1/jobs/{jobs[0]}"), client.post("/v1/jobs", data=seed_bytes, content_type="text/plain")):
            assert response.status_code == 503
            assert response.content_type == "application/problem+json"
        assert client.get("/readyz").status_code == 503
        time.sleep(3)
        restarted = RedisServer(port=port, appendonly=True, data_dir=str(tmp_path / "redis")).start()
        try:
            wait_until(lambda: client.get("/healthz").status_code == 200 and
                       client.get(f"/v1/jobs/{jobs[0]}").status_code == 200, 120, "the API to recover")
            for job_id in jobs:
                job = wait_for_job(client, job_id, 480)
                assert job["status"] == "succeeded" or job["error"], job
            # the worker still consumes after reconnecting
            after = submit(client, seed_bytes)
            assert wait_for_job(client, after)["status"] == "succeeded"
        finally:
            restarted.stop()
    finally:
        worker.stop()


def test_a_job_past_the_soft_time_limit_fails_with_a_timeout_and_the_worker_lives_on(server, seed_bytes):
    client, celery = api_on(server.url, **FAST_API)
    worker = Worker(server.url, "w1", DUMPLING_TASK_SOFT_TIME_LIMIT=1, DUMPLING_TASK_TIME_LIMIT=30, **FAST)
    try:
        wait_for_workers(celery)
        slow = submit(client, big_dump(seed_bytes, 800))
        job = wait_for_job(client, slow)
        assert job["status"] == "failed"
        assert "longer than the 1 s limit" in job["error"]
        quick = submit(client, seed_bytes)
        assert wait_for_job(client, quick)["status"] == "succeeded"
    finally:
        worker.stop()


def test_a_job_stuck_past_the_hard_time_limit_is_killed_and_failed_not_redelivered(server, seed_bytes):
    client, celery = api_on(server.url, **FAST_API)
    worker = Worker(server.url, "w1", app="tests.hanging_worker:app",
                    DUMPLING_TASK_SOFT_TIME_LIMIT=1, DUMPLING_TASK_TIME_LIMIT=3, **FAST)
    try:
        wait_for_workers(celery)
        stuck = submit(client, b"HANG\n\n" + seed_bytes)
        job = wait_for_job(client, stuck)
        assert job["status"] == "failed"
        assert "hard 3 s limit" in job["error"]
        quick = submit(client, seed_bytes)
        assert wait_for_job(client, quick)["status"] == "succeeded"
        # the killed task's message was acknowledged: the broker holds none to redeliver...
        broker = redis_lib.Redis.from_url(server.url)
        wait_until(lambda: broker.hlen("unacked") == 0 and broker.llen("dumpling") == 0, 60,
                   "no message left unacknowledged or queued")
        time.sleep(4)                    # ...and past the visibility timeout the job is still failed
        assert job_of(client, stuck)["status"] == "failed"
        assert worker.alive
    finally:
        worker.stop()


def run_stalled_job(server, seed_bytes: bytes, starts: int) -> tuple[dict, object]:
    """A job marked running ``starts`` times whose task is gone (no message anywhere),
    then a worker started: returns the job as it ends, and the API client."""
    client, _ = api_on(server.url, **FAST_API)
    store = JobStore(redis_lib.Redis.from_url(server.url), 3600)
    job, _ = store.admission.create_job(seed_bytes.decode("utf-8"))
    for _ in range(starts):
        assert store.lifecycle.mark_running(job.id)  # a worker took it, then vanished with its message
        store.redis.hset(f"dumpling:job:{job.id}", "heartbeat", 0)   # ...long ago: the next start is no redelivery
    worker = Worker(server.url, "w1", **FAST)
    try:
        return wait_for_job(client, job.id), client
    finally:
        worker.stop()


def test_a_running_job_whose_task_was_lost_is_requeued_and_finishes(server, seed_bytes):
    job, client = run_stalled_job(server, seed_bytes, starts=1)
    assert job["status"] == "succeeded"
    assert len(all_articles(client, job["id"])) == 2


def test_a_job_that_stalls_again_and_again_is_failed_not_requeued_forever(server, seed_bytes):
    job, _ = run_stalled_job(server, seed_bytes, starts=5)
    assert job["status"] == "failed"
    assert "stalled" in job["error"]
