"""Issue 12, point 7: a job running when Redis goes away for 20 s finishes within minutes of
Redis coming back, without waiting for the broker's visibility timeout (an hour here, the
default), and exactly once. A real redis-server and a real `dumpling worker`; the outage is
a relay between them that drops every connection and refuses new ones for 20 s (stopping
the server itself would free its port, which on a shared machine another test may take)."""

from __future__ import annotations

import time

import pytest
import redis as redis_lib

from workers.pipeline import process_bytes
from workers.redis_server import RedisServer

from .conftest import all_articles, api_on, job_of, submit, wait_for_job
from .made_up import varied_dump
from .processes import Worker, wait_for_workers, wait_until
from .tcp_cut import CuttableRelay

pytestmark = pytest.mark.slow
OUTAGE_SECONDS = 20


def test_a_job_running_through_a_redis_outage_finishes_soon_after_and_once():
    with RedisServer() as server, CuttableRelay(server.port) as relay:
        client, celery = api_on(relay.url, heartbeat_seconds=0.5)   # the broker's visibility timeout stays at 3600 s
        worker = Worker(relay.url, "w1", DUMPLING_HEARTBEAT_SECONDS=0.5, DUMPLING_CHUNK_BYTES=64 * 1024 * 1024,
                        DUMPLING_WRITE_BATCH=50)
        store = redis_lib.Redis.from_url(server.url)
        try:
            wait_for_workers(celery)
            dump = varied_dump(4_000_000)
            job_id = submit(client, dump)
            wait_until(lambda: job_of(client, job_id).get("status") == "running", 240, "the job to run")
            relay.cut()                          # Redis goes away mid-job...
            time.sleep(OUTAGE_SECONDS)
            assert store.hget(f"dumpling:job:{job_id}", "status") == b"running"
            relay.restore()                      # ...and comes back

            # well within the hour of the visibility timeout (before: still running after 16 minutes)
            job = wait_for_job(client, job_id, 300)
            assert job["status"] == "succeeded", job
            expected = [article.to_dict() for article in process_bytes(dump)]
            articles = all_articles(client, job_id)
            assert [a["index"] for a in articles] == list(range(len(expected)))       # each once, in order
            assert [{k: v for k, v in a.items() if k not in ("id", "job_id")} for a in articles] == expected
            assert job["summary"]["articles"] == len(expected)
            assert int(store.hget(f"dumpling:job:{job_id}", "attempts")) >= 2      # it was started again
            # the worker consumes again after reconnecting
            assert wait_for_job(client, submit(client, b"A headline of the day\n\n" + b"A line of text. " * 40),
                                240)["status"] == "succeeded"
        finally:
            worker.stop()
            store.close()
