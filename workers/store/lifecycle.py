"""A job's life after intake: started (running), alive (heartbeats, progress), stalled
(re-queued), or failed. Succeeding is ``results.Results.finish_succeeded``: it also
moves the articles into place.

A start hands out a ``RunOwner``: the right to work on the job. Every write of a running
task (heartbeat, progress, success) is made only while the task still owns the job, in
one script that checks and writes: a job deleted meanwhile is never recreated, and a task
whose job was re-queued to another task (after a Redis outage, say) stops at its next write
instead of running the job a second time.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import redis

from . import keys
from .backlog import Backlog
from .errors import FULL_WHILE_STORING, full_when_out_of_memory
from .if_exists import set_if_exists
from .keys import JobKeys
from .records import now_iso
from .status import JobStatus

class RunCancelled(Exception):
    """The task no longer owns its job: the job was deleted, expired or re-queued. The task
    stops, and whatever it wrote goes."""


@dataclass(frozen=True)
class RunOwner:
    """Who may write to a running job: the hash field ``field`` holds ``token``. A whole-dump
    task owns the job by the token of its start (``runner``); the chunks of a big dump by
    their chunked run (``run``)."""

    job_id: str
    field: str
    token: str


# KEYS: the job hash, the running set. ARGV: job id, now (epoch s), busy-after (epoch s),
# max attempts, the new owner token, now (ISO 8601). A job running with a fresh heartbeat is
# "busy": a second delivery of its message (a broker redelivery) leaves it to its owner.
_START = """
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'gone' end
if status == 'succeeded' or status == 'failed' then return 'finished' end
if status == 'running' and tonumber(redis.call('HGET', KEYS[1], 'heartbeat') or '0') > tonumber(ARGV[3]) then
  return 'busy'
end
if redis.call('HINCRBY', KEYS[1], 'attempts', 1) > tonumber(ARGV[4]) then return 'exhausted' end
redis.call('HSET', KEYS[1], 'status', 'running', 'started_at', ARGV[6], 'heartbeat', ARGV[2],
           'articles_found', 0, 'articles_done', 0, 'runner', ARGV[5], 'run', '', 'chunks', 0)
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return 'started'
"""

# KEYS: the job hash. ARGV: owner field, token, then 'set' or 'add', then field/value pairs.
# Writes only while the job is running and owned by this token; 1 if written, else 0.
_OWNED_WRITE = """
if redis.call('HGET', KEYS[1], 'status') ~= 'running' or redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then
  return 0
end
for i = 4, #ARGV, 2 do
  if ARGV[3] == 'add' then redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
  else redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
