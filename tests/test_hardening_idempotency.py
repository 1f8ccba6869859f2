"""Issue 12, point 3: concurrent POSTs with one Idempotency-Key create exactly one job."""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from threading import Barrier

from service.app import create_app

THREADS = 20
ROUNDS = 6


def test_concurrent_posts_with_one_idempotency_key_create_exactly_one_job(base_settings, celery_app, clean_redis):
    # a queue no worker consumes: the session's worker (if another test started it) leaves these jobs queued
    app = create_app(replace(base_settings, queue="hardening-unconsumed"), celery_app)
    for round_ in range(ROUNDS):
        key = f"race-{round_}"
        barrier = Barrier(THREADS)

        def post(_):
            client = app.test_client()           # one per thread: the app itself is shared
            barrier.wait(timeout=120)
            response = client.post("/v1/jobs", data=b"one dump, many retries\n",
                                   headers={"Content-Type": "text/plain", "Idempotency-Key": key})
            return response.status_code, response.get_json()["id"], response.headers.get("Idempotent-Replayed")

        with ThreadPoolExecutor(THREADS) as pool:
            answers = list(pool.map(post, range(THREADS)))
        assert {status for status, _, _ in answers} == {202}, answers
        ids = {job_id for _, job_id, _ in answers}
        assert len(ids) == 1, f"round {round_}: {len(ids)} jobs for one key"
        assert sum(replayed is None for _, _, replayed in answers) == 1   # one creation, the rest replays
    # the store holds exactly one job per round, each queued once
    assert clean_redis.zcard("dumpling:jobs:") == ROUNDS
    assert clean_redis.zcard("dumpling:backlog:jobs") == ROUNDS
