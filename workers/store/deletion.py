"""Deleting a job, or one run of it, by its own keys only.

A job's keys are known without looking at any other: the fixed ones follow from its id
(and the language codes its hash lists), and every key a worker adds is recorded in the
job's index (``keys.track``). So a deletion costs the same few commands however many
other jobs Redis holds: no SCAN of the keyspace.

A job stored before the index existed has none: deleting it removes its hash, dump and
articles (all derived from the id); a half-written run it may have left expires with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import redis

from . import keys
from .backlog import Backlog
from .keys import JobKeys


@dataclass
class Deletion:
    client: redis.Redis
    backlog: Backlog

    def delete_job(self, job_id: str) -> bool:
        """Remove the job, its dump, its articles and whatever its runs left. False if
        there was no such job."""
        job = JobKeys(job_id)
        with self.client.pipeline(transaction=False) as pipe:
            pipe.hmget(job.job, "owner", "languages")
            pipe.smembers(job.index)
            (owner, codes), indexed = pipe.execute()
        self.backlog.leave(job_id)
        # one DEL removes the job and all it has at once; no MULTI: Redis refuses any MULTI
        # when it is at its memory limit, and deleting is how memory comes back
        with self.client.pipeline(transaction=False) as pipe:
            pipe.delete(job.job, job.dump, job.index, *job.results(json.loads(codes or b"[]")), *indexed)
            pipe.zrem(keys.tenant_jobs((owner or b"").decode()), job_id)
            pipe.zrem(keys.RUNNING, job_id)
            deleted, *_ = pipe.execute()
        return bool(deleted)

    def discard_run(self, job_id: str, run: str) -> None:
        """Drop a run's partial articles (frees memory when Redis is full)."""
        job = JobKeys(job_id)
        prefix = job.run_prefix(run).encode()
        run_keys = [key for key in self.client.smembers(job.index) if key.startswith(prefix)]
        if run_keys:                      # no MULTI: this frees memory, also when Redis is full
            with self.client.pipeline(transaction=False) as pipe:
                pipe.delete(*run_keys)
                pipe.srem(job.index, *run_keys)
                pipe.execute()
