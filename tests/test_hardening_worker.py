"""Issue 12, the worker and Redis side: deleting a running job cancels it (point 2), a full
Redis gives 503 everywhere and does not end a worker (point 6), and the queue's counts heal
and every key expires or is bounded (point 10). Real redis-servers of the tests' own and
real `dumpling worker` processes."""

from __future__ import annotations

import pytest
import redis as redis_lib

from workers.redis_server import RedisServer
from workers.store import keys

from .conftest import PROBLEM, api_on, job_of, submit, wait_for_job
from .dumps import EN_1
from .made_up import varied_dump
from .processes import Worker, wait_for_workers, wait_until

FAST = {"DUMPLING_HEARTBEAT_SECONDS": 0.5}      # a worker's environment
FAST_API = {"heartbeat_seconds": 0.5}             # the same, as the API's settings


@pytest.fixture
def server():
    with RedisServer() as server:
        yield server


def keys_of(client: redis_lib.Redis, job_id: str) -> list[bytes]:
    return list(client.scan_iter(match=f"*{job_id}*", count=1000))


def broker_idle(broker: redis_lib.Redis) -> bool:
    """No message waiting and none taken but unacknowledged: the worker is done with its task."""
    return broker.hlen("unacked") == 0 and broker.llen("dumpling") == 0


# --- point 2: DELETE of a running job ----------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("chunk_bytes", [64 * 1024 * 1024, 256 * 1024], ids=["whole", "chunked"])
def test_deleting_a_running_job_cancels_it_and_nothing_of_it_comes_back(server, seed_bytes, chunk_bytes):
    """A worker running a deleted job stops at its next batch; its hash is not recreated
    and its articles do not come back (before: the job reappeared, succeeded, with no expiry)."""
    client, celery = api_on(server.url, **FAST_API)
    broker = redis_lib.Redis.from_url(server.url)
    worker = Worker(server.url, "w1", DUMPLING_CHUNK_BYTES=chunk_bytes, DUMPLING_WRITE_BATCH=20, **FAST)
    try:
        wait_for_workers(celery)
        job_id = submit(client, varied_dump(4_000_000))      # seconds of work, many batches
        wait_until(lambda: job_of(client, job_id)["progress"]["articles_found"] > 0, 240,
                   "the job to be running with articles found")
        assert job_of(client, job_id)["status"] == "running"
        assert client.delete(f"/v1/jobs/{job_id}").status_code == 204
        wait_until(lambda: broker_idle(broker), 240, "the worker to be done with the deleted job")

        response = client.get(f"/v1/jobs/{job_id}")
        assert response.status_code == 404, response.get_json()
        assert response.content_type == PROBLEM
        assert client.get(f"/v1/jobs/{job_id}/articles").status_code == 404
        assert keys_of(broker, job_id) == []                  # no hash, no articles, no run keys
        assert job_id not in [job["id"] for job in client.get("/v1/jobs").get_json()["items"]]
        assert broker.zscore(keys.RUNNING, job_id) is None
        # the worker is free for the next job
        assert wait_for_job(client, submit(client, seed_bytes))["status"] == "succeeded"
        assert keys_of(broker, job_id) == []
    finally:
        worker.stop()
        broker.close()


# --- point 6: a full Redis ------------------------------------------------------------------------

def assert_unavailable(response) -> None:
    assert response.status_code == 503, (response.status_code, response.get_json())
    assert response.content_type == PROBLEM
    assert int(response.headers["Retry-After"]) > 0
    assert "memory limit" in response.get_json()["detail"]


