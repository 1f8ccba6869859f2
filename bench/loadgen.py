"""HTTP load from `wrk` (Debian's `wrk` package): requests/s and latency percentiles.

A load generator written in C takes a small share of the two cores the API, the workers
and Redis also run on; 32 Python client threads took a large one and their own GIL
waits were counted as the server's latency. POST bodies come from a file through a
three-line Lua script.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

_POST_SCRIPT = """
local f = assert(io.open(os.getenv("WRK_BODY_FILE"), "rb"))
wrk.method = "POST"; wrk.body = f:read("*a"); f:close()
wrk.headers["Content-Type"] = "text/plain"
"""
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


@dataclass(frozen=True)
class Load:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    errors: int


def require_wrk() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit("this benchmark needs wrk: apt-get install wrk")
    return path


def run_wrk(url: str, connections: int, seconds: float, body: bytes | None = None,
            threads: int = 1) -> Load:
    """``connections`` open connections for ``seconds``; a POST of ``body`` when given."""
    command = [require_wrk(), f"-t{min(threads, connections)}", f"-c{connections}", f"-d{seconds:g}s",
               "--latency", "--timeout", "30s"]
    with tempfile.TemporaryDirectory(prefix="dumpling-wrk-") as folder:
        env = None
        if body is not None:
            body_file, script = Path(folder) / "body", Path(folder) / "post.lua"
            body_file.write_bytes(body)
            script.write_text(_POST_SCRIPT)
            command += ["-s", str(script)]
            env = {"WRK_BODY_FILE": str(body_file), "PATH": "/usr/bin:/bin"}
        out = subprocess.run(command + [url], capture_output=True, text=True, env=env,
                             timeout=seconds + 120, check=True).stdout
    return _parse(out)


def _parse(out: str) -> Load:
    def latency(percent: str) -> float:
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
        return float(match.group(1)) * _UNITS[match.group(2)] if match else float("nan")

    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return Load(requests_per_s=float(rps.group(1)) if rps else 0.0,
                p50_ms=latency("50"), p99_ms=latency("99"),
                non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
                errors=sum(int(n) for n in errors.groups()) if errors else 0)
