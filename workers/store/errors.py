"""What the store refuses, as exceptions the API and the workers turn into answers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

import redis


FULL_WHILE_STORING = "the job store reached its memory limit while storing the articles"


class IdempotencyConflict(Exception):
    """The Idempotency-Key was already used for a different dump."""


class Backlogged(Exception):
    """The queue holds as much work as it is allowed to; retry later."""


class StoreFull(Exception):
    """Redis refused a write: it is at its memory limit (maxmemory, noeviction)."""


@contextmanager
def full_when_out_of_memory(message: str) -> Iterator[None]:
    """Redis's OOM refusal (also inside a transaction it aborted) as StoreFull(message)."""
    try:
        yield
    except (redis.exceptions.OutOfMemoryError, redis.exceptions.ExecAbortError) as exc:
        if isinstance(exc, redis.exceptions.ExecAbortError) and "OOM" not in str(exc):
            raise                             # an aborted transaction for another reason
        raise StoreFull(message) from None


class FreedWhenFull:
    """A writer of partial results that, used as a context manager, frees what it wrote
    when Redis fills up meanwhile (StoreFull): a full store must not stay full of halves."""

    def free(self) -> None:
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, kind: type | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if isinstance(exc, StoreFull):
            self.free()
