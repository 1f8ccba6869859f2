import shutil
import tempfile
from dataclasses import replace

import pytest

from .processes import SEED, wait_until

# the headlines of the seed dump's two articles
SEED_HEADLINES = ["الإرهاب يضرب مجددًا كازاخستان ويستهدف مقرًا للأمن", "«كايسيد»: نستثمر في مستقبل أكثر سلاماً"]


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    """The dump the project started from (two aawsat.com pages), byte for byte."""
    return SEED.read_bytes()


def only_article(text: str):
    """The pipeline's one article of ``text`` (unpacking fails if there are more or none)."""
    from workers.pipeline import process_text

    (article,) = process_text(text)
    return article


# --- services: a throwaway redis-server and a real Celery worker --------------------------

@pytest.fixture(scope="session")
def redis_server():
    """A redis-server of our own on a free port; never a Redis we did not start."""
    from workers.redis_server import RedisServer

    with RedisServer() as server:
        yield server


@pytest.fixture(scope="session")
def base_settings(redis_server):
    from workers.config import Settings

    return Settings(redis_url=redis_server.url, retention_seconds=3600, max_dump_bytes=2 * 1024 * 1024,
                    visibility_timeout=60, page_size=10)


@pytest.fixture(scope="session")
def celery_app(base_settings):
    from workers.celery_factory import create_celery

    return create_celery(base_settings)


@pytest.fixture(scope="session")
def worker(celery_app):
    """A real Celery worker consuming from the test Redis, in this process (threads pool)."""
    from celery.contrib.testing.worker import start_worker

    with start_worker(celery_app, pool="threads", concurrency=2, perform_ping_check=False,
                      shutdown_timeout=120, loglevel="WARNING"):
        yield


@pytest.fixture
def clean_redis(redis_server):
    """Each test starts from an empty database of our own server."""
    import redis

    client = redis.Redis.from_url(redis_server.url)
    client.flushdb()
    yield client
    client.close()


@pytest.fixture
def make_client(celery_app, base_settings, clean_redis):
    """A Flask test client for an app built with the test settings, overridable per test."""
    from service.app import create_app

    def make(**overrides):
        return create_app(replace(base_settings, **overrides), celery_app).test_client()

    return make


@pytest.fixture
def client(make_client, worker):
    return make_client()


# --- the API through a Flask test client ---------------------------------------------------

PROBLEM = "application/problem+json"
KEY_A, KEY_B = "key-alpha-7f3a9c", "key-bravo-91be04"       # the two tenants of ``keyed``


@pytest.fixture
def keyed(make_client, worker):
    """Like ``client``, with API keys on: the tenants ``KEY_A`` and ``KEY_B``."""
    return make_client(api_keys=(KEY_A, KEY_B))


def api_on(redis_url: str, **settings):
    """(a Flask test client, its Celery app) of an app on a Redis of the test's own."""
    from service.app import create_app
    from workers.celery_factory import create_celery
    from workers.config import Settings

    made = Settings(redis_url=redis_url, **settings)
    celery = create_celery(made)
    return create_app(made, celery).test_client(), celery


def bearer(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


def submit(client, dump: bytes | str, headers: dict | None = None) -> str:
    """POST ``dump`` as text/plain; the new job's id (the answer must be 202)."""
    data = dump.encode("utf-8") if isinstance(dump, str) else dump
    response = client.post("/v1/jobs", data=data, content_type="text/plain", headers=headers or {})
    assert response.status_code == 202, response.get_json()
    return response.get_json()["id"]


def job_of(client, job_id: str) -> dict:
    """GET /v1/jobs/{id} as JSON, whatever its status."""
    return client.get(f"/v1/jobs/{job_id}").get_json()


def wait_for_job(client, job_id: str, timeout: float = 240.0) -> dict:
    """The job once it has succeeded or failed (a Flask test client of the API)."""
    def finished():
        job = client.get(f"/v1/jobs/{job_id}").get_json()
        return job if job.get("status") in ("succeeded", "failed") else None

    return wait_until(finished, timeout, f"job {job_id} to finish", every=0.05)


def all_articles(client, job_id: str, limit: int = 1000) -> list[dict]:
    """Every article of a job, page after page (a Flask test client of the API)."""
    items, url = [], f"/v1/jobs/{job_id}/articles?limit={limit}"
    while url:
        page = client.get(url).get_json()
        items.extend(page["items"])
        url = page["next"]
    return items


def ready_checks(client) -> dict:
    """The checks of /readyz once it answers 200 (a Flask test client of the API). It pings
    the workers for 1 s, and on a busy machine one ping may go unanswered: so, a retry."""
    def ready():
        response = client.get("/readyz")
        return response.get_json()["checks"] if response.status_code == 200 else None

    return wait_until(ready, 60, "/readyz to answer 200")


def pytest_configure(config):
    """A temporary folder of this session's own (unless --basetemp is given): pytest's default,
    /tmp/pytest-of-<user>, is shared by every session of the user, and with the retention
    policy "none" one session removes another's folders under its running tests."""
    if config.option.basetemp is None and not hasattr(config, "workerinput"):
        config.option.basetemp = tempfile.mkdtemp(prefix="dumpling-pytest-")
        config._dumpling_basetemp = config.option.basetemp


def pytest_unconfigure(config):
    folder = getattr(config, "_dumpling_basetemp", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_terminal_summary(terminalreporter):
    from .report import FUZZ_CASES, SECTIONS

    if FUZZ_CASES:
        terminalreporter.section("schemathesis cases")
        for operation, count in sorted(FUZZ_CASES.items()):
            terminalreporter.write_line(f"{count:5d}  {operation}")
        terminalreporter.write_line(f"{sum(FUZZ_CASES.values()):5d}  in all")
    for title, lines in SECTIONS.items():
        terminalreporter.section(title)
        for text in lines:
            terminalreporter.write_line(text)
