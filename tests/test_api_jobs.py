"""Jobs and articles: status, listing, pagination, language filter, deletion, retention."""

import re

from workers.pipeline import process_text

from .conftest import PROBLEM, submit, wait_for_job
from .dumps import ALL, AR_1, EN_1, FR_1, joined
from .processes import wait_until

ISO_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


def all_pages(client, url: str) -> tuple[list, list]:
    items, urls = [], []
    while url:
        urls.append(url)
        page = client.get(url).get_json()
        items.extend(page["items"])
        url = page["next"]
    return items, urls


def test_a_finished_job_has_timestamps_progress_and_summary(client):
    job = wait_for_job(client, submit(client, joined("\n\n\n")))
    assert job["status"] == "succeeded"
    for field in ("created_at", "started_at", "finished_at"):
        assert ISO_UTC.match(job[field]), job[field]
    assert job["created_at"] <= job["started_at"] <= job["finished_at"]
    assert job["progress"] == {"articles_found": len(ALL), "articles_done": len(ALL)}
    assert job["summary"]["articles"] == len(ALL)
    assert job["summary"]["languages"] == {code: 1 for code in ("en", "fr", "ar", "es", "fa", "ru", "zh")}
    assert job["error"] is None


def test_articles_page_in_dump_order_with_relative_next_links(client):
    text = joined("\n\n\n", ALL * 4)                       # 28 articles
    job_id = submit(client, text)
    wait_for_job(client, job_id)
    items, urls = all_pages(client, f"/v1/jobs/{job_id}/articles?limit=10")
    assert len(urls) == 3
    assert all(u.startswith(f"/v1/jobs/{job_id}/articles?") for u in urls)
    assert [a["index"] for a in items] == list(range(28))
    assert [a["id"] for a in items] == [f"{job_id}-{i}" for i in range(28)]
    expected = [a.to_dict() for a in process_text(text)]
    assert [{k: v for k, v in a.items() if k not in ("id", "job_id")} for a in items] == expected


def test_default_page_size_applies_without_limit(client):
    job_id = submit(client, joined("\n\n\n", ALL * 2))     # 14 articles, page size 10 in tests
    wait_for_job(client, job_id)
    page = client.get(f"/v1/jobs/{job_id}/articles").get_json()
    assert len(page["items"]) == 10 and page["next"]


def test_articles_filtered_by_language(client):
    job_id = submit(client, joined("\n\n\n", [EN_1, AR_1, FR_1, AR_1, EN_1, AR_1]))
    wait_for_job(client, job_id)
    items, urls = all_pages(client, f"/v1/jobs/{job_id}/articles?language=ar&limit=2")
    assert [a["language"] for a in items] == ["ar"] * 3
    assert [a["index"] for a in items] == [1, 3, 5]
    assert all("language=ar" in u for u in urls[1:])
    assert client.get(f"/v1/jobs/{job_id}/articles?language=de").get_json() == {"items": [], "next": None}


def test_each_article_is_readable_by_its_id(client):
    job_id = submit(client, joined("\n\n\n"))
    wait_for_job(client, job_id)
    items, _ = all_pages(client, f"/v1/jobs/{job_id}/articles")
    for article in items:
        assert client.get(f"/v1/articles/{article['id']}").get_json() == article


