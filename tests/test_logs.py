"""Structured logs: with DUMPLING_LOG_FORMAT=json the API (under gunicorn) and the worker
write one JSON object a line, and the lines about a job carry its id in both."""

import json
import logging
import os
import subprocess

import pytest
import requests

from workers.config import Settings
from workers.logs import configure_logging, job_bound
from workers.redis_server import RedisServer, free_port

from .processes import CLI, REQUEST_TIMEOUT, Process, wait_ready, wait_until


def json_lines(path) -> list[dict]:
    """Every line of the file as a JSON object (fails on a line that is not one)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines, f"{path.name} is empty"
    parsed = []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except ValueError:
            raise AssertionError(f"not a JSON line in {path.name}: {line!r}") from None
    return parsed


@pytest.mark.slow
def test_api_and_worker_write_json_lines_carrying_the_job_id(seed_bytes, tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with RedisServer() as redis_server:
        env = {**os.environ, "REDIS_URL": redis_server.url, "DUMPLING_LOG_FORMAT": "json",
               "DUMPLING_LOG_LEVEL": "INFO"}
        # log lines go to standard error; Celery prints its shutdown notices to standard
        # output from a signal handler, outside logging
        with open(tmp_path / "worker.log", "w") as worker_log, open(tmp_path / "api.log", "w") as api_log, \
                Process([*CLI, "worker", "--concurrency", "1"], env, stdout=subprocess.DEVNULL,
                        stderr=worker_log) as worker, \
                Process([*CLI, "serve", "--port", str(port), "--workers", "1"], env, stdout=api_log,
                        stderr=subprocess.STDOUT) as api:
            wait_ready(url, [worker, api])
            response = requests.post(f"{url}/v1/jobs", data=seed_bytes, headers={"Content-Type": "text/plain"},
                                     timeout=REQUEST_TIMEOUT)
            assert response.status_code == 202
            job_id = response.json()["id"]
            wait_until(lambda: requests.get(f"{url}/v1/jobs/{job_id}", timeout=REQUEST_TIMEOUT).json()["status"]
                       == "succeeded", 240, "the job to succeed")
            # the worker logs the job's end just after storing it
            wait_until(lambda: f'"job {job_id} succeeded"' in (tmp_path / "worker.log").read_text(), 60,
                       "the worker's line about the job's end")
    worker_lines, api_lines = json_lines(tmp_path / "worker.log"), json_lines(tmp_path / "api.log")
    for line in worker_lines + api_lines:
        assert {"time", "level", "logger", "message"} <= line.keys()
    worker_job = [line for line in worker_lines if line.get("job_id") == job_id]
    # Celery's own line about the task, and ours about the job's end
    assert any(line["logger"].startswith("celery") for line in worker_job), worker_lines
    assert any(line["message"] == f"job {job_id} succeeded" and line["articles"] == 2 for line in worker_job)
    assert any(line.get("job_id") == job_id and "submitted" in line["message"] for line in api_lines), api_lines
    assert any(line["logger"] == "gunicorn.error" for line in api_lines)


def test_a_json_line_carries_the_bound_job_and_non_ascii_text(capsys):
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        configure_logging(Settings(log_format="json"), stream=None)
        logging.getLogger("dumpling.test").info("no job yet")
        with job_bound("abc123"):
            logging.getLogger("dumpling.test").warning("الإرهاب %s", "يضرب")
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])
        logging.captureWarnings(False)
    first, second = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert "job_id" not in first and first["message"] == "no job yet" and first["level"] == "INFO"
    assert second == {**second, "job_id": "abc123", "message": "الإرهاب يضرب", "level": "WARNING",
                      "logger": "dumpling.test"}


def test_an_unknown_log_format_is_refused():
    with pytest.raises(SystemExit, match="DUMPLING_LOG_FORMAT"):
        Settings(log_format="xml")
