"""kombu's Redis transport, made to survive a Redis at its memory limit (maxmemory,
noeviction). Selected by ``broker_transport`` in ``celery_factory.py``; the broker URL
stays ``redis://``.

kombu acknowledges a message with ZREM and HDEL in a MULTI transaction. Redis refuses
every command queued in a MULTI while it is over its memory limit, even commands that
free memory, so the acknowledgement fails with OutOfMemoryError, which the worker's main
process treats as unrecoverable: it exits. Sent without MULTI, the two commands go
through (Redis refuses only commands that may grow memory), and a worker whose job hit a
full Redis acknowledges it and lives on. Two commands instead of one transaction is safe:
each removes the message from one of kombu's two indices, and a message left in only one
of them is restored or dropped as before by kombu's own sweep.

Taking a message also writes (the unacked copy, ZADD and HSET), which Redis refuses when
full: then the worker waits, retrying, until Redis has room, rather than crash with a
message it has popped from the queue and cannot record.

Publishing into a caller's transaction (``publishing_into``): inside it, a producer's
batch (kombu's ``Producer.batch()``) adds its Redis commands, the message's LPUSH and the
task-sent event's PUBLISH, to the caller's MULTI pipeline instead of a pipeline of its own.
The API stores a job and queues its message in one transaction: one round trip, and never
a job stored but not queued, nor a message queued for a job that was not stored.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import redis
from celery.worker import state as worker_state
from kombu.transport import redis as kombu_redis

log = logging.getLogger(__name__)

ROOM_RETRY_SECONDS = 1.0     # how often a worker retries to record a message while Redis is full


class QoS(kombu_redis.QoS):
    def _remove_from_indices(self, delivery_tag, pipe=None):
        if pipe is not None:                 # the caller's pipeline: theirs to run
            return super()._remove_from_indices(delivery_tag, pipe)
        with self.channel.conn_or_acquire() as client:
            return (client.pipeline(transaction=False)
                    .zrem(self.unacked_index_key, delivery_tag)
                    .hdel(self.unacked_key, delivery_tag))

    def append(self, message, delivery_tag):
        warned = False
        while True:
            try:
                return super().append(message, delivery_tag)
            except redis.exceptions.OutOfMemoryError:
                if worker_state.should_stop is not None or worker_state.should_terminate is not None:
                    raise                    # shutting down: the message's fate is kombu's, as before
                if not warned:
                    log.warning("Redis is at its memory limit: waiting for room to take a message")
                    warned = True
                time.sleep(ROOM_RETRY_SECONDS)


# the caller's pipeline that batches publish into (a ContextVar: one per thread or greenlet)
_into_pipeline: ContextVar[redis.client.Pipeline | None] = ContextVar("into_pipeline", default=None)


class IntoPipeline:
    """A kombu publish batch whose commands go to the caller's pipeline; the caller runs
    it (``execute``), so flushing, discarding and closing leave it alone."""

    def __init__(self, channel: "Channel", pipeline: redis.client.Pipeline):
        self.channel = channel
        self.pipeline = pipeline
        self.commands = 0

    def publish(self, message, **kwargs):
        return self.channel.basic_publish(message, _publish_batch=self, **kwargs)

    def add(self, name: str, *args) -> None:          # called by the channel's _put and _put_fanout
        getattr(self.pipeline, name)(*args)
        self.commands += 1

    def flush(self) -> None:
        pass

    def discard(self) -> None:
        pass

    def close(self) -> None:
        pass


@contextmanager
def publishing_into(pipeline: redis.client.Pipeline) -> Iterator[None]:
    """Within: a ``Producer.batch()`` on this transport adds its commands to ``pipeline``.

    The pipeline's client must not retry: a transaction whose reply was lost would be run
    again whole, queueing the message twice (kombu's own batches refuse such clients too)."""
    if _retries(pipeline.connection_pool.connection_kwargs):
        raise ValueError("publishing into a transaction needs a Redis client that does not retry")
    token = _into_pipeline.set(pipeline)
    try:
        yield
    finally:
        _into_pipeline.reset(token)


def _retries(connection_kwargs: dict) -> bool:
    """Whether redis-py would run a command again after a lost reply (the test kombu's own
    batches make before they batch)."""
    return bool(connection_kwargs.get("retry_on_timeout") or connection_kwargs.get("retry_on_error")
                or connection_kwargs.get("retry") is not None)


class Channel(kombu_redis.Channel):
    QoS = QoS

    @property
    def supports_batch_publish(self) -> bool:
        # into a caller's pipeline, always: publishing at once instead would queue the
        # message before its job is stored
        return _into_pipeline.get() is not None or super().supports_batch_publish

    def create_publish_batch(self, max_size):
        pipeline = _into_pipeline.get()
        if pipeline is None:
            return super().create_publish_batch(max_size)
        return IntoPipeline(self, pipeline)

    @contextmanager
    def conn_or_acquire(self, client=None):
        # inside a caller's transaction every write goes to its pipeline: a write of its own
        # (a kombu that stopped passing the batch on) would queue the message before its job
        if client is None and _into_pipeline.get() is not None:
            raise RuntimeError("a publish into a transaction tried to write to Redis on its own")
        with super().conn_or_acquire(client) as connection:
            yield connection


class Transport(kombu_redis.Transport):
    Channel = Channel
