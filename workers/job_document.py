"""A job as JSON: what ``GET /v1/jobs/{id}`` shows, and what a completion webhook POSTs.
Built here, in the workers, so the API and the webhook deliveries cannot drift apart."""

from __future__ import annotations

from .store import Job


def job_links(job_id: str) -> dict:
    """The job's links relative to the API's root (the API builds them with url_for)."""
    return {"self": f"/v1/jobs/{job_id}", "articles": f"/v1/jobs/{job_id}/articles"}


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
