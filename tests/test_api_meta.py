"""Health checks, the OpenAPI document and the docs page."""

import pytest

from .conftest import PROBLEM, ready_checks


def test_healthz_answers_without_any_service(make_client):
    from workers.redis_server import free_port

    client = make_client(redis_url=f"redis://127.0.0.1:{free_port()}/0")
    assert client.get("/healthz").status_code == 200


def test_readyz_is_ready_with_redis_and_a_worker(client):
    assert ready_checks(client)["workers"] >= 1


def test_readyz_is_503_when_redis_is_down(make_client):
    from workers.redis_server import free_port

    client = make_client(redis_url=f"redis://127.0.0.1:{free_port()}/0")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["redis"].startswith("unreachable")


def test_openapi_document_describes_every_route(client):
    spec = client.get("/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {"/healthz", "/readyz", "/v1/jobs", "/v1/jobs/{job_id}",
                                  "/v1/jobs/{job_id}/articles", "/v1/articles/{article_id}"}
    post = spec["paths"]["/v1/jobs"]["post"]
    assert set(post["requestBody"]["content"]) == {"text/plain", "application/octet-stream",
                                                   "multipart/form-data", "application/json"}
    assert {"202", "400", "409", "413", "415", "422", "503"} <= set(post["responses"])
    assert "Location" in post["responses"]["202"]["headers"]
    assert set(spec["paths"]["/v1/jobs/{job_id}"]) == {"get", "delete"}
    for path in spec["paths"].values():
        for operation in path.values():
            for code, response in operation["responses"].items():
                if int(code) >= 400:
                    assert list(response["content"]) == [PROBLEM]


@pytest.mark.parametrize("rule", ["/v1/jobs/{job_id}/articles", "/v1/jobs"])
def test_documented_query_parameters_are_the_ones_the_api_reads(client, rule):
    spec = client.get("/openapi.json").get_json()
    names = {p["name"] for p in spec["paths"][rule]["get"].get("parameters", []) if p["in"] == "query"}
    expected = {"limit", "cursor", "language"} if "articles" in rule else {"limit", "cursor"}
    assert names == expected


def test_docs_page_is_served(client):
    response = client.get("/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.data
