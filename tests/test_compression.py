"""Dumps and articles stored compressed (workers/store/codec.py): the dump in zstd frames
read by byte range, gone once its job has succeeded (unless kept), each article a frame of
its own so that a page decompresses only itself; jobs stored before stay readable."""

import json
import random
import threading
from dataclasses import replace

import pytest

from workers import processing
from workers.context import PROCESS_JOB, SETTINGS, settings_of
from workers.pipeline import process_bytes
from workers.store import JobStore, codec
from workers.store.keys import JobKeys

from . import conftest
from .conftest import wait_for_job
from .made_up import varied_dump


def all_articles(client, job_id: str, limit: int = 50) -> list[dict]:
    """The job's articles as the pipeline gives them (without the ids the API adds)."""
    return [{k: v for k, v in a.items() if k not in ("id", "job_id")}
            for a in conftest.all_articles(client, job_id, limit)]


def expected_articles(dump: bytes) -> list[dict]:
    return [a.to_dict() for a in process_bytes(dump)]


# --- the dump in the store ------------------------------------------------------------------

def test_a_dump_round_trips_through_the_store_compressed_and_by_any_byte_range(clean_redis):
    store = JobStore(clean_redis, retention_seconds=3600)
    dump = varied_dump(int(2.5 * codec.DUMP_FRAME_BYTES), seed=3)
    job, _ = store.admission.create_job(dump)
    key = JobKeys(job.id).dump
    assert clean_redis.type(key) == b"list" and clean_redis.llen(key) == 3      # 1 MiB frames
    assert clean_redis.memory_usage(key) < len(dump) / 2
    assert store.records.dump_size(job.id) == len(dump) == job.dump_bytes
    assert store.records.dump_text(job.id) == dump.decode()
    frame, rng = codec.DUMP_FRAME_BYTES, random.Random(7)
    ranges = [(0, len(dump)), (0, 1), (frame - 1, frame + 1), (frame, 2 * frame), (frame - 5, 2 * frame + 5),
              (len(dump) - 3, len(dump)), (5, 5), (2 * frame + 1, len(dump))]
    ranges += [tuple(sorted(rng.sample(range(len(dump) + 1), 2))) for _ in range(40)]
    for start, end in ranges:
        assert store.records.read_dump(job.id, start, end) == dump[start:end], (start, end)


def test_an_empty_dump_is_stored_without_frames_and_reads_back_empty(clean_redis):
    store = JobStore(clean_redis, retention_seconds=3600)
    job, _ = store.admission.create_job(b"")
    assert not clean_redis.exists(JobKeys(job.id).dump)
    assert store.records.dump_text(job.id) == "" and store.records.dump_size(job.id) == 0


# --- whole jobs through a real worker ---------------------------------------------------------

def test_a_job_gives_the_articles_of_dumpling_process_and_its_dump_goes_on_success(client, clean_redis,
                                                                                   seed_bytes, monkeypatch):
    # the worker would finish the seed (and drop its dump) in a blink, maybe before the look
    # below on a busy machine: it holds the job until the test has looked (bounded: never hang)
    looked = threading.Event()
    real = processing.process_dump

    def after_the_look(*args):
        looked.wait(120)
        return real(*args)

    monkeypatch.setattr(processing, "process_dump", after_the_look)
    job_id = client.post("/v1/jobs", data=seed_bytes, content_type="text/plain").get_json()["id"]
    try:
        assert clean_redis.exists(JobKeys(job_id).dump)           # queued: the dump waits, compressed
    finally:
        looked.set()
    job = wait_for_job(client, job_id)
    assert job["status"] == "succeeded" and job["dump_bytes"] == len(seed_bytes)
    assert all_articles(client, job_id, limit=1) == expected_articles(seed_bytes)
    assert not clean_redis.exists(JobKeys(job_id).dump)
    first = clean_redis.lindex(JobKeys(job_id).articles(), 0)
    assert first.startswith(b"\x28\xb5\x2f\xfd")                  # each article is a zstd frame


@pytest.fixture
def keeping_dumps(celery_app, monkeypatch):
    monkeypatch.setitem(celery_app.conf, SETTINGS, replace(settings_of(celery_app), keep_dumps=True))


def test_the_keep_setting_keeps_the_dump_of_a_succeeded_job(client, keeping_dumps, clean_redis, celery_app,
                                                            seed_bytes):
    job_id = client.post("/v1/jobs", data=seed_bytes, content_type="text/plain").get_json()["id"]
    assert wait_for_job(client, job_id)["status"] == "succeeded"
    store = JobStore.from_settings(clean_redis, settings_of(celery_app))
    assert store.records.dump_text(job_id) == seed_bytes.decode()


def test_a_failed_job_keeps_its_dump(client, clean_redis, monkeypatch, seed_bytes):
    def explode(*args):
        raise RuntimeError("pathological dump")

    monkeypatch.setattr(processing, "process_dump", explode)
    job_id = client.post("/v1/jobs", data=seed_bytes, content_type="text/plain").get_json()["id"]
    assert wait_for_job(client, job_id)["status"] == "failed"
    assert JobStore(clean_redis, 3600).records.dump_text(job_id) == seed_bytes.decode()


