"""The two tasks, a job and a chunk of a big dump, around the worker loop of
``processing.py``; ``register_tasks`` adds them to a Celery app (``celery_factory.py``).

Both retry with backoff while Redis is unreachable; a job whose task fails for good, or
is killed at the hard time limit, is marked failed with a message a user can act on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

import redis
from celery import Celery, Task
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded

from . import job_events, processing
from .config import Settings
from .context import PROCESS_CHUNK, PROCESS_JOB, settings_of, store_of
from .liveness import heartbeat
from .store import JobStore, RunCancelled, RunOwner, StoreFull

log = logging.getLogger(__name__)
REDIS_ERRORS = (redis.ConnectionError, redis.TimeoutError)


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
            store_of(self.app).lifecycle.finish_failed(args[0], message)
            job_events.on_job_finished(self.app, args[0])      # counted, its webhook queued
        except redis.RedisError as exc:          # unreachable, or at its memory limit
            log.error("job %s failed (%s) and Redis could not record it (%s)", args[0], message, exc)


def process_job(self: Task, job_id: str) -> None:
    """A job: its whole dump here, or, past DUMPLING_CHUNK_BYTES, one task per chunk."""
    started = time.monotonic()
    settings, store = settings_of(self.app), store_of(self.app)
    owner = store.lifecycle.mark_running(job_id)
    if owner is None:
        return                                   # deleted, expired, finished, running elsewhere, or given up on
    with failing_the_job_on_error(store, owner, settings, started):
        chunks = processing.cut_dump(store, job_id, settings.chunk_bytes)
        if len(chunks) > 1:
            processing.start_chunked_run(store, owner, chunks, lambda task: self.app.send_task(
                PROCESS_CHUNK, args=task.args(), queue=settings.queue))
            return
        text = store.records.dump_text(job_id)
        if text is None:
            store.lifecycle.finish_failed(job_id, "the dump is no longer stored (deleted or past retention); "
                                                  "submit it again", owner)
            return
        with heartbeat(store, owner, settings.heartbeat_seconds):
            processing.process_dump(store, owner, text, settings.write_batch, settings.language_backend)


def process_chunk(self: Task, job_id: str, run: str, n: int, total: int, start: int, end: int,
                  first_line: int) -> None:
    """One chunk of a big dump (``processing.ChunkTask`` says what the arguments are)."""
    started = time.monotonic()
    settings, store = settings_of(self.app), store_of(self.app)
    task = processing.ChunkTask(job_id, run, n, total, start, end, first_line)
    if not processing.chunk_is_current(store, task):
        return
    with working_on(store, processing.chunk_owner(task), settings, started):
        processing.process_chunk(store, task, settings.write_batch, settings.language_backend)


def register_tasks(app: Celery, settings: Settings) -> None:
    """Add both tasks to ``app``, retrying with backoff on Redis errors as ``settings`` say."""
    options = dict(base=JobTask, bind=True, shared=False, autoretry_for=REDIS_ERRORS, retry_backoff=True,
                   retry_jitter=True, retry_backoff_max=settings.redis_retry_backoff_max,
                   max_retries=settings.redis_retries)
    app.task(name=PROCESS_JOB, **options)(process_job)
    app.task(name=PROCESS_CHUNK, **options)(process_chunk)


@contextmanager
def working_on(store: JobStore, owner: RunOwner, settings: Settings, started: float) -> Iterator[None]:
    """While a task works on a job: the job's heartbeat beats, and what goes wrong fails the job."""
    with failing_the_job_on_error(store, owner, settings, started):
        with heartbeat(store, owner, settings.heartbeat_seconds):
            yield


@contextmanager
def failing_the_job_on_error(store: JobStore, owner: RunOwner, settings: Settings,
                             started: float) -> Iterator[None]:
    """Turn what goes wrong while processing into a failed job with a message a user can act on."""
    job_id = owner.job_id
    try:
        yield
    except REDIS_ERRORS:
        raise                                    # autoretry with backoff
    except RunCancelled:
        log.info("job %s was deleted or taken over by another task: this task stopped", job_id)
    except StoreFull as exc:
        fail_when_possible(store, owner, f"{exc}; delete finished jobs or give Redis more memory, "
                                         "then submit the dump again")
    except Exception as exc:                     # a bug or a pathological dump: fail this job only
        # the soft limit's exception can surface wrapped by the code it interrupted
        limit = settings.task_soft_time_limit
        if isinstance(exc, SoftTimeLimitExceeded) or time.monotonic() - started >= limit:
            fail_when_possible(store, owner, f"processing took longer than the {limit} s limit and was "
                                             "stopped; split the dump into smaller dumps and submit them")
            return
        log.exception("job %s failed", job_id)
        fail_when_possible(store, owner, f"internal error while processing the dump ({type(exc).__name__}); "
                                         "the dump is kept, so the job can be submitted again or reported")


def fail_when_possible(store: JobStore, owner: RunOwner, message: str) -> None:
    """Fail the job; if Redis is full, say so in the log and leave the job running: its
    heartbeat stops with this task, so the sweeper re-queues it once Redis has room."""
    try:
        store.lifecycle.finish_failed(owner.job_id, message, owner)
    except redis.RedisError as exc:
        log.error("job %s failed (%s) and Redis could not record it (%s)", owner.job_id, message, exc)
