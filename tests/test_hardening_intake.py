"""Issue 12, intake points checked through the app and a real Redis: metadata bounds (4),
whole bodies only (8, the parts a test client can send), ids, cursors and validation
patterns (11), UTF-8 with a few stray bytes (13)."""

import gzip
import io
import json

import pytest

from workers.pipeline.decode import DecodeError, decode
from workers.redis_server import free_port

from .conftest import KEY_A, KEY_B, PROBLEM, bearer

ARABIC = "أكد الدكتور زهير الحارثي أن برامجهم النوعية تستثمر في مستقبل أكثر سلاماً.\n\n"


def post_json(client, body: bytes | str, **kwargs):
    return client.post("/v1/jobs", data=body, content_type="application/json", **kwargs)


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.content_type == PROBLEM
    return response.get_json()


def stored_jobs(redis_client) -> int:
    return sum(redis_client.zcard(key) for key in redis_client.scan_iter("dumpling:jobs:*"))


# --- point 4: metadata ---------------------------------------------------------------------

def nested(levels: int) -> str:
    return '{"a":' * levels + "1" + "}" * levels


def test_metadata_over_the_size_setting_is_413_as_json_and_as_a_form_field(make_client, clean_redis):
    client = make_client(max_metadata_bytes=1024)
    big = {"note": "x" * 2000}
    assert_problem(post_json(client, json.dumps({"text": "a dump", "metadata": big})), 413)
    form = {"file": (io.BytesIO(b"a dump"), "dump.txt"), "metadata": json.dumps(big)}
    assert_problem(client.post("/v1/jobs", data=form, content_type="multipart/form-data"), 413)
    fits = {"note": "x" * 900}
    assert post_json(client, json.dumps({"text": "a dump", "metadata": fits})).status_code == 202
    assert stored_jobs(clean_redis) == 1


@pytest.mark.parametrize("levels", [17, 978, 100_000])
def test_deep_metadata_or_body_is_400_never_500(make_client, clean_redis, levels):
    client = make_client()
    problem = assert_problem(post_json(client, '{"text": "a dump", "metadata": ' + nested(levels) + "}"), 400)
    assert "nested" in problem["detail"]
    form = {"file": (io.BytesIO(b"a dump"), "dump.txt"), "metadata": nested(min(levels, 5000))}
    assert client.post("/v1/jobs", data=form, content_type="multipart/form-data").status_code == 400
    assert_problem(post_json(client, "[" * levels), 400)           # the body itself, not only metadata
    assert stored_jobs(clean_redis) == 0


def test_metadata_sixteen_levels_deep_is_stored_and_listed(make_client):
    client = make_client()
    metadata = json.loads(nested(16))
    assert post_json(client, json.dumps({"text": "a dump", "metadata": metadata})).status_code == 202
    listing = client.get("/v1/jobs")
    assert listing.status_code == 200 and listing.get_json()["items"][0]["metadata"] == metadata


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(make_client, clean_redis, constant):
    client = make_client()
    assert_problem(post_json(client, '{"text": "a dump", "metadata": {"x": %s}}' % constant), 400)
    form = {"file": (io.BytesIO(b"a dump"), "dump.txt"), "metadata": '{"x": %s}' % constant}
    assert_problem(client.post("/v1/jobs", data=form, content_type="multipart/form-data"), 400)
    assert stored_jobs(clean_redis) == 0


def test_a_lone_surrogate_in_metadata_is_400(make_client, clean_redis):
    assert_problem(post_json(make_client(), '{"text": "a dump", "metadata": {"x": "\\ud800"}}'), 400)


def test_metadata_counts_in_the_queued_bytes_and_their_bound(make_client, clean_redis):
    metadata = {"note": "y" * 1000}
    stored = len(json.dumps(metadata, ensure_ascii=False).encode())
    client = make_client(max_queued_bytes=1500, queue="hardening-unconsumed")   # no worker takes them
    assert post_json(client, json.dumps({"text": "a dump", "metadata": metadata})).status_code == 202
    assert int(clean_redis.get("dumpling:backlog:bytes")) == len(b"a dump") + stored
    # a second one would fit by its dump alone (6 bytes), not with its metadata
    response = post_json(client, json.dumps({"text": "b dump", "metadata": metadata}))
    assert_problem(response, 503)
    assert response.headers["Retry-After"]


# --- point 8: whole bodies only --------------------------------------------------------------

