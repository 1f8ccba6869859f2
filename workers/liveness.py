"""Job liveness: running jobs beat a heartbeat; a sweeper finds jobs whose task is gone.

A job's task can vanish in two ways: its worker dies (the broker redelivers the message,
but only after the visibility timeout, an hour by default), or Redis goes away for a while
(the worker cancels its running tasks and their messages stay parked until that same
timeout). Neither should hold a job for an hour. So while a job runs, a thread refreshes its
heartbeat every ``DUMPLING_HEARTBEAT_SECONDS``, and every worker runs a sweeper (one at a
time, under a Redis lock) that re-queues a job silent for ``Settings.stale_seconds``, or
fails it once it has been started ``DUMPLING_MAX_ATTEMPTS`` times.

Never twice: re-queueing takes the job from its old task (``store.lifecycle.RunOwner``),
which stops at its next write if it was still alive; and a late redelivery of the old
message finds the job finished, or running with a fresh heartbeat, and leaves it alone.

The chunks of a big dump may wait in the queue behind other work with nobody beating for
their job, so a chunked run is re-queued only past the old, longer bound: two visibility
timeouts and a few beats.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .store import JobStore, RunOwner
from .store.keys import SWEEPER_LOCK

log = logging.getLogger(__name__)

STALE_VISIBILITY_TIMEOUTS = 2
CHUNKED_STALE_HEARTBEATS = 6
# The sweeper looks every two heartbeats: a stalled job waits at most that long past its
# staleness, and one sweep (a ZRANGEBYSCORE on the running set) is cheap.
SWEEP_HEARTBEATS = 2


def chunked_stale_after(visibility_timeout: int, heartbeat_seconds: float) -> float:
    """A chunked run is stalled past the broker's own redelivery: visibility timeouts plus slack."""
    return STALE_VISIBILITY_TIMEOUTS * visibility_timeout + CHUNKED_STALE_HEARTBEATS * heartbeat_seconds


def sweep_period(heartbeat_seconds: float) -> float:
    return SWEEP_HEARTBEATS * heartbeat_seconds


@contextmanager
def heartbeat(store: JobStore, owner: RunOwner, every: float) -> Iterator[None]:
    """Beat for the job while the block runs; stops beating once the task no longer owns it
    (the task finds out at its next write and stops)."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(every):
            try:
                if not store.lifecycle.beat(owner):
                    return
            except Exception:            # a Redis blip must not kill the job; the next beat retries
                log.warning("heartbeat of job %s failed", owner.job_id, exc_info=True)

    thread = threading.Thread(target=beat, name=f"heartbeat-{owner.job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=every + 1)


def sweep(store: JobStore, requeue: Callable[[str], None], older_than: float,
          chunked_older_than: float | None = None, on_failed: Callable[[str], None] | None = None) -> list[str]:
    """Re-queue (or fail) running jobs with a stale heartbeat; returns their ids. Also
    prunes the backlog of jobs that expired while queued. ``on_failed`` hears of a job
    failed here (``job_events``: counted, its webhook queued)."""
    stalled = []
    for job_id in store.lifecycle.stalled_jobs(older_than):
        outcome = store.lifecycle.requeue_stalled(job_id, chunked_older_than)
        if outcome is None:
            continue                     # a chunked run, not silent long enough yet
        stalled.append(job_id)
        if outcome:
            requeue(job_id)
            log.warning("job %s stalled (no heartbeat for %.0f s): re-queued", job_id, older_than)
        else:
            log.warning("job %s stalled and is gone or was started too often (then failed)", job_id)
            if on_failed is not None:
                on_failed(job_id)        # announces an end only once, and none for a job that is gone
    store.backlog.prune_expired()
    return stalled


def run_sweeper(store: JobStore, requeue: Callable[[str], None], older_than: float,
                chunked_older_than: float, every: float, stop: threading.Event,
                on_failed: Callable[[str], None] | None = None) -> None:
    """Sweep every ``every`` seconds; one sweeper at a time across all workers."""
    while not stop.wait(every):
        try:
            if store.redis.set(SWEEPER_LOCK, "1", nx=True, ex=max(1, int(every))):
                sweep(store, requeue, older_than, chunked_older_than, on_failed)
        except Exception:
            log.warning("sweep for stalled jobs failed", exc_info=True)
