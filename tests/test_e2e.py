"""End to end with real processes: redis-server, `dumpling worker`, `dumpling serve`, real HTTP."""

import json
import os
import signal
import socket
import subprocess

import pytest
import requests

from workers.pipeline import process_bytes
from workers.redis_server import free_port

from .conftest import PROBLEM
from .processes import CLI, REQUEST_TIMEOUT, ROOT, SEED, START_TIMEOUT, Process, running_stack, wait_ready, wait_until


@pytest.fixture
def stack():
    """A private Redis, one worker process and the API under gunicorn on a free port."""
    with running_stack() as url:
        yield url


def finished_job(job_url: str) -> dict | None:
    job = requests.get(job_url, timeout=REQUEST_TIMEOUT).json()
    return job if job["status"] in ("succeeded", "failed") else None


def test_seed_dump_through_real_http(stack, seed_bytes):
    response = requests.post(f"{stack}/v1/jobs", data=seed_bytes, headers={"Content-Type": "text/plain"},
                             timeout=REQUEST_TIMEOUT)
    assert response.status_code == 202
    job = wait_until(lambda: finished_job(stack + response.headers["Location"]), 240, "the job to finish")
    assert job["status"] == "succeeded"
    page = requests.get(stack + job["links"]["articles"], timeout=REQUEST_TIMEOUT).json()
    assert page["next"] is None
    got = [{k: v for k, v in a.items() if k not in ("id", "job_id")} for a in page["items"]]
    assert got == [a.to_dict() for a in process_bytes(seed_bytes)]
    problem = requests.get(f"{stack}/v1/jobs/unknown", timeout=REQUEST_TIMEOUT)
    assert problem.status_code == 404 and problem.headers["Content-Type"] == PROBLEM


def test_submit_client_waits_and_prints_the_articles(stack):
    result = subprocess.run([*CLI, "submit", "--url", stack, "--wait", str(SEED)],
                            cwd=ROOT, capture_output=True, timeout=START_TIMEOUT)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert [a["headline"] for a in output["articles"]] == [
        "الإرهاب يضرب مجددًا كازاخستان ويستهدف مقرًا للأمن", "«كايسيد»: نستثمر في مستقبل أكثر سلاماً"]


def test_up_runs_everything_and_stops_cleanly_on_ctrl_c(seed_bytes, tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    # its output goes to a file, not a pipe: a pipe nobody reads while we wait could fill and block it
    with open(tmp_path / "up.log", "w+") as log, \
            Process([*CLI, "up", "--ephemeral", "--port", str(port)], env, stdout=log, stderr=subprocess.STDOUT) as up:
        wait_ready(f"http://127.0.0.1:{port}", [up])
        response = requests.post(f"http://127.0.0.1:{port}/v1/jobs", data=seed_bytes,
                                 headers={"Content-Type": "text/plain"}, timeout=REQUEST_TIMEOUT)
        assert response.status_code == 202
        up.process.send_signal(signal.SIGINT)             # Ctrl-C, to `dumpling up` alone
        up.process.wait(timeout=START_TIMEOUT)
        log.seek(0)
        output = log.read()
        assert up.process.returncode == 0, output
        assert "private redis-server at redis://127.0.0.1:" in output
        redis_port = int(output.split("private redis-server at redis://127.0.0.1:")[1].split("/")[0])
        # before Process.stop() ends what `up` may have left in its group
        for stopped_port in (port, redis_port):
            with socket.socket() as sock:
                assert sock.connect_ex(("127.0.0.1", stopped_port)) != 0, f"port {stopped_port} still open"
