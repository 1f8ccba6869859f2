"""GET /metrics: the API's counters and the workers' (kept in Redis), after real jobs,
parsed with prometheus_client's own text parser."""

import os
import subprocess
from pathlib import Path

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from workers.redis_server import free_port

from .conftest import wait_for_job
from .processes import CLI, REQUEST_TIMEOUT, Process, wait_ready, wait_until


def samples(text: str) -> dict[tuple, float]:
    """{(sample name, sorted labels): value} of an exposition."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def scrape(client) -> dict[tuple, float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    return samples(response.get_data(as_text=True))


def value(found: dict, name: str, **labels) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


def test_a_real_job_moves_the_counters(client, seed_bytes):
    before = scrape(client)
    response = client.post("/v1/jobs", data=seed_bytes, content_type="text/plain")
    assert response.status_code == 202
    job = wait_for_job(client, response.get_json()["id"])
    assert job["status"] == "succeeded"
    articles = job["summary"]["articles"]
    assert articles == 2

    # the worker counts the end just after it stored it: a retry, not a race
    after = wait_until(lambda: (lambda found: found if value(found, "dumpling_jobs_finished_total",
                                                             status="succeeded") >= 1 else None)(scrape(client)),
                       60, "the finished job to be counted")
    assert value(after, "dumpling_jobs_submitted_total") == value(before, "dumpling_jobs_submitted_total") + 1
    assert (value(after, "dumpling_bytes_accepted_total")
            == value(before, "dumpling_bytes_accepted_total") + job["dump_bytes"])
    # the store's counters started from an empty Redis (clean_redis)
    assert value(after, "dumpling_jobs_finished_total", status="succeeded") == 1
    assert value(after, "dumpling_jobs_finished_total", status="failed") == 0
    assert value(after, "dumpling_articles_extracted_total") == articles
    assert value(after, "dumpling_job_duration_seconds_count") == 1
    assert value(after, "dumpling_job_duration_seconds_bucket", le="+Inf") == 1
    assert value(after, "dumpling_job_queue_wait_seconds_count") == 1
    assert value(after, "dumpling_job_queue_wait_seconds_sum") >= 0
    assert value(after, "dumpling_queue_depth") == 0
    assert value(after, "dumpling_store_up") == 1


def test_a_second_notice_of_the_same_end_counts_nothing(client, celery_app, seed_bytes):
    from workers.job_events import on_job_finished

    job_id = client.post("/v1/jobs", data=seed_bytes, content_type="text/plain").get_json()["id"]
    wait_for_job(client, job_id)
    wait_until(lambda: value(scrape(client), "dumpling_jobs_finished_total", status="succeeded") == 1, 60,
               "the job to be counted")
    assert on_job_finished(celery_app, job_id) is False        # a redelivered task, say
    assert value(scrape(client), "dumpling_jobs_finished_total", status="succeeded") == 1


def test_refused_submissions_are_counted_by_reason(make_client):
    client = make_client()
    before = scrape(client)
    assert client.post("/v1/jobs", data=b"   ", content_type="text/plain").status_code == 422
    assert client.post("/v1/jobs", data=b"x", content_type="image/png").status_code == 415
    after = scrape(client)
    for reason in ("unprocessable", "unsupported_media_type"):
        assert (value(after, "dumpling_intake_rejections_total", reason=reason)
                == value(before, "dumpling_intake_rejections_total", reason=reason) + 1)
    assert value(after, "dumpling_jobs_submitted_total") == value(before, "dumpling_jobs_submitted_total")


def test_the_queue_depth_is_read_from_redis(make_client, seed_bytes):
    client = make_client(queue="no-worker-here")               # no worker takes these jobs
    sizes = []
    for _ in range(3):
        response = client.post("/v1/jobs", data=seed_bytes, content_type="text/plain")
        assert response.status_code == 202
        sizes.append(client.get(f"/v1/jobs/{response.get_json()['id']}").get_json()["dump_bytes"])
    found = scrape(client)
    assert value(found, "dumpling_queue_depth") == 3
    # each job weighs its dump and its metadata ("{}" when none was sent)
    assert value(found, "dumpling_queued_bytes") == sum(sizes) + 3 * len(b"{}") > 0


def test_histograms_put_each_duration_in_its_bucket(make_client, clean_redis):
    from workers.metrics_store import MetricsStore

    store = MetricsStore(clean_redis)
    for duration in (0.05, 3, 7200):
        store.job_finished("failed", 0, duration, 0.001)
    found = scrape(make_client())
    assert value(found, "dumpling_jobs_finished_total", status="failed") == 3
    assert value(found, "dumpling_job_duration_seconds_bucket", le="0.1") == 1
    assert value(found, "dumpling_job_duration_seconds_bucket", le="5.0") == 2
    assert value(found, "dumpling_job_duration_seconds_bucket", le="1800.0") == 2
    assert value(found, "dumpling_job_duration_seconds_bucket", le="+Inf") == 3
    assert value(found, "dumpling_job_duration_seconds_sum") == pytest.approx(7203.05)
    assert value(found, "dumpling_job_queue_wait_seconds_bucket", le="0.01") == 3


def test_without_redis_metrics_still_answer_and_say_so(make_client):
    client = make_client(redis_url=f"redis://127.0.0.1:{free_port()}/0")
    found = scrape(client)
    assert value(found, "dumpling_store_up") == 0
    assert ("dumpling_jobs_submitted_total", ()) in found


@pytest.mark.slow
def test_gunicorn_processes_share_their_counts_and_the_private_folder_goes(redis_server, clean_redis, worker,
                                                                          seed_bytes, tmp_path):
    """`dumpling serve` with two processes: every scrape shows the submissions of both, in
    the folder `serve` made for them, which is gone once it has stopped."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
    env.update(REDIS_URL=redis_server.url, DUMPLING_LOG_LEVEL="WARNING")
    with open(tmp_path / "serve.log", "w") as log, \
            Process([*CLI, "serve", "--port", str(port), "--workers", "2"], env,
                    stdout=log, stderr=subprocess.STDOUT) as server:
        wait_ready(url, [server])
        folders = list(Path(server.tmpdir).glob("dumpling-metrics-*"))
        assert len(folders) == 1
        submissions = 6
        for _ in range(submissions):
            response = requests.post(f"{url}/v1/jobs", data=seed_bytes, headers={"Content-Type": "text/plain"},
                                     timeout=REQUEST_TIMEOUT)
            assert response.status_code == 202
        assert len(list(folders[0].glob("counter_*.db"))) >= 1
        for _ in range(4):                 # whichever process answers, it reports all of them
            found = samples(requests.get(f"{url}/metrics", timeout=REQUEST_TIMEOUT).text)
            assert value(found, "dumpling_jobs_submitted_total") == submissions
        wait_until(lambda: value(samples(requests.get(f"{url}/metrics", timeout=REQUEST_TIMEOUT).text),
                                 "dumpling_jobs_finished_total", status="succeeded") == submissions,
                   240, "the workers' counts in /metrics")
        server.process.terminate()
        server.process.wait(timeout=60)
        assert not folders[0].exists()


def test_a_job_failed_by_the_stalled_job_sweeper_is_counted(make_client, celery_app, seed_bytes):
    """The sweeper's failures are announced too (what the worker's sweeper thread does)."""
    from workers.job_events import on_job_finished
    from workers.liveness import sweep

    client = make_client(queue="no-worker-here", max_attempts=1)
    job_id = client.post("/v1/jobs", data=seed_bytes, content_type="text/plain").get_json()["id"]
    store = client.application.extensions["dumpling"].store
    assert store.lifecycle.mark_running(job_id)          # its one start; then its worker vanishes
    requeued = []
    sweep(store, requeued.append, older_than=-1, on_failed=lambda failed: on_job_finished(celery_app, failed))
    assert requeued == [] and client.get(f"/v1/jobs/{job_id}").get_json()["status"] == "failed"
    found = scrape(client)
    assert value(found, "dumpling_jobs_finished_total", status="failed") == 1
    assert value(found, "dumpling_job_duration_seconds_count") == 1
