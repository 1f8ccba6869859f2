"""End to end with real processes: redis-server, `dumpling worker`, `dumpling serve`, real HTTP."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from workers.pipeline import process_bytes
from workers.redis_server import RedisServer, free_port

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 60


@pytest.fixture
def stack():
    """A private Redis, one worker process and the API under gunicorn on a free port."""
    with RedisServer() as redis_server:
        port = free_port()
        env = {**os.environ, "REDIS_URL": redis_server.url, "DUMPLING_LOG_LEVEL": "WARNING"}
        cli = [sys.executable, "-m", "service.cli"]
        processes = [
            subprocess.Popen([*cli, "worker", "--concurrency", "1"], cwd=ROOT, env=env),
            subprocess.Popen([*cli, "serve", "--port", str(port), "--workers", "1"], cwd=ROOT, env=env),
        ]
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_ready(url, processes)
            yield url
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()


def _wait_ready(url: str, processes) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        assert all(p.poll() is None for p in processes), "a process exited at start"
        try:
            if requests.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise AssertionError("the stack did not become ready")


def test_seed_dump_through_real_http(stack, seed_bytes):
    response = requests.post(f"{stack}/v1/jobs", data=seed_bytes, headers={"Content-Type": "text/plain"}, timeout=10)
    assert response.status_code == 202
    job_url = stack + response.headers["Location"]
    deadline = time.monotonic() + 60
    while (job := requests.get(job_url, timeout=10).json())["status"] not in ("succeeded", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert job["status"] == "succeeded"
    page = requests.get(stack + job["links"]["articles"], timeout=10).json()
    assert page["next"] is None
    got = [{k: v for k, v in a.items() if k not in ("id", "job_id")} for a in page["items"]]
    assert got == [a.to_dict() for a in process_bytes(seed_bytes)]
    problem = requests.get(f"{stack}/v1/jobs/unknown", timeout=10)
    assert problem.status_code == 404 and problem.headers["Content-Type"] == "application/problem+json"


def test_submit_client_waits_and_prints_the_articles(stack):
    result = subprocess.run([sys.executable, "-m", "service.cli", "submit", "--url", stack, "--wait",
                             str(ROOT / "tests" / "fixtures" / "aawsat-seed.txt")],
                            cwd=ROOT, capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    import json
    output = json.loads(result.stdout)
    assert [a["headline"] for a in output["articles"]] == [
        "الإرهاب يضرب مجددًا كازاخستان ويستهدف مقرًا للأمن", "«كايسيد»: نستثمر في مستقبل أكثر سلاماً"]


def test_up_runs_everything_and_stops_cleanly_on_ctrl_c(seed_bytes):
    import signal
    import socket

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    up = subprocess.Popen([sys.executable, "-m", "service.cli", "up", "--port", str(port)], cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        _wait_ready(f"http://127.0.0.1:{port}", [up])
        response = requests.post(f"http://127.0.0.1:{port}/v1/jobs", data=seed_bytes,
                                 headers={"Content-Type": "text/plain"}, timeout=10)
        assert response.status_code == 202
        up.send_signal(signal.SIGINT)
        output, _ = up.communicate(timeout=60)
    finally:
        if up.poll() is None:              # a failed test must not leave the stack running
            os.killpg(up.pid, signal.SIGKILL)
            up.wait()
    assert up.returncode == 0, output
    assert "private redis-server at redis://127.0.0.1:" in output
    redis_port = int(output.split("private redis-server at redis://127.0.0.1:")[1].split("/")[0])
    for stopped_port in (port, redis_port):
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", stopped_port)) != 0, f"port {stopped_port} still open"