@pytest.fixture
def small_chunks(celery_app, monkeypatch):
    monkeypatch.setitem(celery_app.conf, SETTINGS, replace(settings_of(celery_app), chunk_bytes=300_000))


@pytest.mark.slow
def test_a_chunked_job_over_several_frames_gives_the_same_articles(make_client, worker, small_chunks,
                                                                   clean_redis):
    client = make_client(max_dump_bytes=4 * 1024 * 1024)
    dump = varied_dump(int(2.2 * codec.DUMP_FRAME_BYTES), seed=3)       # chunks cross the frames' edges
    job_id = client.post("/v1/jobs", data=dump, content_type="text/plain").get_json()["id"]
    job = wait_for_job(client, job_id, timeout=600)
    assert job["status"] == "succeeded"
    assert clean_redis.hget(JobKeys(job_id).job, "chunks") not in (None, b"1")   # it was chunked
    expected = expected_articles(dump)
    assert all_articles(client, job_id, limit=200) == expected
    assert not clean_redis.exists(JobKeys(job_id).dump)


# --- jobs stored before compression -----------------------------------------------------------

def write_old_job(redis, job_id: str, dump: bytes, status: str, articles: list[dict] = ()) -> None:
    """A job as the store wrote it before compression: no dump_codec, the dump one plain
    string, each article plain JSON."""
    job = JobKeys(job_id)
    codes = sorted({a["language"] for a in articles})
    redis.hset(job.job, mapping={
        "id": job_id, "owner": "", "status": status, "created_at": "2026-01-01T00:00:00.000Z",
        "articles_found": len(articles), "articles_done": len(articles), "dump_bytes": len(dump),
        "dump_sha256": "", "metadata": "{}", "source": "{}", "expires_at_ms": 4102444800000,
        **({"summary": json.dumps({"articles": len(articles), "languages": {c: sum(a["language"] == c
                                                                               for a in articles) for c in codes}}),
            "languages": json.dumps(codes), "finished_at": "2026-01-01T00:00:01.000Z"} if articles else {})})
    redis.set(job.dump, dump)
    if articles:
        redis.rpush(job.articles(), *[json.dumps(a, ensure_ascii=False) for a in articles])
        for code in codes:
            redis.rpush(job.lang(code), *[n for n, a in enumerate(articles) if a["language"] == code])
    redis.zadd("dumpling:jobs:", {job_id: 1_700_000_000})


def test_a_succeeded_job_stored_before_compression_reads_through_the_api(make_client, clean_redis, seed_bytes):
    client = make_client()
    articles = expected_articles(seed_bytes)
    job_id = "0123456789abcdef0123456789abcdef"
    write_old_job(clean_redis, job_id, seed_bytes, "succeeded", articles)
    job = client.get(f"/v1/jobs/{job_id}").get_json()
    assert job["status"] == "succeeded" and job["summary"]["articles"] == len(articles)
    assert all_articles(client, job_id, limit=1) == articles
    assert client.get(f"/v1/articles/{job_id}-1").get_json()["headline"] == articles[1]["headline"]
    language = articles[0]["language"]
    filtered = client.get(f"/v1/jobs/{job_id}/articles?language={language}").get_json()["items"]
    assert [a["index"] for a in filtered] == [a["index"] for a in articles if a["language"] == language]
    store = JobStore(clean_redis, 3600)
    assert store.records.dump_text(job_id) == seed_bytes.decode()
    assert store.records.read_dump(job_id, 10, 400) == seed_bytes[10:400]


def test_a_queued_job_stored_before_compression_is_processed_by_a_new_worker(client, clean_redis, celery_app,
                                                                             seed_bytes):
    job_id = "fedcba9876543210fedcba9876543210"
    write_old_job(clean_redis, job_id, seed_bytes, "queued")
    celery_app.send_task(PROCESS_JOB, args=[job_id], queue=settings_of(celery_app).queue)
    assert wait_for_job(client, job_id)["status"] == "succeeded"
    assert all_articles(client, job_id) == expected_articles(seed_bytes)
    assert not clean_redis.exists(JobKeys(job_id).dump)


# --- paging decompresses only its page -------------------------------------------------------

def test_a_page_decompresses_only_its_own_articles(clean_redis, monkeypatch):
    store = JobStore(clean_redis, retention_seconds=3600)
    job, _ = store.admission.create_job(b"a dump")
    store.lifecycle.mark_running(job.id)
    articles = [{"index": n, "language": "ar" if n % 3 else "en", "body": f"article {n} " * 50} for n in range(600)]
    with store.results.new_run(job.id) as run:
        run.append(articles)
    assert store.results.finish_succeeded(job.id, run)
    decoded = []
    real = codec.decode_article
    monkeypatch.setattr(codec, "decode_article", lambda raw: decoded.append(raw) or real(raw))

    page = store.results.page_articles(job.id, 25, cursor=300)
    assert [a for _, a in page.items] == articles[300:325] and len(decoded) == 25
    decoded.clear()
    page = store.results.page_articles(job.id, 10, cursor=40, language="en")
    assert [a["index"] for _, a in page.items] == list(range(120, 150, 3)) and len(decoded) == 10
    decoded.clear()
    assert store.results.get_article(job.id, 599) == articles[599] and len(decoded) == 1