@pytest.mark.slow
def test_a_full_redis_answers_503_on_every_write_and_the_worker_lives_through_it(server, seed_bytes):
    client, celery = api_on(server.url, **FAST_API)
    limited, _ = api_on(server.url, rate_limit="1000/minute", **FAST_API)
    redis_client = redis_lib.Redis.from_url(server.url)
    worker = Worker(server.url, "w1", DUMPLING_CHUNK_BYTES=64 * 1024 * 1024, DUMPLING_WRITE_BATCH=20, **FAST)
    try:
        wait_for_workers(celery)
        pid = worker.process.pid
        spare = submit(client, seed_bytes)
        assert wait_for_job(client, spare)["status"] == "succeeded"
        running = submit(client, varied_dump(1_000_000))
        wait_until(lambda: job_of(client, running).get("status") == "running", 240, "the big job to run")
        waiting = submit(client, seed_bytes)                  # its message waits for the worker
        redis_client.config_set("maxmemory", 1)              # full: every write that may grow is refused
        try:
            assert_unavailable(client.post("/v1/jobs", data=EN_1, content_type="text/plain"))
            for attempt in range(5):                          # the same key again and again: never a 500
                assert_unavailable(client.post("/v1/jobs", data=EN_1, content_type="text/plain",
                                               headers={"Idempotency-Key": "full-redis-key"}))
            assert_unavailable(limited.post("/v1/jobs", data=EN_1, content_type="text/plain"))
            assert client.get(f"/v1/jobs/{spare}").status_code == 200          # reads still work
            assert client.get(f"/v1/jobs/{spare}/articles").status_code == 200
            assert client.get("/v1/jobs").status_code == 200
            # the running job hits the full Redis; its task ends and its message is acknowledged
            wait_until(lambda: not worker.alive or broker_idle(redis_client), 240,
                       "the worker to finish with the job that hit the full Redis")
            assert worker.alive and worker.process.pid == pid
            assert client.delete(f"/v1/jobs/{spare}").status_code == 204   # deleting frees memory: allowed
        finally:
            redis_client.config_set("maxmemory", 0)
        # room again: the interrupted job is picked up again (its heartbeat stopped) and finishes
        job = wait_for_job(client, running, 360)
        assert job["status"] == "succeeded" or "memory limit" in job["error"], job
        # the waiting job's message, taken while Redis was full, was kept, not lost
        assert wait_for_job(client, waiting)["status"] == "succeeded"
        assert wait_for_job(client, submit(client, seed_bytes))["status"] == "succeeded"
        assert worker.alive and worker.process.pid == pid
    finally:
        worker.stop()
        redis_client.close()


# --- point 10: the counts heal; every key expires or is bounded ---------------------------------

# what one queued EN_1 weighs in the backlog: its dump and its (empty) metadata, "{}"
QUEUED_WEIGHT = len(EN_1.encode()) + len(b"{}")

def test_jobs_that_expire_while_queued_leave_the_queue_counts(make_client, clean_redis):
    client = make_client(max_queued_jobs=3, queue="nobody-listens", retention_seconds=2)
    accepted = [submit(client, EN_1.encode()) for _ in range(3)]
    refused = client.post("/v1/jobs", data=EN_1.encode(), content_type="text/plain")
    assert refused.status_code == 503 and "queue is full" in refused.get_json()["detail"]
    wait_until(lambda: all(client.get(f"/v1/jobs/{job_id}").status_code == 404 for job_id in accepted), 60,
               "the queued jobs to pass their retention")
    store = client.application.extensions["dumpling"].store
    assert store.backlog.size() == (0, 0)
    again = submit(client, EN_1.encode())
    assert store.backlog.size() == (1, QUEUED_WEIGHT)
    assert clean_redis.zscore(keys.BACKLOG_JOBS, again) is not None


def test_a_worker_taking_the_message_of_an_expired_job_takes_it_out_of_the_counts(make_client, clean_redis,
                                                                                    celery_app):
    from workers.context import PROCESS_JOB

    client = make_client(queue="nobody-listens", retention_seconds=3600)
    store = client.application.extensions["dumpling"].store
    job_id = submit(client, EN_1.encode())
    clean_redis.delete(f"dumpling:job:{job_id}", f"dumpling:job:{job_id}:dump")   # gone, as if expired
    assert store.backlog.size() == (1, QUEUED_WEIGHT)
    celery_app.tasks[PROCESS_JOB].apply(args=[job_id])
    assert store.backlog.size() == (0, 0)
    assert keys_of(clean_redis, job_id) == []


def test_the_sweeper_prunes_jobs_that_expired_while_queued_from_the_counts(clean_redis):
    """Even with no intake and no scrape to read the counts, the sweep takes them out."""
    from workers.liveness import sweep
    from workers.store import JobStore

    store = JobStore(clean_redis, retention_seconds=3600)
    with clean_redis.pipeline(transaction=True) as tx:
        store.backlog.enter(tx, "expired", 10, expires_at_ms=1000)
        store.backlog.enter(tx, "waiting", 20)
        tx.execute()
    assert sweep(store, lambda job_id: None, older_than=60) == []
    assert clean_redis.zrange(keys.BACKLOG_JOBS, 0, -1) == [b"waiting"]
    assert clean_redis.hkeys(keys.BACKLOG_SIZES) == [b"waiting"]
    assert clean_redis.get(keys.BACKLOG_BYTES) == b"20"


# shared keys without an expiry, each kept bounded by the sweeper or by pruning (keys.py)
# (dumpling:metrics holds the workers' counters and histogram buckets: a fixed set of fields)
BOUNDED = {b"dumpling:running", b"dumpling:backlog:jobs", b"dumpling:backlog:sizes", b"dumpling:backlog:bytes",
           b"dumpling:metrics"}


