"""The web page through Flask's test client, against a real Redis and a real worker: the
form goes through the API's intake, the pages show what the API holds (escaped, right to
left where the text is), the key cookie keeps the tenant boundary, and foreign posts are refused."""

import html
import io
import re

import pytest

from .conftest import KEY_A, KEY_B, SEED_HEADLINES, bearer, submit, wait_for_job
from .dumps import EN_1

ORIGIN = {"Origin": "http://localhost"}          # the test client's own host
CAPTION = "الدكتور زهير الحارثي أمين عام المركز خلال الحفل (كايسيد)"


def submit_form(client, text: str = "", upload: tuple[bytes, str] | None = None, headers=ORIGIN):
    data = {"text": text}
    if upload is not None:
        data["file"] = (io.BytesIO(upload[0]), upload[1])
    return client.post("/jobs", data=data, content_type="multipart/form-data", headers=headers)


def job_id_of(response) -> str:
    assert response.status_code == 303, response.get_data(as_text=True)
    match = re.fullmatch(r"/jobs/([^/]+)", response.headers["Location"])
    assert match, response.headers["Location"]
    return match.group(1)


def test_the_front_page_has_the_form_and_leads_to_the_docs(client):
    page = client.get("/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert 'action="/jobs"' in text and 'enctype="multipart/form-data"' in text
    assert 'name="text"' in text and 'name="file"' in text
    assert 'href="/docs"' in text and 'href="/openapi.json"' in text
    assert "No jobs yet." in text
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    assert "<script" not in text


def test_a_pasted_seed_becomes_a_job_whose_page_shows_its_articles(client, seed_bytes):
    # a browser sends a textarea's line breaks as CRLF
    job_id = job_id_of(submit_form(client, seed_bytes.decode("utf-8").replace("\n", "\r\n")))
    running = client.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert job_id in running
    job = wait_for_job(client, job_id)
    assert job["status"] == "succeeded" and job["summary"]["articles"] == 2
    api = client.get(f"/v1/jobs/{job_id}/articles").get_json()["items"]
    assert [a["headline"] for a in api] == SEED_HEADLINES         # the same articles as a text/plain POST

    page = client.get(f"/jobs/{job_id}")
    text = page.get_data(as_text=True)
    assert 'http-equiv="refresh"' not in text                       # finished: no more refreshing
    for headline in SEED_HEADLINES:
        assert f'<h2 class="headline" dir="auto">{html.escape(headline)}</h2>' in text
    assert f'<figcaption dir="auto">{html.escape(CAPTION)}</figcaption>' in text
    assert text.count("<figcaption") == 3
    assert 'lang="ar"' in text
    assert f'href="/v1/jobs/{job_id}"' in text and f'href="/v1/jobs/{job_id}/articles"' in text
    assert f'href="/jobs/{job_id}?language=ar"' in text
    listed = client.get("/").get_data(as_text=True)
    assert f'href="/jobs/{job_id}"' in listed and "succeeded" in listed


def test_the_language_filter_shows_only_that_language(client):
    job_id = job_id_of(submit_form(client, EN_1))
    assert wait_for_job(client, job_id)["status"] == "succeeded"
    english = client.get(f"/jobs/{job_id}?language=en").get_data(as_text=True)
    assert "Harbour cranes idle" in english
    arabic = client.get(f"/jobs/{job_id}?language=ar").get_data(as_text=True)
    assert "Harbour cranes idle" not in arabic and "No articles in ar." in arabic
    assert client.get(f"/jobs/{job_id}?language=ar%0A").status_code == 400
    assert client.get(f"/jobs/{job_id}?cursor=x").status_code == 400


@pytest.mark.parametrize("value", ["1e5", "1E5", "1.5e-3", "12345678901234", "1730000000.1234567", "nan", "1_0",
                                   "%D9%A1%D9%A2", "1%0A", "-1", "007", "ar", "und", "Arabic", "ar%0A", "en-GB", "x"])
def test_the_page_and_the_api_accept_the_same_cursors_and_languages(make_client, value):
    """One definition of each (service/schemas.py): what one refuses with 400, the other does too."""
    client = make_client(queue="nobody-listens")
    job_id = submit(client, EN_1)
    for page, api in ((f"/?cursor={value}", f"/v1/jobs?cursor={value}"),
                      (f"/jobs/{job_id}?cursor={value}", f"/v1/jobs/{job_id}/articles?cursor={value}"),
                      (f"/jobs/{job_id}?language={value}", f"/v1/jobs/{job_id}/articles?language={value}")):
        page_refuses, api_refuses = client.get(page).status_code == 400, client.get(api).status_code == 400
        assert page_refuses == api_refuses, (page, api_refuses)


def test_an_uploaded_file_goes_through_the_api_intake(client):
    latin1 = "Caf\xe9 owners protest new terrace rules\n\nThe city's caf\xe9s say the fees are too high.".encode("latin-1")
    job_id = job_id_of(submit_form(client, upload=(latin1, "dump.txt")))
    job = wait_for_job(client, job_id)
    assert job["status"] == "succeeded"
    assert job["source"] == {"content_type": "multipart/form-data", "filename": "dump.txt"}
    articles = client.get(f"/v1/jobs/{job_id}/articles").get_json()["items"]
    assert articles[0]["headline"] == "Café owners protest new terrace rules"      # decoded by the intake


def test_markup_in_a_dump_is_shown_as_text(client):
    headline = "Dock strike <img src=x onerror=alert(1)> & more"
    job_id = job_id_of(submit_form(client, headline + "\n\n" + EN_1.split("\n\n", 1)[1]))
    assert wait_for_job(client, job_id)["status"] == "succeeded"
    text = client.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert "<img" not in text
    assert "Dock strike &lt;img src=x onerror=alert(1)&gt; &amp; more" in text


def test_an_empty_form_or_an_empty_file_is_refused_with_a_message(client):
    empty = submit_form(client, "   ")
    assert empty.status_code == 422 and "paste a dump or choose a file" in empty.get_data(as_text=True)
    empty_file = submit_form(client, "", upload=(b"", "empty.txt"))
    assert empty_file.status_code == 422 and "the dump is empty" in empty_file.get_data(as_text=True)
    assert client.get("/v1/jobs").get_json()["items"] == []


def test_a_paste_over_the_size_limit_is_refused(make_client, worker):
    client = make_client(max_dump_bytes=1000)
    response = submit_form(client, "word " * 400)
    assert response.status_code == 413 and "1000-byte limit" in response.get_data(as_text=True)
    assert client.get("/v1/jobs").get_json()["items"] == []


@pytest.mark.parametrize("headers", [{}, {"Origin": "https://evil.example"}, {"Origin": "null"},
                                     {"Referer": "https://evil.example/page"}])
def test_a_post_from_another_site_is_refused(client, headers):
    response = submit_form(client, EN_1, headers=headers)
    assert response.status_code == 403
    assert client.get("/v1/jobs").get_json()["items"] == []


def test_unknown_job_page_is_a_404_page(client):
    response = client.get("/jobs/no-such-job")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "No job no-such-job" in response.get_data(as_text=True)


def test_a_job_page_for_a_name_that_is_no_job_id_is_a_404_page_not_an_error(client, seed_bytes):
    job_id = job_id_of(submit_form(client, seed_bytes.decode("utf-8")))
    for odd in (f"{job_id}:dump", f"{job_id}:keys", f"{job_id}x"):
        response = client.get(f"/jobs/{odd}")
        assert response.status_code == 404 and response.mimetype == "text/html", odd


# --- with API keys on -------------------------------------------------------------------

def sign_in(client, key: str):
    return client.post("/login", data={"key": key}, headers=ORIGIN)


def test_with_keys_the_page_asks_for_one_and_keeps_it_in_a_strict_httponly_cookie(keyed):
    assert keyed.get("/").status_code == 303 and keyed.get("/").headers["Location"] == "/login"
    assert keyed.get("/login").status_code == 200
    assert keyed.get("/web/static/style.css").status_code == 200          # the login page's style
    assert submit_form(keyed, EN_1).status_code == 303                     # to the login page, no job
    wrong = sign_in(keyed, "not-a-key")
    assert wrong.status_code == 401 and "not a valid API key" in wrong.get_data(as_text=True)
    right = sign_in(keyed, KEY_A)
    assert right.status_code == 303
    cookie = right.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert keyed.get("/").status_code == 200
    assert "Log out" in keyed.get("/").get_data(as_text=True)
    assert keyed.post("/logout", headers=ORIGIN).status_code == 303
    assert keyed.get("/").status_code == 303
    assert sign_in(keyed, KEY_A).status_code == 303
    assert keyed.post("/login", data={"key": KEY_B}).status_code == 403     # no Origin: refused


def test_with_keys_a_tenant_sees_only_its_own_jobs(keyed):
    sign_in(keyed, KEY_A)
    job_id = job_id_of(submit_form(keyed, EN_1))
    owner = bearer(KEY_A)
    assert keyed.get(f"/v1/jobs/{job_id}", headers=owner).status_code == 200    # the form's job is A's
    assert keyed.get(f"/jobs/{job_id}").status_code == 200
    assert job_id in keyed.get("/").get_data(as_text=True)

    sign_in(keyed, KEY_B)
    assert keyed.get(f"/jobs/{job_id}").status_code == 404
    assert job_id not in keyed.get("/").get_data(as_text=True)
    assert keyed.get(f"/v1/jobs/{job_id}", headers=bearer(KEY_B)).status_code == 404
    # the cookie opens the web page only: the API still wants the Authorization header
    assert keyed.get("/v1/jobs").status_code == 401


def test_the_form_counts_against_the_same_rate_limit_as_the_api(make_client):
    client = make_client(rate_limit="2/minute", queue="nobody-web")
    assert client.post("/v1/jobs", data=b"a dump", content_type="text/plain").status_code == 202
    job_id_of(submit_form(client, "another dump"))
    refused = submit_form(client, "a third dump")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert len(client.get("/v1/jobs").get_json()["items"]) == 2
