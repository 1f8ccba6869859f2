"""The backlog: jobs waiting for a worker, counted by number and by bytes of dump.

Intake refuses a dump past either bound (``Backlogged``); a job leaves the backlog when
a worker starts it, when it fails, or when it is deleted, and comes back when a stalled
job is re-queued.
"""

from __future__ import annotations

import redis

from . import keys
from .errors import Backlogged

# Leave the queued set and its byte count together, whichever way a job leaves "queued".
_LEAVE = """
local size = redis.call('ZSCORE', KEYS[1], ARGV[1])
if size then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('DECRBY', KEYS[2], math.floor(tonumber(size)))
end
return size
"""


class Backlog:
    def __init__(self, client: redis.Redis, max_jobs: int | None = None, max_bytes: int | None = None):
        self.client = client
        self.max_jobs = max_jobs
        self.max_bytes = max_bytes
        self._leave = client.register_script(_LEAVE)

    def size(self) -> tuple[int, int]:
        """(jobs, bytes) waiting for a worker."""
        with self.client.pipeline(transaction=False) as pipe:
            pipe.zcard(keys.QUEUED)
            pipe.get(keys.QUEUED_BYTES)
            jobs, size = pipe.execute()
        return jobs, int(size or 0)

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

    @staticmethod
    def enter(pipe: redis.client.Pipeline, job_id: str, size: int) -> None:
        """Queue the job, in the caller's transaction."""
        pipe.zadd(keys.QUEUED, {job_id: size})
        pipe.incrby(keys.QUEUED_BYTES, size)

    def leave(self, job_id: str) -> None:
        self._leave(keys=[keys.QUEUED, keys.QUEUED_BYTES], args=[job_id])
