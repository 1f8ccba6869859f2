"""Settings: every environment variable Dumpling reads, read here once (12-factor), with
defaults that work on one machine. The processes build one ``Settings`` at start and pass
it down: the Flask app, the Celery app and the commands all take it as an object."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

DAY = 24 * 3600


def _number(name: str, default, kind=int):
    """A positive number from the environment, or the default when unset."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise SystemExit(f"dumpling: {name} must be a {kind.__name__}, not {raw!r}") from None
    if value <= 0:
        raise SystemExit(f"dumpling: {name} must be positive, not {value}")
    return value


def _text(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


@dataclass(frozen=True)
class Settings:
    """Every setting, its environment variable, and its default."""

    # --- where things are, and how much is accepted
    redis_url: str = "redis://127.0.0.1:6379/0"          # REDIS_URL
    redis_url_set: bool = False                          # REDIS_URL was set (else `dumpling up` starts a private Redis)
    max_dump_bytes: int = 64 * 1024 * 1024               # DUMPLING_MAX_DUMP_BYTES
    retention_seconds: int = 7 * DAY                     # DUMPLING_RETENTION_SECONDS
    page_size: int = 100                                 # DUMPLING_PAGE_SIZE (default page of lists)
    max_page_size: int = 1000                            # DUMPLING_MAX_PAGE_SIZE
    queue: str = "dumpling"                              # DUMPLING_QUEUE
    max_queued_jobs: int = 10_000                        # DUMPLING_MAX_QUEUED_JOBS
    max_queued_bytes: int = 2 * 1024 ** 3                # DUMPLING_MAX_QUEUED_BYTES
    api_keys: tuple[str, ...] = ()                       # DUMPLING_API_KEYS (comma-separated)
    rate_limit: str = ""                                 # DUMPLING_RATE_LIMIT, e.g. "120/minute"

    # --- how the workers run a job
    visibility_timeout: int = 3600                       # DUMPLING_VISIBILITY_TIMEOUT
    task_soft_time_limit: int = 1800                     # DUMPLING_TASK_SOFT_TIME_LIMIT
    task_time_limit: int = 1860                          # DUMPLING_TASK_TIME_LIMIT
    heartbeat_seconds: float = 5.0                       # DUMPLING_HEARTBEAT_SECONDS
    chunk_bytes: int = 4 * 1024 * 1024                   # DUMPLING_CHUNK_BYTES
    # starts of one job (redeliveries and re-queues included) before it is failed: a dump
    # that kills its worker every time must not be retried forever
    max_attempts: int = 5                                # DUMPLING_MAX_ATTEMPTS
    # articles a worker sends to Redis in one round trip; progress is reported per batch
    write_batch: int = 500                               # DUMPLING_WRITE_BATCH
    # while Redis is unreachable a task retries with exponential backoff (with jitter), at
    # most this many times and waiting at most this long between tries; then its job is
    # failed. The defaults ride out about ten minutes of outage.
    redis_retries: int = 12                              # DUMPLING_REDIS_RETRIES
    redis_retry_backoff_max: int = 60                    # DUMPLING_REDIS_RETRY_BACKOFF_MAX (seconds)

    # --- the processes: `dumpling serve`, `worker`, `submit`
    host: str = "127.0.0.1"                              # DUMPLING_HOST (where `serve` listens)
    port: int = 8000                                     # DUMPLING_PORT
    http_workers: int = 2                                # DUMPLING_HTTP_WORKERS (gunicorn processes)
    http_threads: int = 4                                # DUMPLING_HTTP_THREADS (threads each)
    http_timeout: int = 120                              # DUMPLING_HTTP_TIMEOUT (big uploads take time)
    log_level: str = "INFO"                              # DUMPLING_LOG_LEVEL
    api_url: str = "http://127.0.0.1:8000"               # DUMPLING_URL (default: this host's DUMPLING_PORT)

    @classmethod
    def from_env(cls) -> "Settings":
        defaults = cls()
        port = _number("DUMPLING_PORT", defaults.port)
        return cls(
            redis_url=_text("REDIS_URL", defaults.redis_url),
            redis_url_set=bool(os.environ.get("REDIS_URL")),
            max_dump_bytes=_number("DUMPLING_MAX_DUMP_BYTES", defaults.max_dump_bytes),
            retention_seconds=_number("DUMPLING_RETENTION_SECONDS", defaults.retention_seconds),
            page_size=_number("DUMPLING_PAGE_SIZE", defaults.page_size),
            max_page_size=_number("DUMPLING_MAX_PAGE_SIZE", defaults.max_page_size),
            queue=_text("DUMPLING_QUEUE", defaults.queue),
            max_queued_jobs=_number("DUMPLING_MAX_QUEUED_JOBS", defaults.max_queued_jobs),
            max_queued_bytes=_number("DUMPLING_MAX_QUEUED_BYTES", defaults.max_queued_bytes),
            api_keys=tuple(k.strip() for k in os.environ.get("DUMPLING_API_KEYS", "").split(",") if k.strip()),
            rate_limit=os.environ.get("DUMPLING_RATE_LIMIT", "").strip(),
            visibility_timeout=_number("DUMPLING_VISIBILITY_TIMEOUT", defaults.visibility_timeout),
            task_soft_time_limit=_number("DUMPLING_TASK_SOFT_TIME_LIMIT", defaults.task_soft_time_limit),
            task_time_limit=_number("DUMPLING_TASK_TIME_LIMIT", defaults.task_time_limit),
            heartbeat_seconds=_number("DUMPLING_HEARTBEAT_SECONDS", defaults.heartbeat_seconds, float),
            chunk_bytes=_number("DUMPLING_CHUNK_BYTES", defaults.chunk_bytes),
            max_attempts=_number("DUMPLING_MAX_ATTEMPTS", defaults.max_attempts),
            write_batch=_number("DUMPLING_WRITE_BATCH", defaults.write_batch),
            redis_retries=_number("DUMPLING_REDIS_RETRIES", defaults.redis_retries),
            redis_retry_backoff_max=_number("DUMPLING_REDIS_RETRY_BACKOFF_MAX", defaults.redis_retry_backoff_max),
            host=_text("DUMPLING_HOST", defaults.host),
            port=port,
            http_workers=_number("DUMPLING_HTTP_WORKERS", defaults.http_workers),
            http_threads=_number("DUMPLING_HTTP_THREADS", defaults.http_threads),
            http_timeout=_number("DUMPLING_HTTP_TIMEOUT", defaults.http_timeout),
            log_level=_text("DUMPLING_LOG_LEVEL", defaults.log_level),
            api_url=_text("DUMPLING_URL", f"http://127.0.0.1:{port}"),
        )

    def __post_init__(self) -> None:
        if self.task_soft_time_limit >= self.task_time_limit:
            # Celery only arms the hard limit after the soft one fires
            raise SystemExit("dumpling: DUMPLING_TASK_SOFT_TIME_LIMIT must be below DUMPLING_TASK_TIME_LIMIT")

    def as_dict(self) -> dict:
        """For logs and reports: no secrets (the API keys stay out)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "api_keys"}

    def __repr__(self) -> str:                           # never print the keys
        shown = {**self.as_dict(), "api_keys": f"<{len(self.api_keys)} keys>"}
        return f"Settings({shown})"
