"""Issue 12, point 7: a job running when Redis goes away for 20 s finishes within minutes of
Redis coming back, without waiting for the broker's visibility timeout (an hour here, the
default), and exactly once. A real redis-server (append-only, restarted on the same port
with the same data) and a real `dumpling worker`."""

from __future__ import annotations

import time

import pytest
import redis as redis_lib

from workers.pipeline import process_bytes
from workers.redis_server import RedisServer

from .conftest import wait_for_job
from .processes import Worker, wait_for_workers, wait_until
from .test_hardening_worker import api, status, submit, varied_dump

pytestmark = pytest.mark.slow
OUTAGE_SECONDS = 20


def all_articles(client, job_id: str) -> list[dict]:
    items, url = [], f"/v1/jobs/{job_id}/articles?limit=1000"
    while url:
        page = client.get(url).get_json()
        items.extend(page["items"])
        url = page["next"]
    return items


def test_a_job_running_through_a_redis_outage_finishes_soon_after_and_once(tmp_path):
    data_dir = str(tmp_path / "redis")
    server = RedisServer(appendonly=True, data_dir=data_dir).start()
    restarted = None
    client, celery = api(server)                 # the broker's visibility timeout stays at 3600 s
    worker = Worker(server.url, "w1", DUMPLING_HEARTBEAT_SECONDS=0.5, DUMPLING_CHUNK_BYTES=64 * 1024 * 1024,
                    DUMPLING_WRITE_BATCH=50)
    try:
        wait_for_workers(celery)
        dump = varied_dump(4_000_000)
        job_id = submit(client, dump)
        wait_until(lambda: status(client, job_id).get("status") == "running", 240, "the job to run")
        server.stop()                            # Redis goes away mid-job...
        time.sleep(OUTAGE_SECONDS)
        restarted = RedisServer(port=server.port, appendonly=True, data_dir=data_dir).start()   # ...and comes back
        assert status(client, job_id)["status"] in ("running", "queued", "succeeded"), (status(client, job_id), redis_lib.Redis.from_url(restarted.url).keys("*"), __import__("os").listdir(data_dir))

        # well within the hour of the visibility timeout (before: still running after 16 minutes)
        job = wait_for_job(client, job_id, 300)
        assert job["status"] == "succeeded", job
        expected = [article.to_dict() for article in process_bytes(dump)]
        articles = all_articles(client, job_id)
        assert [a["index"] for a in articles] == list(range(len(expected)))       # each once, in order
        assert [{k: v for k, v in a.items() if k not in ("id", "job_id")} for a in articles] == expected
        assert job["summary"]["articles"] == len(expected)
        store = redis_lib.Redis.from_url(restarted.url)
        assert int(store.hget(f"dumpling:job:{job_id}", "attempts")) >= 2      # it was started again
        store.close()
        # the worker consumes again after reconnecting
        assert wait_for_job(client, submit(client, b"A headline of the day\n\n" + b"A line of text. " * 40),
                            240)["status"] == "succeeded"
    finally:
        worker.stop()
        server.stop()
        if restarted is not None:
            restarted.stop()
