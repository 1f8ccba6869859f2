"""Settings: every environment variable Dumpling reads, read here once (12-factor), with
defaults that work on one machine. The processes build one ``Settings`` at start and pass
it down: the Flask app, the Celery app and the commands all take it as an object."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields

DAY = 24 * 3600
# A running job is stalled when its heartbeat is this many beats old: its worker died, or
# its task was lost (a Redis outage cancels a running task and parks its message until the
# visibility timeout). Generous, so that a worker on a busy machine is not taken for dead.
STALE_HEARTBEATS = 20


def env(name: str, default):
    """A setting read from the environment variable ``name`` (``default`` when unset or blank)."""
    return field(default=default, metadata={"env": name})


def _read(name: str, default):
    """The variable as the default's type: text, a comma-separated tuple, or a positive number."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if isinstance(default, str):
        return raw
    if isinstance(default, tuple):
        return tuple(part.strip() for part in raw.split(",") if part.strip())
    kind = type(default)
    try:
        value = kind(raw)
    except ValueError:
        raise SystemExit(f"dumpling: {name} must be a {kind.__name__}, not {raw!r}") from None
    if value <= 0:
        raise SystemExit(f"dumpling: {name} must be positive, not {value}")
    return value


@dataclass(frozen=True)
class Settings:
    """Every setting, its environment variable, and its default."""

    # --- where things are, and how much is accepted
    redis_url: str = env("REDIS_URL", "redis://127.0.0.1:6379/0")
    redis_url_set: bool = False                  # REDIS_URL was set (else `dumpling up` starts a private Redis)
    max_dump_bytes: int = env("DUMPLING_MAX_DUMP_BYTES", 64 * 1024 * 1024)
    retention_seconds: int = env("DUMPLING_RETENTION_SECONDS", 7 * DAY)
    page_size: int = env("DUMPLING_PAGE_SIZE", 100)          # the default page of lists
    max_page_size: int = env("DUMPLING_MAX_PAGE_SIZE", 1000)
    queue: str = env("DUMPLING_QUEUE", "dumpling")
    max_queued_jobs: int = env("DUMPLING_MAX_QUEUED_JOBS", 10_000)
    max_queued_bytes: int = env("DUMPLING_MAX_QUEUED_BYTES", 2 * 1024 ** 3)
    api_keys: tuple[str, ...] = env("DUMPLING_API_KEYS", ())     # comma-separated
    rate_limit: str = env("DUMPLING_RATE_LIMIT", "")              # e.g. "120/minute"

    # --- how the workers run a job
    visibility_timeout: int = env("DUMPLING_VISIBILITY_TIMEOUT", 3600)
    task_soft_time_limit: int = env("DUMPLING_TASK_SOFT_TIME_LIMIT", 1800)
    task_time_limit: int = env("DUMPLING_TASK_TIME_LIMIT", 1860)
    heartbeat_seconds: float = env("DUMPLING_HEARTBEAT_SECONDS", 5.0)
    chunk_bytes: int = env("DUMPLING_CHUNK_BYTES", 4 * 1024 * 1024)
    # starts of one job (redeliveries and re-queues included) before it is failed: a dump
    # that kills its worker every time must not be retried forever
    max_attempts: int = env("DUMPLING_MAX_ATTEMPTS", 5)
    # articles a worker sends to Redis in one round trip; progress is reported per batch
    write_batch: int = env("DUMPLING_WRITE_BATCH", 500)
    # while Redis is unreachable a task retries with exponential backoff (with jitter), at
    # most this many times and waiting at most this many seconds between tries; then its
    # job is failed. The defaults ride out about ten minutes of outage.
    redis_retries: int = env("DUMPLING_REDIS_RETRIES", 12)
    redis_retry_backoff_max: int = env("DUMPLING_REDIS_RETRY_BACKOFF_MAX", 60)

    # --- the processes: `dumpling serve`, `worker`, `submit`
    host: str = env("DUMPLING_HOST", "127.0.0.1")            # where `serve` listens
    port: int = env("DUMPLING_PORT", 8000)
    http_workers: int = env("DUMPLING_HTTP_WORKERS", 2)      # gunicorn processes
    http_threads: int = env("DUMPLING_HTTP_THREADS", 4)      # threads each
    http_timeout: int = env("DUMPLING_HTTP_TIMEOUT", 120)    # seconds; big uploads take time
    log_level: str = env("DUMPLING_LOG_LEVEL", "INFO")
    api_url: str = env("DUMPLING_URL", "http://127.0.0.1:8000")   # unset: follows DUMPLING_PORT

    @property
    def stale_seconds(self) -> float:
        """A running job silent this long is re-queued (100 s with the default heartbeat)."""
        return STALE_HEARTBEATS * self.heartbeat_seconds

    @classmethod
    def from_env(cls) -> "Settings":
        values = {f.name: _read(f.metadata["env"], f.default) for f in fields(cls) if "env" in f.metadata}
        values["redis_url_set"] = bool(os.environ.get("REDIS_URL", "").strip())
        if not os.environ.get("DUMPLING_URL", "").strip():
            values["api_url"] = f"http://127.0.0.1:{values['port']}"
        return cls(**values)

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
