"""A real Celery worker whose pipeline hangs on a dump that says HANG, swallowing the
soft time limit's exception the way a careless library might: only the hard limit (the
pool kills the child process) stops it. Run as `celery -A tests.hanging_worker:app worker`.
"""

import time

from workers import processing
from workers.celery_app import app  # noqa: F401  (the app the worker runs)

_real_process_dump = processing.process_dump


def _process_dump(store, job_id, text, batch_size, *backend):
    if "HANG" in text:
        while True:
            try:
                time.sleep(10)
            except BaseException:             # noqa: BLE001 - the point of this double
                pass
    return _real_process_dump(store, job_id, text, batch_size, *backend)


processing.process_dump = _process_dump
