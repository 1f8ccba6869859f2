"""A real `dumpling worker` with DUMPLING_LANGUAGE_BACKEND=fast: the setting reaches the
pipeline (a Basque article, a language only the fast backend knows, is named `eu`; the
default backend takes it for Indonesian), and the other languages are the default's."""

import pytest

from service.app import create_app
from workers.celery_factory import create_celery
from workers.config import Settings
from workers.pipeline import process_bytes

from .conftest import wait_for_job
from .dumps import AR_1, EN_1, FR_1, RU_1
from .processes import Worker, wait_for_workers

# invented news text in Basque
BASQUE = ("Eusko Jaurlaritzak hezkuntza sistema berritzeko plana aurkeztu du\n\n"
          "Eusko Jaurlaritzak gaur iragarri duenez, datorren urtean hezkuntza sistemaren erreforma sakona "
          "egingo da. Gobernuaren arabera, ikastetxe guztiek baliabide gehiago jasoko dituzte eta irakasleen "
          "prestakuntza hobetuko da.\n\nSindikatuek, berriz, neurri horiek nahikoak ez direla salatu dute eta "
          "datorren hilean greba egiteko deia egin dute hiriburuetan.")

pytestmark = pytest.mark.slow


def test_a_worker_on_the_fast_backend_names_the_same_languages(redis_server):
    settings = Settings(redis_url=redis_server.url, queue="fast-backend")
    client = create_app(settings, create_celery(settings)).test_client()
    dump = "\n\n\n\n".join([EN_1, FR_1, AR_1, RU_1, BASQUE]).encode("utf-8")
    worker = Worker(redis_server.url, "fast1", DUMPLING_LANGUAGE_BACKEND="fast", DUMPLING_QUEUE="fast-backend")
    try:
        wait_for_workers(client.application.extensions["dumpling"].celery)
        response = client.post("/v1/jobs", data=dump, content_type="text/plain")
        assert response.status_code == 202
        job = wait_for_job(client, response.get_json()["id"])
        assert job["status"] == "succeeded", job
        articles = client.get(f"/v1/jobs/{job['id']}/articles").get_json()["items"]
        assert [a["language"] for a in articles] == ["en", "fr", "ar", "ru", "eu"]
        assert [a.language for a in process_bytes(dump)][:4] == ["en", "fr", "ar", "ru"]
        assert process_bytes(dump)[4].language != "eu"          # the default backend has no Basque
    finally:
        worker.stop()
