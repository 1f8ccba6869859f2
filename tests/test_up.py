"""`dumpling up` as a person runs it: a real process tree, stopped the way a terminal stops it."""

import json
import os
import signal
import socket
import subprocess
import time

import psutil
import pytest

from workers.pipeline import process_bytes
from workers.redis_server import RedisServer, free_port

from .processes import CLI, ROOT, SEED, START_TIMEOUT, Process, wait_ready

STOPPED_WITHIN = 120          # seconds for `up` to stop everything; its own bounds are 10-15 s a process


def up_env(tmp_path, **extra: str) -> dict:
    """The environment of an `up` of the tests: no REDIS_URL (it starts its own Redis) and
    its data folder under the test's temporary folder, never the user's."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DUMPLING_URL", "DUMPLING_HOST")}
    return {**env, "XDG_DATA_HOME": str(tmp_path / "xdg"), "DUMPLING_LOG_LEVEL": "INFO", **extra}


def port_is_free(port: int) -> bool:
    try:
        with socket.create_server(("127.0.0.1", port)):      # as a server binds: SO_REUSEADDR
            return True
    except OSError:
        return False


def read(path) -> str:
    return path.read_text(errors="replace") if path.exists() else ""


@pytest.mark.slow
def test_ctrl_c_to_the_whole_process_group_stops_everything_every_time_and_the_data_stays(tmp_path):
    """What a terminal does on Ctrl-C: SIGINT to every process of the foreground group,
    here several times in a row, after a few MB went through `submit --wait`. Three runs
    on one port and one data folder: each must leave no process and a free port, the next
    must start, and the jobs of the first must still be there."""
    port, data = free_port(), tmp_path / "data"
    url = f"http://127.0.0.1:{port}"
    dump = tmp_path / "dump.txt"
    dump.write_bytes(SEED.read_bytes() * 270)                 # about 3 MB
    expected_articles = len(process_bytes(dump.read_bytes()))
    env = up_env(tmp_path, DUMPLING_DATA_DIR=str(data))
    client_env = {**env, "DUMPLING_URL": url}
    first_job = None
    for run in range(3):
        log = tmp_path / f"up-{run}.log"
        with open(log, "w") as output, \
                Process([*CLI, "up", "--port", str(port)], env, stdout=output, stderr=subprocess.STDOUT) as up:
            wait_ready(url, [up])
            tree = psutil.Process(up.process.pid).children(recursive=True)
            assert len(tree) >= 5, tree            # redis, worker and its pool, gunicorn and its workers
            if first_job is not None:              # the data outlived the restart
                kept = subprocess.run([*CLI, "jobs", "get", first_job], cwd=ROOT, env=client_env,
                                      capture_output=True, timeout=START_TIMEOUT)
                assert kept.returncode == 0, kept.stderr
                assert json.loads(kept.stdout)["job"]["status"] == "succeeded"
            submitted = subprocess.run([*CLI, "submit", "--wait", "--quiet", str(dump)], cwd=ROOT,
                                       env=client_env, capture_output=True, timeout=600)
            assert submitted.returncode == 0, submitted.stderr
            output_json = json.loads(submitted.stdout)
            assert len(output_json["articles"]) == expected_articles
            first_job = first_job or output_json["job"]["id"]
            for _ in range(3):
                os.killpg(up.process.pid, signal.SIGINT)
                time.sleep(0.2)                    # a person pressing Ctrl-C again, not a timing check
            up.process.wait(timeout=STOPPED_WITHIN)
            gone, alive = psutil.wait_procs(tree, timeout=STOPPED_WITHIN)
            port_free = port_is_free(port)         # before Process.stop() ends what `up` left in its group
        text = read(log)
        assert up.process.returncode == 0, text
        assert not alive, f"left running: {alive}\n{text}"
        assert port_free, text
        for prefix in ("up     | ", "api    | ", "worker | ", "redis  | "):
            assert prefix in text, f"no {prefix!r} lines"
        assert f"Redis data in {data / 'redis'} (kept between runs" in text
    assert (data / "redis" / "appendonlydir").is_dir()


@pytest.mark.slow
def test_ephemeral_data_goes_at_exit_and_the_host_follows_dumpling_host(tmp_path):
    port = free_port()
    env = up_env(tmp_path, DUMPLING_HOST="localhost")
    log = tmp_path / "up.log"
    with open(log, "w") as output, \
            Process([*CLI, "up", "--ephemeral", "--port", str(port)], env, stdout=output,
                    stderr=subprocess.STDOUT) as up:
        wait_ready(f"http://localhost:{port}", [up])
        os.killpg(up.process.pid, signal.SIGINT)
        up.process.wait(timeout=STOPPED_WITHIN)
    text = read(log)
    assert up.process.returncode == 0, text
    assert f"API on http://localhost:{port}" in text                 # DUMPLING_HOST, not 127.0.0.1
    folder = text.split("Redis data in ", 1)[1].split(",", 1)[0]
    assert "a temporary folder removed at exit" in text
    assert not os.path.exists(folder), f"{folder} left behind"
    assert not (tmp_path / "xdg" / "dumpling").exists()              # nothing in the user's data folder


def test_a_port_in_use_is_a_clear_error_before_anything_starts(tmp_path):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = subprocess.run([*CLI, "up", "--port", str(port)], cwd=ROOT, env=up_env(tmp_path),
                                capture_output=True, timeout=START_TIMEOUT)
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}".encode() in result.stderr
    assert b"--port" in result.stderr and b"Traceback" not in result.stderr
    assert b"API on" not in result.stdout and b"redis-server" not in result.stdout
    assert not (tmp_path / "xdg" / "dumpling").exists()


def test_a_data_folder_in_use_by_another_redis_is_refused(tmp_path):
    data = tmp_path / "data"
    with RedisServer(data_dir=str(data / "redis"), appendonly=True):
        result = subprocess.run([*CLI, "up", "--port", str(free_port())], cwd=ROOT,
                                env=up_env(tmp_path, DUMPLING_DATA_DIR=str(data)),
                                capture_output=True, timeout=START_TIMEOUT)
    assert result.returncode == 1
    assert f"{data / 'redis'} is in use".encode() in result.stderr and b"--ephemeral" in result.stderr
    assert b"API on" not in result.stdout
