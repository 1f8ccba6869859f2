"""Deleting a job (or a run of it) touches only that job's keys, in the same few Redis
commands however many other jobs Redis holds: no SCAN of the keyspace."""

from collections import Counter

import pytest
import redis as redis_lib

from workers.redis_server import RedisServer
from workers.store import JobStore
from workers.store.keys import JobKeys

from .dumps import joined

OTHER_JOBS = 10_000


@pytest.fixture
def store():
    """A Redis of this test's own: its command counts are this test's commands alone."""
    with RedisServer() as server:
        client = redis_lib.Redis.from_url(server.url)
        yield JobStore(client, retention_seconds=3600)
        client.close()


def finished_job(store: JobStore) -> tuple[str, str]:
    """A job with every kind of key: hash, dump, articles, language lists, its key index,
    and the leftovers of an abandoned run. Returns (job id, the abandoned run)."""
    job, _ = store.admission.create_job(joined("\n\n\n"))
    store.lifecycle.mark_running(job.id)
    abandoned = store.results.new_run(job.id)           # a worker that died mid-write
    abandoned.append([{"index": 0, "language": "en"}, {"index": 1, "language": "fr"}])
    run = store.results.new_run(job.id)
    run.append([{"index": i, "language": code} for i, code in enumerate(["en", "ar", "zh"] * 4)])
    assert store.results.finish_succeeded(job.id, run)
    return job.id, abandoned.run


def commands_of(store: JobStore, action) -> Counter:
    """The Redis commands ``action()`` sends, by name, as Redis itself counts them."""
    store.redis.config_resetstat()
    action()
    stats = store.redis.info("commandstats")
    return Counter({name.removeprefix("cmdstat_"): entry["calls"] for name, entry in stats.items()
                    if name not in ("cmdstat_config", "cmdstat_info")})


def keys_of(store: JobStore, job_id: str) -> list[bytes]:
    return [key for key in store.redis.scan_iter(match=f"*{job_id}*", count=1000)]


def add_other_jobs(store: JobStore, count: int) -> None:
    for n in range(count):
        store.admission.create_job(f"Other dump number {n}\n\nA line of its text.\n")


def test_deleting_a_job_costs_the_same_with_ten_thousand_other_jobs(store):
    alone, _ = finished_job(store)
    cost_alone = commands_of(store, lambda: store.deletion.delete_job(alone))
    assert keys_of(store, alone) == []

    add_other_jobs(store, OTHER_JOBS)
    job_id, _ = finished_job(store)
    own_keys = keys_of(store, job_id)
    assert len(own_keys) >= 6                           # hash, dump, articles, languages, index, a run
    keys_before = store.redis.dbsize()
    cost = commands_of(store, lambda: store.deletion.delete_job(job_id))

    assert cost == cost_alone, "deleting a job must not cost more when Redis holds other jobs"
    assert not {"scan", "keys"} & set(cost)
    assert sum(cost.values()) <= 12
    assert keys_of(store, job_id) == []
    assert store.redis.dbsize() == keys_before - len(own_keys)   # the other jobs' keys are all there
    assert store.records.get(job_id) is None


def test_discarding_a_run_costs_the_same_with_ten_thousand_other_jobs(store):
    alone, run = finished_job(store)
    cost_alone = commands_of(store, lambda: store.deletion.discard_run(alone, run))

    add_other_jobs(store, OTHER_JOBS)
    job_id, run = finished_job(store)
    prefix = JobKeys(job_id).run_prefix(run).encode()
    run_keys = [key for key in keys_of(store, job_id) if key.startswith(prefix)]
    assert run_keys
    keys_before = store.redis.dbsize()
    cost = commands_of(store, lambda: store.deletion.discard_run(job_id, run))

    assert cost == cost_alone
    assert not {"scan", "keys"} & set(cost)
    assert store.redis.dbsize() == keys_before - len(run_keys)
    assert len(store.results.page_articles(job_id, 100).items) == 12   # the finished articles stay


def test_a_job_stored_before_the_key_index_is_deleted_by_the_keys_its_id_gives(store):
    """Jobs written before the index existed have none: their hash, dump and articles
    still go (a half-written run they left expires with them)."""
    job_id, _ = finished_job(store)
    store.redis.delete(JobKeys(job_id).index)
    store.deletion.delete_job(job_id)
    left = keys_of(store, job_id)
    assert left and all(b":run:" in key for key in left)
    assert all(0 < store.redis.ttl(key) <= 3600 for key in left)
