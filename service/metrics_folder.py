"""The folder where gunicorn's processes keep their metrics (prometheus_client's
multi-process mode). ``PROMETHEUS_MULTIPROC_DIR`` names it; unset, ``dumpling serve``
makes a private one and removes it at exit. prometheus_client reads the variable when it
is first imported, so it is set here, in gunicorn's master, before any worker imports it."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from workers.config import Settings


@contextmanager
def metrics_folder(settings: Settings) -> Iterator[Settings]:
    """The settings with the folder in them, for as long as the server runs."""
    given = settings.prometheus_multiproc_dir
    folder = given or tempfile.mkdtemp(prefix="dumpling-metrics-")
    if given:
        # prometheus_client: the folder must be wiped between runs (stale counts otherwise)
        Path(folder).mkdir(parents=True, exist_ok=True)
        for stale in Path(folder).glob("*.db"):
            stale.unlink()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
    try:
        yield replace(settings, prometheus_multiproc_dir=folder)
    finally:
        if not given:
            shutil.rmtree(folder, ignore_errors=True)
