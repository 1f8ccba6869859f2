"""Real processes for the tests, and the one way the tests wait for anything.

CI machines are shared and often busy: a process may take many seconds to start and a
request may time out once. So every wait is `wait_until`, a bounded retry that treats
a transient error as "not yet", with deadlines several times what an idle machine needs.
Every process runs in its own session with its own TMPDIR, both removed by `stop()`,
so even a SIGKILLed process leaves nothing behind in /tmp.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import kombu.exceptions
import redis
import requests

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "aawsat-seed.txt"     # the dump the project started from
CLI = [sys.executable, "-m", "service.cli"]

# What a busy machine throws at a poll now and then: a timed-out or refused request, a
# Redis or broker connection that is not there yet (or has just been restarted).
TRANSIENT = (requests.RequestException, redis.RedisError, kombu.exceptions.OperationalError, OSError)

START_TIMEOUT = 240        # seconds for a process (or a whole stack) to be ready
STOP_TIMEOUT = 30          # seconds for a process to stop on SIGTERM before it is killed
REQUEST_TIMEOUT = 30       # seconds for one HTTP request; a busy machine may be slow to answer


def wait_until(predicate, timeout: float, what: str, every: float = 0.1):
    """Call ``predicate`` until it returns something truthy, and return that. A transient
    error counts as "not yet"; after ``timeout`` seconds fail, saying what was awaited."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = predicate()
            if value:
                return value
        except TRANSIENT as exc:
            last_error = exc
        if time.monotonic() >= deadline:
            detail = f" (last error: {last_error!r})" if last_error else ""
            raise AssertionError(f"timed out after {timeout} s waiting for {what}{detail}")
        time.sleep(every)


class Process:
    """A command in its own session (so its whole tree can be signalled) with a TMPDIR of
    its own (what it leaves there, e.g. multiprocessing's pymp-* folders, goes with it)."""

    def __init__(self, command: list[str], env: dict | None = None, **popen_options):
        self.tmpdir = tempfile.mkdtemp(prefix="dumpling-test-")
        environment = {**(os.environ if env is None else env), "TMPDIR": self.tmpdir}
        try:
            self.process = subprocess.Popen(command, cwd=ROOT, env=environment, start_new_session=True,
                                            **popen_options)
        except BaseException:
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            raise

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the process and its children at once: no chance to clean up."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()

    def stop(self) -> None:
        """SIGTERM the whole tree, SIGKILL it if it lingers; then remove its TMPDIR."""
        if self.alive:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=STOP_TIMEOUT)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                self.kill()
        # A leader that exited (crashed, or stopped without its children: a failing test's
        # case) leaves them in its group: they would run on through the rest of the session.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass                                 # the group is empty: the usual case
        shutil.rmtree(self.tmpdir, ignore_errors=True)

    def __enter__(self) -> "Process":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


class Worker(Process):
    """A `dumpling worker` (or, with ``app``, a test double of the worker module, still a
    real Celery worker) taking one job at a time from the given Redis."""

    def __init__(self, redis_url: str, name: str, app: str | None = None, **env: str):
        self.name = name
        environment = {**os.environ, "REDIS_URL": redis_url, "DUMPLING_LOG_LEVEL": "WARNING",
                       **{k: str(v) for k, v in env.items()}}
        if app is None:
            command = [*CLI, "worker", "--concurrency", "1", "--name", name]
        else:
            command = [sys.executable, "-m", "celery", "-A", app, "worker", "--concurrency", "1",
                       "--loglevel", "WARNING", "-Q", "dumpling", f"--hostname={name}@%h"]
        super().__init__(command, environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_for_workers(celery, count: int = 1) -> None:
    """Until ``count`` workers answer a ping (a ping unanswered in time just means not yet)."""
    wait_until(lambda: len(celery.control.ping(timeout=2) or []) >= count, START_TIMEOUT,
               f"{count} worker(s) to answer a ping")


def wait_ready(url: str, processes: list[Process]) -> None:
    """Until the API at ``url`` says it is ready (Redis and a worker answer); fails at
    once if one of the processes behind it has exited."""
    def ready() -> bool:
        exited = [p.process.args for p in processes if not p.alive]
        assert not exited, f"exited at start: {exited}"
        return requests.get(f"{url}/readyz", timeout=10).status_code == 200

    wait_until(ready, START_TIMEOUT, f"{url}/readyz to answer 200")


@contextmanager
def running_stack() -> Iterator[str]:
    """A private Redis, one `dumpling worker` and `dumpling serve` on a free port, ready;
    yields the API's URL and stops them all, also when the test fails."""
    from workers.redis_server import RedisServer, free_port

    with RedisServer() as redis_server:
        port = free_port()
        env = {**os.environ, "REDIS_URL": redis_server.url, "DUMPLING_LOG_LEVEL": "WARNING"}
        url = f"http://127.0.0.1:{port}"
        processes = []
        try:
            processes.append(Process([*CLI, "worker", "--concurrency", "1"], env))
            processes.append(Process([*CLI, "serve", "--port", str(port), "--workers", "1"], env))
            wait_ready(url, processes)
            yield url
        finally:
            for process in processes:
                process.stop()
