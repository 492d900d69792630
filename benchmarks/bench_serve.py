"""What the HTTP service adds per reply: `safe-reply serve` over loopback against Policy.evaluate in-process.

    python benchmarks/bench_serve.py [--quick] [--n N]

Each side checks N fresh 2,000-character replies from benchmarks/pool.py (German and English taking
turns, one in ten with an unsupported claim planted, which is rewritten; the in-process side and the
service get different replies of the same kind, so no text is checked twice), with the example
policy in config/ (log off, so both measure the check and nothing else;
turn given, so no turn count is looked up). The client is one keep-alive HTTP/1.1 connection from this
process (http.client, the cheapest client there is), requests one after another: latency per request,
p50 and p99, and requests per second. What the service adds per request is its latency minus the time
the policy took in the server (Server-Timing header), so the noise of the check itself does not hide
it; of that, the part spent inside the service is shown too. Goal: under 1 ms at p50. The server runs
in its own process on 127.0.0.1; on a machine busy with other work, scheduling two processes adds to
the client's figure (the load average is printed).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pool import CLAIMS, ReplyPool, replies
from safe_reply.loader import load_policy
from safe_reply.types import Context

REPO = Path(__file__).resolve().parents[1]
KEY = "bench-serve-key"


def mixed_pool(name: str, count: int, seed: int) -> ReplyPool:
    """`count` fresh replies, every tenth with an unsupported claim planted."""
    clean = replies(count, seed=seed)
    risky = replies(count // 10 + 1, seed=seed + 1, planted=CLAIMS)
    texts = [risky[index // 10] if index % 10 == 9 else text for index, text in enumerate(clean)]
    return ReplyPool(name, texts)


def percentiles(samples_s: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples_s, n=100)
    return cuts[49] * 1000, cuts[98] * 1000


def in_process(config: Path, pool: ReplyPool, count: int) -> list[float]:
    policy = load_policy(config)
    ctx = Context("ebike", None, 2)
    policy.evaluate(pool.draw(), ctx)  # warm up
    samples = []
    for text in (pool.draw() for _ in range(count)):
        started = time.perf_counter()
        policy.evaluate(text, ctx)
        samples.append(time.perf_counter() - started)
    return samples


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def over_http(config: Path, pool: ReplyPool, count: int, workdir: Path) -> tuple[list[float], list[float], list[float]]:
    """Per request: the latency the client sees; that minus the policy's time (what the service adds, as
    the client sees it: parsing, answering, loopback, and the OS scheduling two processes); and the
    service's own time without the policy's (from its Server-Timing header)."""
    port = free_port()
    command = [sys.executable, "-c", "from safe_reply.cli import main; main()", "serve", "-c", str(config)]
    server = subprocess.Popen(
        [*command, "--port", str(port), "--log-level", "warning"],
        cwd=workdir,
        env={**os.environ, "SAFE_REPLY_API_KEYS": KEY},
    )
    try:
        conn = _connect(port, server)
        headers = {"Content-Type": "application/json", "X-API-Key": KEY}
        texts = [pool.draw() for _ in range(count + 1)]
        bodies = [json.dumps({"text": t, "product_line": "ebike", "turn": 2}).encode() for t in texts]
        _post(conn, bodies[0], headers)  # warm up
        latencies, added, inside = [], [], []
        for body in bodies[1:]:
            started = time.perf_counter()
            evaluate_s, app_s = _post(conn, body, headers)
            latency = time.perf_counter() - started
            latencies.append(latency)
            added.append(latency - evaluate_s)
            inside.append(app_s - evaluate_s)
        conn.close()
        return latencies, added, inside
    finally:
        server.terminate()
        server.wait(timeout=15)


# Loading the policy takes ~6 s of CPU; on a loaded machine the server has needed more than 30 s to come up.
STARTUP_S = 90


def _connect(port: int, server: subprocess.Popen[bytes]) -> http.client.HTTPConnection:
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"safe-reply serve exited with {server.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            return conn
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"safe-reply serve did not start within {STARTUP_S} s")


def _post(conn: http.client.HTTPConnection, body: bytes, headers: dict[str, str]) -> tuple[float, float]:
    """POST one reply; the seconds the server spent in Policy.evaluate and in all (from Server-Timing)."""
    conn.request("POST", "/v1/check", body, headers)
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        raise SystemExit(f"HTTP {response.status}: {data[:300]!r}")
    timings = dict(part.strip().split(";dur=") for part in response.getheader("server-timing", "").split(","))
    return float(timings["evaluate"]) / 1000, float(timings["app"]) / 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 replies: the CI smoke run")
    parser.add_argument("--n", type=int, default=None)
    args = parser.parse_args(argv)
    count = args.n or (200 if args.quick else 3000)
    local_pool = mixed_pool("bench_serve:in-process", count + 1, seed=41)
    remote_pool = mixed_pool("bench_serve:http", count + 1, seed=43)
    os.environ.setdefault("SAFE_REPLY_LOG_KEY", "bench-serve-log-key-0123456789abcdef")
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / "config"
        shutil.copytree(REPO / "config", config)
        defaults = config / "defaults.yaml"
        text = defaults.read_text(encoding="utf-8")
        defaults.write_text(text[: text.index("\nlog:")] + "\nlog:\n  enabled: false\n", encoding="utf-8")
        local = in_process(config, local_pool, count)
        remote, added, inside = over_http(config, remote_pool, count, Path(scratch))
    (lp50, lp99), (rp50, rp99) = percentiles(local), percentiles(remote)
    (ap50, ap99), (ip50, ip99) = percentiles(added), percentiles(inside)
    load = os.getloadavg()[0]
    print(f"{count:,} fresh 2,000-character replies, one after another, {os.cpu_count()} cores, load {load:.1f}")
    print(f"  in-process Policy.evaluate {count / sum(local):7,.0f} replies/s  p50 {lp50:7.3f} ms  p99 {lp99:7.3f} ms")
    print(f"  HTTP POST /v1/check        {count / sum(remote):7,.0f} requests/s p50 {rp50:7.3f} ms  p99 {rp99:7.3f} ms")
    print(
        f"  the service adds (client)                    p50 {ap50:7.3f} ms  p99 {ap99:7.3f} ms  (goal: < 1 ms at p50)"
    )
    print(f"    of that inside the service                 p50 {ip50:7.3f} ms  p99 {ip99:7.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
