"""Completion webhooks: when a job with a ``callback_url`` ends, a task of its own POSTs the
job's JSON there, signed the Standard Webhooks way (``standardwebhooks``: ``webhook-id``,
``webhook-timestamp``, ``webhook-signature``, secret ``DUMPLING_WEBHOOK_SECRET``).

The delivery is its own task on its own queue (``DUMPLING_WEBHOOK_QUEUE``), so it never
waits behind queued jobs, and a slow receiver holds a worker for at most a short connect
and read timeout. A failed attempt (no answer, or not a 2xx) is retried with exponential
backoff a bounded number of times; each attempt is recorded on the job.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

import urllib3
from celery import Celery, Task
from standardwebhooks import Webhook

from .config import Settings
from .context import settings_of, store_of
from .job_document import job_document
from .metrics_store import MetricsStore
from .store.records import now_iso
from .webhook_record import WebhookRecord
from .webhook_targets import RefusedTarget, Target, UnresolvedTarget, check_target

DELIVER_WEBHOOK = "dumpling.deliver_webhook"
USER_AGENT = "dumpling-webhooks/1"

log = logging.getLogger(__name__)


def message_id(job_id: str) -> str:
    """The same for every attempt, so a receiver can drop a repeat (Standard Webhooks)."""
    return f"msg_job_{job_id}_finished"


def signed_headers(secret: str, msg_id: str, body: str, at: datetime) -> dict[str, str]:
    return {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Webhook(secret).sign(msg_id, at, body),
    }


def post(target: Target, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST to the checked address (not a new lookup of the name: no DNS rebinding), with
    the name as Host and TLS server name. Redirects are not followed. The status code."""
    address = target.addresses[0]
    host = f"[{address}]" if ":" in address else address
    options = dict(timeout=urllib3.Timeout(connect=timeout, read=timeout), retries=False, maxsize=1)
    if target.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(host, target.port, server_hostname=target.host,
                                           assert_hostname=target.host, cert_reqs="CERT_REQUIRED", **options)
    else:
        pool = urllib3.HTTPConnectionPool(host, target.port, **options)
    with pool:
        default_port = 443 if target.scheme == "https" else 80
        host_header = target.host if target.port == default_port else f"{target.host}:{target.port}"
        response = pool.urlopen("POST", target.path, body=body, headers={**headers, "host": host_header},
                                redirect=False, preload_content=False)
        response.drain_conn()                    # the answer's body is not used
        return response.status


def describe(exc: Exception, timeout: float) -> str:
    if isinstance(exc, urllib3.exceptions.ConnectTimeoutError):
        return f"no connection within {timeout} s"
    if isinstance(exc, (urllib3.exceptions.ReadTimeoutError, TimeoutError)):
        return f"no answer within {timeout} s"
    if isinstance(exc, urllib3.exceptions.NewConnectionError):
        return "connection refused or host unreachable"
    if isinstance(exc, RefusedTarget):
        return f"refused: the URL {exc}"
    return f"{type(exc).__name__}: {exc}"


def backoff(retries: int, settings: Settings) -> float:
    return min(settings.webhook_backoff_max, settings.webhook_backoff * 2 ** retries)


def deliver_webhook(self: Task, job_id: str) -> None:
    """One attempt at the job's webhook; a retry later if it failed and tries are left."""
    settings, store = settings_of(self.app), store_of(self.app)
    job = store.records.get(job_id)
    if job is None or not job.webhook or job.webhook.get("delivered"):
        return                                   # deleted meanwhile, or a redelivered success
    body = json.dumps(job_document(job), ensure_ascii=False)
    attempt: dict = {"at": now_iso()}
    retry = True
    try:
        target = check_target(job.webhook["url"], settings.webhook_allow_private)   # again: DNS may have changed
        headers = signed_headers(settings.webhook_secret, message_id(job_id), body, datetime.now(timezone.utc))
        attempt["status"] = post(target, body.encode("utf-8"), headers, settings.webhook_timeout)
    except (urllib3.exceptions.HTTPError, OSError, RefusedTarget) as exc:
        attempt["error"] = describe(exc, settings.webhook_timeout)
        # a name that now resolves inside is refused for good; one that does not resolve may come back
        retry = not isinstance(exc, RefusedTarget) or isinstance(exc, UnresolvedTarget)
    delivered = 200 <= attempt.get("status", 0) < 300
    WebhookRecord(store.redis).add_attempt(job_id, attempt, delivered)
    if delivered:
        MetricsStore(store.redis).webhook_done("delivered")
        return
    if not retry or self.request.retries >= settings.webhook_retries:
        log.warning("webhook of job %s not delivered after %d attempt(s): %s", job_id, self.request.retries + 1,
                    attempt.get("error") or f"HTTP {attempt['status']}")
        MetricsStore(store.redis).webhook_done("failed")
        return
    raise self.retry(countdown=backoff(self.request.retries, settings), max_retries=settings.webhook_retries)


def register_webhook_task(app: Celery, settings: Settings) -> None:
    # a delivery is at most two timeouts long; the time limits stop one that trickles bytes
    app.task(name=DELIVER_WEBHOOK, bind=True, shared=False, acks_late=True,
             soft_time_limit=4 * settings.webhook_timeout + 5,
             time_limit=4 * settings.webhook_timeout + 10)(deliver_webhook)
