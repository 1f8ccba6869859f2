"""A job's articles: appended under a run of their own, moved into place atomically when
the job succeeds, and read back a page at a time.

A worker writes under ``run`` keys and renames them into place in the one transaction
that also marks the job succeeded: a reader never sees half a job, and a redelivered task
replaces the articles instead of adding to them. The same transaction deletes the dump,
unless the store keeps dumps (``DUMPLING_KEEP_DUMPS``): a failed job keeps its dump.

Each article is stored as a zstd frame of its JSON (``codec.py``).
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass

import redis

from . import codec, keys
from .deletion import Deletion
from .errors import FULL_WHILE_STORING, FreedWhenFull, full_when_out_of_memory
from .keys import JobKeys
from .lifecycle import RunOwner
from .records import JobRecords, Page, now_iso
from .status import JobStatus

def new_run_id() -> str:
    return uuid.uuid4().hex[:12]


class RunWriter(FreedWhenFull):
    """Appends one run's articles, batch by batch."""

    def __init__(self, client: redis.Redis, deletion: Deletion, job_id: str, run: str, expires_at_ms: int):
        self.client = client
        self.deletion = deletion
        self.job_id = job_id
        self.run = run
        self.expires_at_ms = expires_at_ms
        self.languages: dict[str, int] = {}       # articles per language so far
        self.count = 0                            # articles so far: the next one's position

    def append(self, articles: list[dict]) -> None:
        self.append_encoded([codec.encode_article_record(a) for a in articles],
                            [a["language"] for a in articles])

    def append_encoded(self, raws: list, codes: list[str]) -> None:
        """Articles already encoded (``codec.encode_article``), and their language codes."""
        if not raws:
            return
        job = JobKeys(self.job_id)
        written = [job.articles(self.run), *{job.lang(code, self.run) for code in codes}]
        with full_when_out_of_memory(FULL_WHILE_STORING), self.client.pipeline(transaction=False) as pipe:
            pipe.rpush(job.articles(self.run), *raws)
            for position, code in enumerate(codes, start=self.count):
                pipe.rpush(job.lang(code, self.run), position)
            # run keys expire too, so a worker that dies mid-write leaves nothing behind
            for key in written:
                pipe.pexpireat(key, self.expires_at_ms)
            keys.track(pipe, self.job_id, written, self.expires_at_ms)
            pipe.execute()
        for code in codes:
            self.languages[code] = self.languages.get(code, 0) + 1
        self.count += len(codes)

    def free(self) -> None:
        self.deletion.discard_run(self.job_id, self.run)


@dataclass
class Results:
    client: redis.Redis
    records: JobRecords
    deletion: Deletion
    keep_dumps: bool = False              # else a job's dump goes when the job succeeds

    def new_run(self, job_id: str, run: str | None = None) -> RunWriter:
        """A writer for a fresh run (or for ``run``, the chunked run being merged)."""
        return RunWriter(self.client, self.deletion, job_id, run or new_run_id(),
                         self.records.expires_at_ms(job_id))

    def finish_succeeded(self, job_id: str, run: RunWriter, owner: RunOwner | None = None) -> bool:
        """Move the run's articles into place and mark the job succeeded, atomically.
        False if the job was deleted or expired meanwhile, or (with ``owner``) if that task
        no longer owns the job: another task is running it, and only one may finish it."""
        languages, total = run.languages, run.count
        summary = {"articles": total, "languages": dict(sorted(languages.items()))}
        job = JobKeys(job_id)

        def transaction(pipe: redis.client.Pipeline) -> bool:
            if not pipe.exists(job.job):
                return False
            if owner is not None:
                status, token = pipe.hmget(job.job, "status", owner.field)
                if status != JobStatus.RUNNING.value.encode() or token != owner.token.encode():
                    return False
            old_codes = json.loads(pipe.hget(job.job, "languages") or b"[]")
            expires_at_ms = int(pipe.hget(job.job, "expires_at_ms") or (time.time() + self.records.retention) * 1000)
            pipe.multi()
            pipe.delete(*job.results(old_codes))
            if total:
                pipe.rename(job.articles(run.run), job.articles())
            for code in languages:
                pipe.rename(job.lang(code, run.run), job.lang(code))
            pipe.zrem(keys.RUNNING, job_id)
            if not self.keep_dumps:
                pipe.delete(job.dump)
            pipe.hset(job.job, mapping={
                "status": JobStatus.SUCCEEDED, "finished_at": now_iso(), "articles_found": total,
                "articles_done": total, "summary": json.dumps(summary), "error": "",
                "languages": json.dumps(sorted(languages))})
            for key in job.results(list(languages)):
                pipe.pexpireat(key, expires_at_ms)
            return True

        return self.client.transaction(transaction, job.job, value_from_callable=True)

    def page_articles(self, job_id: str, limit: int, cursor: int = 0,
                      language: str | None = None) -> Page[tuple[int, dict]]:
        """(position, article) from position ``cursor``, read a page at a time from Redis."""
        job = JobKeys(job_id)
        if language:
            positions = [int(p) for p in self.client.lrange(job.lang(language), cursor, cursor + limit - 1)]
            with self.client.pipeline(transaction=False) as pipe:
                for position in positions:
                    pipe.lindex(job.articles(), position)
                raws = pipe.execute()
            total = self.client.llen(job.lang(language))
        else:
            raws = self.client.lrange(job.articles(), cursor, cursor + limit - 1)
            positions = list(range(cursor, cursor + len(raws)))
            total = self.client.llen(job.articles())
        items = [(position, json.loads(codec.decode_article(raw))) for raw, position in zip(raws, positions) if raw is not None]
        end = cursor + len(raws)
        return Page(items, str(end) if end < total else None)

    def get_article(self, job_id: str, position: int) -> dict | None:
        raw = self.client.lindex(JobKeys(job_id).articles(), position)
        return json.loads(codec.decode_article(raw)) if raw is not None else None
