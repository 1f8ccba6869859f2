"""The backlog: jobs waiting for a worker, counted by number and by bytes of dump.

Intake refuses a dump past either bound (``Backlogged``); a job leaves the backlog when
a worker starts it (or finds it gone), when it fails, or when it is deleted, and comes
back when a stalled job is re-queued.

The counts heal: each queued job is scored by the instant it expires, so a job that
expires while still queued (its message never taken, or lost) is pruned from the counts
the next time they are read, instead of holding a place in the queue forever.

Every script starts with a write that Redis allows when it is at its memory limit (ZREM,
HDEL): after a script's first write Redis lets it finish, so a full Redis still lets jobs
leave the backlog, which is how memory comes back.
"""

from __future__ import annotations

import time

import redis

from . import keys
from .errors import Backlogged

_KEYS = [keys.BACKLOG_JOBS, keys.BACKLOG_SIZES, keys.BACKLOG_BYTES]

# KEYS: jobs, sizes, bytes; ARGV: job id, its expiry (epoch ms), its size. Idempotent: a
# job already queued is not counted twice.
_ENTER = """
if redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1]) == 1 then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
  redis.call('INCRBY', KEYS[3], ARGV[3])
end
return 1
"""

# Take jobs out of the backlog with their sizes (the ids in ARGV, or with ARGV[1] == '@expired',
# every job whose expiry is before ARGV[2]); then return {jobs, bytes}, recounting the bytes
# from the sizes if the counter is missing.
_LEAVE = """
local ids = ARGV
if ARGV[1] == '@expired' then
  ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[2])
end
for _, id in ipairs(ids) do
  if redis.call('ZREM', KEYS[1], id) == 1 then
    local size = redis.call('HGET', KEYS[2], id)
    redis.call('HDEL', KEYS[2], id)
    if size then redis.call('DECRBY', KEYS[3], size) end
  end
end
local total = redis.call('GET', KEYS[3])
if not total then
  total = 0
  for _, size in ipairs(redis.call('HVALS', KEYS[2])) do total = total + tonumber(size) end
  if total > 0 then redis.pcall('SET', KEYS[3], total) end
end
return {redis.call('ZCARD', KEYS[1]), tonumber(total)}
"""


class Backlog:
    def __init__(self, client: redis.Redis, max_jobs: int | None = None, max_bytes: int | None = None,
                 retention_seconds: int = 7 * 24 * 3600):
        self.client = client
        self.max_jobs = max_jobs
        self.max_bytes = max_bytes
        self.retention = retention_seconds        # a job queued without its expiry expires this long after
        self._enter = client.register_script(_ENTER)
        self._leave = client.register_script(_LEAVE)

    def prune_expired(self) -> tuple[int, int]:
        """Take the jobs that expired while queued out of the counts; (jobs, bytes) left."""
        jobs, size = self._leave(keys=_KEYS, args=["@expired", int(time.time() * 1000)])
        return int(jobs), int(size)

    def size(self) -> tuple[int, int]:
        """(jobs, bytes) waiting for a worker. A job that expired meanwhile does not count:
        the counts are pruned as they are read."""
        return self.prune_expired()

    def check_room_for(self, size: int) -> None:
        """Raise Backlogged if a dump of ``size`` bytes would go past a bound."""
        if self.max_jobs is None and self.max_bytes is None:
            return
        jobs, queued_bytes = self.size()
        if self.max_jobs is not None and jobs >= self.max_jobs:
            raise Backlogged(f"{jobs} jobs are waiting for a worker (the limit is {self.max_jobs})")
        if self.max_bytes is not None and queued_bytes + size > self.max_bytes:
            raise Backlogged(f"{queued_bytes} bytes of dumps are waiting for a worker "
                             f"(the limit is {self.max_bytes})")

    def enter(self, pipe: redis.client.Pipeline, job_id: str, size: int, expires_at_ms: int | None = None) -> None:
        """Queue the job, in the caller's transaction; it counts until it leaves or expires."""
        if expires_at_ms is None:
            expires_at_ms = int((time.time() + self.retention) * 1000)
        self._enter(keys=_KEYS, args=[job_id, expires_at_ms, size], client=pipe)

    def enter_new(self, pipe: redis.client.Pipeline, job_id: str, size: int, expires_at_ms: int) -> None:
        """``enter`` for a job id never queued before (a new job), in the caller's
        transaction: the same writes, as plain commands. A script in a pipeline costs a
        round trip of its own first (redis-py asks SCRIPT EXISTS before every such pipeline),
        and a new id needs no check that it is counted once."""
        pipe.zadd(keys.BACKLOG_JOBS, {job_id: expires_at_ms})
        pipe.hset(keys.BACKLOG_SIZES, job_id, size)
        pipe.incrby(keys.BACKLOG_BYTES, size)

    def leave(self, job_id: str) -> None:
        self._leave(keys=_KEYS, args=[job_id])
