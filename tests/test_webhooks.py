"""Completion webhooks with a real receiver (http.server in a thread) and a real Celery
worker: signed deliveries verified with standardwebhooks, bounded retries of a failing
receiver, a slow receiver that holds no worker, and private targets refused at intake."""

import json
import threading
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from standardwebhooks import Webhook

from workers.metrics_store import MetricsStore
from workers.webhook_targets import RefusedTarget, check_target, is_public

from .conftest import wait_for_job
from .processes import wait_until

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
DELIVERY_TIMEOUT = 1.0          # seconds the worker waits for a receiver; short, for the slow receiver
RETRIES = 2


class Receiver:
    """A local HTTP server that records each POST and answers ``status`` (or, with
    ``hold``, answers only once the test is over)."""

    def __init__(self, status: int = 200, hold: bool = False):
        self.requests: list[dict] = []
        self.status = status
        self.release = threading.Event()
        if not hold:
            self.release.set()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append({"headers": {k.lower(): v for k, v in self.headers.items()}, "body": body.decode("utf-8")})
                receiver.release.wait(120)
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/dumpling?source=test"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Receiver":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


HOOK_QUEUES = {"queue": "webhook-test-jobs", "webhook_queue": "webhook-test-hooks"}


@pytest.fixture(scope="module")
def hook_settings(base_settings):
    """Webhooks on, loopback allowed (the receiver is local), short timeout and backoff;
    queues of their own, so only this module's worker takes these jobs."""
    return replace(base_settings, webhook_secret=SECRET, webhook_allow_private=True,
                   webhook_timeout=DELIVERY_TIMEOUT, webhook_retries=RETRIES, webhook_backoff=0.2,
                   webhook_backoff_max=1.0, **HOOK_QUEUES)


@pytest.fixture(scope="module")
def hook_worker(redis_server):
    """A real `dumpling worker` process configured by the environment like hook_settings."""
    import socket

    from workers.celery_factory import create_celery
    from workers.config import Settings

    from .processes import START_TIMEOUT, Worker

    env = {"DUMPLING_WEBHOOK_SECRET": SECRET, "DUMPLING_WEBHOOK_ALLOW_PRIVATE": "1",
           "DUMPLING_WEBHOOK_TIMEOUT": DELIVERY_TIMEOUT, "DUMPLING_WEBHOOK_RETRIES": RETRIES,
           "DUMPLING_WEBHOOK_BACKOFF": 0.2, "DUMPLING_WEBHOOK_BACKOFF_MAX": 1.0,
           "DUMPLING_QUEUE": HOOK_QUEUES["queue"], "DUMPLING_WEBHOOK_QUEUE": HOOK_QUEUES["webhook_queue"]}
    with Worker(redis_server.url, "webhooks", **env):
        control = create_celery(Settings(redis_url=redis_server.url)).control
        wait_until(lambda: control.ping(destination=[f"webhooks@{socket.gethostname()}"], timeout=2),
                   START_TIMEOUT, "the webhook tests' worker to answer a ping")
        yield


@pytest.fixture
def hook_client(hook_worker, hook_settings, clean_redis):
    from service.app import create_app
    from workers.celery_factory import create_celery

    return create_app(hook_settings, create_celery(hook_settings)).test_client()


def webhook_of(client, job_id: str) -> dict:
    return client.get(f"/v1/jobs/{job_id}").get_json()["webhook"]


def submit(client, seed_bytes, callback_url: str, how: str = "json"):
    if how == "json":
        return client.post("/v1/jobs", json={"text": seed_bytes.decode("utf-8"), "callback_url": callback_url})
    if how == "multipart":
        from io import BytesIO

        return client.post("/v1/jobs", data={"file": (BytesIO(seed_bytes), "seed.txt"), "callback_url": callback_url},
                           content_type="multipart/form-data")
    return client.post("/v1/jobs", query_string={"callback_url": callback_url}, data=seed_bytes,
                       content_type="text/plain")


