"""Big dumps cut into chunks: where the cuts go, and the same articles as one piece."""

from dataclasses import replace

import pytest

from workers.chunks import plan_chunks
from workers.context import PROCESS_CHUNK, SETTINGS, settings_of
from workers.pipeline import process_bytes
from workers.store import JobStore

from .conftest import all_articles, wait_for_job
from .dumps import EN_1, EN_2, FR_1, LONG_PARAGRAPHS


def reader(data: bytes):
    return lambda start, end: data[start:end]


def seed_dump(seed_bytes: bytes, copies: int, separator: bytes = b"\n\n\n\n") -> bytes:
    return separator.join([seed_bytes] * copies)


def test_small_dumps_are_one_chunk(seed_bytes):
    (chunk,) = plan_chunks(reader(seed_bytes), len(seed_bytes), 1_000_000)
    assert (chunk.start, chunk.end, chunk.first_line) == (0, len(seed_bytes), 1)


def test_cuts_fall_between_records_and_line_numbers_follow_the_whole_dump(seed_bytes):
    dump = seed_dump(seed_bytes, 40)
    chunks = plan_chunks(reader(dump), len(dump), 60_000)
    assert len(chunks) > 3
    assert chunks[0].start == 0 and chunks[-1].end == len(dump)
    first_headline = seed_bytes.split(b"\n", 1)[0]
    for previous, chunk in zip(chunks, chunks[1:]):
        assert previous.end == chunk.start
        assert dump[chunk.start:].split(b"\n", 1)[0] in (first_headline, "«كايسيد»: نستثمر في مستقبل أكثر سلاماً".encode())
        assert chunk.first_line == dump[:chunk.start].count(b"\n") + 1


def test_a_separator_line_is_preferred_to_blank_lines(seed_bytes):
    dump = seed_dump(seed_bytes, 30, separator=b"\n\n" + b"-" * 40 + b"\n\n")
    for chunk in plan_chunks(reader(dump), len(dump), 50_000)[1:]:
        before = dump[:chunk.start].rstrip(b"\n").rsplit(b"\n", 1)[-1]
        assert before == b"-" * 40


def test_text_without_blank_lines_is_cut_at_line_breaks():
    dump = b"".join(b"line %d of running text without any blank line at all\n" % i for i in range(20_000))
    chunks = plan_chunks(reader(dump), len(dump), 100_000)
    assert len(chunks) > 5
    assert all(dump[c.start - 1:c.start] == b"\n" for c in chunks[1:])


def test_lone_carriage_returns_are_not_cut(seed_bytes):
    dump = seed_dump(seed_bytes, 20).replace(b"\n", b"\r")
    assert len(plan_chunks(reader(dump), len(dump), 20_000)) == 1


@pytest.fixture
def small_chunks(celery_app, monkeypatch):
    monkeypatch.setitem(celery_app.conf, SETTINGS, replace(settings_of(celery_app), chunk_bytes=40_000))


def test_a_chunked_job_has_exactly_the_articles_of_the_whole_dump(client, small_chunks, seed_bytes):
    dump = seed_dump(seed_bytes, 30)
    job_id = client.post("/v1/jobs", data=dump, content_type="text/plain").get_json()["id"]
    job = wait_for_job(client, job_id)
    assert job["status"] == "succeeded"
    expected = [a.to_dict() for a in process_bytes(dump)]
    assert job["summary"] == {"articles": len(expected), "languages": {"ar": len(expected)}}
    items = all_articles(client, job_id, limit=7)          # page after page
    assert [{k: v for k, v in a.items() if k not in ("id", "job_id")} for a in items] == expected
    assert client.get(f"/v1/articles/{job_id}-{len(expected) - 1}").get_json()["line_start"] == expected[-1]["line_start"]
    arabic = client.get(f"/v1/jobs/{job_id}/articles?language=ar&limit=1000").get_json()["items"]
    assert [a["index"] for a in arabic] == list(range(len(expected)))


def test_a_chunked_job_keeps_the_articles_of_records_split_in_two(client, small_chunks):
    # each record holds two articles, one without its headline above the other
    # (extract.extract_articles): the chunks give the articles of the whole dump
    record = "\n\n".join(LONG_PARAGRAPHS) + "\n\n" + EN_2
    dump = "\n\n\n\n".join([record, EN_1, FR_1] * 30).encode()
    assert len(plan_chunks(reader(dump), len(dump), 40_000)) > 1
    expected = [a.to_dict() for a in process_bytes(dump)]
    assert len(expected) == 120 and sum(a["headline"] is None for a in expected) == 30
    job_id = client.post("/v1/jobs", data=dump, content_type="text/plain").get_json()["id"]
    job = wait_for_job(client, job_id)
    assert job["status"] == "succeeded"
    assert job["progress"] == {"articles_found": 120, "articles_done": 120}
    items = all_articles(client, job_id, limit=20)
    assert [{k: v for k, v in a.items() if k not in ("id", "job_id")} for a in items] == expected


def test_a_redelivered_chunk_adds_nothing(store_with_chunked_job, celery_app):
    store, job_id, run, chunks, dump = store_with_chunked_job
    for n, chunk in enumerate(chunks):
        args = [job_id, run, n, len(chunks), chunk.start, chunk.end, chunk.first_line]
        celery_app.tasks[PROCESS_CHUNK].apply(args=args)
        if n == 0:
            celery_app.tasks[PROCESS_CHUNK].apply(args=args)   # the broker delivers chunk 0 twice
    assert store.records.get(job_id).status == "succeeded"
    assert len(store.results.page_articles(job_id, 10_000).items) == len(process_bytes(dump))


def test_chunks_of_a_superseded_run_are_ignored(store_with_chunked_job, celery_app):
    store, job_id, run, chunks, _ = store_with_chunked_job
    store.chunks.start(job_id, len(chunks))               # a re-queued job started a new run
    chunk = chunks[0]
    celery_app.tasks[PROCESS_CHUNK].apply(args=[job_id, run, 0, len(chunks), chunk.start, chunk.end, chunk.first_line])
    assert store.records.get(job_id).articles_done == 0


@pytest.fixture
def store_with_chunked_job(clean_redis, base_settings, seed_bytes):
    store = JobStore(clean_redis, base_settings.retention_seconds)
    dump = seed_dump(seed_bytes, 12)
    job, _ = store.admission.create_job(dump.decode("utf-8"))
    store.lifecycle.mark_running(job.id)
    chunks = plan_chunks(lambda a, b: store.records.read_dump(job.id, a, b), len(dump), 30_000)
    assert len(chunks) > 2
    run = store.chunks.start(job.id, len(chunks))
    return store, job.id, run, chunks, dump
