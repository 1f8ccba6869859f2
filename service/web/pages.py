"""The web page: a job list with a form to submit a dump, and a page per job with its
articles. Rendered on the server (Jinja2, autoescaped); no script: a running job's page
refreshes itself with a meta refresh. Submissions go through the API's own intake
(`intake.read_submission` and `jobs.admit`), so the form accepts what `POST /v1/jobs` does."""

from __future__ import annotations

from apiflask import APIBlueprint
from flask import Response, g, redirect, render_template, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from workers.store import JobStatus
from workers.store.admission import is_job_id

from ..auth import current_tenant, matching_tenant
from ..intake import Submission, read_submission
from ..jobs import admit, settings, store
from ..problems import Problem
from ..schemas import ARTICLES_CURSOR, JOBS_CURSOR, LANGUAGE
from ..views import article_view, job_view
from .session import forget_key, identify, is_same_origin, keep_key

# not an API: left out of the OpenAPI document
bp = APIBlueprint("web", __name__, enable_openapi=False, template_folder="templates", static_folder="static",
                  static_url_path="/web/static")

JOBS_PER_PAGE = 20
ARTICLES_PER_PAGE = 50
REFRESH_SECONDS = 2
FORM_OVERHEAD_BYTES = 64 * 1024          # multipart boundaries and the other fields around the dump
WITHOUT_KEY = {"web.static", "web.login_form", "web.login"}


def api_keys() -> tuple[str, ...]:
    return settings().api_keys


@bp.before_request
def guard() -> Response | tuple | None:
    if request.method == "POST" and not is_same_origin():
        return error_page(403, "This form must be sent from this site's own page; "
                               "its Origin is another site's or missing.")
    if request.endpoint in WITHOUT_KEY or identify(api_keys()):
        return None
    return redirect(url_for("web.login_form"), 303)


@bp.after_request
def lock_down(response: Response) -> Response:
    # the page loads nothing from elsewhere and runs no script; a browser holds it to that
    response.headers.setdefault("Content-Security-Policy",
                                "default-src 'self'; script-src 'none'; form-action 'self'; "
                                "frame-ancestors 'none'; base-uri 'none'")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response


@bp.app_context_processor
def who() -> dict:
    return {"keys_on": bool(api_keys()), "signed_in": bool(g.get("tenant"))}


def error_page(status: int, message: str) -> tuple[str, int]:
    return render_template("web/error.html", status=status, message=message), status


@bp.get("/")
def index():
    return jobs_page()


def jobs_page(error: str | None = None, status: int = 200) -> tuple[str, int]:
    cursor = request.args.get("cursor") or None
    if cursor is not None and not JOBS_CURSOR.matches(cursor):
        return error_page(400, "That page of jobs does not exist (the cursor is not one this page gave out).")
    page = store().records.recent(JOBS_PER_PAGE, cursor, owner=current_tenant())
    return render_template("web/index.html", jobs=[job_view(job) for job in page.items],
                           next_cursor=page.next_cursor, error=error), status


@bp.post("/jobs")
def submit():
    limit = settings().max_dump_bytes
    # a pasted dump may be as big as an uploaded one; the whole form is bounded all the same
    request.max_form_memory_size = limit
    request.max_content_length = limit + FORM_OVERHEAD_BYTES
    try:
        job, _ = admit(form_submission())
    except Problem as problem:
        return jobs_page(f"{problem.message}: {problem.detail}", problem.status_code)
    except RequestEntityTooLarge:
        return jobs_page(f"The dump is over the {limit}-byte limit; split it into smaller dumps.", 413)
    return redirect(url_for("web.job", job_id=job.id), 303)


def form_submission() -> Submission:
    text = request.form.get("text", "")
    if text.strip():
        # browsers send a textarea's line breaks as CRLF; the dump as pasted had LF
        return Submission(text.replace("\r\n", "\n").encode("utf-8"),
                          source={"content_type": request.mimetype, "field": "text"})
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise Problem(422, "paste a dump or choose a file", "Nothing to process")
    return read_submission(request, settings())


@bp.get("/jobs/<job_id>")
def job(job_id: str):
    found = store().records.get(job_id, current_tenant()) if is_job_id(job_id) else None
    if found is None:
        return error_page(404, f"No job {job_id}: it never existed, was deleted, or passed its retention.")
    language = request.args.get("language") or None
    cursor = request.args.get("cursor") or "0"
    if language is not None and not LANGUAGE.matches(language):
        return error_page(400, "A language is a two- or three-letter code such as ar or en, or und.")
    if not ARTICLES_CURSOR.matches(cursor):
        return error_page(400, "That page of articles does not exist.")
    articles, next_cursor = [], None
    if found.status == JobStatus.SUCCEEDED:
        page = store().results.page_articles(job_id, ARTICLES_PER_PAGE, int(cursor), language)
        articles = [article_view(job_id, *item) for item in page.items]
        next_cursor = page.next_cursor
    running = found.status in (JobStatus.QUEUED, JobStatus.RUNNING)
    return render_template("web/job.html", job=job_view(found), articles=articles, language=language,
                           next_cursor=next_cursor, refresh_seconds=REFRESH_SECONDS if running else None)


@bp.get("/login")
def login_form():
    if not api_keys():
        return redirect(url_for("web.index"))
    return render_template("web/login.html")


@bp.post("/login")
def login():
    if not api_keys():
        return redirect(url_for("web.index"), 303)
    key = request.form.get("key", "")
    if not key.strip() or matching_tenant(key, api_keys()) is None:
        return render_template("web/login.html", error="That is not a valid API key."), 401
    response = redirect(url_for("web.index"), 303)
    keep_key(response, key)
    return response


@bp.post("/logout")
def logout():
    response = redirect(url_for("web.login_form") if api_keys() else url_for("web.index"), 303)
    forget_key(response)
    return response
