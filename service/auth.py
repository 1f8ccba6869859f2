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
ANONYMOUS = ""


def tenant_of(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def current_tenant() -> str:
    return g.get("tenant", ANONYMOUS)


def install_api_keys(app: Flask, keys: tuple[str, ...]) -> None:
    if not keys:
        return
    encoded = [key.encode("utf-8") for key in keys]

    @app.before_request
    def require_key() -> None:
        if request.path in OPEN_PATHS:
            return
        scheme, _, presented = (request.headers.get("Authorization") or "").partition(" ")
        if scheme.lower() != "bearer" or not presented:
            raise _unauthorized("send Authorization: Bearer <API key>")
        candidate = presented.strip().encode("utf-8")
        # compare against every key, without stopping early, so timing says nothing
        matched = None
        for key in encoded:
            if hmac.compare_digest(candidate, key):
                matched = key
        if matched is None:
            raise _unauthorized("the API key is not valid")
        g.tenant = tenant_of(matched.decode("utf-8"))


def _unauthorized(detail: str) -> Problem:
    return Problem(401, detail, "Unauthorized", headers={"WWW-Authenticate": 'Bearer realm="dumpling"'})
