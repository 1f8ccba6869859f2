"""A job's life after intake: started (running), alive (heartbeats, progress), stalled
(re-queued), or failed. Succeeding is ``results.Results.finish_succeeded``: it also
moves the articles into place."""

from __future__ import annotations

import time
from dataclasses import dataclass

import redis

from . import keys
from .backlog import Backlog
from .errors import FULL_WHILE_STORING, full_when_out_of_memory
from .keys import JobKeys
from .records import now_iso
from .status import JobStatus


@dataclass
class Lifecycle:
    client: redis.Redis
    backlog: Backlog
    max_attempts: int                     # starts of a job before it is failed

    def mark_running(self, job_id: str) -> bool:
        """Queued (or redelivered running) -> running. False if the job is gone or finished,
        or if it was started ``max_attempts`` times already (a dump that kills its worker
        every time must not be redelivered forever): it is failed then."""
        key = JobKeys(job_id).job
        status = self.client.hget(key, "status")
        if status is None or JobStatus(status.decode()).finished:
            return False
        attempts = self.client.hincrby(key, "attempts", 1)
        if attempts > self.max_attempts:
            self.finish_failed(job_id, f"the job was started {self.max_attempts} times and its worker stopped "
                                       "each time before finishing; the dump may be too large or pathological")
            return False
        now = time.time()
        with self.client.pipeline(transaction=True) as tx:
            tx.hset(key, mapping={"status": JobStatus.RUNNING, "started_at": now_iso(), "heartbeat": now,
                                  "articles_found": 0, "articles_done": 0})
            tx.zadd(keys.RUNNING, {job_id: now})
            tx.execute()
        self.backlog.leave(job_id)
        return True

    def beat(self, job_id: str) -> None:
        """The job is alive: refresh its heartbeat."""
        now = time.time()
        with self.client.pipeline(transaction=False) as pipe:
            pipe.hset(JobKeys(job_id).job, "heartbeat", now)
            pipe.zadd(keys.RUNNING, {job_id: now}, xx=True)
            pipe.execute()

    def set_progress(self, job_id: str, found: int, done: int) -> None:
        with full_when_out_of_memory(FULL_WHILE_STORING):
            self.client.hset(JobKeys(job_id).job, mapping={"articles_found": found, "articles_done": done})

    def add_progress(self, job_id: str, found: int = 0, done: int = 0) -> None:
        """Add to the counts: the chunks of a job report their parts."""
        with self.client.pipeline(transaction=False) as pipe:
            if found:
                pipe.hincrby(JobKeys(job_id).job, "articles_found", found)
            if done:
                pipe.hincrby(JobKeys(job_id).job, "articles_done", done)
            pipe.execute()

    def stalled_jobs(self, older_than: float) -> list[str]:
        """Running jobs whose last heartbeat is older than ``older_than`` seconds."""
        ids = self.client.zrangebyscore(keys.RUNNING, "-inf", time.time() - older_than)
        return [job_id.decode() for job_id in ids]

    def requeue_stalled(self, job_id: str) -> bool:
        """Back to queued, for a new task; False (and the job failed) if it was started
        too often already, or False if it is gone."""
        key = JobKeys(job_id).job
        self.client.zrem(keys.RUNNING, job_id)
        status, attempts, size = self.client.hmget(key, "status", "attempts", "dump_bytes")
        if status is None or status.decode() != JobStatus.RUNNING:
            return False
        if int(attempts or 0) >= self.max_attempts:
            self.finish_failed(job_id, f"the job stalled {self.max_attempts} times (its worker vanished); "
                                       "the dump may be too large or pathological")
            return False
        with self.client.pipeline(transaction=True) as tx:
            tx.hset(key, "status", JobStatus.QUEUED)
            self.backlog.enter(tx, job_id, int(size or 0))
            tx.execute()
        return True

    def finish_failed(self, job_id: str, error: str) -> None:
        self.client.zrem(keys.RUNNING, job_id)
        self.backlog.leave(job_id)
        key = JobKeys(job_id).job
        if self.client.exists(key):
            self.client.hset(key, mapping={"status": JobStatus.FAILED, "finished_at": now_iso(), "error": error})
