"""The one Celery app. Settings chosen for at-least-once work on long tasks:

* ``task_acks_late``: a message is acknowledged when its task has finished, not when a
  worker takes it, so a worker that dies mid-job does not lose the job.
* ``task_reject_on_worker_lost``: when the worker's child process is killed (OOM, SIGKILL)
  the message goes back to the queue instead of being acknowledged as failed.
* ``broker_transport_options.visibility_timeout``: Redis redelivers a message that was
  taken but not acknowledged after this many seconds (``DUMPLING_VISIBILITY_TIMEOUT``);
  it must exceed the longest job, or a slow job is run twice (harmlessly: results are
  replaced, not added).
* ``worker_prefetch_multiplier = 1``: a worker takes one job at a time, so a long job does
  not hold others hostage in its prefetch buffer while idle workers wait.
* ``task_soft_time_limit`` / ``task_time_limit``: a job that runs too long is stopped and
  marked failed with a timeout message; the hard limit kills a task that ignores the soft one.
* JSON only (``task_serializer``, ``accept_content``): no pickle on the wire. The message
  carries only the job id; the dump is in Redis.
* Task retries with exponential backoff on Redis connection errors (see ``tasks.py``), and
  the broker connection is retried at start-up and after losses.
"""

from __future__ import annotations

from celery import Celery

from .config import Settings


# Task names: the API and the sweeper send tasks by name, so they need not import the tasks.
PROCESS_JOB = "dumpling.process_job"
PROCESS_CHUNK = "dumpling.process_chunk"
BENCH_NOOP = "dumpling.bench_noop"


def create_celery(settings: Settings | None = None) -> Celery:
    app = Celery("dumpling", include=["workers.tasks"])
    apply_settings(app, settings or Settings.from_env())
    return app


def apply_settings(app: Celery, settings: Settings) -> None:
    app.conf.update(
        broker_url=settings.redis_url,
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        task_ignore_result=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_transport_options={
            "visibility_timeout": settings.visibility_timeout,
            # look for messages of vanished workers every few seconds (kombu's default
            # sweep is every 100 s), so redelivery follows the visibility timeout closely
            "unacked_restore_interval": max(1, min(10, settings.visibility_timeout // 2)),
            "unacked_restore_throttle": 1,
        },
        task_soft_time_limit=settings.task_soft_time_limit,
        task_time_limit=settings.task_time_limit,
        task_default_queue=settings.queue,
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,
        worker_cancel_long_running_tasks_on_connection_loss=True,
        worker_hijack_root_logger=False,
        dumpling_settings=settings.as_dict(),
    )


def settings_of(app: Celery) -> Settings:
    return Settings(**app.conf.dumpling_settings)


app = create_celery()
