"""`dumpling process` as users run it: a real subprocess, files and standard input."""

import codecs
import json
import subprocess

import pytest

from workers.pipeline import process_bytes

from .processes import CLI, ROOT, SEED


def dumpling(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], cwd=ROOT, input=stdin, capture_output=True, timeout=120)


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


# --- the client commands without a server, and their settings ---------------------------

def test_version_is_the_installed_one():
    from importlib.metadata import version

    result = dumpling("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"dumpling {version('dumpling')}"


@pytest.mark.parametrize("path, message", [("/no/such/dump.txt", b"no such file"), ("/", b"is a directory")])
def test_submit_and_process_say_the_same_about_a_file_they_cannot_read(path, message):
    processed = dumpling("process", path)
    submitted = dumpling("submit", path, "--url", "http://127.0.0.1:9")     # the file is read first
    assert processed.returncode == submitted.returncode == 1
    assert submitted.stderr == processed.stderr
    assert submitted.stderr.startswith(f"dumpling: {path}: ".encode() + message)


@pytest.mark.parametrize("args", [["submit", str(SEED)], ["jobs", "list"], ["jobs", "wait", "some-id"]])
def test_an_unreachable_server_gets_a_hint_not_a_traceback(args):
    from workers.redis_server import free_port

    url = f"http://127.0.0.1:{free_port()}"                  # nothing listens there
    result = dumpling(*args, "--url", url)
    assert result.returncode == 1
    assert result.stderr == f"dumpling: cannot reach {url}: is `dumpling up` running? try --url " \
                            f"(or set DUMPLING_URL)\n".encode()
    assert result.stdout == b""


def test_progress_says_done_of_found_so_far_never_a_percentage():
    from service.commands import describe_progress

    running = {"status": "running", "progress": {"articles_found": 731, "articles_done": 366}}
    assert describe_progress(running) == "running, 366 articles done of 731 found so far"
    finished = {"status": "succeeded", "progress": {"articles_found": 1997, "articles_done": 1997},
                "summary": {"articles": 1997}}
    assert describe_progress(finished) == "succeeded, 1997 articles"
    assert describe_progress({"status": "queued", "progress": {"articles_found": 0, "articles_done": 0}}) == "queued"


def test_the_client_and_up_settings_come_from_the_environment(monkeypatch, tmp_path):
    from workers.config import Settings

    for name in ("DUMPLING_DATA_DIR", "XDG_DATA_HOME", "DUMPLING_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert Settings.from_env().data_dir == str(tmp_path / ".local" / "share" / "dumpling")
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")               # the XDG spec: absolute only
    assert Settings.from_env().data_dir == str(tmp_path / ".local" / "share" / "dumpling")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert Settings.from_env().data_dir == str(tmp_path / "xdg" / "dumpling")
    monkeypatch.setenv("DUMPLING_DATA_DIR", str(tmp_path / "mine"))
    assert Settings.from_env().data_dir == str(tmp_path / "mine")
    monkeypatch.setenv("DUMPLING_API_KEY", "secret-key-of-a-user")
    settings = Settings.from_env()
    assert settings.api_key == "secret-key-of-a-user"
    assert "secret-key-of-a-user" not in repr(settings) and "secret-key-of-a-user" not in str(settings.as_dict())
