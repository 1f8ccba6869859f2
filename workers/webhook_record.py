"""A job's webhook as the job shows it: the ``webhook`` field of the job hash, JSON
``{"url", "attempts": [{"at", "status" | "error"}], "delivered"}``. It lives in the job's
own hash, so it expires and is deleted with the job."""

from __future__ import annotations

import json

import redis

from .store.if_exists import set_if_exists
from .store.keys import JobKeys

FIELD = "webhook"


class WebhookRecord:
    """A job's webhook field, through ``client``. Like ``MetricsStore`` it holds nothing but
    the client, so callers make one where they need it (about 0.3 us)."""

    def __init__(self, client: redis.Redis):
        self.client = client

    @staticmethod
    def initial_fields(url: str) -> dict[str, str]:
        """The job hash's field for a new job with this callback URL (no attempt yet),
        stored with the job in the transaction that queues it: recorded before any worker
        can end the job."""
        return {FIELD: json.dumps({"url": url, "attempts": [], "delivered": False}, ensure_ascii=False)}

    def add_attempt(self, job_id: str, attempt: dict, delivered: bool) -> None:
        """Append an attempt (read, change and write under WATCH: a redelivered delivery
        task may record at the same time)."""
        key = JobKeys(job_id).job

        def change(pipe: redis.client.Pipeline) -> None:
            raw = pipe.hget(key, FIELD)
            if raw is None:
                return                              # the job (or its webhook) is gone
            state = json.loads(raw)
            state["attempts"].append(attempt)
            state["delivered"] = state["delivered"] or delivered
            pipe.multi()
            set_if_exists(pipe, key, {FIELD: json.dumps(state, ensure_ascii=False)})

        self.client.transaction(change, key)
