"""The /v1 API: submit dumps, follow jobs, read articles."""

from __future__ import annotations

import redis
from apiflask import APIBlueprint
from flask import current_app, request, url_for
from kombu.exceptions import OperationalError

from workers.config import Settings
from workers.store import Backlogged, IdempotencyConflict, Job, JobStatus, JobStore, StoreFull
from workers.store.admission import is_job_id
from workers.webhook_record import WebhookRecord

from . import metrics, schemas
from .auth import current_tenant
from .callbacks import requested_callback
from .intake import Submission, read_submission
from .problems import Problem
from .views import article_view, job_links, job_view, parse_article_id

bp = APIBlueprint("v1", __name__, url_prefix="/v1", tag="jobs")

JOB_ERRORS = [400, 401, 404, 503]
BACKLOG_RETRY_AFTER_SECONDS = 30
CALLBACK_DOC = "POSTed the job's JSON, signed (Standard Webhooks), when the job ends"
INTAKE_BODY = {
    "required": True,
    "description": "The raw dump. A `Content-Encoding: gzip` body is accepted.",
    "content": {
        "text/plain": {"schema": {"type": "string"}},
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary"},
                           "metadata": {"type": "string", "description": "a JSON object, as text"},
                           "callback_url": {"type": "string", "description": CALLBACK_DOC}}}},
        "application/json": {"schema": {
            "type": "object", "required": ["text"],
            "properties": {"text": {"type": "string"}, "metadata": {"type": "object"},
                           "callback_url": {"type": "string", "description": CALLBACK_DOC}}}},
    },
}


def store() -> JobStore:
    return current_app.extensions["dumpling"].store


def settings() -> Settings:
    return current_app.extensions["dumpling"].settings


def existing_job(job_id: str) -> Job:
    """The caller's job, or 404 (also for another tenant's job: its existence is not told,
    and for what is no job id at all, such as ``{id}:dump``: it names no other key)."""
    job = store().records.get(job_id, current_tenant()) if is_job_id(job_id) else None
    if job is None:
        raise Problem(404, f"no job {job_id!r}: it never existed, was deleted, or passed its retention",
                      "Not Found")
    return job


def page_limit(query: dict) -> int:
    return min(query.get("limit") or settings().page_size, settings().max_page_size)


@bp.post("/jobs")
@bp.output(schemas.Accepted, status_code=202, description="Accepted: the job is queued")
@bp.doc(summary="Submit a dump", responses={202: "Accepted", 400: "Malformed request", 401: "Missing or wrong API key",
                                             409: "Idempotency-Key reused for another dump", 429: "Too many submissions",
                                             413: "Dump over the size limit", 415: "Unsupported media type",
                                             422: "Empty or undecodable dump, or a callback_url refused",
                                             503: "Redis unavailable, the queue or the store full"})
def create_job():
    submission = read_submission(request, settings())
    key = request.headers.get("Idempotency-Key") or None
    # a JSON or multipart field, or a query parameter with any body: the API's, not the form's
    callback_url = requested_callback(request, submission.callback_url, settings())
    job, created = admit(submission, key, callback_url)
    headers = {"Location": url_for("v1.get_job", job_id=job.id)}
    if not created:
        headers["Idempotent-Replayed"] = "true"
    return {"id": job.id, "status": job.status.value, "links": job_links(job.id)}, 202, headers


