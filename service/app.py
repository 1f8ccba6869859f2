"""The Flask application factory."""

from __future__ import annotations

from dataclasses import dataclass

import redis
from apiflask import APIFlask
from celery import Celery

from workers.broker import publishing_into
from workers.celery_factory import PROCESS_JOB, create_celery
from workers.config import Settings
from workers.store import JobStore

from . import health, jobs
from .auth import install_api_keys
from .limits import install_rate_limit
from .metrics import install_metrics
from .problems import install_error_handlers
from .web import pages as web_pages
from .web.docs import declare_api_key, install_docs
from .request_logs import install_request_logs


@dataclass
class Dependencies:
    """What the views need, created once per app: settings, the store, the Celery app."""

    settings: Settings
    store: JobStore
    celery: Celery

    def enqueue_into(self, tx: redis.client.Pipeline, job_id: str) -> None:
        """Add the job's message and its task-sent event (Flower's) to the transaction that
        stores the job (``workers/broker.py``): one round trip for all, and the message
        exists exactly when the job does. Only the id travels: the dump is in the job."""
        before = len(tx.command_stack)
        with publishing_into(tx), self.celery.producer_pool.acquire(block=True) as producer, producer.batch():
            # declare=[]: the message goes to the queue's list by name (the default exchange);
            # declaring the queue's binding again for each message costs a tenth of the publish
            self.celery.send_task(PROCESS_JOB, args=[job_id], queue=self.settings.queue, producer=producer,
                                  declare=[])
        added = [args[0] for args, _ in tx.command_stack[before:]]
        if added.count("LPUSH") != 1:             # the message itself, exactly once, in the transaction
            raise RuntimeError(f"the job's message was not added to its transaction once ({added})")


def create_app(settings: Settings | None = None, celery: Celery | None = None) -> APIFlask:
    settings = settings or Settings.from_env()
    if celery is None:
        celery = create_celery(settings)
    app = APIFlask("dumpling", title="Dumpling API", version="1", spec_path="/openapi.json",
                   docs_path="/docs")
    app.json.sort_keys = False                  # keep fields in the documented order
    app.json.ensure_ascii = False               # Arabic reads as Arabic, not \u0627 escapes
    app.config.update(
        VALIDATION_ERROR_STATUS_CODE=400,       # a malformed query string is the client's 400
        AUTO_VALIDATION_ERROR_RESPONSE=True,
        INFO={"description": "Turn raw news text dumps into clean, structured articles."},
    )
    client = redis.Redis.from_url(settings.redis_url, socket_timeout=5, socket_connect_timeout=2,
                                  health_check_interval=30)
    store = JobStore.from_settings(client, settings)
    app.extensions["dumpling"] = Dependencies(settings, store, celery)
    install_error_handlers(app)
    install_api_keys(app, settings.api_keys)
    app.register_blueprint(jobs.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(web_pages.bp)
    install_docs(app)
    install_rate_limit(app, settings)
    install_metrics(app)                        # GET /metrics (service/metrics.py)
    install_request_logs(app)

    app.spec_processor(lambda spec: declare_api_key(_document_what_decorators_cannot(spec), bool(settings.api_keys)))

    return app


def _document_what_decorators_cannot(spec: dict) -> dict:
    """The intake's several body types, its headers, and problem+json on every error."""
    operation = spec["paths"]["/v1/jobs"]["post"]
    operation["requestBody"] = jobs.INTAKE_BODY
    operation.setdefault("parameters", []).append({
        "name": "Idempotency-Key", "in": "header", "required": False, "schema": {"type": "string"},
        "description": "a retried POST with the same key returns the same job"})
    operation["responses"]["202"]["headers"] = {
        "Location": {"description": "the job's URL", "schema": {"type": "string"}}}
    schemas_ = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas_["Problem"] = {
        "type": "object",
        "description": "RFC 9457 problem details",
        "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                       "detail": {"type": "string"}, "instance": {"type": "string"},
                       "errors": {"type": "object"}},
        "required": ["type", "title", "status"],
    }
    for path in spec["paths"].values():
        for op in path.values():
            for code, response in op.get("responses", {}).items():
                if code.isdigit() and int(code) >= 400:
                    response["content"] = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    schemas_.pop("HTTPError", None)
    schemas_.pop("ValidationError", None)
    return spec
