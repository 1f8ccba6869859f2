"""The compose file and the Dockerfile: structure, and every command they run exists."""

import shlex

import pytest
import yaml

from service.cli import build_parser

from .processes import ROOT


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_the_three_services_and_optional_flower(compose):
    assert set(compose["services"]) == {"redis", "api", "worker", "flower"}
    assert all("profiles" not in compose["services"][name] for name in ("redis", "api", "worker"))


def test_flower_is_optional_under_its_profile_and_runs_from_the_image(compose):
    flower = compose["services"]["flower"]
    assert flower["profiles"] == ["flower"]
    assert flower["image"] == compose["services"]["api"]["image"]
    assert flower["command"][:4] == ["celery", "-A", "workers.celery_app:app", "flower"]
    assert flower["depends_on"]["redis"]["condition"] == "service_healthy"
    (mapping,) = flower["ports"]
    assert mapping.startswith("127.0.0.1:")
    assert "/healthcheck" in flower["healthcheck"]["test"][3]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert '".[flower]"' in dockerfile                  # the image has Flower installed


def test_redis_persists_to_a_volume_and_is_not_published(compose):
    redis = compose["services"]["redis"]
    assert "ports" not in redis
    assert "--appendonly" in redis["command"] and "yes" in redis["command"]
    assert "noeviction" in redis["command"]
    assert "--requirepass" in redis["command"]
    volume = redis["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]


def test_the_api_is_published_on_loopback_only(compose):
    (mapping,) = compose["services"]["api"]["ports"]
    assert mapping.startswith("127.0.0.1:")


@pytest.mark.parametrize("name", ["redis", "api", "worker", "flower"])
def test_every_service_has_a_health_check(compose, name):
    assert compose["services"][name]["healthcheck"]["test"]


@pytest.mark.parametrize("name", ["api", "worker"])
def test_api_and_worker_wait_for_a_healthy_redis_and_share_one_image(compose, name):
    service = compose["services"][name]
    assert service["depends_on"]["redis"]["condition"] == "service_healthy"
    assert service["image"] == compose["services"]["api"]["image"]
    assert service["environment"]["REDIS_URL"].startswith("redis://:${REDIS_PASSWORD")
    assert service["environment"]["REDIS_URL"].endswith("@redis:6379/0")


def test_the_worker_can_be_scaled(compose):
    worker = compose["services"]["worker"]
    assert "container_name" not in worker and "ports" not in worker


@pytest.mark.parametrize("name", ["api", "worker"])
def test_every_dumpling_command_in_the_compose_file_exists(compose, name):
    command = compose["services"][name]["command"]
    assert command[0] == "dumpling"
    args = build_parser().parse_args(command[1:])      # exits with status 2 if it does not exist
    assert args.command == command[1]


def test_health_check_commands_exist_in_the_image(compose):
    api_check = compose["services"]["api"]["healthcheck"]["test"]
    assert api_check[:2] == ["CMD", "python"]
    compile(api_check[3], "<healthcheck>", "exec")
    worker_check = shlex.split(compose["services"]["worker"]["healthcheck"]["test"][1])
    assert worker_check[:3] == ["celery", "-A", "workers.celery_app:app"]
    module, _, attribute = worker_check[2].partition(":")
    assert getattr(__import__(module, fromlist=[attribute]), attribute).main


def test_dockerfile_runs_as_a_non_root_user_and_its_command_exists():
    dockerfile = (ROOT / "Dockerfile").read_text()
    users = [line.split()[1] for line in dockerfile.splitlines() if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    cmd = next(line for line in dockerfile.splitlines() if line.startswith("CMD "))
    command = yaml.safe_load(cmd[4:])
    assert build_parser().parse_args(command[1:]).command == "serve"


def test_docker_compose_validates_the_file():
    """Debian's docker-compose checks the file without an engine: a broken key fails here,
    even where scripts/compose-smoke is not run. `.ci/run` installs docker-compose."""
    import shutil
    import subprocess

    if shutil.which("docker-compose") is None:
        pytest.skip("docker-compose is not installed (`.ci/run` installs it)")
    result = subprocess.run(["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_docker_compose_lists_flower_under_its_profile():
    """`docker-compose config`, as the engine will read the file: Flower is the one service
    with a profile, `flower`, so a plain `up` leaves it out."""
    import os
    import shutil
    import subprocess

    if shutil.which("docker-compose") is None:
        pytest.skip("docker-compose is not installed (`.ci/run` installs it)")

    def config(*args: str) -> str:
        env = {k: v for k, v in os.environ.items() if k != "COMPOSE_PROFILES"}
        result = subprocess.run(["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config", *args],
                                capture_output=True, text=True, timeout=60, env=env)
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert config("--profiles").split() == ["flower"]
    services = yaml.safe_load(config())["services"]
    assert {name: service.get("profiles") for name, service in services.items()} == {
        "redis": None, "api": None, "worker": None, "flower": ["flower"]}
