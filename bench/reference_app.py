"""The API under `dumpling serve`'s gunicorn, plus reference endpoints for the benchmarks.

    python -m bench.reference_app --port PORT [--workers N]

Same app, same gunicorn options (gevent workers, limits, logging) as `dumpling serve`,
with one more route that production does not have:

    POST /bench/set   reads the body and stores it in Redis with one SET, nothing else:
                      the fair ceiling of an intake of that body (read it, store it once)

`GET /healthz` stays the do-nothing reference. Registered here, never in `service/`.
"""

from __future__ import annotations

import argparse
import sys

from flask import Flask, request

from service.serve import _Gunicorn, gunicorn_options
from workers.config import Settings

REFERENCE_KEY = "dumpling:bench:reference-set"


def add_reference_routes(app: Flask) -> None:
    store = app.extensions["dumpling"].store

    @app.post("/bench/set")
    def read_and_set():
        # one SET, overwriting: the ceiling, with nothing checked, hashed or queued
        store.redis.set(REFERENCE_KEY, request.get_data(), ex=60)
        return "", 204


class _ReferenceGunicorn(_Gunicorn):
    def load(self):
        app = super().load()
        add_reference_routes(app)
        return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    _ReferenceGunicorn(settings, gunicorn_options(settings, "127.0.0.1", args.port, args.workers)).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
