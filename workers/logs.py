"""Log lines of the API and the workers: plain text by default, or one JSON object a line
with ``DUMPLING_LOG_FORMAT=json`` (python-json-logger), for a log collector.

A job is followed across processes by its id: while the API handles a request about a
job, and while a worker runs a task of a job, ``job_id`` is bound (a context variable,
so each thread has its own), and every log line written meanwhile carries it as a field,
Celery's own task lines included.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter

from .config import Settings

_job_id: ContextVar[str | None] = ContextVar("dumpling_job_id", default=None)

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JSON_FIELDS = ["asctime", "levelname", "name", "message"]
JSON_RENAMED = {"asctime": "time", "levelname": "level", "name": "logger"}


def bind_job(job_id: str | None):
    """Bind ``job_id`` to this thread's log lines until ``unbind_job(token)``."""
    return _job_id.set(job_id)


def unbind_job(token) -> None:
    _job_id.reset(token)


@contextmanager
def job_bound(job_id: str | None) -> Iterator[None]:
    token = bind_job(job_id)
    try:
        yield
    finally:
        unbind_job(token)


def current_job_id() -> str | None:
    return _job_id.get()


class JobIdFilter(logging.Filter):
    """Adds ``job_id`` to a record written while a job is bound (lets every record through)."""

    def filter(self, record: logging.LogRecord) -> bool:
        job_id = _job_id.get()
        if job_id is not None and not hasattr(record, "job_id"):
            record.job_id = job_id
        return True


def json_formatter() -> logging.Formatter:
    return JsonFormatter(JSON_FIELDS, rename_fields=JSON_RENAMED, json_ensure_ascii=False)


def formatter(settings: Settings) -> logging.Formatter:
    return json_formatter() if settings.log_format == "json" else logging.Formatter(TEXT_FORMAT)


def configure_logging(settings: Settings, level: str | int | None = None, stream=None) -> None:
    """The process's root logger: one handler on stderr, in the chosen format, with job ids."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter(settings))
    handler.addFilter(JobIdFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    level = level or settings.log_level
    root.setLevel(level.upper() if isinstance(level, str) else level)     # Celery passes a number
    logging.captureWarnings(True)             # warnings become log lines, in the same format


def gunicorn_logconfig(settings: Settings) -> dict:
    """gunicorn's ``logconfig_dict`` for JSON lines: its error and access logs and the app's
    loggers, all on stderr, carrying the request's job id. Empty (gunicorn's own format) for text."""
    if settings.log_format != "json":
        return {}
    handler = {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "json",
               "filters": ["job_id"]}
    level = settings.log_level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "workers.logs.json_formatter"}},
        "filters": {"job_id": {"()": "workers.logs.JobIdFilter"}},
        "handlers": {"console": dict(handler), "error_console": dict(handler)},
        "root": {"level": level, "handlers": ["console"]},
        "loggers": {
            "gunicorn.error": {"level": level, "handlers": ["error_console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
    }
