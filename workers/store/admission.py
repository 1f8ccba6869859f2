"""Admission: a new job's id, the Idempotency-Key check, the backlog bounds, and the one
transaction that stores the job and its dump and queues it."""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from dataclasses import dataclass

import redis

from . import keys
from .backlog import Backlog
from .errors import IdempotencyConflict, full_when_out_of_memory
from .keys import JobKeys
from .records import Job, JobRecords, now_iso
from .status import JobStatus


def new_job_id() -> str:
    return uuid.uuid4().hex


@dataclass
class Admission:
    client: redis.Redis
    records: JobRecords
    backlog: Backlog
    retention: int                        # seconds: the job, its dump and its Idempotency-Key

    def create_job(self, dump: bytes | str, metadata: dict | None = None, source: dict | None = None,
                   idempotency_key: str | None = None, owner: str = "") -> tuple[Job, bool]:
        """Store a new queued job and its dump (UTF-8). Returns (job, created); with an
        idempotency key already used for the same dump, the earlier job and False.
        Raises Backlogged when the queue is over its bounds, StoreFull when Redis is."""
        job_id = new_job_id()
        encoded = dump.encode("utf-8") if isinstance(dump, str) else dump
        digest = hashlib.sha256(encoded).hexdigest()
        if idempotency_key:
            with full_when_out_of_memory("the job store is at its memory limit"):
                earlier = self._idempotent_job(idempotency_key, owner, job_id, digest)
            if earlier is not None:
                return earlier, False
        self.backlog.check_room_for(len(encoded))
        created = time.time()
        expires_at_ms = int((created + self.retention) * 1000)
        fields = {
            "id": job_id,
            "owner": owner,
            "status": JobStatus.QUEUED,
            "created_at": now_iso(),
            "articles_found": 0,
            "articles_done": 0,
            "dump_bytes": len(encoded),
            "dump_sha256": digest,
            "metadata": json.dumps(metadata or {}, ensure_ascii=False),
            "source": json.dumps(source or {}, ensure_ascii=False),
            "expires_at_ms": expires_at_ms,
        }
        job = JobKeys(job_id)
        with full_when_out_of_memory("the job store is at its memory limit"):
            with self.client.pipeline(transaction=True) as tx:
                tx.hset(job.job, mapping=fields)
                tx.set(job.dump, encoded)
                tx.pexpireat(job.job, expires_at_ms)
                tx.pexpireat(job.dump, expires_at_ms)
                tx.zadd(keys.tenant_jobs(owner), {job_id: created})
                tx.zremrangebyscore(keys.tenant_jobs(owner), "-inf", created - self.retention)
                tx.pexpireat(keys.tenant_jobs(owner), expires_at_ms)   # goes with the newest job
                self.backlog.enter(tx, job_id, len(encoded))
                tx.execute()
        return self.records.get(job_id), True

    def _idempotent_job(self, idempotency_key: str, owner: str, job_id: str, digest: str) -> Job | None:
        """The job created earlier with this key, or None after claiming the key for ``job_id``."""
        idem_key = keys.idempotency(owner, idempotency_key)
        if self.client.set(idem_key, f"{job_id}:{digest}", nx=True, ex=self.retention):
            return None
        earlier_id, _, earlier_digest = (self.client.get(idem_key) or b"").decode().partition(":")
        if earlier_digest != digest:
            raise IdempotencyConflict(idempotency_key)
        earlier = self.records.get(earlier_id, owner)
        if earlier is None:                       # expired or deleted: the key is free again
            self.client.set(idem_key, f"{job_id}:{digest}", ex=self.retention)
        return earlier
