"""The tasks: a job (a whole dump, or the plan of its chunks), a chunk of a big dump, and
the worker-side signals (profiles loaded at start, the stalled-job sweeper)."""

from __future__ import annotations

import itertools
import logging
import threading
import time
from contextlib import contextmanager

import redis
from celery import Task
from celery.signals import worker_process_init, worker_ready, worker_shutdown
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded

from .celery_app import BENCH_NOOP, PROCESS_CHUNK, PROCESS_JOB, app, settings_of
from .chunks import plan_chunks
from .liveness import heartbeat, run_sweeper, stale_after, sweep_period
from .pipeline import Plan
from .pipeline.language import detect_language
from .store import JobStatus, JobStore, StoreFull

log = logging.getLogger(__name__)
REDIS_ERRORS = (redis.ConnectionError, redis.TimeoutError)
# Both job tasks retry with backoff while Redis is unreachable, then fail the job (JobTask).
RETRYING_ON_REDIS_ERRORS = dict(bind=True, autoretry_for=REDIS_ERRORS, retry_backoff=True,
                                retry_backoff_max=60, retry_jitter=True, max_retries=12)

_stores: dict[str, JobStore] = {}
_stores_lock = threading.Lock()


def job_store(celery_app) -> JobStore:
    """One store (and connection pool) per worker process and Redis URL."""
    settings = settings_of(celery_app)
    with _stores_lock:
        store = _stores.get(settings.redis_url)
        if store is None:
            client = redis.Redis.from_url(settings.redis_url, health_check_interval=30)
            store = _stores[settings.redis_url] = JobStore.from_settings(client, settings)
    return store


class JobTask(Task):
    """Fails the job when Celery gives up on the task without running our handlers: the
    hard time limit (the child process is killed) or retries exhausted."""

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        if not args:
            return
        if isinstance(exc, TimeLimitExceeded):
            limit = settings_of(self.app).task_time_limit
            message = (f"processing took longer than the hard {limit} s limit and was killed; "
                       "split the dump into smaller dumps and submit them")
        else:
            message = f"the job could not be completed ({type(exc).__name__}); submit it again"
        try:
            job_store(self.app).lifecycle.finish_failed(args[0], message)
        except REDIS_ERRORS:
            log.error("job %s failed (%s) and Redis is unreachable to record it", args[0], message)


@app.task(name=PROCESS_JOB, base=JobTask, **RETRYING_ON_REDIS_ERRORS)
def process_job(self: Task, job_id: str) -> None:
    """A dump up to DUMPLING_CHUNK_BYTES is processed here; a bigger one is cut into chunks
    (see chunks.py) that any worker may take, in parallel."""
    started = time.monotonic()
    store = job_store(self.app)
    if not store.lifecycle.mark_running(job_id):
        return                                   # deleted, expired, finished, or given up on
    settings = settings_of(self.app)
    size = store.records.dump_size(job_id)
    if size > settings.chunk_bytes:
        chunks = plan_chunks(lambda a, b: store.records.read_dump(job_id, a, b), size, settings.chunk_bytes)
        if len(chunks) > 1:
            run = store.chunks.start(job_id, len(chunks))
            for n, chunk in enumerate(chunks):
                self.app.send_task(PROCESS_CHUNK, queue=settings.queue,
                                   args=[job_id, run, n, len(chunks), chunk.start, chunk.end, chunk.first_line])
            return
    text = store.records.dump_text(job_id)
    if text is None:
        store.lifecycle.finish_failed(job_id, "the dump is no longer stored (deleted or past retention); submit it again")
        return
    with failing_the_job_on_error(store, job_id, settings, started):
        with heartbeat(store, job_id, settings.heartbeat_seconds):
            run_pipeline(store, job_id, text, settings.write_batch)


