"""Issue 12 over real HTTP: `dumpling serve` (gunicorn) as a real process and a throwaway
Redis. A body cut short is no job (8); an oversized upload is refused without being read
(9); keys stay out of the access log and gunicorn's own errors are JSON (11); slow clients
do not make the API unreachable (5)."""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import threading
import tempfile
import time
from pathlib import Path

import pytest
import requests

from workers.redis_server import RedisServer, free_port

from .conftest import PROBLEM, bearer
from .processes import CLI, REQUEST_TIMEOUT, START_TIMEOUT, Process, wait_until

pytestmark = pytest.mark.slow

KEY_A, KEY_B, KEY_C = "key-alpha-http-1f2e", "key-bravo-http-77c1", "key-charlie-http-0d9a"
MAX_DUMP_BYTES = 1024 * 1024
SLOW_CLIENTS = 16


class Served:
    def __init__(self, url: str, port: int, log_path):
        self.url, self.port, self.log_path = url, port, log_path

    def connect(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=REQUEST_TIMEOUT)
        return sock

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture(scope="module")
def served():
    """`dumpling serve` with its default processes, API keys on, a 1 MiB dump limit."""
    # a folder of our own: pytest's shared numbered temp folders may be pruned by another session
    with tempfile.TemporaryDirectory(prefix="dumpling-serve-log-") as folder, RedisServer() as redis_server, \
            open(Path(folder) / "serve.log", "w") as log:
        log_path = Path(folder) / "serve.log"
        port = free_port()
        env = {**os.environ, "REDIS_URL": redis_server.url, "DUMPLING_LOG_LEVEL": "INFO",
               "DUMPLING_MAX_DUMP_BYTES": str(MAX_DUMP_BYTES), "DUMPLING_API_KEYS": f"{KEY_A},{KEY_B},{KEY_C}"}
        url = f"http://127.0.0.1:{port}"
        with Process([*CLI, "serve", "--port", str(port)], env, stdout=log, stderr=subprocess.STDOUT) as serve:
            def healthy() -> bool:
                assert serve.alive, "dumpling serve exited at start"
                return requests.get(f"{url}/healthz", timeout=10).status_code == 200

            wait_until(healthy, START_TIMEOUT, f"{url}/healthz to answer")
            yield Served(url, port, log_path)


def jobs_of(served: Served, key: str) -> list:
    response = requests.get(f"{served.url}/v1/jobs", headers=bearer(key), timeout=REQUEST_TIMEOUT)
    assert response.status_code == 200
    return response.json()["items"]


