"""`dumpling serve`: the API under gunicorn, with gevent workers (``gunicorn_worker.py``)."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication

from workers.config import Settings
from workers.logs import gunicorn_logconfig

from .metrics_folder import metrics_folder

WORKER_CLASS = "service.gunicorn_worker.ProblemJsonGeventWorker"
# gunicorn's largest request line: a long (wrong) id reaches Flask and gets its JSON 404
MAX_REQUEST_LINE = 8190
# gunicorn's default line without %(u)s, the Basic-auth user name: a client may send its
# API key there, and keys are never written to a log
ACCESS_LOG_FORMAT = '%(h)s %(l)s - %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'


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


def gunicorn_options(settings: Settings, host: str, port: int, workers: int) -> dict:
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": WORKER_CLASS,
        "worker_connections": settings.http_connections,
        "timeout": settings.http_timeout,
        "limit_request_line": MAX_REQUEST_LINE,
        "accesslog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "errorlog": "-",
        "loglevel": settings.log_level.lower(),
        "logconfig_dict": gunicorn_logconfig(settings),     # DUMPLING_LOG_FORMAT
        "child_exit": _forget_metrics_of,
        **_no_control_socket(),
    }


def _forget_metrics_of(server, worker) -> None:
    """A gunicorn process has exited: mark it dead for prometheus_client's multi-process
    mode (its live gauges go; its counters stay counted)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def _no_control_socket() -> dict:
    """gunicorn 25.1 and later open a control socket at one path per user
    (``~/.gunicorn/gunicorn.ctl``): two servers on one machine (tests, `up` beside `serve`)
    would take each other's. Dumpling does not use it."""
    from gunicorn.config import Config

    return {"control_socket_disable": True} if "control_socket_disable" in Config().settings else {}


def serve(settings: Settings, host: str, port: int, workers: int) -> None:
    """Run the API: gevent workers, each serving a connection in a greenlet
    (``DUMPLING_HTTP_CONNECTIONS`` of them)."""
    with metrics_folder(settings) as with_folder:      # prometheus_client's multi-process mode
        _Gunicorn(with_folder, gunicorn_options(with_folder, host, port, workers)).run()
