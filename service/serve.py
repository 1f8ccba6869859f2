"""`dumpling serve`: the API under gunicorn."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication

from workers.config import Settings


class _Gunicorn(BaseApplication):
    def __init__(self, settings: Settings, options: dict):
        self.settings = settings
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from .app import create_app

        return create_app(self.settings)


def serve(settings: Settings, host: str, port: int, workers: int, threads: int) -> None:
    _Gunicorn(settings, {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": settings.http_timeout,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": settings.log_level.lower(),
    }).run()
