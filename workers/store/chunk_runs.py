"""The bookkeeping of a chunked run: a big dump's chunks are processed by any worker, in
any order, each possibly more than once; their articles are merged in order at the end.

A run is started with its number of chunks and becomes the job's current one (a re-queued
job starts a new run, and chunks of the old one are ignored). Each delivery of chunk n
writes its articles under a key of its own, then claims chunk n in a transaction: the
first claim renames its key into place, a later (redelivered) one is dropped. The claim
counts the chunks done in the same transaction, so exactly one delivery sees the last.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import redis

from . import codec, keys
from .errors import FULL_WHILE_STORING, FreedWhenFull, full_when_out_of_memory
from .keys import JobKeys
from .lifecycle import Lifecycle, RunCancelled, RunOwner
from .records import JobRecords
from .results import Results, RunWriter, new_run_id


class ChunkWriter(FreedWhenFull):
    """One delivery of one chunk: append its articles batch by batch, then ``claim()``."""

    def __init__(self, client: redis.Redis, job_id: str, run: str, n: int, expires_at_ms: int):
        self.client = client
        self.job_id, self.run, self.n = job_id, run, n
        self.expires_at_ms = expires_at_ms
        self.key = JobKeys(job_id).chunk_attempt(run, n, uuid.uuid4().hex[:8])
        self.languages: list[str] = []

    def append(self, articles: list[dict]) -> None:
        if not articles:
            return
        with full_when_out_of_memory(FULL_WHILE_STORING), self.client.pipeline(transaction=False) as pipe:
            pipe.rpush(self.key, *[codec.encode_article_record(a) for a in articles])
            pipe.pexpireat(self.key, self.expires_at_ms)
            keys.track(pipe, self.job_id, [self.key], self.expires_at_ms)
            pipe.execute()
        self.languages.extend(a["language"] for a in articles)

    @property
    def count(self) -> int:
        """Articles appended so far."""
        return len(self.languages)

    def claim(self) -> int | None:
        """Store the chunk once. Returns how many chunks of the run are done, counting this
        one, or None if another delivery stored this chunk already."""
        job = JobKeys(self.job_id)
        done_key, chunk_key = job.chunks_done(self.run), job.chunk(self.run, self.n)

        def claim(pipe: redis.client.Pipeline) -> None:
            if pipe.hexists(done_key, self.n):
                return                     # queues nothing: the transaction returns []
            pipe.multi()
            pipe.hset(done_key, self.n, json.dumps(self.languages))
            pipe.pexpireat(done_key, self.expires_at_ms)
            if self.languages:
                pipe.rename(self.key, chunk_key)
            keys.track(pipe, self.job_id, [done_key, chunk_key], self.expires_at_ms)
            pipe.hlen(done_key)            # counted in the same transaction: one delivery sees the last

        with full_when_out_of_memory(FULL_WHILE_STORING):
            results = self.client.transaction(claim, done_key)
        if not results:
            self.free()
            return None
        return int(results[-1])

    def free(self) -> None:
        self.client.delete(self.key)


@dataclass
class ChunkRuns:
    client: redis.Redis
    records: JobRecords
    results: Results
    merge_batch: int                      # articles copied per round trip by the merge
    lifecycle: Lifecycle

    def start(self, job_id: str, total: int, owner: RunOwner | None = None) -> str:
        """A new run of ``total`` chunks; the job remembers which run is current. With
        ``owner`` (the task that started the job), only while that task owns the job: else
        raises RunCancelled."""
        run = new_run_id()
        mapping = {"run": run, "chunks": total}
        if owner is None:
            self.client.hset(JobKeys(job_id).job, mapping=mapping)
        elif not self.lifecycle.write_owned(owner, mapping):
            raise RunCancelled(job_id)
        return run

    def current(self, job_id: str) -> str | None:
        raw = self.client.hget(JobKeys(job_id).job, "run")
        return raw.decode() if raw else None

    def chunk_writer(self, job_id: str, run: str, n: int) -> ChunkWriter:
        return ChunkWriter(self.client, job_id, run, n, self.records.expires_at_ms(job_id))

    def merge(self, job_id: str, run: str, total: int) -> RunWriter:
        """Append the chunks' articles, in order, to the run's list; returns the run, ready
        for ``Results.finish_succeeded``."""
        job = JobKeys(job_id)
        with self.results.new_run(job_id, run) as writer:      # Redis full: the merged part goes
            for n in range(total):
                codes = json.loads(self.client.hget(job.chunks_done(run), n) or b"[]")
                for offset in range(0, len(codes), self.merge_batch):
                    raws = self.client.lrange(job.chunk(run, n), offset, offset + self.merge_batch - 1)
                    writer.append_encoded(raws, codes[offset:offset + len(raws)])
                self.client.delete(job.chunk(run, n))
        self.client.delete(job.chunks_done(run))
        return writer
