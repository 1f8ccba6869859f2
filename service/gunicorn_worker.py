"""The gunicorn worker of `dumpling serve`: gevent, with gunicorn's own errors as problem+json.

gevent serves each connection in a greenlet, not a thread: a client that sends a byte a
second (or stalls) holds a few kilobytes until it finishes or gunicorn's connection limit
is reached, and the other clients are served meanwhile. With threads, as many slow clients
as threads made the API unreachable. gunicorn monkey-patches the worker process before it
loads the app, so the Redis and Celery clients use gevent's sockets.

The errors gunicorn answers itself, before Flask sees a request (a malformed request line,
a request line or header over its limits), are HTML by default; here they are problem+json
like every other error of the API.
"""

from __future__ import annotations

import json
import socket

from gunicorn import util
from gunicorn.workers.ggevent import GeventWorker

PROBLEM_JSON = "application/problem+json"


def write_problem(sock: socket.socket, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's ``util.write_error``, answering problem+json instead of an HTML page."""
    body = json.dumps({"type": "about:blank", "title": reason, "status": status_int,
                       "detail": mesg or reason}).encode("utf-8")
    head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: {PROBLEM_JSON}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    util.write_nonblock(sock, head.encode("latin-1") + body)


class ProblemJsonGeventWorker(GeventWorker):
    def init_process(self) -> None:
        # gunicorn's error path calls util.write_error by name: this process answers JSON
        util.write_error = write_problem
        super().init_process()