return 1
"""


@dataclass
class Lifecycle:
    client: redis.Redis
    backlog: Backlog
    max_attempts: int                     # starts of a job before it is failed
    stale_seconds: float = 60.0           # a running job silent this long is stalled

    def __post_init__(self) -> None:
        self._start = self.client.register_script(_START)
        self._owned_write = self.client.register_script(_OWNED_WRITE)

    def mark_running(self, job_id: str) -> RunOwner | None:
        """Queued (or stalled running) -> running, owned by the returned ``RunOwner``. None if
        the job is gone or finished, if another task is running it (its heartbeat is fresh),
        or if it was started ``max_attempts`` times already (a dump that kills its worker
        every time must not be redelivered forever): it is failed then."""
        now = time.time()
        token = uuid.uuid4().hex
        outcome = self._start(keys=[JobKeys(job_id).job, keys.RUNNING],
                              args=[job_id, now, now - self.stale_seconds, self.max_attempts, token, now_iso()])
        outcome = outcome.decode()
        if outcome in ("gone", "finished"):
            self.backlog.leave(job_id)    # a job that expired while queued leaves the counts too
            return None
        if outcome == "exhausted":
            self.finish_failed(job_id, f"the job was started {self.max_attempts} times and its worker stopped "
                                       "each time before finishing; the dump may be too large or pathological")
            return None
        if outcome == "busy":
            return None
        self.backlog.leave(job_id)
        return RunOwner(job_id, "runner", token)

    def owns(self, owner: RunOwner) -> bool:
        """Whether ``owner`` may still write to the job (it is running, and theirs)."""
        status, token = self.client.hmget(JobKeys(owner.job_id).job, "status", owner.field)
        return status == JobStatus.RUNNING.value.encode() and token == owner.token.encode()

    def write_owned(self, owner: RunOwner, mapping: dict) -> bool:
        """Set fields of the job while ``owner`` owns it; False (nothing written) otherwise."""
        with full_when_out_of_memory(FULL_WHILE_STORING):
            return self._write_owned(owner, "set", mapping)

    def _write_owned(self, owner: RunOwner, mode: str, mapping: dict) -> bool:
        args = [owner.field, owner.token, mode]
        for name, value in mapping.items():
            args += [name, value]
        return bool(self._owned_write(keys=[JobKeys(owner.job_id).job], args=args))

    def beat(self, owner: RunOwner) -> bool:
        """The job is alive: refresh its heartbeat. False if the task no longer owns it."""
        now = time.time()
        if not self._write_owned(owner, "set", {"heartbeat": now}):
            return False
        self.client.zadd(keys.RUNNING, {owner.job_id: now}, xx=True)
        return True

    def set_progress(self, owner: RunOwner, found: int, done: int) -> bool:
        """False if the task no longer owns the job (deleted, expired, re-queued)."""
        with full_when_out_of_memory(FULL_WHILE_STORING):
            return self._write_owned(owner, "set", {"articles_found": found, "articles_done": done})

    def add_progress(self, owner: RunOwner, found: int = 0, done: int = 0) -> bool:
        """Add to the counts (the chunks of a job report their parts); False if not owned."""
        with full_when_out_of_memory(FULL_WHILE_STORING):
            return self._write_owned(owner, "add", {"articles_found": found, "articles_done": done})

    def stalled_jobs(self, older_than: float) -> list[str]:
        """Running jobs whose last heartbeat is older than ``older_than`` seconds."""
        ids = self.client.zrangebyscore(keys.RUNNING, "-inf", time.time() - older_than)
        return [job_id.decode() for job_id in ids]

    def requeue_stalled(self, job_id: str, chunked_older_than: float | None = None) -> bool | None:
        """Back to queued, for a new task; its old task (if it still runs) no longer owns it.
        False (and the job failed) if it was started too often already, or False if it is
        gone. None, and nothing done, for a chunked run whose heartbeat is younger than
        ``chunked_older_than``: its chunks may be waiting in the queue, where nobody beats."""
        key = JobKeys(job_id).job
        status, attempts, size, chunks, beat, expires = self.client.hmget(
            key, "status", "attempts", "dump_bytes", "chunks", "heartbeat", "expires_at_ms")
        if (chunked_older_than is not None and status == b"running" and int(chunks or 0) > 1
                and float(beat or 0) > time.time() - chunked_older_than):
            return None
        self.client.zrem(keys.RUNNING, job_id)
        if status is None or status.decode() != JobStatus.RUNNING:
            return False
        if int(attempts or 0) >= self.max_attempts:
            self.finish_failed(job_id, f"the job stalled {self.max_attempts} times (its worker vanished); "
                                       "the dump may be too large or pathological")
            return False
        with self.client.pipeline(transaction=True) as tx:
            tx.hset(key, mapping={"status": JobStatus.QUEUED, "runner": "", "run": ""})
            self.backlog.enter(tx, job_id, int(size or 0), int(expires) if expires else None)
            tx.execute()
        return True

    def finish_failed(self, job_id: str, error: str, owner: RunOwner | None = None) -> bool:
        """Mark the job failed (with ``owner``: only while that task owns it). Never recreates
        a deleted job. False if nothing was written."""
        fields = {"status": JobStatus.FAILED, "finished_at": now_iso(), "error": error}
        if owner is not None:
            failed = self._write_owned(owner, "set", fields)
        else:
            failed = bool(set_if_exists(self.client, JobKeys(job_id).job, fields))
        if failed or owner is None:
            self.client.zrem(keys.RUNNING, job_id)
            self.backlog.leave(job_id)
        return failed
