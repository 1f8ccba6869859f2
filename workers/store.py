"""The job store: jobs, their dumps and their articles in Redis, each with a retention time.

Keys (all under ``dumpling:``):

    job:{id}                        hash: status, timestamps, progress, summary, error, metadata, owner
    job:{id}:dump                   the dump as UTF-8, stored once at intake
    job:{id}:articles               list: article JSON, in dump order (index = position)
    job:{id}:lang:{code}            list: positions of the articles in that language
    job:{id}:run:{run}:...          the same two while a worker writes them (renamed when done),
                                    and, for a big dump, one list per chunk plus chunks-done
    jobs:{owner}                    sorted set: one tenant's job ids by creation time
    running                         sorted set: running job ids by last heartbeat
    queued, queued-bytes            the backlog: queued job ids by dump size, and their total
    idem:{hash of owner and key}    the job id created with that Idempotency-Key

A worker writes articles under its own ``run`` keys and renames them into place in one
transaction that also marks the job succeeded: a reader never sees half a job, and a
redelivered task replaces the articles instead of adding to them.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone

import redis

PREFIX = "dumpling:"
QUEUED, RUNNING, SUCCEEDED, FAILED = "queued", "running", "succeeded", "failed"
STATUSES = (QUEUED, RUNNING, SUCCEEDED, FAILED)
WRITE_BATCH = 500
MAX_ATTEMPTS = 5


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_job_id() -> str:
    return uuid.uuid4().hex


def article_id(job_id: str, index: int) -> str:
    return f"{job_id}-{index}"


def parse_article_id(value: str) -> tuple[str, int] | None:
    job_id, _, index = value.rpartition("-")
    if not job_id or not index.isdigit() or len(index) > 9:
        return None
    return job_id, int(index)


class IdempotencyConflict(Exception):
    """The Idempotency-Key was already used for a different dump."""


class Backlogged(Exception):
    """The queue holds as much work as it is allowed to; retry later."""


class StoreFull(Exception):
    """Redis refused a write: it is at its memory limit (maxmemory, noeviction)."""


# Leave the queued set and its byte count together, whichever way a job leaves "queued".
_DEQUEUE = """
local size = redis.call('ZSCORE', KEYS[1], ARGV[1])
if size then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('DECRBY', KEYS[2], math.floor(tonumber(size)))
end
return size
"""


@dataclass(frozen=True)
class Page:
    items: list
    next_cursor: str | None


class JobStore:
    def __init__(self, client: redis.Redis, retention_seconds: int,
                 max_queued_jobs: int | None = None, max_queued_bytes: int | None = None):
        self.redis = client
        self.retention = retention_seconds
        self.max_queued_jobs = max_queued_jobs
        self.max_queued_bytes = max_queued_bytes
        self._dequeue_script = client.register_script(_DEQUEUE)

    # --- keys ------------------------------------------------------------------------
    @staticmethod
    def job_key(job_id: str) -> str:
        return f"{PREFIX}job:{job_id}"

    def _dump_key(self, job_id: str) -> str:
        return self.job_key(job_id) + ":dump"

    def _articles_key(self, job_id: str, run: str | None = None) -> str:
        return self.job_key(job_id) + (f":run:{run}" if run else "") + ":articles"

    def _lang_key(self, job_id: str, code: str, run: str | None = None) -> str:
        return self.job_key(job_id) + (f":run:{run}" if run else "") + f":lang:{code}"

    @staticmethod
    def _jobs_key(owner: str) -> str:
        """Sorted set of one tenant's job ids by creation time."""
        return f"{PREFIX}jobs:{owner}"

    _running_key = PREFIX + "running"     # sorted set: running job ids by last heartbeat
    _queued_key = PREFIX + "queued"       # sorted set: queued job ids, scored by dump size
    _queued_bytes_key = PREFIX + "queued-bytes"

    # --- backlog -------------------------------------------------------------------------
    def backlog(self) -> tuple[int, int]:
        """(jobs, bytes) waiting for a worker."""
        with self.redis.pipeline(transaction=False) as pipe:
            pipe.zcard(self._queued_key)
            pipe.get(self._queued_bytes_key)
            jobs, size = pipe.execute()
        return jobs, int(size or 0)

    def _check_backlog(self, size: int) -> None:
        if self.max_queued_jobs is None and self.max_queued_bytes is None:
            return
        jobs, queued_bytes = self.backlog()
        if self.max_queued_jobs is not None and jobs >= self.max_queued_jobs:
            raise Backlogged(f"{jobs} jobs are waiting for a worker (the limit is {self.max_queued_jobs})")
        if self.max_queued_bytes is not None and queued_bytes + size > self.max_queued_bytes:
            raise Backlogged(f"{queued_bytes} bytes of dumps are waiting for a worker "
                             f"(the limit is {self.max_queued_bytes})")

    def _leave_queue(self, job_id: str) -> None:
        self._dequeue_script(keys=[self._queued_key, self._queued_bytes_key], args=[job_id])

    # --- intake ----------------------------------------------------------------------
    def create_job(self, dump: bytes | str, metadata: dict | None = None, source: dict | None = None,
                   idempotency_key: str | None = None, owner: str = "") -> tuple[dict, bool]:
        """Store a new queued job and its dump (UTF-8). Returns (job, created); with an
        idempotency key already used for the same dump, the earlier job and False.
        Raises Backlogged when the queue is over its bounds, StoreFull when Redis is."""
        job_id = new_job_id()
        encoded = dump.encode("utf-8") if isinstance(dump, str) else dump
        digest = hashlib.sha256(encoded).hexdigest()
        if idempotency_key:
            earlier = self._idempotent_job(idempotency_key, owner, job_id, digest)
            if earlier is not None:
                return earlier, False
        self._check_backlog(len(encoded))
        created = time.time()
        expires_at_ms = int((created + self.retention) * 1000)
        fields = {
            "id": job_id,
            "owner": owner,
            "status": QUEUED,
            "created_at": now_iso(),
            "articles_found": 0,
            "articles_done": 0,
            "dump_bytes": len(encoded),
            "dump_sha256": digest,
            "metadata": json.dumps(metadata or {}, ensure_ascii=False),
            "source": json.dumps(source or {}, ensure_ascii=False),
            "expires_at_ms": expires_at_ms,
        }
        try:
            with self.redis.pipeline(transaction=True) as tx:
                tx.hset(self.job_key(job_id), mapping=fields)
                tx.set(self._dump_key(job_id), encoded)
                tx.pexpireat(self.job_key(job_id), expires_at_ms)
                tx.pexpireat(self._dump_key(job_id), expires_at_ms)
                tx.zadd(self._jobs_key(owner), {job_id: created})
                tx.zremrangebyscore(self._jobs_key(owner), "-inf", created - self.retention)
                tx.zadd(self._queued_key, {job_id: len(encoded)})
                tx.incrby(self._queued_bytes_key, len(encoded))
                tx.execute()
        except (redis.exceptions.OutOfMemoryError, redis.exceptions.ExecAbortError) as exc:
            if isinstance(exc, redis.exceptions.ExecAbortError) and "OOM" not in str(exc):
                raise                             # an aborted transaction for another reason
            raise StoreFull("the job store is at its memory limit") from None
        return self.get_job(job_id), True

    def _idempotent_job(self, idempotency_key: str, owner: str, job_id: str, digest: str) -> dict | None:
        scoped = f"{owner}:{idempotency_key}".encode()
        idem_key = f"{PREFIX}idem:{hashlib.sha256(scoped).hexdigest()}"
        if self.redis.set(idem_key, f"{job_id}:{digest}", nx=True, ex=self.retention):
            return None
        earlier_id, _, earlier_digest = (self.redis.get(idem_key) or b"").decode().partition(":")
        if earlier_digest != digest:
            raise IdempotencyConflict(idempotency_key)
        earlier = self.get_job(earlier_id, owner)
        if earlier is None:                       # expired or deleted: the key is free again
            self.redis.set(idem_key, f"{job_id}:{digest}", ex=self.retention)
        return earlier

    # --- reading ---------------------------------------------------------------------
    def get_job(self, job_id: str, owner: str | None = None) -> dict | None:
        """The job, or None if unknown or (with ``owner``) another tenant's."""
        raw = self.redis.hgetall(self.job_key(job_id))
        if not raw or (owner is not None and raw.get(b"owner", b"").decode() != owner):
            return None
        return _job_view(raw)

    def list_jobs(self, limit: int, cursor: str | None = None, owner: str = "") -> Page:
        """Most recent first. The cursor is the creation score of the last job seen."""
        upper = f"({cursor}" if cursor else "+inf"
        floor = time.time() - self.retention
        ids_scores = self.redis.zrevrangebyscore(self._jobs_key(owner), upper, floor, start=0, num=limit,
                                                 withscores=True)
        with self.redis.pipeline(transaction=False) as pipe:
            for job_id, _ in ids_scores:
                pipe.hgetall(self.job_key(job_id.decode()))
            raws = pipe.execute()
        jobs = [_job_view(raw) for raw in raws if raw]
        next_cursor = repr(ids_scores[-1][1]) if len(ids_scores) == limit else None
        return Page(jobs, next_cursor)

    def get_dump(self, job_id: str) -> str | None:
        raw = self.redis.get(self._dump_key(job_id))
        return raw.decode("utf-8") if raw is not None else None

    def page_articles(self, job_id: str, limit: int, cursor: int = 0, language: str | None = None) -> Page:
        """Articles from position ``cursor``, read a page at a time from Redis."""
        if language:
            positions = [int(p) for p in self.redis.lrange(self._lang_key(job_id, language),
                                                           cursor, cursor + limit - 1)]
            with self.redis.pipeline(transaction=False) as pipe:
                for position in positions:
                    pipe.lindex(self._articles_key(job_id), position)
                raws = pipe.execute()
            total = self.redis.llen(self._lang_key(job_id, language))
        else:
            raws = self.redis.lrange(self._articles_key(job_id), cursor, cursor + limit - 1)
            positions = list(range(cursor, cursor + len(raws)))
            total = self.redis.llen(self._articles_key(job_id))
        items = [self._article_view(job_id, raw, position)
                 for raw, position in zip(raws, positions) if raw is not None]
        end = cursor + len(raws)
        return Page(items, str(end) if end < total else None)

    def get_article(self, job_id: str, index: int) -> dict | None:
        raw = self.redis.lindex(self._articles_key(job_id), index)
        return self._article_view(job_id, raw, index) if raw is not None else None

    @staticmethod
    def _article_view(job_id: str, raw: bytes, position: int) -> dict:
        """An article's index is its position in the job: chunks number theirs locally."""
        article = json.loads(raw)
        article["index"] = position
        return {"id": article_id(job_id, position), "job_id": job_id, **article}

    # --- the worker's side -----------------------------------------------------------
    def mark_running(self, job_id: str) -> bool:
        """Queued (or redelivered running) -> running. False if the job is gone or finished,
        or if it was started MAX_ATTEMPTS times already (a dump that kills its worker
        every time must not be redelivered forever): it is failed then."""
        key = self.job_key(job_id)
        status = self.redis.hget(key, "status")
        if status is None or status.decode() in (SUCCEEDED, FAILED):
            return False
        attempts = self.redis.hincrby(key, "attempts", 1)
        if attempts > MAX_ATTEMPTS:
            self.finish_failed(job_id, f"the job was started {MAX_ATTEMPTS} times and its worker stopped "
                                       "each time before finishing; the dump may be too large or pathological")
            return False
        now = time.time()
        with self.redis.pipeline(transaction=True) as tx:
            tx.hset(key, mapping={"status": RUNNING, "started_at": now_iso(), "heartbeat": now,
                                  "articles_found": 0, "articles_done": 0})
            tx.zadd(self._running_key, {job_id: now})
            tx.execute()
        self._leave_queue(job_id)
        return True

    def beat(self, job_id: str) -> None:
        """The job is alive: refresh its heartbeat."""
        now = time.time()
        with self.redis.pipeline(transaction=False) as pipe:
            pipe.hset(self.job_key(job_id), "heartbeat", now)
            pipe.zadd(self._running_key, {job_id: now}, xx=True)
            pipe.execute()

    def stalled_jobs(self, older_than: float) -> list[str]:
        """Running jobs whose last heartbeat is older than ``older_than`` seconds."""
        ids = self.redis.zrangebyscore(self._running_key, "-inf", time.time() - older_than)
        return [job_id.decode() for job_id in ids]

    def requeue_stalled(self, job_id: str) -> bool:
        """Back to queued, for a new task; False (and the job failed) if it was started
        too often already, or False if it is gone."""
        self.redis.zrem(self._running_key, job_id)
        raw = self.redis.hmget(self.job_key(job_id), "status", "attempts")
        if raw[0] is None or raw[0].decode() != RUNNING:
            return False
        if int(raw[1] or 0) >= MAX_ATTEMPTS:
            self.finish_failed(job_id, f"the job stalled {MAX_ATTEMPTS} times (its worker vanished); "
                                       "the dump may be too large or pathological")
            return False
        size = int(self.redis.hget(self.job_key(job_id), "dump_bytes") or 0)
        with self.redis.pipeline(transaction=True) as tx:
            tx.hset(self.job_key(job_id), "status", QUEUED)
            tx.zadd(self._queued_key, {job_id: size})
            tx.incrby(self._queued_bytes_key, size)
            tx.execute()
        return True

    def set_progress(self, job_id: str, found: int, done: int) -> None:
        self.redis.hset(self.job_key(job_id), mapping={"articles_found": found, "articles_done": done})

    def write_articles(self, job_id: str, articles: Iterable[dict],
                       on_progress=None) -> tuple[str, dict[str, int]]:
        """Write articles under a fresh run's keys; returns (run, count per language)."""
        run = uuid.uuid4().hex[:12]
        expires_at_ms = self._expires_at_ms(job_id)
        languages: dict[str, int] = {}
        batch: list[dict] = []
        position = 0
        try:
            for article in articles:
                batch.append(article)
                if len(batch) >= WRITE_BATCH:
                    position = self._write_batch(job_id, run, batch, position, languages, expires_at_ms)
                    batch = []
                    if on_progress:
                        on_progress(position)
            self._write_batch(job_id, run, batch, position, languages, expires_at_ms)
        except redis.exceptions.OutOfMemoryError:
            self.discard_run(job_id, run)         # free what this run took, then report
            raise StoreFull("the job store reached its memory limit while storing the articles") from None
        return run, languages

    def _expires_at_ms(self, job_id: str) -> int:
        """Everything of a job expires when the job does: retention counts from intake."""
        raw = self.redis.hget(self.job_key(job_id), "expires_at_ms")
        return int(raw) if raw else int((time.time() + self.retention) * 1000)

    def _write_batch(self, job_id: str, run: str, batch: list[dict], position: int,
                     languages: dict[str, int], expires_at_ms: int) -> int:
        raws = [json.dumps(article, ensure_ascii=False) for article in batch]
        return self._append(job_id, run, raws, [a["language"] for a in batch], position, languages,
                            expires_at_ms)

    def _append(self, job_id: str, run: str, raws: list, codes: list[str], position: int,
                languages: dict[str, int], expires_at_ms: int) -> int:
        """Append articles (JSON) and their positions per language to a run's keys; counts
        the languages into ``languages`` and returns the next position."""
        if not raws:
            return position
        with self.redis.pipeline(transaction=False) as pipe:
            pipe.rpush(self._articles_key(job_id, run), *raws)
            for code in codes:
                pipe.rpush(self._lang_key(job_id, code, run), position)
                languages[code] = languages.get(code, 0) + 1
                position += 1
            # run keys expire too, so a worker that dies mid-write leaves nothing behind
            pipe.pexpireat(self._articles_key(job_id, run), expires_at_ms)
            for code in set(codes):
                pipe.pexpireat(self._lang_key(job_id, code, run), expires_at_ms)
            pipe.execute()
        return position

    def finish_succeeded(self, job_id: str, run: str, languages: dict[str, int]) -> bool:
        """Move the run's articles into place and mark the job succeeded, atomically."""
        total = sum(languages.values())
        summary = {"articles": total, "languages": dict(sorted(languages.items()))}
        job_key = self.job_key(job_id)

        def transaction(pipe: redis.client.Pipeline) -> bool:
            if not pipe.exists(job_key):
                return False                     # deleted or expired meanwhile
            old_codes = json.loads(pipe.hget(job_key, "languages") or b"[]")
            expires_at_ms = int(pipe.hget(job_key, "expires_at_ms") or (time.time() + self.retention) * 1000)
            pipe.multi()
            pipe.delete(self._articles_key(job_id), *[self._lang_key(job_id, c) for c in old_codes])
            if total:
                pipe.rename(self._articles_key(job_id, run), self._articles_key(job_id))
            for code in languages:
                pipe.rename(self._lang_key(job_id, code, run), self._lang_key(job_id, code))
            pipe.zrem(self._running_key, job_id)
            pipe.hset(job_key, mapping={
                "status": SUCCEEDED, "finished_at": now_iso(), "articles_found": total,
                "articles_done": total, "summary": json.dumps(summary), "error": "",
                "languages": json.dumps(sorted(languages))})
            for key in [self._articles_key(job_id)] + [self._lang_key(job_id, c) for c in languages]:
                pipe.pexpireat(key, expires_at_ms)
            return True

        return self.redis.transaction(transaction, job_key, value_from_callable=True)

    def finish_failed(self, job_id: str, error: str) -> None:
        self.redis.zrem(self._running_key, job_id)
        self._leave_queue(job_id)
        if self.redis.exists(self.job_key(job_id)):
            self.redis.hset(self.job_key(job_id), mapping={
                "status": FAILED, "finished_at": now_iso(), "error": error})

    # --- chunks of a big dump -----------------------------------------------------------
    def read_dump(self, job_id: str, start: int, end: int) -> bytes:
        """Bytes [start, end) of the stored dump."""
        if end <= start:
            return b""
        return self.redis.getrange(self._dump_key(job_id), start, end - 1)

    def dump_size(self, job_id: str) -> int:
        return self.redis.strlen(self._dump_key(job_id))

    def start_chunked_run(self, job_id: str, total: int) -> str:
        """A new run of ``total`` chunks; the job remembers which run is current."""
        run = uuid.uuid4().hex[:12]
        self.redis.hset(self.job_key(job_id), mapping={"run": run, "chunks": total})
        return run

    def current_run(self, job_id: str) -> str | None:
        raw = self.redis.hget(self.job_key(job_id), "run")
        return raw.decode() if raw else None

    def add_progress(self, job_id: str, found: int = 0, done: int = 0) -> None:
        with self.redis.pipeline(transaction=False) as pipe:
            if found:
                pipe.hincrby(self.job_key(job_id), "articles_found", found)
            if done:
                pipe.hincrby(self.job_key(job_id), "articles_done", done)
            pipe.execute()

    def _chunk_key(self, job_id: str, run: str, n: int) -> str:
        return self.job_key(job_id) + f":run:{run}:chunk:{n}"

    def _chunks_done_key(self, job_id: str, run: str) -> str:
        return self.job_key(job_id) + f":run:{run}:chunks-done"

    def write_chunk(self, job_id: str, run: str, n: int, articles: list[dict]) -> int | None:
        """Store chunk n's articles once (a redelivered chunk is dropped). Returns how many
        chunks are done, counting this one, or None if this chunk was done already."""
        expires_at_ms = self._expires_at_ms(job_id)
        scratch = self._chunk_key(job_id, run, n) + f":{uuid.uuid4().hex[:8]}"
        try:
            for offset in range(0, len(articles), WRITE_BATCH):
                batch = articles[offset:offset + WRITE_BATCH]
                with self.redis.pipeline(transaction=False) as pipe:
                    pipe.rpush(scratch, *[json.dumps(a, ensure_ascii=False) for a in batch])
                    pipe.pexpireat(scratch, expires_at_ms)
                    pipe.execute()
            done_key = self._chunks_done_key(job_id, run)
            languages = json.dumps([a["language"] for a in articles])

            def claim(pipe: redis.client.Pipeline) -> None:
                if pipe.hexists(done_key, n):
                    return                     # queues nothing: the transaction returns []
                pipe.multi()
                pipe.hset(done_key, n, languages)
                pipe.pexpireat(done_key, expires_at_ms)
                if articles:
                    pipe.rename(scratch, self._chunk_key(job_id, run, n))
                pipe.hlen(done_key)            # counted in the same transaction: one chunk sees the last

            results = self.redis.transaction(claim, done_key)
        except redis.exceptions.OutOfMemoryError:
            self.redis.delete(scratch)
            raise StoreFull("the job store reached its memory limit while storing the articles") from None
        if not results:
            self.redis.delete(scratch)
            return None
        return int(results[-1])

    def merge_chunks(self, job_id: str, run: str, total: int) -> dict[str, int]:
        """Append the chunks' articles, in order, to the run's list; returns the language counts."""
        expires_at_ms = self._expires_at_ms(job_id)
        done_key = self._chunks_done_key(job_id, run)
        languages: dict[str, int] = {}
        position = 0
        for n in range(total):
            chunk_languages = json.loads(self.redis.hget(done_key, n) or b"[]")
            chunk_key = self._chunk_key(job_id, run, n)
            for offset in range(0, len(chunk_languages), WRITE_BATCH):
                raws = self.redis.lrange(chunk_key, offset, offset + WRITE_BATCH - 1)
                codes = chunk_languages[offset:offset + len(raws)]
                position = self._append(job_id, run, raws, codes, position, languages, expires_at_ms)
            self.redis.delete(chunk_key)
        self.redis.delete(done_key)
        return languages

    # --- deletion --------------------------------------------------------------------
    def delete_job(self, job_id: str) -> bool:
        job_key = self.job_key(job_id)
        owner = (self.redis.hget(job_key, "owner") or b"").decode()
        codes = json.loads(self.redis.hget(job_key, "languages") or b"[]")
        run_keys = list(self._scan(job_key + ":run:*"))
        self._leave_queue(job_id)
        with self.redis.pipeline(transaction=True) as tx:
            tx.delete(job_key, self._dump_key(job_id), self._articles_key(job_id),
                      *[self._lang_key(job_id, c) for c in codes], *run_keys)
            tx.zrem(self._jobs_key(owner), job_id)
            tx.zrem(self._running_key, job_id)
            deleted, *_ = tx.execute()
        return bool(deleted)

    def discard_run(self, job_id: str, run: str) -> None:
        """Drop a run's partial articles (frees memory when Redis is full)."""
        keys = list(self._scan(self.job_key(job_id) + f":run:{run}:*"))
        if keys:
            self.redis.delete(*keys)

    def _scan(self, pattern: str) -> Iterator[bytes]:
        yield from self.redis.scan_iter(match=pattern, count=500)


def _job_view(raw: dict[bytes, bytes]) -> dict:
    job = {k.decode(): v.decode() for k, v in raw.items()}
    summary = job.get("summary")
    return {
        "id": job["id"],
        "status": job["status"],
        "created_at": job.get("created_at"),
        "started_at": job.get("started_at") or None,
        "finished_at": job.get("finished_at") or None,
        "progress": {"articles_found": int(job.get("articles_found", 0)),
                     "articles_done": int(job.get("articles_done", 0))},
        "summary": json.loads(summary) if summary else None,
        "error": job.get("error") or None,
        "dump_bytes": int(job.get("dump_bytes", 0)),
        "metadata": json.loads(job.get("metadata") or "{}"),
        "source": json.loads(job.get("source") or "{}"),
    }
