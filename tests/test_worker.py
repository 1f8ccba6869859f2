"""The worker's side: failures, redelivery, atomic results, and the Celery settings."""

import json
from dataclasses import replace

import pytest

from workers import processing
from workers.context import PROCESS_JOB, SETTINGS, settings_of
from workers.store import JobStore
from workers.store.keys import JobKeys

from .conftest import wait_for_job
from .processes import wait_until
from .dumps import ALL, EN_1, joined


@pytest.fixture
def store(clean_redis, base_settings):
    return JobStore(clean_redis, base_settings.retention_seconds)


def test_a_task_that_raises_fails_its_job_with_a_message_and_the_worker_lives_on(client, monkeypatch):
    real = processing.process_dump

    def explode_on_marker(store, job_id, text, batch_size, *backend):
        if "EXPLODE" in text:
            raise RuntimeError("pathological dump")
        return real(store, job_id, text, batch_size, *backend)

    monkeypatch.setattr(processing, "process_dump", explode_on_marker)
    before = client.post("/v1/jobs", data=EN_1.encode(), content_type="text/plain").get_json()["id"]
    bad = client.post("/v1/jobs", data=b"EXPLODE\n\n" + EN_1.encode(), content_type="text/plain").get_json()["id"]
    after = client.post("/v1/jobs", data=EN_1.encode(), content_type="text/plain").get_json()["id"]
    failed = wait_for_job(client, bad)
    assert failed["status"] == "failed"
    assert "internal error" in failed["error"] and "RuntimeError" in failed["error"]
    assert failed["finished_at"]
    assert wait_for_job(client, before)["status"] == "succeeded"
    assert wait_for_job(client, after)["status"] == "succeeded"
    response = client.get(f"/v1/jobs/{bad}/articles")
    assert response.status_code == 409 and "failed" in response.get_json()["detail"]


