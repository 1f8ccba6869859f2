"""A job as JSON: what ``GET /v1/jobs/{id}`` shows, and what a completion webhook POSTs.
Built here, in the workers, so the API and the webhook deliveries cannot drift apart."""

from __future__ import annotations

from .store import Job


def job_links(job_id: str, root: str = "") -> dict:
    """The job's links: the paths of GET /v1/jobs/{id} and of its articles, below ``root``
    (the API passes the root it is served under; a webhook, sent outside any request, none)."""
    path = f"{root}/v1/jobs/{job_id}"
    return {"self": path, "articles": f"{path}/articles"}


def job_document(job: Job, links: dict | None = None) -> dict:
    return {
        "id": job.id,
        "status": job.status.value,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "progress": {"articles_found": job.articles_found, "articles_done": job.articles_done},
        "summary": job.summary,
        "error": job.error,
        "dump_bytes": job.dump_bytes,
        "invalid_bytes": job.invalid_bytes,
        "metadata": job.metadata,
        "source": job.source,
        "webhook": job.webhook,
        "links": links or job_links(job.id),
    }
