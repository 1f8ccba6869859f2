"""HTTP checks for scripts/compose-smoke, against a running Dumpling API (standard library only).

    python scripts/smoke_checks.py submit URL FILE              -> prints the job id
    python scripts/smoke_checks.py wait URL JOB [--status S] [--timeout T]
    python scripts/smoke_checks.py compare URL JOB FILE         -> articles == `dumpling process FILE`
    python scripts/smoke_checks.py count URL JOB FILE           -> as many articles as the pipeline finds
    python scripts/smoke_checks.py metrics URL [--succeeded N] -> /metrics counts N succeeded jobs
    python scripts/smoke_checks.py flower URL [--workers N] [--timeout T]
                                                               -> Flower's /healthcheck says OK and it
                                                                  lists N live workers (task events on)

Each exits non-zero with a message when the check fails.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def http(method: str, url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def submit(url: str, path: str) -> str:
    status, body = http("POST", f"{url}/v1/jobs", Path(path).read_bytes(), {"Content-Type": "text/plain"})
    if status != 202:
        raise SystemExit(f"POST /v1/jobs answered {status}: {body}")
    return body["id"]


def wait(url: str, job: str, statuses: tuple[str, ...], timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        try:
            status, body = http("GET", f"{url}/v1/jobs/{job}")
        except OSError as error:           # timed out or refused (a busy machine): ask again
            status, body = None, {"error": repr(error)}
        if status == 200 and body["status"] in statuses:
            return body
        if status == 200 and body["status"] in ("succeeded", "failed"):
            raise SystemExit(f"job {job} ended {body['status']} ({body.get('error')}), wanted {statuses}")
        if time.monotonic() > deadline:
            raise SystemExit(f"job {job} not {statuses} after {timeout} s: {status} {body}")
        time.sleep(0.2)


def flower(url: str, workers: int, timeout: float) -> int:
    """Flower answers its health check, and sees the workers through their events."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthcheck", timeout=30) as response:
                healthy = response.status == 200 and response.read().strip() == b"OK"
            with urllib.request.urlopen(f"{url}/workers?json=1", timeout=30) as response:
                seen = [w for w in json.loads(response.read())["data"] if w.get("status")]
            last = f"healthcheck {'OK' if healthy else 'not OK'}, {len(seen)} live workers"
            if healthy and len(seen) >= workers:
                return len(seen)
        except (OSError, ValueError, KeyError) as error:   # not up yet, or a busy machine
            last = repr(error)
        if time.monotonic() > deadline:
            raise SystemExit(f"Flower at {url} not ready with {workers} workers after {timeout} s: {last}")
        time.sleep(1)


def metrics(url: str, succeeded: int, timeout: float = 60) -> str:
    """The workers' count of succeeded jobs reaches /metrics (from Redis, via any API process)."""
    wanted = 'dumpling_jobs_finished_total{status="succeeded"}'
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/metrics", timeout=30) as response:
                text = response.read().decode()
            line = next((line for line in text.splitlines() if line.startswith(wanted + " ")), "")
            if line and float(line.split()[-1]) >= succeeded:
                return line
        except OSError as error:
            line = repr(error)
        if time.monotonic() > deadline:
            raise SystemExit(f"/metrics does not count {succeeded} succeeded jobs after {timeout} s: {line!r}")
        time.sleep(1)


def articles(url: str, job: str) -> list[dict]:
    items, path = [], f"/v1/jobs/{job}/articles?limit=1000"
    while path:
        status, page = http("GET", url + path)
        if status != 200:
            raise SystemExit(f"GET {path} answered {status}: {page}")
        items.extend(page["items"])
        path = page["next"]
    return items


def pipeline_articles(path: str) -> list[dict]:
    from workers.pipeline import process_bytes

    return [a.to_dict() for a in process_bytes(Path(path).read_bytes())]


def main() -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="check", required=True)
    for name, params in {"submit": ["url", "file"], "wait": ["url", "job"], "compare": ["url", "job", "file"],
                         "count": ["url", "job", "file"], "flower": ["url"], "metrics": ["url"]}.items():
        command = sub.add_parser(name)
        for param in params:
            command.add_argument(param)
        if name == "wait":
            command.add_argument("--status", default="succeeded")
            command.add_argument("--timeout", type=float, default=120)
        if name == "metrics":
            command.add_argument("--succeeded", type=int, default=1)
        if name == "flower":
            command.add_argument("--workers", type=int, default=1)
            command.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    url = getattr(args, "url", "").rstrip("/")
    if args.check == "submit":
        print(submit(url, args.file))
    elif args.check == "wait":
        job = wait(url, args.job, tuple(args.status.split(",")), args.timeout)
        print(json.dumps(job["progress"]))
    elif args.check == "compare":
        got = [{k: v for k, v in a.items() if k not in ("id", "job_id")} for a in articles(url, args.job)]
        if got != pipeline_articles(args.file):
            raise SystemExit("the API's articles differ from `dumpling process` on the same file")
        print(f"{len(got)} articles, equal to `dumpling process`")
    elif args.check == "metrics":
        print(metrics(url, args.succeeded))
    elif args.check == "flower":
        print(f"Flower answers and sees {flower(url, args.workers, args.timeout)} live workers")
    elif args.check == "count":
        got, expected = len(articles(url, args.job)), len(pipeline_articles(args.file))
        if got != expected:
            raise SystemExit(f"{got} articles stored, the pipeline finds {expected}")
        print(f"{got} articles, as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
