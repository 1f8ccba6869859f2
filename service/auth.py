"""API keys and tenants.

With ``DUMPLING_API_KEYS`` set (comma-separated), every endpoint but the health checks
needs ``Authorization: Bearer <key>``. A job belongs to the key that created it: the
tenant is a hash of the key (the key itself is never stored or logged), and another key
gets 404 for the job, its articles and its deletion. Keys are compared in constant time.
Without keys, everything belongs to one anonymous tenant.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask, g, request

from .problems import Problem

OPEN_PATHS = ("/healthz", "/readyz")
# The docs and the OpenAPI document are public (a browser cannot send a Bearer header, and
# Swagger UI's "Authorize" needs them first); the web page checks its own key cookie.
OWN_AUTH_BLUEPRINTS = ("openapi", "docs_assets", "web")
ANONYMOUS = ""


def tenant_of(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def current_tenant() -> str:
    return g.get("tenant", ANONYMOUS)


def matching_tenant(presented: str, keys: tuple[str, ...]) -> str | None:
    """The tenant of ``presented`` if it is one of ``keys``, else None."""
    candidate = presented.strip().encode("utf-8")
    # compare against every key, without stopping early, so timing says nothing
    matched = None
    for key in keys:
        if hmac.compare_digest(candidate, key.encode("utf-8")):
            matched = key
    return None if matched is None else tenant_of(matched)


def install_api_keys(app: Flask, keys: tuple[str, ...]) -> None:
    if not keys:
        return

    @app.before_request
    def require_key() -> None:
        if request.path in OPEN_PATHS or request.blueprint in OWN_AUTH_BLUEPRINTS:
            return
        scheme, _, presented = (request.headers.get("Authorization") or "").partition(" ")
        if scheme.lower() != "bearer" or not presented:
            raise _unauthorized("send Authorization: Bearer <API key>")
        tenant = matching_tenant(presented, keys)
        if tenant is None:
            raise _unauthorized("the API key is not valid")
        g.tenant = tenant


def _unauthorized(detail: str) -> Problem:
    return Problem(401, detail, "Unauthorized", headers={"WWW-Authenticate": 'Bearer realm="dumpling"'})
