"""Deleting a job, or one run of it."""

from __future__ import annotations

import json
from collections.abc import Iterator

import redis

from . import keys
from .backlog import Backlog
from .keys import JobKeys


class Deletion:
    def __init__(self, client: redis.Redis, backlog: Backlog):
        self.redis = client
        self.backlog = backlog

    def delete_job(self, job_id: str) -> bool:
        job = JobKeys(job_id)
        owner = (self.redis.hget(job.job, "owner") or b"").decode()
        codes = json.loads(self.redis.hget(job.job, "languages") or b"[]")
        run_keys = list(self._scan(job.job + ":run:*"))
        self.backlog.leave(job_id)
        with self.redis.pipeline(transaction=True) as tx:
            tx.delete(job.job, job.dump, *job.results(codes), *run_keys)
            tx.zrem(keys.tenant_jobs(owner), job_id)
            tx.zrem(keys.RUNNING, job_id)
            deleted, *_ = tx.execute()
        return bool(deleted)

    def discard_run(self, job_id: str, run: str) -> None:
        """Drop a run's partial articles (frees memory when Redis is full)."""
        run_keys = list(self._scan(JobKeys(job_id).run_prefix(run) + "*"))
        if run_keys:
            self.redis.delete(*run_keys)

    def _scan(self, pattern: str) -> Iterator[bytes]:
        yield from self.redis.scan_iter(match=pattern, count=500)
