"""What a worker does around a job's tasks, besides the work: the job's id is bound to the
log lines of its task (``logs.py``), and when a job has ended (succeeded or failed) it is
announced once: counted in the workers' metrics and, with a ``callback_url``, its webhook
delivery queued.

The end is noticed after each job or chunk task (Celery's ``task_postrun``, which runs
however the task ended: the job finished, failed with a message, or was given up on at
start), by ``JobTask.on_failure`` (the hard time limit, retries exhausted) and by the
stalled-job sweeper (``liveness.sweep``'s ``on_failed``). Whichever sees it first announces it: a flag set once in the job's hash (``finish_announced``) makes
a redelivered task or a second notice a no-op.
"""

from __future__ import annotations

import logging
from datetime import datetime

from celery import Celery
from celery.signals import task_postrun, task_prerun

from .context import PROCESS_CHUNK, PROCESS_JOB, settings_of, store_of
from .logs import bind_job, unbind_job
from .metrics_store import MetricsStore
from .store import Job
from .store.if_exists import set_once_if_exists
from .store.keys import JobKeys
from .webhooks import DELIVER_WEBHOOK

log = logging.getLogger(__name__)

JOB_TASKS = (PROCESS_JOB, PROCESS_CHUNK)
ANNOUNCED = "finish_announced"


def seconds_between(start: str | None, end: str | None) -> float | None:
    if not start or not end:
        return None
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def on_job_finished(app: Celery, job_id: str) -> bool:
    """Announce the job's end if it has ended and nobody announced it yet; True if this call did."""
    store = store_of(app)
    job = store.records.get(job_id)
    if job is None or not job.status.finished:
        return False
    if not set_once_if_exists(store.redis, JobKeys(job_id).job, ANNOUNCED):
        return False
    record_metrics(MetricsStore(store.redis), job)
    log.info("job %s %s", job_id, job.status.value,
             extra={"job_id": job_id, "status": job.status.value,
                    "articles": (job.summary or {}).get("articles", 0)})
    if job.webhook:
        app.send_task(DELIVER_WEBHOOK, args=[job_id], queue=settings_of(app).webhook_queue)
    return True


def record_metrics(metrics: MetricsStore, job: Job) -> None:
    articles = (job.summary or {}).get("articles", 0) if job.status.value == "succeeded" else 0
    metrics.job_finished(job.status.value, articles, seconds_between(job.started_at, job.finished_at),
                         seconds_between(job.created_at, job.started_at))


@task_prerun.connect
def _bind_job_id(task=None, args=None, **_) -> None:
    if task is not None and task.name in JOB_TASKS + (DELIVER_WEBHOOK,) and args:
        task.request.dumpling_log_token = bind_job(args[0])


@task_postrun.connect
def _after_job_task(task=None, args=None, **_) -> None:
    if task is None or not args:
        return
    try:
        if task.name in JOB_TASKS:
            on_job_finished(task.app, args[0])
    except Exception:                    # a Redis blip: the next notice (or none) will do
        log.warning("could not announce the end of job %s", args[0], exc_info=True)
    finally:
        token = getattr(task.request, "dumpling_log_token", None)
        if token is not None:
            unbind_job(token)
