"""`dumpling submit FILE --wait`: a small client of the API."""

from __future__ import annotations

import json
import sys
import time

import requests
from tqdm import tqdm

from workers.store.status import JobStatus

POLL_SECONDS = 0.5


class ApiError(Exception):
    pass


def submit(url: str, path: str, wait: bool, timeout: float, out=sys.stdout) -> int:
    session = requests.Session()
    data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
    response = session.post(f"{url}/v1/jobs", data=data, headers={"Content-Type": "text/plain"}, timeout=timeout)
    job = _json(response, expected=202)
    if not wait:
        json.dump(job, out)
        out.write("\n")
        return 0
    job = _poll(session, url, job["links"]["self"], timeout)
    if job["status"] == JobStatus.FAILED:
        print(f"dumpling: job {job['id']} failed: {job['error']}", file=sys.stderr)
        return 1
    articles = list(_all_articles(session, url, job["links"]["articles"], timeout))
    json.dump({"job": job["id"], "articles": articles}, out, ensure_ascii=False)
    out.write("\n")
    return 0


def _poll(session: requests.Session, url: str, job_path: str, timeout: float) -> dict:
    with tqdm(desc="articles", unit="art", file=sys.stderr, leave=False) as bar:
        while True:
            job = _json(session.get(url + job_path, timeout=timeout))
            progress = job["progress"]
            bar.total = max(progress["articles_found"], progress["articles_done"]) or None
            bar.n = progress["articles_done"]
            bar.set_postfix_str(job["status"])
            bar.refresh()
            if JobStatus(job["status"]).finished:
                return job
            time.sleep(POLL_SECONDS)


def _all_articles(session: requests.Session, url: str, path: str | None, timeout: float):
    while path:
        page = _json(session.get(url + path, timeout=timeout))
        yield from page["items"]
        path = page["next"]


def _json(response: requests.Response, expected: int = 200) -> dict:
    if response.status_code != expected:
        try:
            problem = response.json()
            message = problem.get("detail") or problem.get("title")
        except ValueError:
            message = response.text[:200]
        raise ApiError(f"HTTP {response.status_code}: {message}")
    return response.json()
