"""``GET /metrics``: Prometheus metrics, all named ``dumpling_*`` (the README lists them).

The API's own counts (submissions, bytes accepted, refusals) are ``prometheus_client``
counters; under gunicorn its processes share them through files in
``PROMETHEUS_MULTIPROC_DIR`` (``serve.py`` makes a private one when unset). What the
workers count (jobs finished, durations, articles, webhooks) is kept in Redis
(``workers/metrics_store.py``) and read at scrape time, with the queue's depth, by
``StoreCollector``: so one scrape of any API process shows the whole service.
"""

from __future__ import annotations

import logging

import redis
from apiflask import APIBlueprint, APIFlask
from flask import Response, current_app, request
from prometheus_client import REGISTRY, CollectorRegistry, Counter, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.multiprocess import MultiProcessCollector

from workers.metrics_store import MetricsStore
from workers.store import JobStore
from workers.store.keys import RUNNING

log = logging.getLogger(__name__)
bp = APIBlueprint("metrics", __name__)

SUBMITTED = Counter("dumpling_jobs_submitted", "Jobs accepted by POST /v1/jobs (202; an idempotent replay not counted)")
BYTES_ACCEPTED = Counter("dumpling_bytes_accepted", "Bytes of dumps accepted (as stored: UTF-8, decompressed)")
REJECTED = Counter("dumpling_intake_rejections", "Submissions refused by POST /v1/jobs, by reason", ["reason"])

REASONS = {400: "bad_request", 401: "unauthorized", 409: "idempotency_conflict", 413: "too_large",
           415: "unsupported_media_type", 422: "unprocessable", 429: "rate_limited", 503: "unavailable"}


def count_submission(job_id: str, size: int) -> None:
    SUBMITTED.inc()
    BYTES_ACCEPTED.inc(size)
    log.info("job %s submitted (%d bytes)", job_id, size, extra={"job_id": job_id, "dump_bytes": size})


class StoreCollector:
    """The workers' counters and the queue, read from Redis when Prometheus scrapes."""

    def __init__(self, store: JobStore):
        self.store = store

    def collect(self):
        try:
            worker = MetricsStore(self.store.redis).read()
            queued_jobs, queued_bytes = self.store.backlog.size()
            running = self.store.redis.zcard(RUNNING)
        except redis.RedisError as exc:
            log.warning("metrics: Redis unavailable (%s)", exc)
            yield GaugeMetricFamily("dumpling_store_up", "1 if Redis answered this scrape", value=0)
            return
        yield GaugeMetricFamily("dumpling_store_up", "1 if Redis answered this scrape", value=1)
        finished = CounterMetricFamily("dumpling_jobs_finished", "Jobs that ended, by status", labels=["status"])
        for status in ("succeeded", "failed"):
            finished.add_metric([status], worker.finished.get(status, 0))
        yield finished
        yield CounterMetricFamily("dumpling_articles_extracted", "Articles of succeeded jobs", value=worker.articles)
        webhooks = CounterMetricFamily("dumpling_webhook_deliveries", "Completion webhooks, by outcome "
                                       "(failed: after every retry)", labels=["outcome"])
        for outcome in ("delivered", "failed"):
            webhooks.add_metric([outcome], worker.webhooks.get(outcome, 0))
        yield webhooks
        for name, help_text in (("duration", "Seconds from a job's start on a worker to its end"),
                                ("queue_wait", "Seconds a job waited in the queue before a worker started it")):
            histogram = worker.histograms[name]
            yield HistogramMetricFamily(f"dumpling_job_{name}_seconds", help_text, buckets=histogram.buckets,
                                        sum_value=histogram.sum)
        yield GaugeMetricFamily("dumpling_queue_depth", "Jobs waiting for a worker", value=queued_jobs)
        yield GaugeMetricFamily("dumpling_queued_bytes", "Bytes of the dumps waiting for a worker", value=queued_bytes)
        yield GaugeMetricFamily("dumpling_jobs_running", "Jobs a worker is running", value=running)


def api_registry() -> CollectorRegistry:
    """This process's counters, or, under gunicorn, every process's (multi-process mode)."""
    folder = current_app.extensions["dumpling"].settings.prometheus_multiproc_dir
    if not folder:
        return REGISTRY
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=folder)
    return registry


@bp.get("/metrics")
@bp.doc(hide=True)
def metrics() -> Response:
    store_registry = CollectorRegistry(auto_describe=False)
    store_registry.register(StoreCollector(current_app.extensions["dumpling"].store))
    body = generate_latest(api_registry()) + generate_latest(store_registry)
    return Response(body, content_type=CONTENT_TYPE_LATEST)


def install_metrics(app: APIFlask) -> None:
    app.register_blueprint(bp)

    @app.after_request
    def count_refusals(response: Response) -> Response:
        if request.endpoint == "v1.create_job" and response.status_code >= 400:
            REJECTED.labels(REASONS.get(response.status_code, f"http_{response.status_code}")).inc()
        return response