def stored_dump(redis, job_id: str) -> str:
    """The dump as the store holds it (compressed: read through the store)."""
    from workers.store import JobStore

    return JobStore(redis, 3600).records.dump_text(job_id)


def gzip_members(*parts: bytes) -> bytes:
    return b"".join(gzip.compress(part) for part in parts)


def test_a_gzip_body_of_several_members_is_decoded_whole(make_client, clean_redis):
    client = make_client(queue="nobody-listens")         # queued: the dump stays (it goes on success)
    first, second = b"First article\n\nIts body.\n", b"Second article\n\nAnother body.\n"
    response = client.post("/v1/jobs", data=gzip_members(first, second),
                           headers={"Content-Type": "text/plain", "Content-Encoding": "gzip"})
    assert response.status_code == 202
    assert stored_dump(clean_redis, response.get_json()["id"]) == (first + second).decode()


@pytest.mark.parametrize("tail", [b"garbage", b"\x1f\x8b\x08", b"\0\0\0junk", gzip.compress(b"x")[:-4]])
def test_bytes_after_the_gzip_data_are_400_and_no_job(make_client, clean_redis, tail):
    client = make_client()
    response = client.post("/v1/jobs", data=gzip.compress(b"a dump\n") + tail,
                           headers={"Content-Type": "text/plain", "Content-Encoding": "gzip"})
    assert_problem(response, 400)
    assert stored_jobs(clean_redis) == 0


def test_gzip_padded_with_nul_bytes_is_accepted_as_gzip_does(make_client):
    response = make_client().post("/v1/jobs", data=gzip.compress(b"a dump\n") + b"\0" * 8,
                                  headers={"Content-Type": "text/plain", "Content-Encoding": "gzip"})
    assert response.status_code == 202


def test_a_truncated_multipart_upload_is_400_and_no_job(make_client, clean_redis):
    client = make_client()
    body = (b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"d.txt\"\r\n\r\n"
            b"A dump whose upload stops in the middle")
    response = client.post("/v1/jobs", data=body, content_type="multipart/form-data; boundary=b")
    assert_problem(response, 400)
    assert stored_jobs(clean_redis) == 0


# --- point 11: ids, cursors, patterns ------------------------------------------------------

def test_paths_that_are_no_job_id_are_404_not_500(keyed):
    job_id = keyed.post("/v1/jobs", data=ARABIC.encode(), content_type="text/plain",
                        headers=bearer(KEY_A)).get_json()["id"]
    for suffix in (":dump", ":keys", ":articles", ":lang:ar"):
        for method, url in (("get", f"/v1/jobs/{job_id}{suffix}"), ("delete", f"/v1/jobs/{job_id}{suffix}"),
                            ("get", f"/v1/jobs/{job_id}{suffix}/articles"),
                            ("get", f"/v1/articles/{job_id}{suffix}-0")):
            assert_problem(getattr(keyed, method)(url, headers=bearer(KEY_A)), 404)
    assert keyed.get(f"/v1/jobs/{job_id}", headers=bearer(KEY_A)).status_code == 200   # still there


def test_another_tenants_real_id_answers_exactly_like_an_unknown_id(keyed):
    real = keyed.post("/v1/jobs", data=ARABIC.encode(), content_type="text/plain",
                      headers=bearer(KEY_A)).get_json()["id"]
    unknown = "0123456789abcdef0123456789abcdef"
    for method, template in (("get", "/v1/jobs/{}"), ("delete", "/v1/jobs/{}"), ("get", "/v1/jobs/{}/articles"),
                             ("get", "/v1/jobs/{}:dump"), ("delete", "/v1/jobs/{}:dump"), ("get", "/v1/articles/{}-0"),
                             ("get", "/v1/articles/{}:dump-0"), ("get", "/v1/jobs/{}/articles?cursor=5")):
        theirs = getattr(keyed, method)(template.format(real), headers=bearer(KEY_B))
        nobody = getattr(keyed, method)(template.format(unknown), headers=bearer(KEY_B))
        assert theirs.status_code == nobody.status_code == 404, (template, theirs.status_code)
        assert theirs.headers["Content-Type"] == nobody.headers["Content-Type"] == PROBLEM
        assert theirs.get_data(as_text=True).replace(real, unknown) == nobody.get_data(as_text=True)
    assert keyed.get(f"/v1/jobs/{real}", headers=bearer(KEY_A)).status_code == 200


