"""Job liveness: running jobs beat a heartbeat; a sweeper finds jobs whose worker vanished.

Normally a job whose worker dies is redelivered by the broker after the visibility
timeout. When the task itself is lost (the message was acknowledged, or Redis lost it),
nothing would ever finish the job. So while a job runs, a thread refreshes its heartbeat
every ``DUMPLING_HEARTBEAT_SECONDS``; and every worker runs a sweeper (one at a time, under a Redis
lock) that re-queues a job whose heartbeat is older than the redelivery would take, or
fails it once it has been started ``DUMPLING_MAX_ATTEMPTS`` times.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .store import JobStore
from .store.keys import SWEEPER_LOCK

log = logging.getLogger(__name__)

# A job is stalled when it has been silent well past the moment the broker's own redelivery
# (after one visibility timeout) would have restarted it: twice that timeout plus a few
# missed beats, a margin so that the sweeper does not race the broker.
STALE_VISIBILITY_TIMEOUTS = 2
STALE_HEARTBEATS = 6
# The sweeper looks every two heartbeats: a stalled job waits at most that long past its
# staleness, and one sweep (a ZRANGEBYSCORE on the running set) is cheap.
SWEEP_HEARTBEATS = 2


def stale_after(visibility_timeout: int, heartbeat_seconds: float) -> float:
    """Longer than the broker's own redelivery: visibility timeouts plus sweep slack."""
    return STALE_VISIBILITY_TIMEOUTS * visibility_timeout + STALE_HEARTBEATS * heartbeat_seconds


def sweep_period(heartbeat_seconds: float) -> float:
    return SWEEP_HEARTBEATS * heartbeat_seconds


@contextmanager
def heartbeat(store: JobStore, job_id: str, every: float) -> Iterator[None]:
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(every):
            try:
                store.lifecycle.beat(job_id)
            except Exception:            # a Redis blip must not kill the job; the next beat retries
                log.warning("heartbeat of job %s failed", job_id, exc_info=True)

    thread = threading.Thread(target=beat, name=f"heartbeat-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=every + 1)


def sweep(store: JobStore, requeue: Callable[[str], None], older_than: float,
          on_failed: Callable[[str], None] | None = None) -> list[str]:
    """Re-queue (or fail) running jobs with a stale heartbeat; returns their ids.
    ``on_failed`` hears of a job failed here (``job_events``: counted, its webhook queued)."""
    stalled = store.lifecycle.stalled_jobs(older_than)
    for job_id in stalled:
        if store.lifecycle.requeue_stalled(job_id):
            requeue(job_id)
            log.warning("job %s stalled (no heartbeat for %.0f s): re-queued", job_id, older_than)
        else:
            log.warning("job %s stalled and was started too often: failed", job_id)
            if on_failed is not None:
                on_failed(job_id)
    return stalled


def run_sweeper(store: JobStore, requeue: Callable[[str], None], older_than: float,
                every: float, stop: threading.Event, on_failed: Callable[[str], None] | None = None) -> None:
    """Sweep every ``every`` seconds; one sweeper at a time across all workers."""
    while not stop.wait(every):
        try:
            if store.redis.set(SWEEPER_LOCK, "1", nx=True, ex=max(1, int(every))):
                sweep(store, requeue, older_than, on_failed)
        except Exception:
            log.warning("sweep for stalled jobs failed", exc_info=True)
