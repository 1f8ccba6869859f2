"""A real Celery worker whose pipeline hangs on a dump that says HANG, swallowing the
soft time limit's exception the way a careless library might: only the hard limit (the
pool kills the child process) stops it. Run as `celery -A tests.hanging_worker:app worker`.
"""

import time

from workers import tasks
from workers.celery_app import app  # noqa: F401  (the app the worker runs)

_real_run_pipeline = tasks.run_pipeline


def _run_pipeline(store, job_id, text, batch_size):
    if "HANG" in text:
        while True:
            try:
                time.sleep(10)
            except BaseException:             # noqa: BLE001 - the point of this double
                pass
    return _real_run_pipeline(store, job_id, text, batch_size)


tasks.run_pipeline = _run_pipeline
