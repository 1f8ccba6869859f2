"""The API's JSON shapes of jobs and articles (``schemas.py`` documents them), and the
article ids it gives out. The store keeps neither: it returns ``Job`` records and
stored articles, and these views turn them into what a client sees."""

from __future__ import annotations

from flask import url_for

from workers.store import Job


def article_id(job_id: str, index: int) -> str:
    return f"{job_id}-{index}"


def parse_article_id(value: str) -> tuple[str, int] | None:
    job_id, _, index = value.rpartition("-")
    if not job_id or not index.isdigit() or len(index) > 9:
        return None
    return job_id, int(index)


def job_links(job_id: str) -> dict:
    return {"self": url_for("v1.get_job", job_id=job_id),
            "articles": url_for("v1.list_articles", job_id=job_id)}


def job_view(job: Job) -> dict:
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
        "links": job_links(job.id),
    }


def article_view(job_id: str, position: int, article: dict) -> dict:
    """An article's index is its position in the job: the chunks of a big dump number
    their articles from 0 each, and the stored ``index`` is that local one."""
    return {"id": article_id(job_id, position), "job_id": job_id, **article, "index": position}