@pytest.mark.slow
@pytest.mark.parametrize("how", ["json", "multipart", "query"])
def test_the_job_is_posted_signed_when_it_ends(hook_client, seed_bytes, how):
    # The worker delivers the seed's webhook some 60 ms after the POST: the receiver answers
    # only once the test has read the job's webhook state as intake stored it, or a test
    # thread paused that long on a busy machine would read it with the attempt recorded.
    with Receiver(200, hold=True) as receiver:
        response = submit(hook_client, seed_bytes, receiver.url, how)
        assert response.status_code == 202, response.get_json()
        job_id = response.get_json()["id"]
        assert webhook_of(hook_client, job_id) == {"url": receiver.url, "attempts": [], "delivered": False}
        receiver.release.set()
        job = wait_for_job(hook_client, job_id)
        assert job["status"] == "succeeded"
        state = wait_until(lambda: (lambda w: w if w["delivered"] else None)(webhook_of(hook_client, job_id)),
                           120, "the webhook to be delivered")
    assert len(receiver.requests) == 1
    (delivery,) = receiver.requests
    headers = delivery["headers"]
    payload = Webhook(SECRET).verify(delivery["body"], headers)     # raises if the signature is wrong
    assert headers["webhook-id"] and headers["webhook-timestamp"].isdigit()
    assert headers["content-type"] == "application/json"
    with pytest.raises(Exception):
        Webhook("whsec_" + "A" * 32).verify(delivery["body"], headers)
    shown = hook_client.get(f"/v1/jobs/{job_id}").get_json()
    # the job as GET shows it; its webhook field as it was before this attempt
    assert {k: v for k, v in payload.items() if k != "webhook"} == {k: v for k, v in shown.items() if k != "webhook"}
    assert payload["webhook"] == {"url": receiver.url, "attempts": [], "delivered": False}
    assert payload["summary"]["articles"] == 2
    assert len(state["attempts"]) == 1 and state["attempts"][0]["status"] == 200 and state["attempts"][0]["at"]


@pytest.mark.slow
def test_a_failing_receiver_gets_bounded_retries_each_recorded(hook_client, seed_bytes):
    with Receiver(500) as receiver:
        job_id = submit(hook_client, seed_bytes, receiver.url).get_json()["id"]
        wait_for_job(hook_client, job_id)
        # the last attempt is followed by the count of given-up deliveries: after it, no more tries
        metrics = MetricsStore(hook_client.application.extensions["dumpling"].store.redis)
        wait_until(lambda: metrics.read().webhooks.get("failed") == 1, 120, "the delivery to be given up")
        state = webhook_of(hook_client, job_id)
        assert state["delivered"] is False
        assert [attempt["status"] for attempt in state["attempts"]] == [500] * (RETRIES + 1)
        assert len(receiver.requests) == RETRIES + 1
    assert len({request["headers"]["webhook-id"] for request in receiver.requests}) == 1   # one message, retried


@pytest.mark.slow
def test_a_slow_receiver_holds_no_worker(hook_client, seed_bytes):
    """The receiver never answers while the test runs: each attempt ends at the worker's
    read timeout, and meanwhile other jobs are processed."""
    with Receiver(200, hold=True) as receiver:
        job_id = submit(hook_client, seed_bytes, receiver.url).get_json()["id"]
        wait_for_job(hook_client, job_id)
        state = wait_until(lambda: (lambda w: w if len(w["attempts"]) == RETRIES + 1 else None)(
            webhook_of(hook_client, job_id)), 180, "every attempt to time out")
        assert not receiver.release.is_set()                  # the receiver is still holding them all
        assert all(attempt["error"] == f"no answer within {DELIVERY_TIMEOUT} s" for attempt in state["attempts"])
        assert state["delivered"] is False
        others = [hook_client.post("/v1/jobs", data=seed_bytes, content_type="text/plain").get_json()["id"]
                  for _ in range(2)]
        assert [wait_for_job(hook_client, other)["status"] for other in others] == ["succeeded", "succeeded"]


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/hook", "http://localhost/hook", "http://10.1.2.3/hook", "http://192.168.0.10/",
    "http://169.254.169.254/latest/meta-data", "http://[::1]/hook", "http://[fe80::1]/", "http://100.64.0.1/",
    "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/",
])
def test_private_loopback_and_link_local_targets_are_refused(make_client, url):
    client = make_client(webhook_secret=SECRET)
    for response in (client.post("/v1/jobs", json={"text": "some dump", "callback_url": url}),
                     client.post("/v1/jobs", query_string={"callback_url": url}, data=b"some dump",
                                 content_type="text/plain")):
        assert response.status_code == 422
        assert response.headers["Content-Type"] == "application/problem+json"
        assert "DUMPLING_WEBHOOK_ALLOW_PRIVATE" in response.get_json()["detail"]
    assert client.get("/v1/jobs").get_json()["items"] == []          # nothing was stored


