"""The tasks: a job (a whole dump, or the plan of its chunks) and a chunk of a big dump,
around the worker loop of ``processing.py``; and the worker-side signals (profiles
loaded at start, the stalled-job sweeper)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import redis
from celery import Task
from celery.signals import worker_process_init, worker_ready, worker_shutdown
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded

from . import processing
from .celery_app import BENCH_NOOP, PROCESS_CHUNK, PROCESS_JOB, app, settings_of
from .config import Settings
from .liveness import heartbeat, run_sweeper, stale_after, sweep_period
from .pipeline.language import detect_language
from .store import JobStore, StoreFull

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
    """A job: its whole dump here, or, past DUMPLING_CHUNK_BYTES, one task per chunk."""
    started = time.monotonic()
    settings, store = settings_of(self.app), job_store(self.app)
    if not store.lifecycle.mark_running(job_id):
        return                                   # deleted, expired, finished, or given up on
    chunks = processing.cut_dump(store, job_id, settings.chunk_bytes)
    if len(chunks) > 1:
        processing.start_chunked_run(store, job_id, chunks, lambda task: self.app.send_task(
            PROCESS_CHUNK, args=task.args(), queue=settings.queue))
        return
    text = store.records.dump_text(job_id)
    if text is None:
        store.lifecycle.finish_failed(job_id, "the dump is no longer stored (deleted or past retention); "
                                              "submit it again")
        return
    with working_on(store, job_id, settings, started):
        processing.process_dump(store, job_id, text, settings.write_batch)


@app.task(name=PROCESS_CHUNK, base=JobTask, **RETRYING_ON_REDIS_ERRORS)
def process_chunk(self: Task, job_id: str, run: str, n: int, total: int, start: int, end: int,
                  first_line: int) -> None:
    """One chunk of a big dump (``processing.ChunkTask`` says what the arguments are)."""
    started = time.monotonic()
    settings, store = settings_of(self.app), job_store(self.app)
    task = processing.ChunkTask(job_id, run, n, total, start, end, first_line)
    if not processing.chunk_is_current(store, task):
        return
    with working_on(store, job_id, settings, started):
        processing.process_chunk(store, task, settings.write_batch)


@contextmanager
def working_on(store: JobStore, job_id: str, settings: Settings, started: float) -> Iterator[None]:
    """While a task works on a job: the job's heartbeat beats, and what goes wrong fails the job."""
    with failing_the_job_on_error(store, job_id, settings, started):
        with heartbeat(store, job_id, settings.heartbeat_seconds):
            yield


@contextmanager
def failing_the_job_on_error(store: JobStore, job_id: str, settings: Settings, started: float) -> Iterator[None]:
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
