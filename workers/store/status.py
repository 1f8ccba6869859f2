"""A job's status, as stored in its hash and shown by the API."""

from __future__ import annotations

from enum import Enum


class JobStatus(str, Enum):
    """queued -> running -> succeeded or failed (running -> queued again when its task is lost).

    A ``str``: it compares equal to the stored text ("queued" == JobStatus.QUEUED), is
    written to Redis and JSON as that text, and prints as it.
    """

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"

    def __str__(self) -> str:          # f"{status}" gives "failed", not "JobStatus.FAILED"
        return self.value

    @property
    def finished(self) -> bool:
        return self in (JobStatus.SUCCEEDED, JobStatus.FAILED)
