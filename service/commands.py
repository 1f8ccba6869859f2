"""`dumpling submit` and `dumpling jobs ...`: what they print and how they exit.

One output shape everywhere: ``{"job": <the job as GET /v1/jobs/{id} shows it>,
"articles": [...] or null}`` (null until a job has been waited for and has succeeded),
UTF-8, never ASCII-escaped. Messages for a person go to stderr, the JSON to stdout.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from typing import TextIO

from tqdm import tqdm

from workers.pipeline.cli import describe_read_error
from workers.store.status import JobStatus

from .client import Api, ApiError, DeadlineReached

POLL_SECONDS = 0.5
EXIT_FAILED = 1
EXIT_TIMEOUT = 124            # as timeout(1)
EXIT_INTERRUPTED = 130        # as a shell reports Ctrl-C


@dataclass
class Console:
    out: TextIO = sys.stdout
    err: TextIO = sys.stderr
    quiet: bool = False

    def say(self, text: str) -> None:
        if not self.quiet:
            print(f"dumpling: {text}", file=self.err, flush=True)

    def error(self, text: str) -> None:
        print(f"dumpling: {text}", file=self.err, flush=True)

    def emit(self, document: dict) -> None:
        json.dump(document, self.out, ensure_ascii=False)
        self.out.write("\n")
        self.out.flush()


def submit(api: Api, path: str, wait: bool, console: Console) -> int:
    try:
        dump = sys.stdin.buffer.read() if path == "-" else _read(path)
    except OSError as exc:
        console.error(f"{path}: {describe_read_error(exc)}")
        return EXIT_FAILED
    job_id = api.submit(dump)
    # at once, before anything that may be interrupted: the id is how to find the job again
    # (said inside the Ctrl-C handling: a Ctrl-C just after the line still says how to resume)
    submitted = f"job {job_id} submitted; `dumpling jobs wait {job_id}` follows it"
    if not wait:
        try:
            console.say(submitted)
            console.emit({"job": api.job(job_id), "articles": None})
        except KeyboardInterrupt:
            console.error(f"interrupted: job {job_id} was submitted; see it with: dumpling jobs get {job_id}")
            return EXIT_INTERRUPTED
        return 0
    return wait_for(api, job_id, console, submitted)


def wait_for(api: Api, job_id: str, console: Console, first: str | None = None) -> int:
    """Poll the job until it ends (after saying ``first``), then print it with its articles.
    Ctrl-C or the --timeout leave it running and say how to pick it up again."""
    resume = f"it goes on without us; resume with: dumpling jobs wait {job_id}"
    try:
        if first:
            console.say(first)
        job = _poll(api, job_id, console)
        articles = list(api.articles(job)) if job["status"] == JobStatus.SUCCEEDED else None
    except KeyboardInterrupt:
        console.error(f"interrupted: job {job_id} {resume}")
        return EXIT_INTERRUPTED
    except DeadlineReached:
        console.error(f"--timeout reached: job {job_id} {resume}")
        return EXIT_TIMEOUT
    console.emit({"job": job, "articles": articles})
    if job["status"] == JobStatus.FAILED:
        console.error(f"job {job_id} failed: {job.get('error')}")
        return EXIT_FAILED
    return 0


def _poll(api: Api, job_id: str, console: Console) -> dict:
    # the line is drawn only on a terminal: in a pipe or a log file it is noise
    shown = not console.quiet and console.err.isatty()
    with tqdm(file=console.err, disable=not shown, bar_format="{desc} [{elapsed}]", leave=True) as line:
        while True:
            job = api.job(job_id)
            line.set_description_str(f"job {job_id}: {describe_progress(job)}")
            if JobStatus(job["status"]).finished:
                return job
            remaining = api.remaining()
            time.sleep(POLL_SECONDS if remaining is None else min(POLL_SECONDS, remaining))


def describe_progress(job: dict) -> str:
    """Articles done of those found so far: no percentage, since the total keeps growing
    until the job ends (a bar at "50%" of a total that later triples would mislead)."""
    status = job["status"]
    progress = job.get("progress") or {}
    found, done = progress.get("articles_found", 0), progress.get("articles_done", 0)
    if status == JobStatus.SUCCEEDED:
        count = (job.get("summary") or {}).get("articles", done)
        return f"succeeded, {count} articles"
    if status == JobStatus.RUNNING:
        return f"running, {done} articles done of {found} found so far"
    return str(status)


def get(api: Api, job_id: str, console: Console) -> int:
    console.emit({"job": api.job(job_id), "articles": None})
    return 0


def list_jobs(api: Api, limit: int | None, console: Console) -> int:
    console.emit(api.jobs(limit))
    return 0


def delete(api: Api, job_ids: list[str], console: Console) -> int:
    for job_id in job_ids:
        api.delete(job_id)
        console.say(f"deleted job {job_id}")
    return 0


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def run_client_command(api: Api, command: str, args, console: Console) -> int:
    """A client command, with API errors printed for a person."""
    try:
        if command == "submit":
            return submit(api, args.file, args.wait, console)
        if command == "wait":
            return wait_for(api, args.job_id, console)
        if command == "get":
            return get(api, args.job_id, console)
        if command == "list":
            return list_jobs(api, args.limit, console)
        if command == "delete":
            return delete(api, args.job_ids, console)
    except ApiError as exc:
        console.error(str(exc))
        return EXIT_FAILED
    except DeadlineReached:
        console.error("--timeout reached")
        return EXIT_TIMEOUT
    raise ValueError(f"unknown command {command!r}")
