"""The child processes of `dumpling up`: each in a session of its own, its output
prefixed with its name, stopped on request in a bounded time.

Why a session of its own: a terminal's Ctrl-C is sent to the whole foreground process
group. Gunicorn's workers and Celery's pool handle SIGINT themselves, and a gunicorn worker
interrupted while logging could deadlock on a lock inside its own handler and outlive
everything, still holding the port. Out of the terminal's group, they only ever hear from
`up`, which stops them one at a time: SIGTERM to the leader, a bounded wait, then SIGKILL
to the whole group (so no grandchild is left behind either).
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from typing import IO


class Output:
    """Lines from several threads to one stream, never interleaved within a line."""

    def __init__(self, stream: IO[str], width: int):
        self._stream = stream
        self._width = width
        self._lock = threading.Lock()

    def line(self, prefix: str, text: str) -> None:
        with self._lock:
            self._stream.write(f"{prefix:<{self._width}} | {text}\n")
            self._stream.flush()


def pump(name: str, source: IO[bytes], output: Output) -> threading.Thread:
    """Copy ``source`` line by line to ``output``, prefixed with ``name``, until it closes."""
    def copy() -> None:
        with source:
            for raw in iter(source.readline, b""):
                output.line(name, raw.decode("utf-8", errors="replace").rstrip("\r\n"))

    thread = threading.Thread(target=copy, name=f"pump-{name}", daemon=True)
    thread.start()
    return thread


class Child:
    """A command in its own session (its pid is its process group), output to ``output``."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], output: Output):
        self.name = name
        self.process = subprocess.Popen(command, env={**env, "PYTHONUNBUFFERED": "1"},
                                        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        self.pump = pump(name, self.process.stdout, output)

    @property
    def exited(self) -> bool:
        return _exited(self.process.pid)


def stop_group(process: subprocess.Popen, timeout: float, hurry: Callable[[], bool]) -> None:
    """SIGTERM the leader of ``process``'s group; SIGKILL the group once ``timeout`` has
    passed or ``hurry()`` turns true (another Ctrl-C). Then sweep the group with SIGKILL:
    whatever the leader left behind goes too. The leader is reaped last, so its pid (the
    group's id) cannot be reused by an unrelated process before the sweep."""
    group = process.pid
    if not _exited(group):
        _signal(process.pid, signal.SIGTERM, group=False)
        deadline = time.monotonic() + timeout
        while not _exited(group) and time.monotonic() < deadline and not hurry():
            time.sleep(0.05)
    _signal(group, signal.SIGKILL, group=True)
    process.wait()


def _exited(pid: int) -> bool:
    """Whether the child has exited, without reaping it (it stays a zombie until waited)."""
    try:
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:                  # already reaped
        return True


def _signal(pid: int, signum: int, group: bool) -> None:
    try:
        (os.killpg if group else os.kill)(pid, signum)
    except ProcessLookupError:
        pass