def test_unknown_ids_are_404_problems(client):
    for url in ("/v1/jobs/nope", "/v1/jobs/nope/articles", "/v1/articles/nope-3", "/v1/articles/x",
                "/v1/no-such-route"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.content_type == PROBLEM
    assert client.delete("/v1/jobs/nope").status_code == 404
    job_id = submit(client, EN_1)
    wait_for_job(client, job_id)
    assert client.get(f"/v1/articles/{job_id}-99").status_code == 404


def test_bad_query_parameters_are_400(client):
    job_id = submit(client, EN_1)
    wait_for_job(client, job_id)
    for url in (f"/v1/jobs/{job_id}/articles?limit=0", f"/v1/jobs/{job_id}/articles?limit=x",
                f"/v1/jobs/{job_id}/articles?cursor=abc", f"/v1/jobs/{job_id}/articles?language=Arabic!",
                "/v1/jobs?limit=5000", "/v1/jobs?cursor=notanumber"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response.content_type == PROBLEM


def test_articles_of_an_unfinished_job_are_a_409(make_client):
    client = make_client(queue="no-worker-listens-here")
    response = client.post("/v1/jobs", data=EN_1.encode(), content_type="text/plain")
    job_id = response.get_json()["id"]
    assert client.get(f"/v1/jobs/{job_id}").get_json()["status"] == "queued"
    response = client.get(f"/v1/jobs/{job_id}/articles")
    assert response.status_code == 409
    assert "queued" in response.get_json()["detail"]


def test_recent_jobs_newest_first_and_paginated(client):
    ids = [submit(client, EN_1) for _ in range(5)]
    items, urls = all_pages(client, "/v1/jobs?limit=2")
    assert [job["id"] for job in items] == ids[::-1]
    assert len(urls) == 3
    assert all(job["links"]["self"] == f"/v1/jobs/{job['id']}" for job in items)


def test_delete_removes_the_job_its_dump_and_its_articles(client, clean_redis):
    job_id = submit(client, joined("\n\n\n"))
    wait_for_job(client, job_id)
    assert any(job_id.encode() in key for key in clean_redis.scan_iter())
    response = client.delete(f"/v1/jobs/{job_id}")
    assert response.status_code == 204
    assert client.get(f"/v1/jobs/{job_id}").status_code == 404
    assert client.get(f"/v1/jobs/{job_id}/articles").status_code == 404
    assert client.get(f"/v1/articles/{job_id}-0").status_code == 404
    assert not [key for key in clean_redis.scan_iter() if job_id.encode() in key]
    assert client.get("/v1/jobs").get_json()["items"] == []


def test_everything_a_job_stores_expires_after_the_retention(make_client, worker, clean_redis):
    # Retention counts from intake, so the job must finish (and be looked at) within it:
    # long enough for a busy machine, short enough to wait out.
    retention = 10
    client = make_client(retention_seconds=retention)
    job_id = submit(client, joined("\n\n\n"))
    assert wait_for_job(client, job_id, timeout=retention)["status"] == "succeeded"
    keys = [key for key in clean_redis.scan_iter() if job_id.encode() in key]
    assert len(keys) >= 3                              # job, dump, articles, language lists
    assert all(0 < clean_redis.ttl(key) <= retention for key in keys)
    # They all expire at the job's expiry instant: wait for the job to go (not for a guessed
    # number of seconds), then nothing it stored is left.
    wait_until(lambda: client.get(f"/v1/jobs/{job_id}").status_code == 404, retention + 60, "the job to expire")
    assert not [key for key in clean_redis.scan_iter() if job_id.encode() in key]
    assert client.get("/v1/jobs").get_json()["items"] == []


def test_job_links_name_the_routes_as_url_for_writes_them_also_below_a_script_root(make_client):
    """The links are written out in one place (workers/job_document.py, for the webhook's body
    too); they must stay the paths of the API's own routes, under the root it is served at."""
    from flask import url_for

    from service.views import job_links

    app = make_client().application
    job_id = "0123456789abcdef0123456789abcdef"
    for base_url in ("http://localhost/", "http://localhost/behind/a/proxy/"):
        with app.test_request_context("/", base_url=base_url):
            assert job_links(job_id) == {"self": url_for("v1.get_job", job_id=job_id),
                                         "articles": url_for("v1.list_articles", job_id=job_id)}
    with app.test_request_context("/", base_url="http://localhost/behind/"):
        assert job_links(job_id)["self"] == f"/behind/v1/jobs/{job_id}"
