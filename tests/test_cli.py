"""`dumpling process` as users run it: a real subprocess, files and standard input."""

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest

from workers.pipeline import process_bytes

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "aawsat-seed.txt"


def dumpling(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "service.cli", *args], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=120)


def test_process_prints_one_json_object_with_the_articles():
    result = dumpling("process", str(SEED))
    assert result.returncode == 0, result.stderr
    articles = json.loads(result.stdout)["articles"]
    assert articles == [a.to_dict() for a in process_bytes(SEED.read_bytes())]
    assert set(articles[0]) == {"index", "headline", "subheadline", "captions", "body", "language",
                                "language_confidence", "line_start", "line_end"}


def test_process_reads_standard_input_with_a_dash():
    from_file = dumpling("process", str(SEED)).stdout
    from_stdin = dumpling("process", "-", stdin=SEED.read_bytes())
    assert from_stdin.returncode == 0
    assert from_stdin.stdout == from_file


def test_jsonl_prints_one_article_per_line():
    result = dumpling("process", "--format", "jsonl", str(SEED))
    lines = result.stdout.decode().splitlines()
    assert [json.loads(line) for line in lines] == json.loads(dumpling("process", str(SEED)).stdout)["articles"]


def test_utf16_input_gives_the_same_articles():
    text = SEED.read_text(encoding="utf-8")
    result = dumpling("process", "-", stdin=codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert json.loads(result.stdout) == json.loads(dumpling("process", str(SEED)).stdout)


def test_empty_input_gives_no_articles():
    result = dumpling("process", "-", stdin=b"")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"articles": []}


@pytest.mark.parametrize("args, stdin, message", [
    (["/no/such/dump.txt"], None, b"no such file"),
    (["/"], None, b"is a directory"),
    (["-"], b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16, b"dumpling: -:"),
])
def test_bad_input_gets_a_message_and_a_non_zero_exit_never_a_traceback(args, stdin, message):
    result = dumpling("process", *args, stdin=stdin)
    assert result.returncode == 1
    assert message in result.stderr
    assert b"Traceback" not in result.stderr
    assert result.stdout == b""


def test_unknown_format_is_a_usage_error():
    result = dumpling("process", "--format", "xml", str(SEED))
    assert result.returncode == 2
    assert b"invalid choice" in result.stderr
