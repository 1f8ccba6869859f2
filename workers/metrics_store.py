"""The workers' metrics, kept in Redis so that the API's ``/metrics`` shows them.

A worker is a Celery process (often a pool of them, on several machines); giving each its
own exporter port would leave Prometheus to discover every worker. Instead a worker adds
to one Redis hash (``keys.METRICS``: ``HINCRBY`` and ``HINCRBYFLOAT``, atomic, one round
trip per finished job), and the API reads it at scrape time (``service/metrics.py``). The
counts survive worker restarts and are the same whichever API process is scraped.

Fields of the hash:

    finished:{status}            jobs that ended with that status (succeeded, failed)
    articles                     articles extracted by succeeded jobs
    webhooks:{outcome}           webhook deliveries: delivered, failed (after all retries)
    {histogram}:bucket:{le}      observations in (previous bound, le]; ``+Inf`` the rest
    {histogram}:sum, :count      their sum and number
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import redis

from .store.keys import METRICS

# Upper bounds (seconds): jobs run from well under a second (the seed dump) to the 30-minute
# soft limit; a job waits for a worker from milliseconds to hours when the queue is long.
DURATION_BUCKETS = (0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, math.inf)
QUEUE_WAIT_BUCKETS = (0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600, math.inf)
HISTOGRAMS = {"duration": DURATION_BUCKETS, "queue_wait": QUEUE_WAIT_BUCKETS}


def bound_name(bound: float) -> str:
    """A bucket's ``le`` as Prometheus spells it."""
    return "+Inf" if math.isinf(bound) else repr(float(bound))


def bucket_of(value: float, bounds: Sequence[float]) -> float:
    return next(bound for bound in bounds if value <= bound)


@dataclass(frozen=True)
class Histogram:
    buckets: list[tuple[str, int]]        # (le, cumulative count), ending with +Inf
    sum: float


@dataclass(frozen=True)
class WorkerMetrics:
    finished: dict[str, int]
    articles: int
    webhooks: dict[str, int]
    histograms: dict[str, Histogram]


class MetricsStore:
    """The metrics hash, through ``client``. It holds nothing but the client (no connection,
    no script), so callers make one where they need it: about 0.3 us, against some 50 us
    for the Redis round trip it is made for."""

    def __init__(self, client: redis.Redis):
        self.client = client

    def job_finished(self, status: str, articles: int, duration: float | None, queue_wait: float | None) -> None:
        """Count one finished job (once per job: ``job_events`` makes sure)."""
        with self.client.pipeline(transaction=False) as pipe:
            pipe.hincrby(METRICS, f"finished:{status}", 1)
            if articles:
                pipe.hincrby(METRICS, "articles", articles)
            for name, value in (("duration", duration), ("queue_wait", queue_wait)):
                if value is not None:
                    self._observe(pipe, name, max(0.0, value))
            pipe.execute()

    def webhook_done(self, outcome: str) -> None:
        self.client.hincrby(METRICS, f"webhooks:{outcome}", 1)

    @staticmethod
    def _observe(pipe: redis.client.Pipeline, name: str, value: float) -> None:
        pipe.hincrby(METRICS, f"{name}:bucket:{bound_name(bucket_of(value, HISTOGRAMS[name]))}", 1)
        pipe.hincrbyfloat(METRICS, f"{name}:sum", value)
        pipe.hincrby(METRICS, f"{name}:count", 1)

    def read(self) -> WorkerMetrics:
        raw = {k.decode(): v.decode() for k, v in self.client.hgetall(METRICS).items()}

        def prefixed(prefix: str) -> dict[str, int]:
            return {k[len(prefix):]: int(v) for k, v in raw.items() if k.startswith(prefix)}

        histograms = {}
        for name, bounds in HISTOGRAMS.items():
            cumulative, buckets = 0, []
            for bound in bounds:
                cumulative += int(raw.get(f"{name}:bucket:{bound_name(bound)}", 0))
                buckets.append((bound_name(bound), cumulative))
            histograms[name] = Histogram(buckets, float(raw.get(f"{name}:sum", 0.0)))
        return WorkerMetrics(prefixed("finished:"), int(raw.get("articles", 0)), prefixed("webhooks:"), histograms)
