"""A small HTTP client of the API, for `dumpling submit` and `dumpling jobs`.

Every request is bounded twice: by ``REQUEST_TIMEOUT`` and by the caller's overall
deadline (``--timeout``), whichever comes first. Failures become ``ApiError`` with a
message meant for a person (an unreachable server says what to check).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import requests

REQUEST_TIMEOUT = 60.0       # seconds for one request; big uploads take a while


class ApiError(Exception):
    """The API refused, or could not be asked; the message is for a person."""


class DeadlineReached(Exception):
    """The overall --timeout passed."""


class Api:
    def __init__(self, url: str, api_key: str = "", timeout: float | None = None):
        self.url = url.rstrip("/")
        self.session = requests.Session()
        if api_key:
            self.session.headers["Authorization"] = f"Bearer {api_key}"
        self.deadline = None if timeout is None else time.monotonic() + timeout

    def remaining(self) -> float | None:
        """Seconds left before the deadline (None: no deadline); raises once it has passed."""
        if self.deadline is None:
            return None
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise DeadlineReached()
        return left

    def submit(self, dump: bytes) -> str:
        """Send a dump; the new job's id."""
        return self._call("POST", "/v1/jobs", 202, data=dump, headers={"Content-Type": "text/plain"})["id"]

    def job(self, job_id: str) -> dict:
        return self._call("GET", f"/v1/jobs/{_quoted(job_id)}")

    def jobs(self, limit: int | None = None) -> dict:
        return self._call("GET", "/v1/jobs", params={"limit": limit} if limit else None)

    def delete(self, job_id: str) -> None:
        self._call("DELETE", f"/v1/jobs/{_quoted(job_id)}", 204)

    def articles(self, job: dict) -> Iterator[dict]:
        path = job["links"]["articles"]
        while path:
            page = self._call("GET", path)
            yield from page["items"]
            path = page["next"]

    def _call(self, method: str, path: str, expected: int = 200, **options) -> dict | None:
        remaining = self.remaining()
        timeout = REQUEST_TIMEOUT if remaining is None else min(REQUEST_TIMEOUT, remaining)
        try:
            response = self.session.request(method, self.url + path, timeout=timeout, **options)
        except requests.Timeout:
            if self.deadline is not None and time.monotonic() >= self.deadline:
                raise DeadlineReached() from None
            raise ApiError(f"{self.url} did not answer within {timeout:.0f} s") from None
        except requests.ConnectionError:
            raise ApiError(f"cannot reach {self.url}: is `dumpling up` running? try --url "
                           "(or set DUMPLING_URL)") from None
        except requests.RequestException as exc:
            raise ApiError(f"{self.url}: {exc}") from None
        if response.status_code != expected:
            raise ApiError(_problem_message(response))
        return response.json() if response.content else None


def _problem_message(response: requests.Response) -> str:
    try:
        problem = response.json()
        detail = problem.get("detail") or problem.get("title")
    except (ValueError, AttributeError):
        detail = response.text[:200]
    message = f"HTTP {response.status_code}: {detail}"
    if response.status_code == 401:
        message += " (set DUMPLING_API_KEY to your API key)"
    return message


def _quoted(job_id: str) -> str:
    return requests.utils.quote(job_id, safe="")