def admit(submission: Submission, key: str | None = None, callback_url: str | None = None) -> tuple[Job, bool]:
    """Store a read submission as a job of the caller and queue it: the intake of
    `POST /v1/jobs` and of the web page's form. Returns the job and whether it is new.
    ``callback_url``: checked already (``callbacks.requested_callback``)."""
    # isspace() stops at the first other byte; strip() would copy the whole dump to test it
    if not submission.dump or submission.dump.isspace():
        raise Problem(422, "the dump is empty (or only whitespace); nothing to process", "Unprocessable Content")
    if key is not None and not 1 <= len(key) <= 255:
        raise Problem(400, "Idempotency-Key must be 1 to 255 characters", "Bad Request")
    extra_fields = WebhookRecord.initial_fields(callback_url) if callback_url else None
    try:
        # stored and queued in one transaction, the callback with the job: all, or nothing
        job, created = store().admission.create_job(submission.dump, submission.metadata, submission.source, key,
                                                    owner=current_tenant(), invalid_bytes=submission.invalid_bytes,
                                                    enqueue=current_app.extensions["dumpling"].enqueue_into,
                                                    extra_fields=extra_fields)
    except IdempotencyConflict:
        raise Problem(409, "this Idempotency-Key was already used for a different dump", "Conflict") from None
    except Backlogged as exc:
        raise Problem(503, f"the queue is full: {exc}; retry later", "Service Unavailable",
                      headers={"Retry-After": str(BACKLOG_RETRY_AFTER_SECONDS)}) from None
    except StoreFull as exc:
        raise Problem(503, f"{exc}: the dump was not accepted; retry later", "Service Unavailable",
                      headers={"Retry-After": str(BACKLOG_RETRY_AFTER_SECONDS)}) from None
    except redis.WatchError:                 # the Idempotency-Key stayed contended: retry later
        raise Problem(503, "this Idempotency-Key is being claimed by other requests; retry later",
                      "Service Unavailable", headers={"Retry-After": "1"}) from None
    except OperationalError as exc:          # the message could not be made (kombu): nothing was stored
        raise Problem(503, f"the job could not be queued ({type(exc).__name__}): the dump was not accepted; "
                           "retry later", "Service Unavailable",
                      headers={"Retry-After": str(BACKLOG_RETRY_AFTER_SECONDS)}) from None
    if created:
        metrics.count_submission(job.id, len(submission.dump))
    return job, created


@bp.get("/jobs")
@bp.input(schemas.PageQuery, location="query", arg_name="query")
@bp.output(schemas.JobPage)
@bp.doc(summary="Recent jobs, newest first", responses=[400, 401, 503])
def list_jobs(query):
    limit = page_limit(query)
    cursor = query.get("cursor")             # the schema lets through only a plain decimal number
    page = store().records.recent(limit, cursor, owner=current_tenant())
    next_url = url_for("v1.list_jobs", limit=limit, cursor=page.next_cursor) if page.next_cursor else None
    return {"items": [job_view(job) for job in page.items], "next": next_url}


@bp.get("/jobs/<job_id>")
@bp.output(schemas.Job)
@bp.doc(summary="A job's status, progress and summary", responses=JOB_ERRORS)
def get_job(job_id: str):
    return job_view(existing_job(job_id))


@bp.delete("/jobs/<job_id>")
@bp.output({}, status_code=204)
@bp.doc(summary="Delete a job, its dump and its articles", responses=JOB_ERRORS)
def delete_job(job_id: str):
    existing_job(job_id)
    store().deletion.delete_job(job_id)
    return "", 204


@bp.get("/jobs/<job_id>/articles")
@bp.input(schemas.ArticlesQuery, location="query", arg_name="query")
@bp.output(schemas.ArticlePage)
@bp.doc(summary="A finished job's articles, in dump order", responses=JOB_ERRORS + [409])
def list_articles(job_id: str, query):
    job = existing_job(job_id)
    if job.status != JobStatus.SUCCEEDED:
        detail = (f"the job has {job.status}: {job.error}" if job.error
                  else f"the job is {job.status}; its articles are ready when it has succeeded")
        raise Problem(409, detail, "Conflict")
    limit = page_limit(query)
    cursor = int(query.get("cursor") or 0)
    language = query.get("language")
    page = store().results.page_articles(job_id, limit, cursor, language)
    next_url = None
    if page.next_cursor:
        args = {"limit": limit, "cursor": page.next_cursor}
        if language:
            args["language"] = language
        next_url = url_for("v1.list_articles", job_id=job_id, **args)
    return {"items": [article_view(job_id, *item) for item in page.items], "next": next_url}


@bp.get("/articles/<article_id>")
@bp.output(schemas.Article)
@bp.doc(summary="One article by its id", responses=[401, 404, 503])
def get_article(article_id: str):
    parsed = parse_article_id(article_id)
    owned = parsed is not None and store().records.get(parsed[0], current_tenant()) is not None
    article = store().results.get_article(*parsed) if owned else None
    if article is None:
        raise Problem(404, f"no article {article_id!r}", "Not Found")
    return article_view(*parsed, article)
