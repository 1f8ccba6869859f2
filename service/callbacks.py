"""A submission's ``callback_url``: from the JSON or multipart body (``intake.py``) or the
query string, checked before the job is stored (``workers/webhook_targets.py``)."""

from __future__ import annotations

from flask import Request

from workers.config import Settings
from workers.webhook_targets import RefusedTarget, check_target

from .problems import Problem


def requested_callback(request: Request, from_body: str | None, settings: Settings) -> str | None:
    """The URL to call when the job ends, or None; a Problem if it cannot be used."""
    from_query = request.args.get("callback_url") or None
    if from_body and from_query and from_body != from_query:
        raise Problem(400, "callback_url is given twice (body and query string) with different values",
                      "Bad Request")
    url = from_body or from_query
    if url is None:
        return None
    if not settings.webhook_secret:
        raise Problem(422, "this server sends no webhooks: it has no DUMPLING_WEBHOOK_SECRET to sign them with",
                      "Unprocessable Content")
    try:
        check_target(url, settings.webhook_allow_private)
    except RefusedTarget as exc:
        raise Problem(422, f"callback_url {exc}", "Unprocessable Content") from None
    return url
