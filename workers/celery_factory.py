"""The Celery app factory, ``create_celery(settings)`` (like Flask's ``celery_init_app``):
a new app, configured from typed settings, with the tasks and signals of ``tasks.py`` and
``signals.py``. The API, the tests and the benchmarks each make their own; the worker
process's app is ``celery_app.app``.

Settings chosen for at-least-once work on long tasks:

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
* ``broker_transport``: kombu's Redis transport, but a message is acknowledged without
  MULTI, which a Redis at its memory limit refuses (``broker.py``): a full Redis does not
  end the worker.
* JSON only (``task_serializer``, ``accept_content``): no pickle on the wire. The message
  carries only the job id; the dump is in Redis.
* Task retries with exponential backoff on Redis connection errors (``tasks.register_tasks``),
  and the broker connection is retried at start-up and after losses.
"""

from __future__ import annotations

from celery import Celery

from . import signals  # noqa: F401  (connects the worker signals)
from .config import Settings
from .context import PROCESS_CHUNK, PROCESS_JOB, SETTINGS
from .tasks import register_tasks

__all__ = ["PROCESS_CHUNK", "PROCESS_JOB", "create_celery", "worker_argv"]


def create_celery(settings: Settings) -> Celery:
    app = Celery("dumpling")
    app.conf.update(
        broker_url=settings.redis_url,
        # kombu's Redis transport, acknowledging without MULTI so that a full Redis does
        # not end the worker (broker.py)
        broker_transport="workers.broker:Transport",
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
    )
    app.conf[SETTINGS] = settings            # the object itself: tasks read it with settings_of
    register_tasks(app, settings)
    return app


def worker_argv(settings: Settings, concurrency: int | None = None, name: str | None = None,
                loglevel: str | None = None) -> list[str]:
    """The arguments of ``app.worker_main`` for a worker of the job queue."""
    argv = ["worker", f"--loglevel={loglevel or settings.log_level}", "-Q", settings.queue]
    if concurrency:
        argv.append(f"--concurrency={concurrency}")
    if name:
        argv.append(f"--hostname={name}@%h")
    return argv
