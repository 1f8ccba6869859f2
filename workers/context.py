"""What a task or a worker signal finds through its Celery app: the task names, the typed
settings the app was made with, and this process's job store."""

from __future__ import annotations

import threading

import redis
from celery import Celery

from .config import Settings
from .store import JobStore

# Task names: the API and the sweeper send tasks by name, so they need not import the tasks.
# Unchanged since the first release: messages already queued must still find their task.
PROCESS_JOB = "dumpling.process_job"
PROCESS_CHUNK = "dumpling.process_chunk"

SETTINGS = "dumpling_settings"       # the app.conf entry that holds the Settings object

_stores: dict[Settings, JobStore] = {}
_stores_lock = threading.Lock()


def settings_of(app: Celery) -> Settings:
    return app.conf[SETTINGS]


def store_of(app: Celery) -> JobStore:
    """One store (and connection pool) per process and settings, made on first use: after
    the worker has forked its pool, so no connection crosses a fork."""
    settings = settings_of(app)
    with _stores_lock:
        store = _stores.get(settings)
        if store is None:
            client = redis.Redis.from_url(settings.redis_url, health_check_interval=30)
            store = _stores[settings] = JobStore.from_settings(client, settings)
    return store
