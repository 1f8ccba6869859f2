"""The worker loop: what a worker does with a job. It owns the work: it runs the pipeline,
cuts the articles into batches, reports progress and hands each batch to the store; the
store only stores.

A dump up to ``DUMPLING_CHUNK_BYTES`` is one piece of work (``process_dump``). A bigger one
is cut into chunks (``cut_dump``, ``start_chunked_run``); each chunk is a task of its own
that any worker may take (``process_chunk``), and the delivery that stores the last chunk
merges them all and finishes the job.

The task works only while it owns its job (``RunOwner``): each batch's progress is written
only if the job is still its own, and when it is not (deleted, expired, re-queued to
another task) the task raises ``RunCancelled`` and what it wrote goes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass
from typing import TypeVar

from .chunks import Chunk, plan_chunks
from .pipeline import Plan
from .pipeline.language_backends import LANGDETECT
from .store import JobStore, RunCancelled, RunOwner

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def still_owned(owned: bool, owner: RunOwner) -> None:
    """Stop here (RunCancelled) if the last write found the job no longer the task's own."""
    if not owned:
        raise RunCancelled(owner.job_id)


@contextmanager
def discarding_run_when_cancelled(store: JobStore, job_id: str, run: str) -> Iterator[None]:
    """A cancelled task leaves nothing behind: its run's keys (recreated, say, by a batch
    written just after the job was deleted) go."""
    try:
        yield
    except RunCancelled:
        store.deletion.discard_run(job_id, run)
        raise


def process_dump(store: JobStore, owner: RunOwner, text: str, batch_size: int,
                 language_backend: str = LANGDETECT) -> None:
    """A whole dump: its articles under a fresh run, a batch at a time, then the atomic finish."""
    job_id = owner.job_id
    plan = Plan(text, language_backend=language_backend)
    found = len(plan)                     # known before any article is extracted
    still_owned(store.lifecycle.set_progress(owner, found, 0), owner)
    with store.results.new_run(job_id) as run, discarding_run_when_cancelled(store, job_id, run.run):
        for batch in batched((article.to_dict() for article in plan), batch_size):
            run.append(batch)
            still_owned(store.lifecycle.set_progress(owner, max(found, run.count), run.count), owner)
        still_owned(store.results.finish_succeeded(job_id, run, owner), owner)


# --- big dumps, in chunks ------------------------------------------------------------------

@dataclass(frozen=True)
class ChunkTask:
    """What one chunk's task carries (as JSON, in this order): the job, its run, which chunk
    of how many, its byte range in the dump and the number of its first line."""

    job_id: str
    run: str
    n: int
    total: int
    start: int
    end: int
    first_line: int

    def args(self) -> list:
        return list(astuple(self))


def cut_dump(store: JobStore, job_id: str, chunk_bytes: int) -> list[Chunk]:
    """The chunks of the job's dump: one for a dump up to ``chunk_bytes``."""
    size = store.records.dump_size(job_id)
    return plan_chunks(lambda start, end: store.records.read_dump(job_id, start, end), size, chunk_bytes)


def start_chunked_run(store: JobStore, owner: RunOwner, chunks: list[Chunk],
                      send: Callable[[ChunkTask], None]) -> None:
    """A new run of the job, and one task per chunk (``send`` queues it)."""
    job_id = owner.job_id
    run = store.chunks.start(job_id, len(chunks), owner)
    for n, chunk in enumerate(chunks):
        send(ChunkTask(job_id, run, n, len(chunks), chunk.start, chunk.end, chunk.first_line))


def chunk_is_current(store: JobStore, task: ChunkTask) -> bool:
    """False if the job was deleted, has finished or failed, or a re-queue started a new run."""
    return store.lifecycle.owns(chunk_owner(task))


def chunk_owner(task: ChunkTask) -> RunOwner:
    """A chunk's task owns its job while the job's current run is the chunk's run."""
    return RunOwner(task.job_id, "run", task.run)


def process_chunk(store: JobStore, task: ChunkTask, batch_size: int,
                  language_backend: str = LANGDETECT) -> None:
    """One chunk: its articles stored once (a redelivered chunk adds nothing); the delivery
    that stores the last chunk of the run merges them in order and finishes the job."""
    owner = chunk_owner(task)
    text = store.records.read_dump(task.job_id, task.start, task.end).decode("utf-8")
    # line numbers stay those of the whole dump
    plan = Plan(text, task.first_line, language_backend, part_of_bigger_dump=task.total > 1)
    still_owned(store.lifecycle.add_progress(owner, found=len(plan)), owner)
    with discarding_run_when_cancelled(store, task.job_id, task.run):
        with store.chunks.chunk_writer(task.job_id, task.run, task.n) as chunk:
            try:
                for batch in batched((article.to_dict() for article in plan), batch_size):
                    chunk.append(batch)
                    still_owned(store.lifecycle.owns(owner), owner)
            except RunCancelled:
                chunk.free()
                raise
            done = chunk.claim()
        if done is None:
            return                        # another delivery stored this chunk already
        # a record may hold two articles (extract.extract_articles): the count found grows
        # to cover them, as a whole dump's does
        extra = max(0, chunk.count - len(plan))
        still_owned(store.lifecycle.add_progress(owner, found=extra, done=chunk.count), owner)
        if done == task.total:
            merged = store.chunks.merge(task.job_id, task.run, task.total)
            still_owned(store.results.finish_succeeded(task.job_id, merged, owner), owner)
