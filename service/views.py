"""The API's JSON shapes of jobs and articles (``schemas.py`` documents them), and the
article ids it gives out. The store keeps neither: it returns ``Job`` records and
stored articles, and these views turn them into what a client sees."""

from __future__ import annotations

import re

from flask import request

from workers import job_document as document
from workers.store import Job


def article_id(job_id: str, index: int) -> str:
    return f"{job_id}-{index}"


# `{job id}-{index}`, ASCII digits only (str.isdigit would take "²" and int() would not)
ARTICLE_ID = re.compile(r"([0-9a-f]{32})-([0-9]{1,9})\Z", re.ASCII)


def parse_article_id(value: str) -> tuple[str, int] | None:
    """(job id, index) of an article id, or None for what is not one."""
    match = ARTICLE_ID.match(value)
    return (match.group(1), int(match.group(2))) if match else None


def job_links(job_id: str) -> dict:
    """The job's links as this request reaches the API: below its script root, as url_for
    would write them (``tests/test_api_jobs.py`` checks that they name the routes)."""
    return document.job_links(job_id, request.script_root)


def job_view(job: Job) -> dict:
    return document.job_document(job, job_links(job.id))


def article_view(job_id: str, position: int, article: dict) -> dict:
    """An article's index is its position in the job: the chunks of a big dump number
    their articles from 0 each, and the stored ``index`` is that local one."""
    return {"id": article_id(job_id, position), "job_id": job_id, **article, "index": position}
