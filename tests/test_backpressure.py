"""Backpressure: a bounded queue answers 503 with Retry-After; a full Redis refuses clearly."""

import random
import string

import pytest
import redis as redis_lib

from service.app import create_app
from workers.config import Settings
from workers.redis_server import RedisServer

from .conftest import PROBLEM
from .dumps import EN_1


def incompressible(size: int, seed: int = 5) -> str:
    """Random letters in lines: dumps and articles are stored compressed, and only text
    that zstd cannot shrink fills Redis as fast as its length says."""
    rng = random.Random(seed)
    line = lambda: "".join(rng.choices(string.ascii_letters, k=71))      # noqa: E731
    return "\n".join(line() for _ in range(size // 72)) + "\n"


def post(client, data: bytes):
    return client.post("/v1/jobs", data=data, content_type="text/plain")


def test_intake_refuses_past_the_queued_jobs_bound_and_accepts_again_when_it_drains(make_client):
    client = make_client(max_queued_jobs=3, queue="nobody-listens")
    accepted = [post(client, EN_1.encode()) for _ in range(3)]
    assert [r.status_code for r in accepted] == [202] * 3
    refused = post(client, EN_1.encode())
    assert refused.status_code == 503
    assert refused.content_type == PROBLEM
    assert int(refused.headers["Retry-After"]) > 0
    assert "queue is full" in refused.get_json()["detail"]
    client.delete(f"/v1/jobs/{accepted[0].get_json()['id']}")
    assert post(client, EN_1.encode()).status_code == 202


def test_intake_refuses_past_the_queued_bytes_bound(make_client):
    client = make_client(max_queued_bytes=2500, queue="nobody-listens")
    assert post(client, b"x" * 1200).status_code == 202
    assert post(client, b"x" * 1200).status_code == 202
    assert post(client, b"x" * 200).status_code == 503


def test_jobs_leave_the_backlog_when_a_worker_takes_them(client, clean_redis):
    from .conftest import wait_for_job

    job_id = post(client, EN_1.encode()).get_json()["id"]
    wait_for_job(client, job_id)
    store = client.application.extensions["dumpling"].store
    assert store.backlog.size() == (0, 0)


def test_a_full_redis_refuses_new_dumps_clearly_and_keeps_the_jobs_it_has(tmp_path):
    with RedisServer(extra_args=["--maxmemory", "6mb"]) as server:
        assert redis_lib.Redis.from_url(server.url).config_get("maxmemory-policy")["maxmemory-policy"] == "noeviction"
        settings = Settings(redis_url=server.url, max_dump_bytes=2 * 1024 * 1024, queue="nobody-listens")
        client = create_app(settings).test_client()
        dump = incompressible(1_008_000).encode()
        statuses, accepted = [], []
        for _ in range(12):
            response = post(client, dump)
            statuses.append(response.status_code)
            if response.status_code == 202:
                accepted.append(response.get_json()["id"])
        assert 202 in statuses and 503 in statuses
        refused = post(client, dump)
        assert refused.status_code == 503 and "memory limit" in refused.get_json()["detail"]
        listed = [job["id"] for job in client.get("/v1/jobs?limit=100").get_json()["items"]]
        assert sorted(listed) == sorted(accepted)          # nothing half-created, nothing dropped
        for job_id in accepted:
            assert client.get(f"/v1/jobs/{job_id}").get_json()["dump_bytes"] == len(dump)
        # one message per accepted job, none for a refused one: each is stored with its job
        assert redis_lib.Redis.from_url(server.url).llen("nobody-listens") == len(accepted)


def test_a_run_that_fills_redis_frees_what_it_wrote_and_says_the_store_is_full():
    import pytest

    from workers.store import JobStore, StoreFull
    from workers.store.keys import JobKeys

    with RedisServer(extra_args=["--maxmemory", "4mb"]) as server:
        store = JobStore(redis_lib.Redis.from_url(server.url), retention_seconds=3600)
        job, _ = store.admission.create_job(EN_1)
        store.lifecycle.mark_running(job.id)
        article = {"index": 0, "language": "en", "body": incompressible(10_000)}
        with pytest.raises(StoreFull, match="memory limit"):
            with store.results.new_run(job.id) as run:
                for _ in range(2_000):                      # 20 MB: more than Redis may hold
                    run.append([article] * 10)
        assert not [k for k in store.redis.scan_iter(match=JobKeys(job.id).run_prefix(run.run) + "*")]
        assert store.records.get(job.id).status == "running"    # the job is the worker's to fail


def test_a_job_that_cannot_be_queued_is_not_kept(make_client, clean_redis, monkeypatch):
    """Its message refused (kombu cannot make or send it): 503, and no job is kept queued for
    no worker: the job and its message are stored in one transaction (a retry with its key
    makes a new one)."""
    from kombu.exceptions import OperationalError

    from service.app import Dependencies

    def refuse(self, tx, job_id):
        raise OperationalError("OOM command not allowed when used memory > 'maxmemory'")

    client = make_client(queue="nobody-listens")
    monkeypatch.setattr(Dependencies, "enqueue_into", refuse)
    response = client.post("/v1/jobs", data=b"a dump", content_type="text/plain", headers={"Idempotency-Key": "k"})
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert [key for key in clean_redis.scan_iter(match="dumpling:job:*")] == []
    store = client.application.extensions["dumpling"].store
    assert store.backlog.size() == (0, 0)
    monkeypatch.undo()
    again = client.post("/v1/jobs", data=b"a dump", content_type="text/plain", headers={"Idempotency-Key": "k"})
    assert again.status_code == 202 and "Idempotent-Replayed" not in again.headers


def test_a_jobs_message_and_event_exist_only_once_its_transaction_runs(make_client, clean_redis):
    client = make_client(queue="nobody-listens")
    deps = client.application.extensions["dumpling"]
    with clean_redis.pipeline(transaction=True) as tx:
        tx.multi()
        deps.enqueue_into(tx, "0" * 32)
        names = [args[0] for args, _ in tx.command_stack]
        assert clean_redis.llen("nobody-listens") == 0          # nothing sent yet
        assert names.count("LPUSH") == 1 and names.count("PUBLISH") == 1
    assert clean_redis.llen("nobody-listens") == 0              # discarded with the transaction: nothing sent


def test_a_kombu_that_writes_the_message_on_its_own_is_stopped_before_it_does(make_client, clean_redis, monkeypatch):
    from kombu.transport import redis as kombu_redis

    put = kombu_redis.Channel._put

    def put_without_the_batch(self, queue, message, **kwargs):       # a kombu that stopped batching _put
        kwargs.pop("_publish_batch", None)
        return put(self, queue, message, **kwargs)

    monkeypatch.setattr(kombu_redis.Channel, "_put", put_without_the_batch)
    client = make_client(queue="nobody-listens")
    with clean_redis.pipeline(transaction=True) as tx:
        tx.multi()
        with pytest.raises(RuntimeError, match="on its own"):
            client.application.extensions["dumpling"].enqueue_into(tx, "0" * 32)
    assert clean_redis.llen("nobody-listens") == 0


def test_publishing_into_a_transaction_refuses_a_client_that_retries(clean_redis):
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    from workers.broker import publishing_into

    retrying = redis_lib.Redis(connection_pool=redis_lib.ConnectionPool(
        **clean_redis.connection_pool.connection_kwargs, retry=Retry(NoBackoff(), 3)))
    with retrying.pipeline(transaction=True) as tx, pytest.raises(ValueError, match="does not retry"):
        with publishing_into(tx):
            pass
