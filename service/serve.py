"""`dumpling serve`: the API under gunicorn."""

from __future__ import annotations

import os

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from .app import create_app

        return create_app()


def serve(host: str, port: int, workers: int, threads: int) -> None:
    _Gunicorn({
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": int(os.environ.get("DUMPLING_HTTP_TIMEOUT", "120")),  # big uploads take time
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": os.environ.get("DUMPLING_LOG_LEVEL", "info").lower(),
    }).run()
