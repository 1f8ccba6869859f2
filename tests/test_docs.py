"""The API docs work offline: every asset of /docs is the app's own and answers; the
OpenAPI document declares the API key; JSON (problems too) is UTF-8, not \\u escapes."""

import re

from .conftest import wait_for_job

ASSET = re.compile(r'(?:src|href)="([^"]*)"')
ARABIC_DUMP = "الإرهاب يضرب مجددًا كازاخستان\n\nيضرب الإرهاب من جديد واحدة من المدن الكازاخية، وذلك قبل أيام من الذكرى."


def test_the_docs_page_loads_only_assets_of_the_app_and_they_answer(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assets = ASSET.findall(page.get_data(as_text=True))
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert any(a.endswith("swagger-ui.css") for a in assets)
    for asset in assets:
        assert asset.startswith("/") and not asset.startswith("//"), f"{asset} is not the app's own"
        response = client.get(asset)
        assert response.status_code == 200, asset
        assert len(response.data) > 100, asset
    assert "/openapi.json" in page.get_data(as_text=True)


def test_the_openapi_document_declares_the_api_key(make_client):
    for keys, requirement in (((), [{"ApiKey": []}, {}]), (("a-key",), [{"ApiKey": []}])):
        spec = make_client(api_keys=keys).get("/openapi.json").get_json()
        assert spec["components"]["securitySchemes"]["ApiKey"]["type"] == "http"
        assert spec["components"]["securitySchemes"]["ApiKey"]["scheme"] == "bearer"
        assert spec["security"] == requirement
        assert spec["paths"]["/healthz"]["get"]["security"] == []
        assert "security" not in spec["paths"]["/v1/jobs"]["post"]      # the document's default applies


def test_json_answers_are_utf8_without_escapes(client):
    response = client.post("/v1/jobs", data=ARABIC_DUMP.encode(), content_type="text/plain")
    job = wait_for_job(client, response.get_json()["id"])
    assert job["status"] == "succeeded"
    raw = client.get(job["links"]["articles"]).data
    assert "الإرهاب يضرب مجددًا كازاخستان".encode() in raw and b"\\u" not in raw
    problem = client.get("/v1/jobs/مجهول")
    assert problem.status_code == 404 and problem.mimetype == "application/problem+json"
    assert "مجهول".encode() in problem.data and b"\\u" not in problem.data


def test_the_front_page_leads_to_the_web_page_and_the_docs(client):
    text = client.get("/").get_data(as_text=True)
    assert 'href="/docs"' in text and 'action="/jobs"' in text
