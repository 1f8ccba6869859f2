"""Real processes for the fault tests: workers as `dumpling worker` subprocesses."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class Worker:
    """A `dumpling worker` in its own process group, so it can be SIGKILLed whole."""

    def __init__(self, redis_url: str, name: str, app: str | None = None, **env: str):
        self.name = name
        environment = {**os.environ, "REDIS_URL": redis_url, "DUMPLING_LOG_LEVEL": "WARNING",
                       **{k: str(v) for k, v in env.items()}}
        if app is None:
            command = [sys.executable, "-m", "service.cli", "worker", "--concurrency", "1", "--name", name]
        else:   # a test double of the worker module, still a real Celery worker
            command = [sys.executable, "-m", "celery", "-A", app, "worker", "--concurrency", "1",
                       "--loglevel", "WARNING", "-Q", "dumpling", f"--hostname={name}@%h"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=environment, start_new_session=True,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def kill(self) -> None:
        """SIGKILL the worker and its pool children at once: no chance to clean up."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    @property
    def alive(self) -> bool:
        return self.process.poll() is None


def wait_until(predicate, timeout: float, what: str, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
