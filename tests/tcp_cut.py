"""A TCP relay in front of a Redis that a test can cut and restore: a Redis outage as its
clients see it (connections reset, new ones closed at once) while the redis-server and its
data stay as they are, and the port stays ours (a stopped server's port may be taken by
another test on a shared machine while it is down).
"""

from __future__ import annotations

import selectors
import socket
import threading

from workers.redis_server import free_port


class CuttableRelay:
    """Listens on ``port`` and relays each connection to ``upstream_port``; ``cut()`` drops
    every connection and refuses new ones until ``restore()``."""

    def __init__(self, upstream_port: int):
        self.upstream_port = upstream_port
        self.port = free_port()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._listener.setblocking(False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._listener, selectors.EVENT_READ)
        self._peers: dict[socket.socket, socket.socket] = {}
        self._up = True
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="tcp-relay", daemon=True)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "CuttableRelay":
        self._thread.start()
        return self

    def cut(self) -> None:
        with self._lock:
            self._up = False
            for sock in list(self._peers):
                self._drop(sock)

    def restore(self) -> None:
        with self._lock:
            self._up = True

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        with self._lock:
            for sock in list(self._peers):
                self._drop(sock)
        self._selector.close()
        self._listener.close()

    def __enter__(self) -> "CuttableRelay":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _drop(self, sock: socket.socket) -> None:
        peer = self._peers.pop(sock, None)
        for each in (sock, peer):
            if each is None:
                continue
            self._peers.pop(each, None)
            try:
                self._selector.unregister(each)
            except (KeyError, ValueError):
                pass
            each.close()

    def _accept(self) -> None:
        try:
            client, _ = self._listener.accept()
        except BlockingIOError:
            return
        if not self._up:
            client.close()                       # Redis is "down": the connection ends at once
            return
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
        except OSError:
            client.close()
            return
        for sock in (client, upstream):
            sock.setblocking(False)
            self._selector.register(sock, selectors.EVENT_READ)
        self._peers[client], self._peers[upstream] = upstream, client

    def _run(self) -> None:
        while not self._stop.is_set():
            for key, _ in self._selector.select(timeout=0.2):
                with self._lock:
                    sock = key.fileobj
                    if sock is self._listener:
                        self._accept()
                        continue
                    if sock not in self._peers:
                        continue
                    try:
                        data = sock.recv(65536)
                        if data:
                            self._peers[sock].setblocking(True)
                            self._peers[sock].sendall(data)
                            self._peers[sock].setblocking(False)
                            continue
                    except OSError:
                        pass
                    self._drop(sock)
