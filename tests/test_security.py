"""API keys and tenants, the per-key rate limit, and nothing leaking in errors or logs."""

import logging

from service import auth

from .conftest import KEY_A, KEY_B, PROBLEM, bearer, ready_checks, submit, wait_for_job
from .dumps import EN_1


def test_every_endpoint_but_the_health_checks_and_the_docs_needs_a_key(keyed):
    for method, url in (("get", "/v1/jobs"), ("post", "/v1/jobs"), ("get", "/v1/jobs/x"),
                        ("get", "/v1/jobs/x/articles"), ("delete", "/v1/jobs/x"), ("get", "/v1/articles/x-0")):
        for headers in ({}, bearer("wrong-key"), {"Authorization": f"Basic {KEY_A}"}):
            response = getattr(keyed, method)(url, headers=headers)
            assert response.status_code == 401, (method, url, headers)
            assert response.content_type == PROBLEM
            assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert keyed.get("/healthz").status_code == 200
    assert ready_checks(keyed)["workers"] >= 1                   # no key asked (its ping may need a retry)
    # the docs are public: a browser cannot send the key to read them, and "Authorize" is in them
    assert keyed.get("/openapi.json").status_code == 200
    assert keyed.get("/docs").status_code == 200


def test_a_job_belongs_to_the_key_that_created_it(keyed):
    job_id = submit(keyed, EN_1, bearer(KEY_A))
    job = wait_for_job(_as(keyed, KEY_A), job_id)
    assert job["status"] == "succeeded"
    for url in (f"/v1/jobs/{job_id}", f"/v1/jobs/{job_id}/articles", f"/v1/articles/{job_id}-0"):
        assert keyed.get(url, headers=bearer(KEY_B)).status_code == 404, url
        assert keyed.get(url, headers=bearer(KEY_A)).status_code == 200, url
    assert keyed.delete(f"/v1/jobs/{job_id}", headers=bearer(KEY_B)).status_code == 404
    assert keyed.get("/v1/jobs", headers=bearer(KEY_B)).get_json()["items"] == []
    assert [j["id"] for j in keyed.get("/v1/jobs", headers=bearer(KEY_A)).get_json()["items"]] == [job_id]
    assert keyed.delete(f"/v1/jobs/{job_id}", headers=bearer(KEY_A)).status_code == 204


def test_idempotency_keys_are_per_tenant(keyed):
    headers_a = {**bearer(KEY_A), "Idempotency-Key": "same"}
    headers_b = {**bearer(KEY_B), "Idempotency-Key": "same"}
    a = keyed.post("/v1/jobs", data=b"one dump here", content_type="text/plain", headers=headers_a)
    b = keyed.post("/v1/jobs", data=b"another dump", content_type="text/plain", headers=headers_b)
    assert a.status_code == b.status_code == 202
    assert a.get_json()["id"] != b.get_json()["id"]


def test_keys_are_compared_in_constant_time_against_every_key(keyed, monkeypatch):
    calls = []
    real = auth.hmac.compare_digest
    monkeypatch.setattr(auth.hmac, "compare_digest", lambda a, b: calls.append(b) or real(a, b))
    keyed.get("/v1/jobs", headers=bearer(KEY_A))        # matches the first key: still compares both
    assert len(calls) == 2


def test_keys_never_reach_the_logs_or_the_settings_repr(keyed, caplog):
    caplog.set_level(logging.DEBUG)
    keyed.get("/v1/jobs", headers=bearer(KEY_A))
    keyed.get("/v1/jobs", headers=bearer("not-a-key-5551"))
    keyed.get("/v1/no-such-route", headers=bearer(KEY_B))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for secret in (KEY_A, KEY_B, "not-a-key-5551"):
        assert secret not in logged
    settings = keyed.application.extensions["dumpling"].settings
    assert KEY_A not in repr(settings) and KEY_A not in str(settings.as_dict())


def test_submissions_are_rate_limited_per_key_across_api_processes(make_client):
    first = make_client(api_keys=(KEY_A, KEY_B), rate_limit="3/minute", queue="nobody-1")
    second = make_client(api_keys=(KEY_A, KEY_B), rate_limit="3/minute", queue="nobody-1")
    for client in (first, second, first):
        assert client.post("/v1/jobs", data=b"a dump", content_type="text/plain",
                           headers=bearer(KEY_A)).status_code == 202
    refused = second.post("/v1/jobs", data=b"a dump", content_type="text/plain", headers=bearer(KEY_A))
    assert refused.status_code == 429
    assert refused.content_type == PROBLEM
    assert int(refused.headers["Retry-After"]) > 0
    assert first.post("/v1/jobs", data=b"a dump", content_type="text/plain",
                      headers=bearer(KEY_B)).status_code == 202
    assert first.get("/v1/jobs", headers=bearer(KEY_A)).status_code == 200     # reads are not limited


def test_errors_never_echo_the_dump(make_client):
    client = make_client(max_dump_bytes=200)
    secret = "CONFIDENTIAL-SOURCE-NAME-4417"
    cases = [
        dict(data=("{" + secret).encode(), content_type="application/json"),
        dict(json={"text": secret, "metadata": secret}),
        dict(data=(secret + " ") * 20, content_type="text/plain"),
        dict(data=b"\x89PNG\r\n\x1a\n\x00\x00" + secret.encode() + bytes(range(256)) * 4, content_type="text/plain"),
        dict(data=secret.encode(), content_type="text/html"),
    ]
    for case in cases:
        response = client.post("/v1/jobs", **case)
        assert 400 <= response.status_code < 500
        assert secret not in response.get_data(as_text=True)


def _as(client, key):
    """The test client, with the key sent on every request."""
    class Keyed:
        def get(self, url, **kwargs):
            return client.get(url, headers=bearer(key), **kwargs)
    return Keyed()
