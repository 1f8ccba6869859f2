"""`dumpling serve`: the API under gunicorn."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication

from workers.config import Settings
from workers.logs import gunicorn_logconfig

from .metrics_folder import metrics_folder


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
    with metrics_folder(settings) as with_folder:      # prometheus_client's multi-process mode
        _serve(with_folder, host, port, workers, threads)


def _serve(settings: Settings, host: str, port: int, workers: int, threads: int) -> None:
    _Gunicorn(settings, {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": settings.http_timeout,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": settings.log_level.lower(),
        "logconfig_dict": gunicorn_logconfig(settings),     # DUMPLING_LOG_FORMAT
        "child_exit": _forget_metrics_of,
    }).run()


def _forget_metrics_of(server, worker) -> None:
    """A gunicorn process has exited: mark it dead for prometheus_client's multi-process
    mode (its live gauges go; its counters stay counted)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
