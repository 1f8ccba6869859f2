"""`dumpling up`: Redis, one worker and the API together, for a newcomer's machine.

With no REDIS_URL set, a private redis-server is started (from PATH or the `embedded`
extra) and stopped again on exit. Ctrl-C (or SIGTERM) stops everything cleanly.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from workers.config import Settings
from workers.redis_server import RedisServer, RedisServerNotFound

POLL_SECONDS = 0.5
STOP_TIMEOUT = 15


def up(settings: Settings, host: str, port: int) -> int:
    redis_server = None
    env = dict(os.environ)                        # the children read their settings from it
    if not settings.redis_url_set:
        try:
            redis_server = RedisServer(appendonly=True).start()
        except RedisServerNotFound as exc:
            print(f"dumpling: {exc}", file=sys.stderr)
            return 1
        env["REDIS_URL"] = redis_server.url
        print(f"dumpling: started a private redis-server at {redis_server.url}", flush=True)
    command = [sys.executable, "-m", "service.cli"]
    children = [
        subprocess.Popen([*command, "worker", "--concurrency", "1"], env=env),
        subprocess.Popen([*command, "serve", "--host", host, "--port", str(port)], env=env),
    ]
    print(f"dumpling: API on http://{host}:{port}  (docs: /docs; Ctrl-C stops everything)", flush=True)
    stopping = {"now": False}

    def request_stop(signum, frame):
        stopping["now"] = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    code = 0
    try:
        while not stopping["now"]:
            exited = [c for c in children if c.poll() is not None]
            if exited:
                print(f"dumpling: a process exited (code {exited[0].returncode}); stopping", file=sys.stderr)
                code = 1
                break
            time.sleep(POLL_SECONDS)
    finally:
        _stop(children)
        if redis_server:
            redis_server.stop()
    print("dumpling: stopped", flush=True)
    return code


def _stop(children: list[subprocess.Popen]) -> None:
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
