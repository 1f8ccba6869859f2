"""`dumpling up`: Redis, one worker and the API together, for a newcomer's machine.

With no REDIS_URL set, a private redis-server is started (from PATH or the `embedded`
extra). Its data is kept in a per-user folder (``DUMPLING_DATA_DIR``), so jobs outlive a
restart as the retention promises; ``--ephemeral`` uses a temporary folder instead.
Each process's output is shown with its name in front (``api |``, ``worker |``, ``redis |``).

Ctrl-C (or SIGTERM) stops everything, in order: the API, the worker, Redis. The signal
handler only counts signals (no printing, no locks: it interrupts whatever the main thread
was doing); the main loop acts on the count. A second Ctrl-C kills what is left at once.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from workers.config import Settings
from workers.redis_server import DataDirInUse, RedisServer, RedisServerNotFound

from .children import Child, Output, pump, stop_group

POLL_SECONDS = 0.2
# bounded waits for a graceful stop; a worker in the middle of a job gets longer (its job
# is redelivered later anyway: tasks are acknowledged late)
API_STOP_SECONDS = 10
WORKER_STOP_SECONDS = 15
REDIS_STOP_SECONDS = 10
PREFIX_WIDTH = 6


class Interrupts:
    """Counts SIGINT and SIGTERM; the handler does nothing else."""

    def __init__(self) -> None:
        self.count = 0

    def install(self) -> None:
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._count)

    def _count(self, signum, frame) -> None:
        self.count += 1


def up(settings: Settings, host: str, port: int, ephemeral: bool = False, out: IO[str] = sys.stdout) -> int:
    interrupts = Interrupts()
    interrupts.install()
    output = Output(out, PREFIX_WIDTH)

    def say(text: str) -> None:
        output.line("up", text)

    problem = port_problem(host, port)
    if problem:
        print(f"dumpling: cannot listen on {host}:{port}: {problem}; is another `dumpling up` running? "
              "choose another port with --port", file=sys.stderr)
        return 1
    env = dict(os.environ)                       # the children read their settings from it
    redis_server = None
    children: list[Child] = []
    code = 0
    try:
        if not settings.redis_url_set:
            redis_server = _start_redis(settings, ephemeral, say)
            if redis_server is None:
                return 1
            pump("redis", redis_server.process.stdout, output)
            env["REDIS_URL"] = redis_server.url
        else:
            say("using the Redis of REDIS_URL (no private one started)")
        command = [sys.executable, "-m", "service.cli"]
        if not interrupts.count:
            children.append(Child("worker", [*command, "worker", "--concurrency", "1"], env, output))
            children.append(Child("api", [*command, "serve", "--host", host, "--port", str(port)], env, output))
            url = client_url(host, port)
            say(f"API on {url}  (docs: {url}/docs; Ctrl-C stops everything)")
            if url != settings.api_url:
                say(f"for `dumpling submit` and `dumpling jobs`: export DUMPLING_URL={url}")
        while not interrupts.count:
            exited = [child for child in children if child.exited]
            if exited:
                say(f"the {exited[0].name} process exited; stopping everything")
                code = 1
                break
            time.sleep(POLL_SECONDS)
    finally:
        if interrupts.count:
            say("stopping (Ctrl-C again to kill at once)")
        stopped_at = interrupts.count

        def hurry() -> bool:
            return interrupts.count > stopped_at

        # the API first (no new jobs), then the worker, then the Redis both use
        for child in reversed(children):
            stop_group(child.process, API_STOP_SECONDS if child.name == "api" else WORKER_STOP_SECONDS, hurry)
            child.pump.join(timeout=5)
        if redis_server is not None:
            stop_group(redis_server.process, REDIS_STOP_SECONDS, lambda: False)
            redis_server.stop()                      # releases the data folder (removes a temporary one)
    say("stopped")
    # everything is stopped: a late Ctrl-C must not kill the interpreter on its way out
    # (at exit Python puts back the default handlers, but leaves ignored signals ignored)
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)
    return code


def _start_redis(settings: Settings, ephemeral: bool, say: Callable[[str], None]) -> RedisServer | None:
    data_dir = None if ephemeral else str(Path(settings.data_dir) / "redis")
    server = RedisServer(appendonly=True, data_dir=data_dir, own_session=True, log_to_pipe=True)
    try:
        server.start()
    except (RedisServerNotFound, DataDirInUse, RuntimeError, OSError) as exc:
        hint = "; stop the other `dumpling up`, or use --ephemeral" if isinstance(exc, DataDirInUse) else ""
        print(f"dumpling: {exc}{hint}", file=sys.stderr)
        return None
    if ephemeral:
        say(f"Redis data in {server.data_dir}, a temporary folder removed at exit (--ephemeral)")
    else:
        say(f"Redis data in {server.data_dir} (kept between runs; DUMPLING_DATA_DIR moves it, "
            "--ephemeral uses a throwaway folder)")
    say(f"started a private redis-server at {server.url}")
    return server


def port_problem(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (in use, or not an address of this machine),
    or None. Bound the way gunicorn binds (SO_REUSEADDR), so a closed connection lingering
    in TIME_WAIT does not count as in use."""
    try:
        with socket.create_server((host, port)):
            return None
    except OSError as exc:
        return exc.strerror or str(exc)


def client_url(host: str, port: int) -> str:
    """The URL a client on this machine uses: a wildcard address is reached on loopback."""
    if host in ("", "0.0.0.0"):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"