@pytest.mark.parametrize("cursor", ["nan", "inf", "1_0", "1 ", "1%20", "%0A1", "1e5", "-1", "١٢"])
def test_odd_job_list_cursors_are_400(make_client, cursor):
    assert_problem(make_client().get(f"/v1/jobs?cursor={cursor}"), 400)


def test_article_query_and_ids_accept_ascii_only(make_client):
    client = make_client()
    job_id = client.post("/v1/jobs", data=ARABIC.encode(), content_type="text/plain").get_json()["id"]
    for query in ("language=ar%0A", "language=%D9%A1%D9%A2", "cursor=%D9%A1", "cursor=1%0A", "cursor=1_0"):
        assert_problem(client.get(f"/v1/jobs/{job_id}/articles?{query}"), 400)
    for article in (f"{job_id}-²", f"{job_id}-١", f"{job_id}-1%0A", f"{job_id}-9999999999"):
        assert_problem(client.get(f"/v1/articles/{article}"), 404)


def test_readyz_does_not_show_the_redis_address(make_client):
    port = free_port()
    response = make_client(redis_url=f"redis://127.0.0.1:{port}/0").get("/readyz")
    assert response.status_code == 503
    text = response.get_data(as_text=True)
    assert response.get_json()["checks"]["redis"] == "unreachable"
    assert str(port) not in text and "127.0.0.1" not in text


# --- point 13: UTF-8 with a few stray bytes --------------------------------------------------

def test_one_bad_byte_does_not_refuse_a_utf8_dump_and_is_counted_on_the_job(make_client, clean_redis):
    client = make_client(queue="nobody-listens")         # queued: the dump stays (it goes on success)
    data = (ARABIC * 40).encode() + b"\xff" + (ARABIC * 40).encode()
    for content_type in ("text/plain", "text/plain; charset=utf-8"):
        response = client.post("/v1/jobs", data=data, content_type=content_type)
        assert response.status_code == 202, response.get_json()
        job = client.get(f"/v1/jobs/{response.get_json()['id']}").get_json()
        assert job["invalid_bytes"] == 1
        stored = stored_dump(clean_redis, job["id"])
        assert stored == ARABIC * 40 + "\ufffd" + ARABIC * 40
    clean = client.post("/v1/jobs", data=(ARABIC * 3).encode(), content_type="text/plain").get_json()["id"]
    assert client.get(f"/v1/jobs/{clean}").get_json()["invalid_bytes"] == 0
    assert "invalid_bytes" in client.get("/openapi.json").get_json()["components"]["schemas"]["Job"]["properties"]


def test_a_few_invalid_bytes_per_thousand_are_replaced_more_are_not_utf8():
    piece = (ARABIC * 30).encode()                             # about 4,000 bytes
    few = piece + b"\xc3" + piece + b"\xfe\xfe" + piece        # 3 in 12,000: replaced, counted
    decoded = decode(few)
    assert decoded.invalid_bytes == 3 and decoded.text == "\ufffd".join([ARABIC * 30, ARABIC * 30, "\ufffd" + ARABIC * 30])
    # one in 100 is not "few": that is no UTF-8 dump, and it goes to the legacy-encoding detection
    many = b"".join(piece[i:i + 100] + b"\xff" for i in range(0, len(piece), 100))
    try:
        assert decode(many).invalid_bytes == 0
    except DecodeError:
        pass


def test_almost_all_ascii_text_is_never_given_a_legacy_encoding():
    text = "The minister said on Monday that the talks would go on. " * 40
    for stray in (b"\x81", b"\xe9", b"\xa0\xa1", b"\xd0"):
        data = text.encode()[:800] + stray + text.encode()[800:]
        decoded = decode(data)
        assert decoded.text.replace("\ufffd", "") == text, stray       # not mojibake in any other encoding
        assert decoded.invalid_bytes == len(stray)
    # the same English text with many Latin-1 letters is not "almost all ASCII": it is still detected
    latin = ("Le café du coin fête ses cent ans. " * 30).encode("latin-1")
    assert "caf" in decode(latin).text and decode(latin).invalid_bytes == 0


def test_bytes_that_are_no_text_are_still_refused(make_client):
    assert_problem(make_client().post("/v1/jobs", data=bytes(range(256)) * 40, content_type="text/plain"), 422)
