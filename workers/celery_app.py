"""A worker process's Celery app, built once from the environment: what
``celery -A workers.celery_app:app`` loads (the compose health check uses it). Like Flask's
``wsgi.py``, the only module that makes an app at import, and no module imports it;
everything else, ``dumpling worker`` included, calls ``celery_factory.create_celery(settings)``.
"""

from .celery_factory import create_celery
from .config import Settings

app = create_celery(Settings.from_env())
