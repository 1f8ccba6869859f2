"""Admission: a new job's id, the Idempotency-Key check, the backlog bounds, and the one
transaction that stores the job and its dump and queues it."""

from __future__ import annotations

import hashlib
import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import redis

from . import codec, keys
from .backlog import Backlog
from .errors import IdempotencyConflict, full_when_out_of_memory
from .keys import JobKeys
from .records import Job, JobRecords, now_iso
from .status import JobStatus


# a job id is 32 lowercase hex digits; anything else names no job (and no other key)
JOB_ID = re.compile(r"[0-9a-f]{32}\Z", re.ASCII)
# rounds of "look, then claim" one request may lose to concurrent ones with the same key
CLAIM_ATTEMPTS = 20

# adds a new job's queue message to the storing transaction: (pipeline, job id)
Enqueue = Callable[[redis.client.Pipeline, str], None]


def new_job_id() -> str:
    return uuid.uuid4().hex


def is_job_id(value: str) -> bool:
    return JOB_ID.match(value) is not None


@dataclass
class Admission:
    client: redis.Redis
    records: JobRecords
    backlog: Backlog
    retention: int                        # seconds: the job, its dump and its Idempotency-Key
    dump_level: int = 1                   # zstd level of the stored dump (``codec.py``)

    def create_job(self, dump: bytes | str, metadata: dict | None = None, source: dict | None = None,
                   idempotency_key: str | None = None, owner: str = "",
                   invalid_bytes: int = 0, enqueue: Enqueue | None = None,
                   extra_fields: dict[str, str] | None = None) -> tuple[Job, bool]:
        """Store a new queued job and its dump (UTF-8). Returns (job, created); with an
        idempotency key already used for the same dump, the earlier job and False.
        Raises Backlogged when the queue is over its bounds, StoreFull when Redis is.
        ``invalid_bytes``: bytes of the submitted dump that were not UTF-8 (replaced).
        ``enqueue`` adds the job's queue message to the transaction that stores the job
        (the API's: stored and queued at once, or neither); ``extra_fields`` go into the
        job's hash with the rest (its webhook record)."""
        encoded = dump.encode("utf-8") if isinstance(dump, str) else dump
        # only an Idempotency-Key compares dumps: without one, hashing the dump (0.5 ms a MB) buys nothing
        digest = hashlib.sha256(encoded).hexdigest() if idempotency_key else ""
        metadata_json = json.dumps(metadata or {}, ensure_ascii=False, allow_nan=False)
        # the metadata is stored with the job: it counts in the backlog's bytes too
        weight = len(encoded) + len(metadata_json.encode("utf-8"))
        # compressed once, before any round of the claim: the frames and the dump are the
        # only copies the intake holds (a fifth of the dump, plus the dump)
        frames = codec.dump_frames(encoded, self.dump_level)
        idem_key = keys.idempotency(owner, idempotency_key) if idempotency_key else None
        for _ in range(CLAIM_ATTEMPTS):
            with self.client.pipeline(transaction=True) as tx:
                if idem_key is not None:
                    # The key is claimed in the same transaction that stores its job, and that
                    # transaction fails if anyone wrote the key since we looked: of concurrent
                    # requests with one key exactly one stores a job, the others see it.
                    tx.watch(idem_key)
                    earlier = self._earlier_job(tx.get(idem_key), idempotency_key, owner, digest)
                    if earlier is not None:
                        return earlier, False
                self.backlog.check_room_for(weight)
                job_id = new_job_id()
                try:
                    fields = self._store(tx, job_id, len(encoded), frames, digest, metadata_json, source, owner,
                                         weight, idem_key, invalid_bytes, enqueue, extra_fields)
                except redis.WatchError:
                    continue                          # another request claimed the key: look again
            # the job as just stored: reading it back would cost a round trip and return the same
            return Job.from_fields(fields), True
        raise redis.WatchError(f"the Idempotency-Key stayed contended for {CLAIM_ATTEMPTS} attempts")

    def _store(self, tx: redis.client.Pipeline, job_id: str, dump_bytes: int, frames: list[bytes], digest: str,
               metadata_json: str, source: dict | None, owner: str, weight: int, idem_key: str | None,
               invalid_bytes: int, enqueue: Enqueue | None, extra_fields: dict[str, str] | None) -> dict:
        """One transaction: the job, its dump, its Idempotency-Key, its tenant's list, the
        backlog, and with ``enqueue`` its queue message. Returns the job's fields as stored."""
        created = time.time()
        expires_at_ms = int((created + self.retention) * 1000)
        fields = {
            "id": job_id,
            "owner": owner,
            "status": JobStatus.QUEUED,
            "created_at": now_iso(),
            "articles_found": 0,
            "articles_done": 0,
            "dump_bytes": dump_bytes,
            "dump_codec": codec.ZSTD,
            "dump_sha256": digest,
            "invalid_bytes": invalid_bytes,
            "metadata": metadata_json,
            "source": json.dumps(source or {}, ensure_ascii=False),
            "expires_at_ms": expires_at_ms,
            **(extra_fields or {}),
        }
        job = JobKeys(job_id)
        tx.multi()
        if idem_key is not None:
            tx.set(idem_key, f"{job_id}:{digest}", pxat=expires_at_ms)
        tx.hset(job.job, mapping=fields)
        tx.pexpireat(job.job, expires_at_ms)
        if frames:                        # an empty dump has no frame (and no key)
            tx.rpush(job.dump, *frames)
            tx.pexpireat(job.dump, expires_at_ms)
        tx.zadd(keys.tenant_jobs(owner), {job_id: created})
        tx.zremrangebyscore(keys.tenant_jobs(owner), "-inf", created - self.retention)
        tx.pexpireat(keys.tenant_jobs(owner), expires_at_ms)   # goes with the newest job
        self.backlog.enter_new(tx, job_id, weight, expires_at_ms)
        if enqueue is not None:
            enqueue(tx, job_id)
        with full_when_out_of_memory("the job store is at its memory limit"):
            tx.execute()
        return fields

    def _earlier_job(self, claim: bytes | None, idempotency_key: str, owner: str, digest: str) -> Job | None:
        """The job stored earlier under this Idempotency-Key, or None when the key is free.
        A claim is written with its job, so a claim without a job is one whose job expired
        or was deleted: the key is free again."""
        if claim is None:
            return None
        earlier_id, _, earlier_digest = claim.decode().partition(":")
        earlier = self.records.get(earlier_id, owner)
        if earlier is None:
            return None
        if earlier_digest != digest:
            raise IdempotencyConflict(idempotency_key)
        return earlier
