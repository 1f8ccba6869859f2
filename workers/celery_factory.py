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
* Two queues, both consumed by every worker: the jobs' (``DUMPLING_QUEUE``) and the
  completion webhooks' (``DUMPLING_WEBHOOK_QUEUE``), so a delivery never waits behind
  the queued jobs (``webhooks.py``).
* Task events on (``worker_send_task_events``, ``task_send_sent_event``): Flower and
  ``celery events`` show tasks as they are sent, started and finished.
* ``DUMPLING_LOG_FORMAT=json``: the worker's log lines are JSON objects (``logs.py``).
"""

from __future__ import annotations

from celery import Celery
from celery.signals import setup_logging
from kombu import Queue

from . import job_events, signals  # noqa: F401  (connect the worker signals)
from .config import Settings
from .context import PROCESS_CHUNK, PROCESS_JOB, SETTINGS
from .logs import configure_logging
from .tasks import register_tasks
from .webhooks import DELIVER_WEBHOOK, register_webhook_task

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
        task_queues=[Queue(settings.queue), Queue(settings.webhook_queue)],
        task_routes={DELIVER_WEBHOOK: {"queue": settings.webhook_queue}},
        worker_send_task_events=True,
        task_send_sent_event=True,
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,
        worker_cancel_long_running_tasks_on_connection_loss=True,
        worker_hijack_root_logger=False,
    )
    app.conf[SETTINGS] = settings            # the object itself: tasks read it with settings_of
    register_tasks(app, settings)
    register_webhook_task(app, settings)
    if settings.log_format == "json":
        # set up now, so that Celery's start-up checks warn in JSON too; connected, the
        # signal replaces Celery's own logging set-up with ours
        configure_logging(settings)
        setup_logging.connect(lambda loglevel=None, **_: configure_logging(settings, loglevel), weak=False)
    return app


def worker_argv(settings: Settings, concurrency: int | None = None, name: str | None = None,
                loglevel: str | None = None) -> list[str]:
    """The arguments of ``app.worker_main`` for a worker of the job and webhook queues."""
    queues = f"{settings.queue},{settings.webhook_queue}"
    argv = ["worker", f"--loglevel={loglevel or settings.log_level}", "-Q", queues]
    if concurrency:
        argv.append(f"--concurrency={concurrency}")
    if name:
        argv.append(f"--hostname={name}@%h")
    if settings.log_format == "json":
        argv.insert(0, "--quiet")           # (a global option) no start-up banner: every line is JSON
    return argv