@pytest.mark.parametrize("url, why", [
    ("ftp://example.com/hook", "http"), ("/relative/hook", "http"), ("http://user:pw@example.com/", "credentials"),
    ("http://example.com:99999/", "valid URL"), ("http://" + "a" * 3000 + ".com/", "longer"),
])
def test_malformed_callback_urls_are_refused(make_client, url, why):
    response = make_client(webhook_secret=SECRET).post("/v1/jobs", json={"text": "some dump", "callback_url": url})
    assert response.status_code == 422 and why in response.get_json()["detail"]


def test_a_callback_needs_a_signing_secret_and_one_url(make_client):
    response = make_client().post("/v1/jobs", json={"text": "some dump", "callback_url": "https://example.com/h"})
    assert response.status_code == 422 and "DUMPLING_WEBHOOK_SECRET" in response.get_json()["detail"]
    response = make_client(webhook_secret=SECRET).post(
        "/v1/jobs", query_string={"callback_url": "https://example.org/h"},
        json={"text": "some dump", "callback_url": "https://example.com/h"})
    assert response.status_code == 400
    response = make_client(webhook_secret=SECRET).post("/v1/jobs", json={"text": "x", "callback_url": 7})
    assert response.status_code == 400


def test_allowing_private_targets_lets_loopback_through():
    assert check_target("http://127.0.0.1:8080/h?x=1", allow_private=True).path == "/h?x=1"
    with pytest.raises(RefusedTarget):
        check_target("http://127.0.0.1:8080/h", allow_private=False)


@pytest.mark.parametrize("address, public", [
    ("8.8.8.8", True), ("2606:4700:4700::1111", True), ("10.0.0.1", False), ("172.16.5.4", False),
    ("127.0.0.53", False), ("169.254.1.1", False), ("fc00::1", False), ("::ffff:10.0.0.1", False),
    ("224.0.0.1", False),
])
def test_which_addresses_are_public(address, public):
    assert is_public(address) is public


def test_the_job_document_is_the_api_view(make_client, seed_bytes):
    """The webhook's body and GET /v1/jobs/{id} are built by the same function."""
    from workers.job_document import job_document

    client = make_client(queue="no-worker-here")
    job_id = client.post("/v1/jobs", data=seed_bytes, content_type="text/plain").get_json()["id"]
    store = client.application.extensions["dumpling"].store
    assert json.loads(json.dumps(job_document(store.records.get(job_id)))) == client.get(f"/v1/jobs/{job_id}").get_json()


def test_a_delivery_connects_to_the_checked_address_with_the_name_as_host():
    """No second lookup of the name between the check and the connection (DNS rebinding):
    `hook.invalid` resolves nowhere, yet the POST reaches the address that was checked."""
    from workers.webhook_targets import Target
    from workers.webhooks import post

    with Receiver(204) as receiver:
        port = receiver.server.server_address[1]
        status = post(Target("http", "hook.invalid", port, "/h?x=1", ("127.0.0.1",)), b"{}",
                      {"content-type": "application/json"}, DELIVERY_TIMEOUT)
    assert status == 204
    (request,) = receiver.requests
    assert request["headers"]["host"] == f"hook.invalid:{port}"


@pytest.mark.parametrize("secret", ["not-whsec", "whsec_", "whsec_!!not base64!!"])
def test_a_malformed_signing_secret_stops_the_process_at_start(secret):
    from workers.config import Settings

    with pytest.raises(SystemExit, match="DUMPLING_WEBHOOK_SECRET"):
        Settings(webhook_secret=secret)