def read_response(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes (or a reset after it answered)."""
    chunks = []
    while True:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


# --- point 8: a body cut short --------------------------------------------------------------

def test_a_body_cut_short_is_400_and_never_a_job(served):
    dump = b"A headline\n\n" + b"Some words of the body. " * 8000           # about 190 KB
    head = (f"POST /v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: {len(dump)}\r\n"
            f"Authorization: Bearer {KEY_B}\r\nIdempotency-Key: cut-short\r\nConnection: close\r\n\r\n").encode()
    with served.connect() as sock:
        sock.sendall(head + dump[:len(dump) // 2])
        sock.shutdown(socket.SHUT_WR)                   # the client goes away mid-body
        answer = read_response(sock)
    assert answer.startswith(b"HTTP/1.1 400"), answer[:200]
    assert PROBLEM.encode() in answer
    assert jobs_of(served, KEY_B) == []
    # the whole retry with the same key is a new job, not a 409 against a partial one
    whole = requests.post(f"{served.url}/v1/jobs", data=dump, timeout=REQUEST_TIMEOUT,
                          headers={**bearer(KEY_B), "Content-Type": "text/plain", "Idempotency-Key": "cut-short"})
    assert whole.status_code == 202, whole.text
    assert [job["dump_bytes"] for job in jobs_of(served, KEY_B)] == [len(dump)]


# --- point 9: an oversized upload is not read whole ----------------------------------------

MULTIPART_HEAD = (b"--bound\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
                  b"Content-Type: text/plain\r\n\r\n")


def send_until_answered(sock: socket.socket, chunk: bytes, most: int, chunked: bool) -> tuple[int, bytes]:
    """Send ``chunk`` again and again (``most`` bytes at most) until the server answers or
    stops reading; return the bytes sent and the answer."""
    sent = 0
    sock.setblocking(False)
    frame = (f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n") if chunked else chunk
    pending = memoryview(b"")
    deadline = time.monotonic() + START_TIMEOUT
    while sent < most and time.monotonic() < deadline:
        readable, writable, _ = select.select([sock], [sock], [], 1.0)
        if readable:
            break
        if writable:
            if not pending:
                pending = memoryview(frame)
            try:
                n = sock.send(pending)
            except (BrokenPipeError, ConnectionResetError):
                break
            pending = pending[n:]
            sent += n
    sock.setblocking(True)
    sock.settimeout(REQUEST_TIMEOUT)
    try:
        return sent, read_response(sock)
    except OSError:
        return sent, b""


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length-2GiB", "chunked"])
def test_an_oversized_upload_is_refused_without_being_read_whole(served, chunked):
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {2 * 1024 ** 3}"
    head = (f"POST /v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=bound\r\n"
            f"{framing}\r\nAuthorization: Bearer {KEY_C}\r\n\r\n").encode()
    most = 256 * MAX_DUMP_BYTES                          # what a server reading it all would take
    with served.connect() as sock:
        sock.sendall(head)
        start = MULTIPART_HEAD if not chunked else f"{len(MULTIPART_HEAD):x}\r\n".encode() + MULTIPART_HEAD + b"\r\n"
        sock.sendall(start)
        sent, answer = send_until_answered(sock, b"x" * 65536, most, chunked)
    # the server stopped reading near the limit (socket buffers hold a few MB more), and said why
    assert sent < 32 * MAX_DUMP_BYTES, f"{sent} bytes read of an upload over a {MAX_DUMP_BYTES}-byte limit"
    if answer:
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert jobs_of(served, KEY_C) == []


# --- point 11: logs and gunicorn's own answers ----------------------------------------------

def test_an_api_key_sent_as_the_basic_auth_user_is_not_logged(served):
    response = requests.get(f"{served.url}/v1/jobs?marker=basic-auth-probe", auth=(KEY_A, "x"),
                            timeout=REQUEST_TIMEOUT)
    assert response.status_code == 401
    wait_until(lambda: "marker=basic-auth-probe" in served.log(), 60,
               f"the access log line; the log ends: {served.log()[-2000:]}")
    log = served.log()
    assert KEY_A not in log and KEY_B not in log


def test_a_5000_character_id_reaches_the_api_and_gets_json(served):
    response = requests.get(f"{served.url}/v1/jobs/{'a' * 5000}", headers=bearer(KEY_A), timeout=REQUEST_TIMEOUT)
    assert response.status_code == 404
    assert response.headers["Content-Type"] == PROBLEM


@pytest.mark.parametrize("request_line, status", [
    (b"GET /v1/jobs/" + b"a" * 9000 + b" HTTP/1.1", 414),
    (b"NOT A REQUEST LINE", 400),
    (b"GET /healthz HTTP/9.9", 400),
])
def test_gunicorns_own_errors_are_problem_json(served, request_line, status):
    with served.connect() as sock:
        sock.sendall(request_line + b"\r\nHost: x\r\n\r\n")
        answer = read_response(sock)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(f"HTTP/1.1 {status}".encode()), answer[:200]
    assert b"Content-Type: " + PROBLEM.encode() in head
    assert json.loads(body)["status"] == status


# --- point 5: slow clients ------------------------------------------------------------------

def test_sixteen_slow_clients_do_not_make_the_api_unreachable(served):
    """16 clients each send a POST whose body comes one byte a second (gunicorn already
    drops a client whose headers are that slow, after its keep-alive timeout; a body is
    not timed). They stay connected, and other clients are answered meanwhile."""
    stop = threading.Event()
    sockets = []

    def trickle() -> None:
        while not stop.is_set():
            for sock in sockets:
                try:
                    sock.send(b"a")
                except OSError:
                    pass
            stop.wait(1.0)

    try:
        for _ in range(SLOW_CLIENTS):
            sock = served.connect()
            sock.sendall(f"POST /v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                         f"Authorization: Bearer {KEY_A}\r\nContent-Length: 100000\r\n\r\n".encode())
            sockets.append(sock)
        sender = threading.Thread(target=trickle, daemon=True)
        sender.start()
        for n in range(5):
            wait_until(lambda: requests.get(f"{served.url}/healthz", timeout=10).status_code == 200, 120,
                       f"/healthz answer {n + 1} while {SLOW_CLIENTS} slow clients are connected")
            time.sleep(1)
        jobs = requests.get(f"{served.url}/v1/jobs", headers=bearer(KEY_A), timeout=REQUEST_TIMEOUT)
        assert jobs.status_code == 200                # a Redis-backed endpoint too
        # the slow clients were served all along, not dropped: none has an answer or a close
        readable, _, _ = select.select(sockets, [], [], 0)
        assert readable == [], f"{len(readable)} slow clients were answered or dropped"
    finally:
        stop.set()
        for sock in sockets:
            sock.close()
