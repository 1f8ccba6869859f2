"""Request and response schemas: they validate query strings and generate the OpenAPI document."""

from __future__ import annotations

import re

from apiflask import Schema
from apiflask.fields import Boolean, Dict, Float, Integer, List, Nested, String
from apiflask.validators import OneOf, Range, Regexp
from marshmallow import ValidationError

from workers.store import JobStatus

STATUSES = [status.value for status in JobStatus]


class WholeMatch(Regexp):
    """A pattern the whole value must match, in ASCII: ``re.match`` with ``$`` lets a
    trailing newline through ("ar\\n") and ``\\d`` takes Arabic-Indic digits. The pattern
    itself stays one that JSON Schema (ECMA 262) reads the same way, for the OpenAPI document."""

    def __init__(self, pattern: str):
        super().__init__(pattern, flags=re.ASCII)

    def matches(self, value: str) -> bool:
        return self.regex.fullmatch(value) is not None

    def __call__(self, value: str) -> str:
        if not self.matches(value):
            raise ValidationError(self._format_error(value))
        return value


# The query values the API and the web page (service/web/pages.py) accept, defined once.
# A job list's cursor is a creation time as the API gives it out: a plain decimal number
# (no nan, exponent, 1_0 or spaces).
JOBS_CURSOR = WholeMatch(r"^[0-9]{1,12}(\.[0-9]{1,12})?$")
ARTICLES_CURSOR = WholeMatch(r"^[0-9]{1,9}$")
LANGUAGE = WholeMatch(r"^([a-z]{2,3}|und)$")


class PageQuery(Schema):
    limit = Integer(validate=Range(min=1, max=1000), metadata={"description": "items per page"})
    cursor = String(validate=JOBS_CURSOR, metadata={"description": "opaque; from the previous page's `next`"})


class ArticlesQuery(PageQuery):
    cursor = String(validate=ARTICLES_CURSOR, metadata={"description": "opaque; from the previous page's `next`"})
    language = String(validate=LANGUAGE,
                      metadata={"description": "only articles in this language (ISO 639-1, or `und`)"})


class Links(Schema):
    self = String()
    articles = String()


class Accepted(Schema):
    id = String(required=True)
    status = String(required=True, validate=OneOf(STATUSES))
    links = Nested(Links)


class Progress(Schema):
    articles_found = Integer(metadata={"description": "records found in the dump so far"})
    articles_done = Integer(metadata={"description": "articles extracted and stored so far"})


class Summary(Schema):
    articles = Integer()
    languages = Dict(keys=String(), values=Integer(), metadata={"description": "article count per language"})


class WebhookAttempt(Schema):
    at = String(metadata={"description": "ISO 8601, UTC"})
    status = Integer(metadata={"description": "the receiver's HTTP status"})
    error = String(metadata={"description": "why no status came back (timeout, refused, ...)"})


class Webhook(Schema):
    url = String()
    attempts = List(Nested(WebhookAttempt))
    delivered = Boolean(metadata={"description": "a 2xx came back"})


class Job(Schema):
    id = String(required=True)
    status = String(required=True, validate=OneOf(STATUSES))
    created_at = String(metadata={"description": "ISO 8601, UTC"})
    started_at = String(allow_none=True)
    finished_at = String(allow_none=True)
    progress = Nested(Progress)
    summary = Nested(Summary, allow_none=True, metadata={"description": "on success"})
    error = String(allow_none=True, metadata={"description": "on failure: what went wrong and what to do"})
    dump_bytes = Integer()
    invalid_bytes = Integer(metadata={"description": "bytes of the submitted dump that were not valid UTF-8: "
                                                     "each invalid sequence was replaced by U+FFFD"})
    metadata = Dict()
    source = Dict()
    webhook = Nested(Webhook, allow_none=True, metadata={"description": "with a callback_url: its deliveries"})
    links = Nested(Links)


class JobListItem(Job):
    """A job as listed in a page of jobs (the same fields as Job)."""


class JobPage(Schema):
    items = List(Nested(JobListItem))
    next = String(allow_none=True, metadata={"description": "relative URL of the next page, or null"})


class Article(Schema):
    id = String(required=True, metadata={"description": "stable: `{job id}-{index}`"})
    job_id = String()
    index = Integer()
    headline = String(allow_none=True)
    subheadline = String(allow_none=True)
    captions = List(String())
    body = String()
    language = String()
    language_confidence = Float()
    line_start = Integer()
    line_end = Integer()


class ArticlePage(Schema):
    items = List(Nested(Article))
    next = String(allow_none=True, metadata={"description": "relative URL of the next page, or null"})


class Health(Schema):
    status = String()
    checks = Dict()