def test_every_key_of_the_store_expires_or_is_bounded(client, clean_redis, seed_bytes):
    done = submit(client, seed_bytes)
    assert wait_for_job(client, done)["status"] == "succeeded"
    gone = submit(client, seed_bytes, {"Idempotency-Key": "k1"})
    wait_for_job(client, gone)
    assert client.delete(f"/v1/jobs/{gone}").status_code == 204
    ours = [key for key in clean_redis.scan_iter(match="dumpling:*", count=1000)]
    assert any(key.startswith(b"dumpling:jobs:") for key in ours)
    without_expiry = {key for key in ours if clean_redis.ttl(key) == -1}
    assert without_expiry <= BOUNDED, without_expiry


# --- point 7's guard: never two owners ------------------------------------------------------

def test_a_job_has_one_owner_at_a_time_and_a_superseded_task_can_write_nothing(clean_redis):
    from workers.store import JobStore

    store = JobStore(clean_redis, retention_seconds=3600, stale_seconds=10)
    job, _ = store.admission.create_job(EN_1)
    first = store.lifecycle.mark_running(job.id)
    assert first is not None
    assert store.lifecycle.mark_running(job.id) is None          # a redelivery while it beats: left alone
    assert clean_redis.hget(f"dumpling:job:{job.id}", "attempts") == b"1"
    assert store.lifecycle.beat(first)

    clean_redis.hset(f"dumpling:job:{job.id}", "heartbeat", 0)  # silent: the sweeper's case
    assert store.lifecycle.requeue_stalled(job.id) is True
    second = store.lifecycle.mark_running(job.id)
    assert second is not None and second != first

    stale_run = store.results.new_run(job.id)
    stale_run.append([{"index": 0, "language": "en"}])
    assert not store.lifecycle.set_progress(first, 1, 1)          # the old task learns it lost the job
    assert not store.lifecycle.beat(first)
    assert not store.results.finish_succeeded(job.id, stale_run, first)
    assert not store.lifecycle.finish_failed(job.id, "old task", first)
    assert store.records.get(job.id).status == "running"

    run = store.results.new_run(job.id)
    run.append([{"index": 0, "language": "en"}, {"index": 1, "language": "en"}])
    assert store.lifecycle.set_progress(second, 2, 2)
    assert store.results.finish_succeeded(job.id, run, second)
    assert store.records.get(job.id).summary["articles"] == 2
    assert store.lifecycle.mark_running(job.id) is None           # finished: a late redelivery does nothing


def test_nothing_recreates_a_deleted_job(clean_redis):
    from workers.store import JobStore

    store = JobStore(clean_redis, retention_seconds=3600)
    job, _ = store.admission.create_job(EN_1)
    owner = store.lifecycle.mark_running(job.id)
    store.deletion.delete_job(job.id)
    assert not store.lifecycle.beat(owner)
    assert not store.lifecycle.set_progress(owner, 5, 0)
    assert not store.lifecycle.add_progress(owner, found=5)
    store.lifecycle.finish_failed(job.id, "late failure")
    assert store.lifecycle.mark_running(job.id) is None
    assert keys_of(clean_redis, job.id) == []


def test_the_writes_after_a_job_ends_never_recreate_it_and_the_end_is_announced_once(clean_redis):
    from workers.store import JobStore
    from workers.store.if_exists import set_if_exists, set_once_if_exists
    from workers.store.keys import JobKeys
    from workers.webhook_record import WebhookRecord

    store = JobStore(clean_redis, retention_seconds=3600)
    job, _ = store.admission.create_job(EN_1, extra_fields=WebhookRecord.initial_fields("https://example.org/hook"))
    key = JobKeys(job.id).job
    assert set_once_if_exists(clean_redis, key, "finish_announced") == 1
    assert set_once_if_exists(clean_redis, key, "finish_announced") == 0       # the second notice
    assert set_if_exists(clean_redis, key, {"error": "x"}) == 1
    assert set_if_exists(clean_redis, key, {"error": "y"}) == 1                # a field already there: still written
    assert clean_redis.hget(key, "error") == b"y"

    records = WebhookRecord(clean_redis)
    records.add_attempt(job.id, {"at": "now", "status": 500}, delivered=False)
    assert '"status": 500' in clean_redis.hget(key, "webhook").decode()

    store.deletion.delete_job(job.id)
    records.add_attempt(job.id, {"at": "now", "status": 200}, delivered=True)
    assert set_once_if_exists(clean_redis, key, "finish_announced") == 0
    assert set_if_exists(clean_redis, key, {"error": "late"}) == 0
    assert keys_of(clean_redis, job.id) == []
