"""POST /v1/jobs: every accepted body type, idempotency, and every error status."""

import gzip
import io
import json

import pytest

from workers.pipeline import process_bytes

from .conftest import PROBLEM, wait_for_job
from .dumps import ALL, joined


def articles_of(client, job_id):
    response = client.get(f"/v1/jobs/{job_id}/articles?limit=1000")
    assert response.status_code == 200
    return response.get_json()["items"]


def pipeline_view(articles):
    """The API's articles without the fields the API adds."""
    return [{k: v for k, v in a.items() if k not in ("id", "job_id")} for a in articles]


def test_plain_text_dump_is_accepted_at_once_and_processed(client, seed_bytes):
    response = client.post("/v1/jobs", data=seed_bytes, content_type="text/plain")
    assert response.status_code == 202
    body = response.get_json()
    assert body["status"] == "queued"
    assert response.headers["Location"] == f"/v1/jobs/{body['id']}" == body["links"]["self"]
    assert body["links"]["articles"] == f"/v1/jobs/{body['id']}/articles"
    job = wait_for_job(client, body["id"])
    assert job["status"] == "succeeded"
    expected = [a.to_dict() for a in process_bytes(seed_bytes)]
    assert pipeline_view(articles_of(client, body["id"])) == expected


def test_multipart_upload_with_metadata(client, seed_bytes):
    response = client.post("/v1/jobs", content_type="multipart/form-data", data={
        "file": (io.BytesIO(seed_bytes), "aawsat.txt"), "metadata": json.dumps({"source": "desk 4"})})
    assert response.status_code == 202
    job = wait_for_job(client, response.get_json()["id"])
    assert job["metadata"] == {"source": "desk 4"}
    assert job["source"]["filename"] == "aawsat.txt"
    assert job["summary"] == {"articles": 2, "languages": {"ar": 2}}


def test_json_body_with_metadata(client):
    text = joined("\n\n\n")
    response = client.post("/v1/jobs", json={"text": text, "metadata": {"batch": 7}})
    assert response.status_code == 202
    job = wait_for_job(client, response.get_json()["id"])
    assert job["metadata"] == {"batch": 7}
    assert job["summary"]["articles"] == len(ALL)


def test_gzip_content_encoding_is_accepted(client, seed_bytes):
    response = client.post("/v1/jobs", data=gzip.compress(seed_bytes), content_type="text/plain",
                           headers={"Content-Encoding": "gzip"})
    assert response.status_code == 202
    job_id = response.get_json()["id"]
    wait_for_job(client, job_id)
    assert pipeline_view(articles_of(client, job_id)) == [a.to_dict() for a in process_bytes(seed_bytes)]


def test_legacy_encoded_dump_is_decoded_at_intake(client):
    text = joined("\n\n" + "-" * 20 + "\n\n", [ALL[2]] * 3)          # Arabic, three times
    response = client.post("/v1/jobs", data=text.encode("cp1256"), content_type="text/plain")
    job = wait_for_job(client, response.get_json()["id"])
    assert job["summary"]["languages"] == {"ar": 3}


def test_idempotency_key_returns_the_same_job(client, seed_bytes):
    headers = {"Idempotency-Key": "upload-2026-11-29-001"}
    first = client.post("/v1/jobs", data=seed_bytes, content_type="text/plain", headers=headers)
    second = client.post("/v1/jobs", data=seed_bytes, content_type="text/plain", headers=headers)
    assert first.status_code == second.status_code == 202
    assert first.get_json()["id"] == second.get_json()["id"]
    assert second.headers["Idempotent-Replayed"] == "true"
    assert len(client.get("/v1/jobs").get_json()["items"]) == 1
    other = client.post("/v1/jobs", data=seed_bytes, content_type="text/plain")
    assert other.get_json()["id"] != first.get_json()["id"]


def test_idempotency_key_reused_for_another_dump_is_a_conflict(client, seed_bytes):
    headers = {"Idempotency-Key": "k1"}
    client.post("/v1/jobs", data=seed_bytes, content_type="text/plain", headers=headers)
    response = client.post("/v1/jobs", data=b"another dump entirely", content_type="text/plain", headers=headers)
    assert response.status_code == 409
    assert response.content_type == PROBLEM


@pytest.mark.parametrize("kwargs, status", [
    ({"data": b"{not json", "content_type": "application/json"}, 400),
    ({"json": {"txt": "no text field"}}, 400),
    ({"json": {"text": 42}}, 400),
    ({"json": {"text": "a dump", "metadata": [1, 2]}}, 400),
    ({"data": b"not gzip at all", "content_type": "text/plain", "headers": {"Content-Encoding": "gzip"}}, 400),
    ({"content_type": "multipart/form-data", "data": {"dump": (io.BytesIO(b"x"), "a.txt")}}, 400),
    ({"data": b"x=1", "content_type": "application/x-www-form-urlencoded"}, 415),
    ({"data": b"<p>hi</p>", "content_type": "text/html"}, 415),
    ({"data": b"dump", "content_type": "text/plain", "headers": {"Content-Encoding": "br"}}, 415),
    ({"data": b"", "content_type": "text/plain"}, 422),
    ({"data": b" \n\t\n ", "content_type": "text/plain"}, 422),
    ({"json": {"text": ""}}, 422),
    ({"data": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16, "content_type": "text/plain"}, 422),
])
def test_bad_requests_get_problem_json_with_the_right_status(make_client, kwargs, status):
    response = make_client().post("/v1/jobs", **kwargs)
    assert response.status_code == status
    assert response.content_type == PROBLEM
    problem = response.get_json()
    assert problem["status"] == status and problem["title"] and problem["detail"]
    assert "Traceback" not in response.get_data(as_text=True)


def test_a_dump_one_byte_over_the_limit_is_413_and_at_the_limit_is_accepted(make_client):
    client = make_client(max_dump_bytes=1000)
    line = ("A line of text that will be repeated many times over.\n" * 40).encode()
    at_limit, over = line[:1000], line[:1001]
    assert client.post("/v1/jobs", data=at_limit, content_type="text/plain").status_code == 202
    for send in (
        lambda: client.post("/v1/jobs", data=over, content_type="text/plain"),
        lambda: client.post("/v1/jobs", data=gzip.compress(over), content_type="text/plain",
                            headers={"Content-Encoding": "gzip"}),
        lambda: client.post("/v1/jobs", json={"text": over.decode()}),
        lambda: client.post("/v1/jobs", content_type="multipart/form-data",
                            data={"file": (io.BytesIO(over), "big.txt")}),
    ):
        response = send()
        assert response.status_code == 413
        assert response.content_type == PROBLEM


def test_redis_down_gives_503_problem_json(make_client):
    from workers.redis_server import free_port

    client = make_client(redis_url=f"redis://127.0.0.1:{free_port()}/0")
    for response in (client.post("/v1/jobs", data=b"a dump", content_type="text/plain"),
                     client.get(f"/v1/jobs/{'a' * 32}"), client.get("/v1/jobs")):
        assert response.status_code == 503
        assert response.content_type == PROBLEM
        assert response.headers["Retry-After"]
