"""The job store: jobs, their dumps and their articles in Redis, each with a retention time.

One ``JobStore`` per process holds the Redis client and the parts that work on it, each a
module of its own (the way rq keeps Job, Queue, registries and keys apart):

    keys.py        every key, its type and its expiry
    status.py      JobStatus
    records.py     reading a job (the typed ``Job``), a tenant's jobs, the dump
    backlog.py     the jobs waiting for a worker, and its bounds
    admission.py   intake: ids, Idempotency-Key, the backlog check, the storing transaction
    lifecycle.py   running, heartbeats, progress, stalled jobs, failure
    results.py     appending a run's articles, the atomic finish, reading pages
    codec.py       zstd: the dump in frames, each article compressed on its own
    chunk_runs.py  a big dump's chunks: runs, chunk results, the merge
    deletion.py    deleting a job or a run by its own keys (no SCAN)
    if_exists.py   writing to a job's hash only while it exists (a late write never recreates it)

The store only stores: what to write and when is the worker loop's (``workers/processing.py``).
"""

from __future__ import annotations

import redis

from ..config import Settings
from .admission import Admission
from .backlog import Backlog
from .chunk_runs import ChunkRuns
from .deletion import Deletion
from .errors import Backlogged, IdempotencyConflict, StoreFull
from .lifecycle import Lifecycle, RunCancelled, RunOwner
from .records import Job, JobRecords, Page
from .results import Results
from .status import JobStatus

__all__ = ["Backlogged", "IdempotencyConflict", "Job", "JobStatus", "JobStore", "Page", "RunCancelled", "RunOwner",
           "StoreFull"]


class JobStore:
    """The Redis client and the parts of the store that share it:
    ``store.admission.create_job(...)``, ``store.lifecycle.mark_running(job_id)``, ..."""

    def __init__(self, client: redis.Redis, retention_seconds: int, max_queued_jobs: int | None = None,
                 max_queued_bytes: int | None = None, max_attempts: int = Settings.max_attempts,
                 merge_batch: int = Settings.write_batch, stale_seconds: float = Settings().stale_seconds,
                 keep_dumps: bool = Settings.keep_dumps, dump_level: int = Settings.dump_zstd_level):
        self.redis = client
        self.records = JobRecords(client, retention_seconds)
        self.backlog = Backlog(client, max_queued_jobs, max_queued_bytes, retention_seconds)
        self.admission = Admission(client, self.records, self.backlog, retention_seconds, dump_level)
        self.lifecycle = Lifecycle(client, self.backlog, max_attempts, stale_seconds)
        self.deletion = Deletion(client, self.backlog)
        self.results = Results(client, self.records, self.deletion, keep_dumps)
        self.chunks = ChunkRuns(client, self.records, self.results, merge_batch, self.lifecycle)

    @classmethod
    def from_settings(cls, client: redis.Redis, settings: Settings) -> "JobStore":
        return cls(client, settings.retention_seconds, settings.max_queued_jobs, settings.max_queued_bytes,
                   settings.max_attempts, settings.write_batch, settings.stale_seconds, settings.keep_dumps,
                   settings.dump_zstd_level)
