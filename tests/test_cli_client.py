"""`dumpling submit` and `dumpling jobs` as users run them: real subprocesses, real HTTP,
against a real stack (redis-server, `dumpling worker`, `dumpling serve` with API keys on).

A second API on the same Redis queues its jobs where no worker listens, so a job there
stays queued for as long as a test needs (Ctrl-C and --timeout while waiting)."""

import fcntl
import json
import os
import pty
import select
import signal
import struct
import subprocess
import termios

import pytest
import requests

from workers.pipeline import process_bytes
from workers.redis_server import RedisServer, free_port

from .conftest import SEED_HEADLINES, bearer
from .processes import CLI, REQUEST_TIMEOUT, ROOT, SEED, START_TIMEOUT, Process, wait_ready, wait_until

pytestmark = pytest.mark.slow

KEY, OTHER_KEY = "key-of-the-cli-tests", "another-tenants-key"


@pytest.fixture(scope="module")
def stack():
    """{"url": the API, "stalled": an API whose jobs stay queued}, sharing one Redis and worker."""
    with RedisServer() as redis_server:
        env = {**os.environ, "REDIS_URL": redis_server.url, "DUMPLING_LOG_LEVEL": "WARNING",
               "DUMPLING_API_KEYS": f"{KEY},{OTHER_KEY}"}
        urls = {"url": f"http://127.0.0.1:{free_port()}", "stalled": f"http://127.0.0.1:{free_port()}"}
        processes = []
        try:
            processes.append(Process([*CLI, "worker", "--concurrency", "1"], env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            for name, queue in (("url", "dumpling"), ("stalled", "no-worker-listens-here")):
                port = urls[name].rsplit(":", 1)[1]
                processes.append(Process([*CLI, "serve", "--port", port, "--workers", "1"],
                                         {**env, "DUMPLING_QUEUE": queue},
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            for url in urls.values():
                wait_ready(url, processes)
            yield urls
        finally:
            for process in processes:
                process.stop()


def dumpling(*args: str, url: str | None, key: str | None = KEY, timeout: float = START_TIMEOUT,
             **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("DUMPLING_API_KEY", "DUMPLING_URL")}
    environment.update(env)
    if key is not None:
        environment["DUMPLING_API_KEY"] = key
    url_args = ["--url", url] if url else []
    return subprocess.run([*CLI, *args, *url_args], cwd=ROOT, env=environment, capture_output=True,
                          timeout=timeout)


def api_job(url: str, job_id: str, key: str = KEY) -> dict:
    return requests.get(f"{url}/v1/jobs/{job_id}", headers=bearer(key), timeout=REQUEST_TIMEOUT).json()


def test_submit_without_wait_prints_the_job_as_the_api_shows_it_and_its_id_on_stderr(stack):
    result = dumpling("submit", str(SEED), url=stack["url"])
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert set(output) == {"job", "articles"} and output["articles"] is None
    job_id = output["job"]["id"]
    assert job_id.encode() in result.stderr and f"dumpling jobs wait {job_id}".encode() in result.stderr
    shown = api_job(stack["url"], job_id)
    assert set(output["job"]) == set(shown)
    assert output["job"]["links"] == shown["links"]


def test_submit_wait_and_jobs_wait_print_the_same_shape_in_utf8(stack):
    waited = dumpling("submit", "--wait", str(SEED), url=stack["url"])
    assert waited.returncode == 0, waited.stderr
    assert b"\\u06" not in waited.stdout and SEED_HEADLINES[0].encode() in waited.stdout     # not ASCII-escaped
    output = json.loads(waited.stdout)
    assert output["job"]["status"] == "succeeded"
    assert output["job"] == api_job(stack["url"], output["job"]["id"])
    assert [a["headline"] for a in output["articles"]] == SEED_HEADLINES
    got = [{k: v for k, v in a.items() if k not in ("id", "job_id")} for a in output["articles"]]
    assert got == [a.to_dict() for a in process_bytes(SEED.read_bytes())]
    resumed = dumpling("jobs", "wait", output["job"]["id"], url=stack["url"])
    assert resumed.returncode == 0, resumed.stderr
    assert json.loads(resumed.stdout) == output


def test_jobs_get_list_and_delete(stack):
    job_id = json.loads(dumpling("submit", str(SEED), url=stack["url"]).stdout)["job"]["id"]
    got = dumpling("jobs", "get", job_id, url=stack["url"])
    assert got.returncode == 0, got.stderr
    assert json.loads(got.stdout)["job"]["id"] == job_id
    listed = dumpling("jobs", "list", url=stack["url"])
    assert listed.returncode == 0, listed.stderr
    assert job_id in [job["id"] for job in json.loads(listed.stdout)["items"]]
    deleted = dumpling("jobs", "delete", job_id, url=stack["url"])
    assert deleted.returncode == 0, deleted.stderr
    assert deleted.stdout == b""
    gone = dumpling("jobs", "get", job_id, url=stack["url"])
    assert gone.returncode == 1 and b"HTTP 404" in gone.stderr and b"Traceback" not in gone.stderr


def test_the_api_key_comes_from_dumpling_api_key_and_keeps_tenants_apart(stack):
    without = dumpling("submit", str(SEED), url=stack["url"], key=None)
    assert without.returncode == 1
    assert b"HTTP 401" in without.stderr and b"DUMPLING_API_KEY" in without.stderr
    assert without.stdout == b""
    job_id = json.loads(dumpling("submit", str(SEED), url=stack["url"]).stdout)["job"]["id"]
    other = dumpling("jobs", "get", job_id, url=stack["url"], key=OTHER_KEY)
    assert other.returncode == 1 and b"HTTP 404" in other.stderr


def test_the_url_defaults_to_dumpling_url(stack):
    result = dumpling("jobs", "list", url=None, DUMPLING_URL=stack["url"])
    assert result.returncode == 0, result.stderr
    assert "items" in json.loads(result.stdout)


def test_timeout_bounds_the_whole_wait_and_says_how_to_resume(stack):
    result = dumpling("submit", "--wait", "--timeout", "3", str(SEED), url=stack["stalled"])
    assert result.returncode == 124
    job_id = _job_id(result.stderr)
    assert f"resume with: dumpling jobs wait {job_id}".encode() in result.stderr
    assert api_job(stack["stalled"], job_id)["status"] == "queued"          # left running, not cancelled
    again = dumpling("jobs", "wait", job_id, "--timeout", "2", url=stack["stalled"])
    assert again.returncode == 124 and b"--timeout reached" in again.stderr


def test_ctrl_c_while_waiting_prints_the_job_id_and_how_to_resume(stack, tmp_path):
    environment = {**os.environ, "DUMPLING_API_KEY": KEY}
    with open(tmp_path / "stderr", "w+b") as stderr, \
            Process([*CLI, "submit", "--wait", "--url", stack["stalled"], str(SEED)], environment,
                    stdout=subprocess.PIPE, stderr=stderr, preexec_fn=_ctrl_c_as_on_a_terminal) as submit:
        def submitted() -> bytes | None:
            assert submit.alive, "submit exited before it was interrupted"
            stderr.seek(0)
            written = stderr.read()
            return written if b"submitted" in written else None

        job_id = _job_id(wait_until(submitted, START_TIMEOUT, "submit to print the job id"))
        os.killpg(submit.process.pid, signal.SIGINT)            # what a terminal sends
        submit.process.wait(timeout=START_TIMEOUT)
        stderr.seek(0)
        message = stderr.read()
    assert submit.process.returncode == 130, message
    assert f"interrupted: job {job_id}".encode() in message
    assert f"resume with: dumpling jobs wait {job_id}".encode() in message
    assert b"Traceback" not in message


def _ctrl_c_as_on_a_terminal() -> None:
    """Ctrl-C's default action in the child, as a command typed at a terminal has it: a test
    run started in the background by a shell without job control inherits SIGINT ignored
    (POSIX), and Python then leaves it ignored, so the child would never hear the Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_progress_is_drawn_on_a_terminal_only_and_never_as_a_percentage(stack):
    piped = dumpling("submit", "--wait", str(SEED), url=stack["url"])
    assert piped.returncode == 0
    assert b"\r" not in piped.stderr and b"articles" not in piped.stderr      # no progress line in a pipe
    terminal = _on_a_terminal(["submit", "--wait", str(SEED), "--url", stack["url"]])
    assert "succeeded, 2 articles" in terminal
    assert "%" not in terminal
    quiet = _on_a_terminal(["submit", "--wait", "--quiet", str(SEED), "--url", stack["url"]])
    assert quiet == ""


def _on_a_terminal(args: list[str]) -> str:
    """What the command writes to its stderr when stderr is a terminal (a pseudo-terminal)."""
    leader, follower = pty.openpty()
    # a real terminal has a size; a fresh pseudo-terminal is 0 x 0, where nothing fits
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = None
    try:
        process = subprocess.Popen([*CLI, *args], cwd=ROOT, env={**os.environ, "DUMPLING_API_KEY": KEY},
                                   stdout=subprocess.DEVNULL, stderr=follower)
        os.close(follower)
        follower = None
        written = b""
        while True:                         # read until the command closes the terminal (it exited)
            ready, _, _ = select.select([leader], [], [], START_TIMEOUT)
            assert ready, "the command wrote nothing and did not exit"
            try:
                chunk = os.read(leader, 65536)
            except OSError:                 # EIO: the other side is closed
                break
            if not chunk:
                break
            written += chunk
        assert process.wait(timeout=START_TIMEOUT) == 0, written
        return written.decode("utf-8", errors="replace")
    finally:
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)
        if follower is not None:
            os.close(follower)


def _job_id(stderr: bytes) -> str:
    return stderr.decode().split("job ", 1)[1].split()[0]
