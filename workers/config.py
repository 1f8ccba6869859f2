"""Settings: every environment variable Dumpling reads, read here once (12-factor), with
defaults that work on one machine. The processes build one ``Settings`` at start and pass
it down: the Flask app, the Celery app and the commands all take it as an object."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

DAY = 24 * 3600
# workers.pipeline.language_backends.BACKENDS, named here so that reading the settings
# loads no part of the pipeline (tests/test_language.py checks that the two agree)
LANGUAGE_BACKENDS = ("langdetect", "fast")
SECRET_FIELDS = ("api_keys", "api_key", "webhook_secret")
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
    if isinstance(default, bool):            # before the numbers: a bool is an int too
        return raw.lower() in ("1", "true", "yes")
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


def _user_data_home() -> Path:
    """The XDG base directory for user data: $XDG_DATA_HOME when it is an absolute path
    (the spec says to ignore a relative one), else ~/.local/share."""
    configured = os.environ.get("XDG_DATA_HOME", "").strip()
    if configured and os.path.isabs(configured):
        return Path(configured)
    return Path.home() / ".local" / "share"


@dataclass(frozen=True)
class Settings:
    """Every setting, its environment variable, and its default."""

    # --- where things are, and how much is accepted
    redis_url: str = env("REDIS_URL", "redis://127.0.0.1:6379/0")
    redis_url_set: bool = False                  # REDIS_URL was set (else `dumpling up` starts a private Redis)
    max_dump_bytes: int = env("DUMPLING_MAX_DUMP_BYTES", 64 * 1024 * 1024)
    # a submission's metadata, as stored (compact UTF-8 JSON); it counts in the queue's bytes
    max_metadata_bytes: int = env("DUMPLING_MAX_METADATA_BYTES", 16 * 1024)
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
    # the detector for text whose script does not name its language: "langdetect", or
    # "fast" (py3langid, the `fast` extra; see workers/pipeline/language_backends.py)
    language_backend: str = env("DUMPLING_LANGUAGE_BACKEND", "langdetect")
    # DUMPLING_KEEP_DUMPS=1: a succeeded job keeps its dump (to reprocess it); by default the
    # dump goes when its job succeeds (a failed job always keeps it)
    keep_dumps: bool = env("DUMPLING_KEEP_DUMPS", False)
    # zstd level of the stored dumps (1-22); the API compresses at intake, so fast by default
    dump_zstd_level: int = env("DUMPLING_DUMP_ZSTD_LEVEL", 1)

    # --- the processes: `dumpling serve`, `worker`, `submit`
    host: str = env("DUMPLING_HOST", "127.0.0.1")            # where `serve` listens
    port: int = env("DUMPLING_PORT", 8000)
    http_workers: int = env("DUMPLING_HTTP_WORKERS", 2)      # gunicorn processes
    # connections each gunicorn process serves at once (gevent: one greenlet each)
    http_connections: int = env("DUMPLING_HTTP_CONNECTIONS", 1000)
    http_timeout: int = env("DUMPLING_HTTP_TIMEOUT", 120)    # seconds; big uploads take time
    log_level: str = env("DUMPLING_LOG_LEVEL", "INFO")
    log_format: str = env("DUMPLING_LOG_FORMAT", "text")     # "json": one JSON object a line
    # where gunicorn's processes share their metrics (prometheus_client's multi-process
    # mode); unset, `dumpling serve` makes a private folder and removes it at exit
    prometheus_multiproc_dir: str = env("PROMETHEUS_MULTIPROC_DIR", "")

    # --- completion webhooks (a submission's callback_url)
    webhook_secret: str = env("DUMPLING_WEBHOOK_SECRET", "")      # whsec_<base64>; signs every delivery
    # DUMPLING_WEBHOOK_ALLOW_PRIVATE=1: callback URLs may be loopback, private or link-local
    webhook_allow_private: bool = env("DUMPLING_WEBHOOK_ALLOW_PRIVATE", False)
    webhook_queue: str = env("DUMPLING_WEBHOOK_QUEUE", "dumpling-webhooks")
    webhook_timeout: float = env("DUMPLING_WEBHOOK_TIMEOUT", 5.0)        # connect and read, seconds
    webhook_retries: int = env("DUMPLING_WEBHOOK_RETRIES", 5)            # after the first attempt
    webhook_backoff: float = env("DUMPLING_WEBHOOK_BACKOFF", 10.0)       # first wait; doubles, capped
    webhook_backoff_max: float = env("DUMPLING_WEBHOOK_BACKOFF_MAX", 300.0)
    api_url: str = env("DUMPLING_URL", "http://127.0.0.1:8000")   # unset: follows DUMPLING_PORT
    # the key `dumpling submit` and `dumpling jobs` send; from the environment only, never a
    # flag, so it stays out of shell history and `ps`
    api_key: str = env("DUMPLING_API_KEY", "")
    # where `dumpling up` keeps its private Redis's data between runs; unset: the per-user
    # data folder ($XDG_DATA_HOME/dumpling, else ~/.local/share/dumpling)
    data_dir: str = env("DUMPLING_DATA_DIR", "")

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
        if not values["data_dir"]:
            values["data_dir"] = str(_user_data_home() / "dumpling")
        return cls(**values)

    def __post_init__(self) -> None:
        if self.task_soft_time_limit >= self.task_time_limit:
            # Celery only arms the hard limit after the soft one fires
            raise SystemExit("dumpling: DUMPLING_TASK_SOFT_TIME_LIMIT must be below DUMPLING_TASK_TIME_LIMIT")
        if self.language_backend not in LANGUAGE_BACKENDS:
            raise SystemExit(f"dumpling: DUMPLING_LANGUAGE_BACKEND must be one of {', '.join(LANGUAGE_BACKENDS)}, "
                             f"not {self.language_backend!r}")
        if not 1 <= self.dump_zstd_level <= 22:
            raise SystemExit(f"dumpling: DUMPLING_DUMP_ZSTD_LEVEL must be 1 to 22, not {self.dump_zstd_level}")
        if self.log_format not in ("text", "json"):
            raise SystemExit(f"dumpling: DUMPLING_LOG_FORMAT must be text or json, not {self.log_format!r}")
        if self.webhook_secret and not _is_webhook_secret(self.webhook_secret):
            raise SystemExit("dumpling: DUMPLING_WEBHOOK_SECRET must be whsec_ followed by base64 (make one: "
                             "python -c \"import base64,os; print('whsec_' + base64.b64encode(os.urandom(32)).decode())\")")

    def as_dict(self) -> dict:
        """For logs and reports: no secrets (the API keys and the webhook secret stay out)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in SECRET_FIELDS}

    def __repr__(self) -> str:                           # never print the keys
        shown = {**self.as_dict(), "api_keys": f"<{len(self.api_keys)} keys>",
                 "api_key": "<set>" if self.api_key else "<unset>",
                 "webhook_secret": "<set>" if self.webhook_secret else "<unset>"}
        return f"Settings({shown})"


def _is_webhook_secret(value: str) -> bool:
    """Standard Webhooks' form: ``whsec_`` and the base64 of the key bytes."""
    import base64
    import binascii

    if not value.startswith("whsec_"):
        return False
    try:
        return bool(base64.b64decode(value[len("whsec_"):], validate=True))
    except (binascii.Error, ValueError):
        return False
