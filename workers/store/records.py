"""Reading jobs: the job hash as a typed ``Job``, one tenant's jobs a page at a time, the dump.

The job hash (``keys.JobKeys.job``) holds, as text:

    id, owner, status               the job, its tenant ("" without API keys), a JobStatus
    created_at, started_at,         ISO 8601 UTC; started and finished are empty until then
    finished_at
    articles_found, articles_done   progress counts
    summary                         JSON {"articles": n, "languages": {code: n}}, on success
    error                           what went wrong, on failure
    dump_bytes, dump_sha256         the stored dump's size, and its hash when it came with an
                                    Idempotency-Key (which compares it; empty otherwise)
    dump_codec                      "zstd": the dump is stored as zstd frames (``codec.py``);
                                    absent in jobs stored before: one plain string
    invalid_bytes                   bytes of the submitted dump that were not valid UTF-8,
                                    stored as U+FFFD (absent in jobs stored before: 0)
    metadata, source                JSON objects given at intake
    expires_at_ms                   when everything of the job expires (epoch milliseconds)
    attempts, heartbeat             starts so far; last sign of life of its worker (epoch s)
    languages                       JSON list of the codes with a language list, on success
    run, chunks                     the current chunked run and its number of chunks
    webhook                         JSON {"url", "attempts", "delivered"} with a callback_url
                                    (``workers/webhook_record.py``)
    finish_announced                set once the job's end was counted and its webhook queued
                                    (``workers/job_events.py``)
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Generic, TypeVar

import redis

from . import codec, keys
from .keys import JobKeys
from .status import JobStatus

T = TypeVar("T")


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class Job:
    id: str
    owner: str
    status: JobStatus
    created_at: str | None
    started_at: str | None
    finished_at: str | None
    articles_found: int
    articles_done: int
    summary: dict | None
    error: str | None
    dump_bytes: int
    metadata: dict
    source: dict
    invalid_bytes: int = 0
    webhook: dict | None = None

    @classmethod
    def from_hash(cls, raw: dict[bytes, bytes]) -> "Job":
        return cls.from_fields({k.decode(): v.decode() for k, v in raw.items()})

    @classmethod
    def from_fields(cls, job: dict) -> "Job":
        """The job from its hash's fields as text (or as the values written: admission
        builds the new job from what it stores instead of reading it back)."""
        summary = job.get("summary")
        return cls(
            id=job["id"],
            owner=job.get("owner", ""),
            status=JobStatus(job["status"]),
            created_at=job.get("created_at"),
            started_at=job.get("started_at") or None,
            finished_at=job.get("finished_at") or None,
            articles_found=int(job.get("articles_found", 0)),
            articles_done=int(job.get("articles_done", 0)),
            summary=json.loads(summary) if summary else None,
            error=job.get("error") or None,
            dump_bytes=int(job.get("dump_bytes", 0)),
            metadata=json.loads(job.get("metadata") or "{}"),
            source=json.loads(job.get("source") or "{}"),
            invalid_bytes=int(job.get("invalid_bytes") or 0),
            webhook=json.loads(job["webhook"]) if job.get("webhook") else None,
        )


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


@dataclass
class JobRecords:
    client: redis.Redis
    retention: int                        # seconds after intake that a job is kept

    def get(self, job_id: str, owner: str | None = None) -> Job | None:
        """The job, or None if unknown or (with ``owner``) another tenant's."""
        raw = self.client.hgetall(JobKeys(job_id).job)
        if not raw or (owner is not None and raw.get(b"owner", b"").decode() != owner):
            return None
        return Job.from_hash(raw)

    def recent(self, limit: int, cursor: str | None = None, owner: str = "") -> Page[Job]:
        """One tenant's jobs, most recent first. The cursor is the creation score of the last job seen."""
        upper = f"({cursor}" if cursor else "+inf"
        floor = time.time() - self.retention
        ids_scores = self.client.zrevrangebyscore(keys.tenant_jobs(owner), upper, floor, start=0, num=limit,
                                                 withscores=True)
        with self.client.pipeline(transaction=False) as pipe:
            for job_id, _ in ids_scores:
                pipe.hgetall(JobKeys(job_id.decode()).job)
            raws = pipe.execute()
        next_cursor = repr(ids_scores[-1][1]) if len(ids_scores) == limit else None
        return Page([Job.from_hash(raw) for raw in raws if raw], next_cursor)

    def expires_at_ms(self, job_id: str) -> int:
        """Everything of a job expires when the job does: retention counts from intake."""
        raw = self.client.hget(JobKeys(job_id).job, "expires_at_ms")
        return int(raw) if raw else int((time.time() + self.retention) * 1000)

    # --- the dump ----------------------------------------------------------------------
    # A job hash with ``dump_codec`` = "zstd" has its dump as a list of zstd frames of
    # ``codec.DUMP_FRAME_BYTES`` each; without it (jobs stored before), as one plain string.
    def _framed(self, job_id: str) -> bool:
        return self.client.hget(JobKeys(job_id).job, "dump_codec") == codec.ZSTD.encode()

    def dump_text(self, job_id: str) -> str | None:
        """The whole dump, or None once it is gone (deleted after success, or expired)."""
        key = JobKeys(job_id).dump
        if not self._framed(job_id):
            raw = self.client.get(key)
            return raw.decode("utf-8") if raw is not None else None
        frames = self.client.lrange(key, 0, -1)
        if frames:
            return codec.decompress_frames(frames).decode("utf-8")
        # an empty dump has no frame; a dump that is gone has none either
        return "" if self.client.hget(JobKeys(job_id).job, "dump_bytes") == b"0" else None

    def dump_size(self, job_id: str) -> int:
        """The dump's size in bytes (decompressed); 0 once it is gone."""
        job = JobKeys(job_id)
        if not self._framed(job_id):
            return self.client.strlen(job.dump)
        with self.client.pipeline(transaction=False) as pipe:
            pipe.hget(job.job, "dump_bytes")
            pipe.exists(job.dump)
            size, stored = pipe.execute()
        return int(size or 0) if stored else 0

    def read_dump(self, job_id: str, start: int, end: int) -> bytes:
        """Bytes [start, end) of the stored dump: only the frames holding them are read."""
        if end <= start:
            return b""
        key = JobKeys(job_id).dump
        if not self._framed(job_id):
            return self.client.getrange(key, start, end - 1)
        first, last = codec.frame_span(start, end)
        return codec.cut_from_frames(self.client.lrange(key, first, last), first, start, end)
