"""Bad dumps, each with its documented outcome (articles, or a clear 4xx); no worker dies."""

import codecs

import pytest

from .conftest import PROBLEM, ready_checks, wait_for_job

LIMIT = 24 * 1024 * 1024
ARABIC = "افتتاح أكبر محطة لتحلية المياه في المنطقة\n\nافتتحت الحكومة أمس أكبر محطة لتحلية مياه البحر في المنطقة بطاقة إنتاجية تبلغ مليون متر مكعب يوميا.\n"
ENGLISH = "Harbour cranes idle as strike goes on\n\nContainer ships are queuing outside the port after talks broke down on Monday evening.\n"

# (name, body, expected HTTP status, expected article count or None, expected language or None)
CASES = [
    ("empty", b"", 422, None, None),
    ("only whitespace", b" \n\t\r\n   \n", 422, None, None),
    ("only TT lines", b"TT\n\nTT\nTT\n\n\n\nTT\n", 202, 0, None),
    ("a PNG image", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 64, 422, None, None),
    ("invalid UTF-8 (Latin-1 text)", ("Le café du coin fête ses cent ans\n\nLe café du coin sert du café au lait "
                                      "à tous ceux qui le demandent, déjà depuis des années, près de la gare.\n")
     .encode("latin-1"), 202, 1, "fr"),
    ("UTF-16 with BOM", codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le"), 202, 1, "en"),
    ("Windows-1256 Arabic", (ARABIC * 3).encode("cp1256"), 202, 1, "ar"),
    ("NUL bytes inside", ENGLISH.replace("ships", "sh\x00ips").encode() + b"\x00\x00\n", 202, 1, "en"),
    ("bidi and zero-width controls", ("\u202e\u200f" + ARABIC.replace(" ", " \u200b") + "\u2066x\u2069\n").encode(),
     202, 1, "ar"),
]


@pytest.mark.parametrize("name, body, status, count, language", CASES, ids=[c[0] for c in CASES])
def test_bad_dump_outcomes(make_client, worker, name, body, status, count, language):
    client = make_client(max_dump_bytes=LIMIT)
    response = client.post("/v1/jobs", data=body, content_type="text/plain")
    assert response.status_code == status, response.get_json()
    if status != 202:
        assert response.content_type == PROBLEM and response.get_json()["detail"]
        return
    job = wait_for_job(client, response.get_json()["id"])
    assert job["status"] == "succeeded", job
    assert job["summary"]["articles"] == count
    if language:
        assert job["summary"]["languages"] == {language: count}
    assert ready_checks(client)["workers"] >= 1                 # the worker is alive


def test_a_body_one_byte_over_the_limit(make_client):
    client = make_client(max_dump_bytes=4096)
    assert client.post("/v1/jobs", data=b"a" * 4097, content_type="text/plain").status_code == 413
    assert client.post("/v1/jobs", data=b"a" * 4096, content_type="text/plain").status_code == 202


@pytest.mark.slow
def test_a_single_twenty_megabyte_line(make_client, worker):
    client = make_client(max_dump_bytes=LIMIT)
    response = client.post("/v1/jobs", data=b"word " * (4 * 1024 * 1024), content_type="text/plain")
    job = wait_for_job(client, response.get_json()["id"], timeout=360)
    assert job["status"] == "succeeded"
    assert job["summary"]["articles"] == 1
    assert ready_checks(client)["workers"] >= 1          # the worker lives on


@pytest.mark.slow
def test_a_hundred_thousand_tiny_articles(make_client, worker):
    client = make_client(max_dump_bytes=LIMIT)
    dump = "".join(f"Tiny news {i}\n\nThe council met on Monday and agreed on item {i} of the agenda.\n\n\n"
                   for i in range(100_000)).encode()
    response = client.post("/v1/jobs", data=dump, content_type="text/plain")
    job = wait_for_job(client, response.get_json()["id"], timeout=540)
    assert job["status"] == "succeeded"
    assert job["summary"]["articles"] == 100_000
    page = client.get(f"/v1/jobs/{job['id']}/articles?limit=2&cursor=99998").get_json()
    assert [a["headline"] for a in page["items"]] == ["Tiny news 99998", "Tiny news 99999"]
    assert page["next"] is None
