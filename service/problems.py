"""Errors as RFC 9457 problem details (``application/problem+json``), never HTML or tracebacks."""

from __future__ import annotations

import logging

import redis
from apiflask import APIFlask
from apiflask.exceptions import HTTPError
from flask import Response, json, request
from werkzeug.exceptions import HTTPException

from workers.store import StoreFull

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"
REDIS_RETRY_AFTER_SECONDS = 5
REDIS_FULL_RETRY_AFTER_SECONDS = 30


class Problem(HTTPError):
    """An HTTP error with a title and a detail a user can act on."""

    def __init__(self, status: int, detail: str, title: str | None = None,
                 headers: dict | None = None):
        super().__init__(status, message=title, detail=detail, headers=headers)


def problem_response(status: int, title: str, detail: str | None = None,
                     headers: dict | None = None, extra: dict | None = None) -> Response:
    body = {"type": "about:blank", "title": title, "status": status, "instance": request.path}
    if detail:
        body["detail"] = detail
    body.update(extra or {})
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def install_error_handlers(app: APIFlask) -> None:
    @app.error_processor
    def http_error(error: HTTPError) -> Response:
        detail = error.detail
        extra = {}
        if isinstance(detail, dict) and detail:   # validation errors: {"query": {"limit": [...]}}
            extra["errors"] = detail
            detail = "the request's parameters are not valid; see errors"
        return problem_response(error.status_code, error.message, (detail or None) if isinstance(detail, str) else None,
                                error.headers, extra)

    @app.errorhandler(redis.ConnectionError)
    @app.errorhandler(redis.TimeoutError)
    def redis_down(error: Exception) -> Response:
        log.warning("redis unavailable: %s", error)
        return problem_response(503, "Service Unavailable",
                                "the job store (Redis) cannot be reached; retry shortly",
                                {"Retry-After": str(REDIS_RETRY_AFTER_SECONDS)})

    @app.errorhandler(redis.exceptions.OutOfMemoryError)
    @app.errorhandler(StoreFull)
    def redis_full(error: Exception) -> Response:
        # any write a full Redis refuses (maxmemory, noeviction), wherever it happens: the
        # rate limiter's counter, the queue's message, an Idempotency-Key
        log.warning("redis at its memory limit: %s", error)
        return problem_response(503, "Service Unavailable",
                                "the job store (Redis) is at its memory limit; retry later",
                                {"Retry-After": str(REDIS_FULL_RETRY_AFTER_SECONDS)})

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        if isinstance(error, HTTPException):
            return problem_response(error.code or 500, error.name, error.description)
        log.exception("unhandled error on %s %s", request.method, request.path)
        return problem_response(500, "Internal Server Error",
                                "an unexpected error occurred; it has been logged")
