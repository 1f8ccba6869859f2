"""Health checks: /healthz (the process answers) and /readyz (Redis and a worker answer)."""

from __future__ import annotations

import redis
from apiflask import APIBlueprint
from flask import current_app

from . import schemas

bp = APIBlueprint("health", __name__, tag="health")
WORKER_PING_TIMEOUT = 1.0


@bp.get("/healthz")
@bp.output(schemas.Health)
@bp.doc(summary="Liveness: the API process answers")
def healthz():
    return {"status": "ok", "checks": {}}


@bp.get("/readyz")
@bp.output(schemas.Health)
@bp.doc(summary="Readiness: Redis is reachable and at least one worker answers",
        responses={200: "Ready", 503: "Not ready"})
def readyz():
    deps = current_app.extensions["dumpling"]
    checks = {"redis": "ok", "workers": 0}
    try:
        deps.store.redis.ping()
    except (redis.ConnectionError, redis.TimeoutError):
        # the error names Redis's address (and /readyz is open with API keys on): not shown
        checks["redis"] = "unreachable"
    if checks["redis"] == "ok":
        checks["workers"] = len(deps.celery.control.ping(timeout=WORKER_PING_TIMEOUT) or [])
    ready = checks["redis"] == "ok" and checks["workers"] > 0
    return {"status": "ready" if ready else "not ready", "checks": checks}, 200 if ready else 503
