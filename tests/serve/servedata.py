"""Shared by the service tests: a config folder to serve, and a `safe-reply serve` process on loopback."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
API_KEY = "test-key-0123456789"
KEY = {"X-API-Key": API_KEY}
MAX_BODY = 4096
HELLO = "Hallo! Gern helfe ich Ihnen."
NOTICE_DE = "Hinweis: Sie chatten mit einem KI-Assistenten."
CLAIM = "Der Akku hält garantiert 10 Jahre."
APPROVED_GUARANTEE = (
    "Auf den Rahmen gewähren wir 3 Jahre Herstellergarantie; Akku, Motor und Verschleißteile sind ausgenommen."
)


def make_config(target: Path, log: str = "backend: sqlite\n  path: log.sqlite3\n  spool_path: spool.jsonl") -> Path:
    """The example policy from config/, with a small body limit and the log where the test says."""
    shutil.copytree(REPO / "config", target)
    defaults = target / "defaults.yaml"
    text = defaults.read_text(encoding="utf-8")
    head = text[: text.index("\nlog:")]
    defaults.write_text(
        f"{head}\nlog:\n  {log}\nserve:\n  max_body_bytes: {MAX_BODY}\n  max_batch: 3\n", encoding="utf-8"
    )
    return target


def environment(**extra: str) -> dict[str, str]:
    return {"SAFE_REPLY_API_KEYS": API_KEY, "SAFE_REPLY_LOG_KEY": "serve-tests-log-key-0123456789abcdef", **extra}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[str]
    url: str

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=10.0)


@contextmanager
def serve(config: Path, cwd: Path, env: Mapping[str, str]) -> Iterator[Server]:
    """`safe-reply serve` as its own process on 127.0.0.1 and a free port; stopped (SIGTERM) afterwards."""
    port = free_port()
    command = [sys.executable, "-c", "from safe_reply.cli import main; main()", "serve", "-c", str(config)]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--log-level", "warning"],
        cwd=cwd,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    server = Server(process, f"http://127.0.0.1:{port}")
    try:
        _wait_until_up(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def _wait_until_up(server: Server, timeout_s: float = 90.0) -> None:
    # Loading the example policy takes ~6 s of CPU; on a shared machine running the suite on two workers
    # the server has taken over 30 s to come up. A broken server exits, which is noticed at once.
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            _, err = server.process.communicate()
            raise AssertionError(f"safe-reply serve exited with {server.process.returncode}: {err}")
        try:
            if httpx.get(f"{server.url}/healthz", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"safe-reply serve did not answer within {timeout_s} s")


def metric(text: str, name: str, **labels: str) -> float:
    """The value of one sample of a Prometheus text page (0 when absent)."""
    for line in text.splitlines():
        if not line.startswith((f"{name}{{", f"{name} ")):
            continue
        inside = line.split("{", 1)[1].rsplit("}", 1)[0] if "{" in line else ""
        if dict(re.findall(r'(\w+)="([^"]*)"', inside)) == labels:
            return float(line.rsplit(" ", 1)[1])
    return 0.0
