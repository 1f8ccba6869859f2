"""Flower, the Celery monitor, against a real worker: it answers its health check and lists
the worker, which it only learns of through the worker's events (task events on)."""

import os
import subprocess
import sys

import pytest

from workers.redis_server import RedisServer, free_port

from .processes import CLI, ROOT, START_TIMEOUT, Process

@pytest.mark.slow
def test_flower_answers_and_sees_the_worker_through_its_events(tmp_path):
    port = free_port()
    with RedisServer() as redis_server:
        env = {**os.environ, "REDIS_URL": redis_server.url, "DUMPLING_LOG_LEVEL": "WARNING"}
        with open(tmp_path / "flower.log", "w") as log, \
                Process([*CLI, "worker", "--concurrency", "1"], env, stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL), \
                Process([sys.executable, "-m", "celery", "-A", "workers.celery_app:app", "flower",
                         "--address=127.0.0.1", f"--port={port}"], env, stdout=log, stderr=subprocess.STDOUT):
            result = subprocess.run([sys.executable, str(ROOT / "scripts" / "smoke_checks.py"), "flower",
                                     f"http://127.0.0.1:{port}", "--workers", "1", "--timeout", str(START_TIMEOUT)],
                                    capture_output=True, text=True, timeout=START_TIMEOUT + 60)
    assert result.returncode == 0, result.stderr + (tmp_path / "flower.log").read_text()
    assert "sees 1 live workers" in result.stdout


@pytest.mark.slow
def test_the_api_and_the_workers_send_task_events(seed_bytes):
    """What Flower and `celery events` show: the API's task-sent, the worker's received,
    started and succeeded, read here with Celery's own event receiver (Flower would turn
    events on by a broadcast; a plain receiver sees them only if the configuration has)."""
    import threading

    from service.app import create_app
    from workers.celery_factory import PROCESS_JOB, create_celery
    from workers.config import Settings

    from .conftest import wait_for_job
    from .processes import wait_until

    with RedisServer() as redis_server:
        settings = Settings(redis_url=redis_server.url)
        app = create_celery(settings)
        seen: list[dict] = []
        listening = threading.Event()

        def listen(receiver) -> None:
            listening.set()
            receiver.capture(limit=None, timeout=None, wakeup=False)

        env = {**os.environ, "REDIS_URL": redis_server.url, "DUMPLING_LOG_LEVEL": "WARNING"}
        with app.connection() as connection, \
                Process([*CLI, "worker", "--concurrency", "1"], env, stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL):
            receiver = app.events.Receiver(connection, handlers={"*": seen.append})
            thread = threading.Thread(target=listen, args=(receiver,), daemon=True)
            thread.start()
            try:
                listening.wait(30)
                # The task-sent event goes out with the job, once: on a busy machine the receiver's
                # thread may not have subscribed yet. Events are fire-and-forget (Redis pub/sub), so
                # send probes of our own until one comes back: then the receiver is listening.
                with app.connection() as probe_connection:
                    probe = app.events.Dispatcher(probe_connection, hostname="probe")

                    def probe_seen() -> bool:
                        probe.send("probe-sent")
                        return any(e.get("type") == "probe-sent" for e in list(seen))

                    wait_until(probe_seen, START_TIMEOUT, "the event receiver to subscribe", every=0.5)
                    probe.close()
                client = create_app(settings, app).test_client()
                job_id = client.post("/v1/jobs", data=seed_bytes, content_type="text/plain").get_json()["id"]
                assert wait_for_job(client, job_id)["status"] == "succeeded"

                def job_events() -> set[str]:
                    uuids = {e["uuid"] for e in seen if e.get("type") == "task-sent" and e.get("name") == PROCESS_JOB}
                    return {e["type"] for e in list(seen) if e.get("uuid") in uuids}

                wait_until(lambda: {"task-sent", "task-received", "task-started", "task-succeeded"} <= job_events(),
                           START_TIMEOUT, "the job task's events")
            finally:
                receiver.should_stop = True
                thread.join(30)