@app.task(name=PROCESS_CHUNK, base=JobTask, **RETRYING_ON_REDIS_ERRORS)
def process_chunk(self: Task, job_id: str, run: str, n: int, total: int, start: int, end: int,
                  first_line: int) -> None:
    """One chunk of a big dump; the worker that stores the last chunk merges them all."""
    started = time.monotonic()
    store = job_store(self.app)
    job = store.records.get(job_id)
    if job is None or job.status != JobStatus.RUNNING or store.chunks.current(job_id) != run:
        return                                   # deleted, finished, failed, or superseded by a new run
    settings = settings_of(self.app)
    with failing_the_job_on_error(store, job_id, settings, started):
        with heartbeat(store, job_id, settings.heartbeat_seconds):
            plan = Plan(store.records.read_dump(job_id, start, end).decode("utf-8"), first_line)
            store.lifecycle.add_progress(job_id, found=len(plan))
            articles = [article.to_dict() for article in plan]
            with store.chunks.chunk_writer(job_id, run, n) as chunk:
                for offset in range(0, len(articles), settings.write_batch):
                    chunk.append(articles[offset:offset + settings.write_batch])
                done = chunk.claim()
            if done is None:
                return                           # a redelivered chunk that was stored already
            store.lifecycle.add_progress(job_id, done=len(articles))
            if done == total and store.chunks.current(job_id) == run:
                with store.chunks.merge(job_id, run, total) as merged:
                    store.results.finish_succeeded(job_id, merged)


@contextmanager
def failing_the_job_on_error(store: JobStore, job_id: str, settings, started: float):
    """Turn what goes wrong while processing into a failed job with a message a user can act on."""
    try:
        yield
    except REDIS_ERRORS:
        raise                                    # autoretry with backoff
    except StoreFull as exc:
        store.lifecycle.finish_failed(job_id, f"{exc}; delete finished jobs or give Redis more memory, "
                                    "then submit the dump again")
    except Exception as exc:                     # a bug or a pathological dump: fail this job only
        # the soft limit's exception can surface wrapped by the code it interrupted
        if isinstance(exc, SoftTimeLimitExceeded) or time.monotonic() - started >= settings.task_soft_time_limit:
            store.lifecycle.finish_failed(job_id, f"processing took longer than the {settings.task_soft_time_limit} s "
                                        "limit and was stopped; split the dump into smaller dumps and submit them")
            return
        log.exception("job %s failed", job_id)
        store.lifecycle.finish_failed(job_id, f"internal error while processing the dump ({type(exc).__name__}); "
                                    "the dump is kept, so the job can be submitted again or reported")


@app.task(name=BENCH_NOOP, bind=True)
def bench_noop(self: Task, counter_key: str) -> None:
    """Does nothing but count itself: bench/e2e.py measures the queue's round-trip ceiling
    with it, through the same Redis and the same worker settings as real jobs."""
    job_store(self.app).redis.incr(counter_key)


def run_pipeline(store: JobStore, job_id: str, text: str, batch_size: int) -> None:
    plan = Plan(text)
    found = len(plan)
    store.lifecycle.set_progress(job_id, found, 0)
    articles = (article.to_dict() for article in plan)
    with store.results.new_run(job_id) as run:
        while batch := list(itertools.islice(articles, batch_size)):
            run.append(batch)
            store.lifecycle.set_progress(job_id, max(found, run.count), run.count)
        store.results.finish_succeeded(job_id, run)


@worker_process_init.connect
def load_language_profiles(**_) -> None:
    """Load langdetect's profiles when a pool process starts, not inside the first job
    (where a time limit could interrupt the load)."""
    detect_language("warm up")


@worker_ready.connect
def start_sweeper(sender, **_) -> None:
    """Each worker looks for stalled jobs (one sweep at a time, under a Redis lock)."""
    celery_app = sender.app
    settings = settings_of(celery_app)
    stop = threading.Event()

    def requeue(job_id: str) -> None:
        celery_app.send_task(PROCESS_JOB, args=[job_id], queue=settings.queue)

    threading.Thread(target=run_sweeper, name="stalled-job-sweeper", daemon=True,
                     args=(job_store(celery_app), requeue,
                           stale_after(settings.visibility_timeout, settings.heartbeat_seconds),
                           sweep_period(settings.heartbeat_seconds), stop)).start()
    worker_shutdown.connect(lambda **_: stop.set(), weak=False)
