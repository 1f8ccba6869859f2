"""Every Redis key of the job store, with its type and its expiry. No other module spells a key.

Per job (each expires at the job's ``expires_at_ms``: retention counts from intake, and
everything of a job goes at the same instant):

    job:{id}                              hash    the job (fields: see ``records.py``)
    job:{id}:dump                         list    the dump as UTF-8, stored once at intake in zstd
                                                  frames of 1 MiB each (``codec.py``); deleted
                                                  when the job succeeds (unless kept). A job
                                                  without ``dump_codec`` (stored before) has it
                                                  as one plain string
    job:{id}:articles                     list    article JSON in dump order (position = index),
                                                  each a zstd frame (plain JSON in jobs stored
                                                  before); the run and chunk lists below too
    job:{id}:lang:{code}                  list    positions of the articles in that language
    job:{id}:keys                         set     the job's key index: every key below that
                                                  a worker wrote for it (deletion reads it)
    job:{id}:run:{run}:articles           list    a run's articles while a worker writes them;
    job:{id}:run:{run}:lang:{code}        list    renamed to the two above when the job succeeds
    job:{id}:run:{run}:chunk:{n}:{try}    list    chunk n's articles while one delivery writes them
    job:{id}:run:{run}:chunk:{n}          list    ... renamed here by the delivery that claims chunk n
    job:{id}:run:{run}:chunks-done        hash    chunk number -> JSON list of its articles' languages

Shared by all jobs:

    jobs:{owner}                 sorted set  one tenant's job ids by creation time; trimmed of ids
                                             past retention at each intake, and expires with
                                             the tenant's newest job
    running                      sorted set  running job ids by last heartbeat; bounded: the
                                             sweeper removes ids whose heartbeat stopped
    backlog:jobs                 sorted set  queued job ids scored by when they expire (epoch ms);
                                             bounded: ids past their expiry are pruned (with
                                             their sizes) whenever the backlog is counted
    backlog:sizes                hash        queued job id -> its dump's size in bytes
    backlog:bytes                string      the sum of those sizes (an integer); recounted from
                                             backlog:sizes if it is ever missing
    idem:{sha256(owner:key)}     string      "{job id}:{dump sha256}" of an Idempotency-Key;
                                             expires after the retention
    sweeper-lock                 string      held by the worker sweeping for stalled jobs;
                                             expires after one sweep period
    metrics                      hash        the workers' counters and histogram buckets
                                             (``workers/metrics_store.py``); no expiry

All are under ``dumpling:``. Not ours: Celery's broker keys (the queue list, ``unacked``,
...) and Flask-Limiter's ``dumpling-rate*`` counters.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import redis

PREFIX = "dumpling:"
RUNNING = PREFIX + "running"
# The backlog. Before the backlog healed itself it was "queued" (scored by size) and
# "queued-bytes": those two are no longer read (delete them after upgrading).
BACKLOG_JOBS = PREFIX + "backlog:jobs"
BACKLOG_SIZES = PREFIX + "backlog:sizes"
BACKLOG_BYTES = PREFIX + "backlog:bytes"
SWEEPER_LOCK = PREFIX + "sweeper-lock"
METRICS = PREFIX + "metrics"


def tenant_jobs(owner: str) -> str:
    return f"{PREFIX}jobs:{owner}"


def idempotency(owner: str, idempotency_key: str) -> str:
    """Hashed: a client's key may be long or odd, and it says nothing once stored."""
    scoped = f"{owner}:{idempotency_key}".encode()
    return f"{PREFIX}idem:{hashlib.sha256(scoped).hexdigest()}"


@dataclass(frozen=True)
class JobKeys:
    """The keys of one job. ``run`` names a worker's attempt at writing the results."""

    job_id: str

    @property
    def job(self) -> str:
        return f"{PREFIX}job:{self.job_id}"

    @property
    def dump(self) -> str:
        return self.job + ":dump"

    @property
    def index(self) -> str:
        return self.job + ":keys"

    def run_prefix(self, run: str) -> str:
        return f"{self.job}:run:{run}:"

    def articles(self, run: str | None = None) -> str:
        return (self.run_prefix(run) if run else self.job + ":") + "articles"

    def lang(self, code: str, run: str | None = None) -> str:
        return (self.run_prefix(run) if run else self.job + ":") + f"lang:{code}"

    def chunk(self, run: str, n: int) -> str:
        return self.run_prefix(run) + f"chunk:{n}"

    def chunk_attempt(self, run: str, n: int, attempt: str) -> str:
        return self.chunk(run, n) + f":{attempt}"

    def chunks_done(self, run: str) -> str:
        return self.run_prefix(run) + "chunks-done"

    def results(self, codes: list[str]) -> list[str]:
        """The finished articles and their language lists, for these language codes."""
        return [self.articles(), *(self.lang(code) for code in codes)]


def track(pipe: redis.client.Pipeline, job_id: str, keys: list[str], expires_at_ms: int) -> None:
    """Add keys to the job's index, in the pipeline that writes them, so deleting the job
    finds them without scanning Redis; the index expires with the job."""
    index = JobKeys(job_id).index
    pipe.sadd(index, *keys)
    pipe.pexpireat(index, expires_at_ms)
