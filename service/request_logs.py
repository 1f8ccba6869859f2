"""The job a request is about, bound to the request's log lines (``workers/logs.py``), so a
job is traced from the API's log into the workers'."""

from __future__ import annotations

from flask import Flask, g, request

from workers.logs import bind_job, unbind_job

from .views import parse_article_id


def job_of_request() -> str | None:
    args = request.view_args or {}
    if "job_id" in args:
        return args["job_id"]
    parsed = parse_article_id(args.get("article_id", ""))
    return parsed[0] if parsed else None


def install_request_logs(app: Flask) -> None:
    @app.before_request
    def bind() -> None:
        g.log_token = bind_job(job_of_request())

    @app.teardown_request
    def unbind(_exc) -> None:
        token = g.pop("log_token", None)
        if token is not None:
            unbind_job(token)