def test_a_soft_time_limit_fails_the_job_with_a_timeout_message(client, monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    def too_slow(store, job_id, text, batch_size, *backend):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(processing, "process_dump", too_slow)
    job_id = client.post("/v1/jobs", data=EN_1.encode(), content_type="text/plain").get_json()["id"]
    job = wait_for_job(client, job_id)
    assert job["status"] == "failed"
    assert "longer than" in job["error"] and "limit" in job["error"]


def test_a_redelivered_task_gives_the_same_articles_never_duplicates(store, celery_app):
    job, _ = store.admission.create_job(joined("\n\n\n"))
    celery_app.tasks[PROCESS_JOB].apply(args=[job.id])
    first = store.results.page_articles(job.id, 1000).items
    # the broker redelivers the message (a worker died before acknowledging it)
    store.redis.hset(JobKeys(job.id).job, "status", "running")
    celery_app.tasks[PROCESS_JOB].apply(args=[job.id])
    second = store.results.page_articles(job.id, 1000).items
    assert second == first
    assert len(first) == len(ALL)
    assert store.results.page_articles(job.id, 1000, language="en").items == [a for a in first if a[1]["language"] == "en"]


def test_a_finished_job_is_not_processed_again(store, celery_app):
    job, _ = store.admission.create_job(EN_1)
    celery_app.tasks[PROCESS_JOB].apply(args=[job.id])
    finished = store.records.get(job.id)
    celery_app.tasks[PROCESS_JOB].apply(args=[job.id])
    assert store.records.get(job.id) == finished


def test_half_written_results_are_never_visible(store, celery_app):
    job, _ = store.admission.create_job(joined("\n\n\n"))
    store.lifecycle.mark_running(job.id)
    articles = [{"index": i, "language": "en", "headline": f"h{i}"} for i in range(1200)]
    run = store.results.new_run(job.id)
    for offset in range(0, len(articles), 500):
        run.append(articles[offset:offset + 500])
    assert store.records.get(job.id).status == "running"
    assert store.results.page_articles(job.id, 10).items == []
    assert store.results.finish_succeeded(job.id, run)
    assert store.records.get(job.id).status == "succeeded"
    assert len(store.results.page_articles(job.id, 2000).items) == 1200


def test_a_job_deleted_while_running_stays_deleted(store, celery_app):
    job, _ = store.admission.create_job(EN_1)
    store.lifecycle.mark_running(job.id)
    run = store.results.new_run(job.id)
    run.append([{"index": 0, "language": "en"}])
    store.deletion.delete_job(job.id)
    assert not store.results.finish_succeeded(job.id, run)
    assert store.records.get(job.id) is None


def test_the_message_carries_only_the_job_id_as_json(make_client, clean_redis):
    client = make_client(queue="inspect-me")
    job_id = client.post("/v1/jobs", data=EN_1.encode(), content_type="text/plain").get_json()["id"]
    (raw,) = clean_redis.lrange("inspect-me", 0, -1)
    message = json.loads(raw)
    assert message["content-type"] == "application/json"
    assert message["headers"]["task"] == "dumpling.process_job"
    assert EN_1[:30] not in raw.decode("utf-8", "replace")
    import base64
    body = json.loads(base64.b64decode(message["body"]))
    assert body[0] == [job_id]


def test_celery_is_configured_for_at_least_once_work(celery_app, base_settings):
    conf = celery_app.conf
    assert conf.task_serializer == "json" and conf.accept_content == ["json"]
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.broker_transport_options["visibility_timeout"] == base_settings.visibility_timeout
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit
    assert celery_app.tasks[PROCESS_JOB].autoretry_for and celery_app.tasks[PROCESS_JOB].retry_backoff


def test_settings_come_from_the_environment(monkeypatch):
    from workers.config import Settings

    monkeypatch.setenv("REDIS_URL", "redis://example:6380/2")
    monkeypatch.setenv("DUMPLING_MAX_DUMP_BYTES", "1234")
    monkeypatch.setenv("DUMPLING_RETENTION_SECONDS", "60")
    monkeypatch.setenv("DUMPLING_VISIBILITY_TIMEOUT", "7")
    settings = Settings.from_env()
    assert (settings.redis_url, settings.max_dump_bytes, settings.retention_seconds,
            settings.visibility_timeout) == ("redis://example:6380/2", 1234, 60, 7)
    monkeypatch.setenv("DUMPLING_MAX_DUMP_BYTES", "lots")
    with pytest.raises(SystemExit, match="DUMPLING_MAX_DUMP_BYTES"):
        Settings.from_env()


def test_the_commands_and_tuning_settings_come_from_the_environment_too(monkeypatch):
    from workers.config import Settings

    for name in ("REDIS_URL", "DUMPLING_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DUMPLING_PORT", "8123")
    monkeypatch.setenv("DUMPLING_HTTP_TIMEOUT", "30")
    monkeypatch.setenv("DUMPLING_MAX_ATTEMPTS", "3")
    monkeypatch.setenv("DUMPLING_WRITE_BATCH", "50")
    settings = Settings.from_env()
    assert (settings.port, settings.http_timeout, settings.max_attempts, settings.write_batch) == (8123, 30, 3, 50)
    assert settings.api_url == "http://127.0.0.1:8123"       # `dumpling submit` follows the port
    assert not settings.redis_url_set                        # `dumpling up` starts a private Redis


def test_defaults_without_environment(monkeypatch):
    from workers.config import Settings

    for name in ("REDIS_URL", "DUMPLING_MAX_DUMP_BYTES", "DUMPLING_RETENTION_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings.from_env()
    assert settings.max_dump_bytes == 64 * 1024 * 1024
    assert settings.retention_seconds == 7 * 24 * 3600


def test_running_status_and_progress_are_visible_while_a_job_runs(client, monkeypatch):
    import threading

    from workers import pipeline

    release = threading.Event()
    real_iter = pipeline.Plan.__iter__

    def slow_iter(plan):
        for n, article in enumerate(real_iter(plan)):
            if n == 1:
                release.wait(300)         # hold the job after its first article (bounded: never hang)
            yield article

    monkeypatch.setattr(pipeline.Plan, "__iter__", slow_iter)
    celery_app = client.application.extensions["dumpling"].celery
    monkeypatch.setitem(celery_app.conf, SETTINGS, replace(settings_of(celery_app), write_batch=1))
    job_id = client.post("/v1/jobs", data=joined("\n\n\n").encode(), content_type="text/plain").get_json()["id"]

    def first_article_done():
        job = client.get(f"/v1/jobs/{job_id}").get_json()
        return job if job["progress"]["articles_done"] >= 1 else None

    try:
        job = wait_until(first_article_done, 120, "the first article to be written", every=0.01)
        assert job["status"] == "running"
        assert job["started_at"] and job["finished_at"] is None
        assert job["progress"]["articles_found"] == len(ALL)
        assert client.get(f"/v1/jobs/{job_id}/articles").status_code == 409
    finally:
        release.set()
    assert wait_for_job(client, job_id)["status"] == "succeeded"
