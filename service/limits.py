"""Per-key rate limit on submissions (Flask-Limiter, counted in Redis so it holds across
every API process). ``DUMPLING_RATE_LIMIT`` (e.g. "120/minute") turns it on."""

from __future__ import annotations

from flask import Flask, request
from flask_limiter import Limiter

from workers.config import Settings

from .auth import current_tenant


def install_rate_limit(app: Flask, settings: Settings) -> None:
    if not settings.rate_limit:
        return
    limiter = Limiter(
        key_func=_submitter,
        app=app,
        storage_uri=settings.redis_url,
        strategy="moving-window",
        headers_enabled=True,            # Retry-After and X-RateLimit-* on the answers
        swallow_errors=True,             # Redis down: the store answers 503, not the limiter
        key_prefix="dumpling-rate",
    )
    # one count for both ways in: the API and the web page's form
    limit = limiter.shared_limit(settings.rate_limit, scope="submissions", methods=["POST"])
    for endpoint in ("v1.create_job", "web.submit"):
        app.view_functions[endpoint] = limit(app.view_functions[endpoint])


def _submitter() -> str:
    """The tenant (API key) when keys are on, else the client's address."""
    return current_tenant() or request.remote_addr or "unknown"
