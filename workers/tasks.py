"""The job task: read the dump from Redis, run the pipeline, store the articles."""

from __future__ import annotations

import logging
import threading

import redis
from celery import Task
from celery.exceptions import SoftTimeLimitExceeded

from .celery_app import app, settings_of
from .pipeline import Plan
from .store import JobStore

log = logging.getLogger(__name__)
REDIS_ERRORS = (redis.ConnectionError, redis.TimeoutError)

_stores: dict[str, JobStore] = {}
_stores_lock = threading.Lock()


def job_store(celery_app) -> JobStore:
    """One store (and connection pool) per worker process and Redis URL."""
    settings = settings_of(celery_app)
    with _stores_lock:
        store = _stores.get(settings.redis_url)
        if store is None:
            client = redis.Redis.from_url(settings.redis_url, health_check_interval=30)
            store = _stores[settings.redis_url] = JobStore(client, settings.retention_seconds)
    return store


@app.task(name="dumpling.process_job", bind=True, autoretry_for=REDIS_ERRORS, retry_backoff=True,
          retry_backoff_max=60, retry_jitter=True, max_retries=12)
def process_job(self: Task, job_id: str) -> None:
    store = job_store(self.app)
    if not store.mark_running(job_id):
        return                                   # deleted, expired, or already finished
    text = store.get_dump(job_id)
    if text is None:
        store.finish_failed(job_id, "the dump is no longer stored (deleted or past retention); submit it again")
        return
    try:
        run_pipeline(store, job_id, text)
    except SoftTimeLimitExceeded:
        limit = settings_of(self.app).task_soft_time_limit
        store.finish_failed(job_id, f"processing took longer than the {limit} s limit and was stopped; "
                                    "split the dump into smaller dumps and submit them")
    except REDIS_ERRORS:
        raise                                    # autoretry with backoff
    except Exception as exc:                     # a bug or a pathological dump: fail this job only
        log.exception("job %s failed", job_id)
        store.finish_failed(job_id, f"internal error while processing the dump ({type(exc).__name__}); "
                                    "the dump is kept, so the job can be submitted again or reported")


def run_pipeline(store: JobStore, job_id: str, text: str) -> None:
    plan = Plan(text)
    found = len(plan)
    store.set_progress(job_id, found, 0)
    run, languages = store.write_articles(
        job_id, (article.to_dict() for article in plan),
        on_progress=lambda done: store.set_progress(job_id, max(found, done), done))
    store.finish_succeeded(job_id, run, languages)
