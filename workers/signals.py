"""What a worker process does besides tasks: load the language profiles when a pool
process starts, and run the stalled-job sweeper while the worker runs."""

from __future__ import annotations

import threading

from celery.signals import worker_process_init, worker_ready, worker_shutdown

from . import job_events
from .context import PROCESS_JOB, settings_of, store_of
from .liveness import chunked_stale_after, run_sweeper, sweep_period
from .pipeline.language_backends import load as load_language_backend


@worker_process_init.connect
def load_language_profiles(**_) -> None:
    """Load the language backend's model when a pool process starts, not inside the first
    job (where a time limit could interrupt the load)."""
    from celery import current_app

    load_language_backend(settings_of(current_app).language_backend)


@worker_ready.connect
def start_sweeper(sender, **_) -> None:
    """Each worker looks for stalled jobs (one sweep at a time, under a Redis lock)."""
    celery_app = sender.app
    settings = settings_of(celery_app)
    stop = threading.Event()

    def requeue(job_id: str) -> None:
        celery_app.send_task(PROCESS_JOB, args=[job_id], queue=settings.queue)

    threading.Thread(target=run_sweeper, name="stalled-job-sweeper", daemon=True,
                     args=(store_of(celery_app), requeue,
                           settings.stale_seconds,
                           chunked_stale_after(settings.visibility_timeout, settings.heartbeat_seconds),
                           sweep_period(settings.heartbeat_seconds), stop,
                           lambda job_id: job_events.on_job_finished(celery_app, job_id))).start()
    worker_shutdown.connect(lambda **_: stop.set(), weak=False)
