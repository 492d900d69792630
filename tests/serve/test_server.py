"""`safe-reply serve` as a real process on a loopback port, driven over HTTP; two replicas sharing PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from serve.servedata import (
    API_KEY,
    APPROVED_GUARANTEE,
    CLAIM,
    HELLO,
    KEY,
    MAX_BODY,
    NOTICE_DE,
    environment,
    make_config,
    metric,
    serve,
)

pytestmark = pytest.mark.slow
JSON = "application/json"


def _chunked(size: int) -> Iterator[bytes]:
    """A body sent with Transfer-Encoding: chunked (no Content-Length to refuse it by)."""
    yield b'{"text": "'
    yield b"y" * size
    yield b'"}'


def test_serve_over_http(tmp_path: Path) -> None:
    config = make_config(tmp_path / "config")
    with serve(config, tmp_path, environment()) as server:
        with server.client() as http:
            first = http.post("/v1/check", json={"text": CLAIM, "conversation_id": "c-1"}, headers=KEY)
            assert first.status_code == 200
            assert first.json()["turn"] == 1
            assert first.json()["delivered"] == f"{NOTICE_DE} {APPROVED_GUARANTEE}"
            assert [f["rule_id"] for f in first.json()["findings"]] == [
                "claims.de/guarantee-promise",
                "disclosure/missing-notice",
            ]
            batch = http.post(
                "/v1/check/batch",
                json={"items": [{"text": HELLO, "conversation_id": "c-1"}, {"text": CLAIM, "turn": 5}]},
                headers={"Authorization": f"Bearer {API_KEY}"},
            )
            assert [(r["turn"], r["action"], r["delivered"]) for r in batch.json()["results"]] == [
                (2, "pass", HELLO),
                (5, "rewrite", APPROVED_GUARANTEE),
            ]
            assert http.post("/v1/check", json={"text": HELLO}).status_code == 401
            assert http.post("/v1/check", json={"text": "x" * MAX_BODY}, headers=KEY).status_code == 413
        # Fresh connections: the server closes the one it refused a body on.
        with server.client() as http:
            streamed = http.post("/v1/check", content=_chunked(2 * MAX_BODY), headers=KEY | {"Content-Type": JSON})
            assert streamed.status_code == 413
        with server.client() as http:
            malformed = http.post("/v1/check", content=b'{"text": "Hallo"', headers=KEY)
            assert malformed.status_code == 422
            assert malformed.json()["problems"] == [
                "Content-Type is 'missing', so the body was not read as JSON",
                "body: Input should be a valid dictionary or object to extract fields from",
            ]
            typed = http.post("/v1/check", content=b'{"text": "Hallo"', headers=KEY | {"Content-Type": JSON})
            assert typed.json()["problems"] == ["body is not valid JSON at character 16: Expecting ',' delimiter"]

            page = http.get("/metrics").text
            assert metric(page, "safe_reply_rejected_requests_total", status="401") == 1
            assert metric(page, "safe_reply_rejected_requests_total", status="413") == 2
            assert metric(page, "safe_reply_rejected_requests_total", status="422") == 2
            assert metric(page, "safe_reply_decisions_total", product_line="ebike", action="rewrite") == 2
            assert metric(page, "safe_reply_decisions_total", product_line="ebike", action="pass") == 1


def test_sighup_with_a_broken_config_keeps_serving_the_old_policy(tmp_path: Path) -> None:
    config = make_config(tmp_path / "config")
    defaults = config / "defaults.yaml"
    with serve(config, tmp_path, environment()) as server, server.client() as http:
        before = http.get("/readyz").json()["product_lines"]
        defaults.write_text(defaults.read_text(encoding="utf-8").replace("mode: enforce", "mode: enforced"), "utf-8")
        server.process.send_signal(signal.SIGHUP)
        errors = _wait_for(lambda: http.get("/readyz").json()["last_reload_error"])
        assert len(errors) == 1
        assert errors[0].startswith(f"{defaults}: mode: ")
        assert http.get("/readyz").json()["product_lines"] == before
        refused = http.post("/v1/reload", headers=KEY)
        assert (refused.status_code, refused.json()["errors"], refused.json()["product_lines"]) == (409, errors, before)
        answer = http.post("/v1/check", json={"text": CLAIM, "turn": 2}, headers=KEY).json()
        assert (answer["action"], answer["policy_hash"]) == ("rewrite", before["ebike"])

        defaults.write_text(defaults.read_text(encoding="utf-8").replace("mode: enforced", "mode: monitor"), "utf-8")
        server.process.send_signal(signal.SIGHUP)
        _wait_for(lambda: http.get("/readyz").json()["product_lines"] != before)
        monitored = http.post("/v1/check", json={"text": CLAIM, "turn": 2}, headers=KEY).json()
        assert (monitored["action"], monitored["intended"], monitored["delivered"]) == ("monitor", "rewrite", CLAIM)
        page = http.get("/metrics").text
        assert metric(page, "safe_reply_reloads_total", outcome="refused") == 2
        assert metric(page, "safe_reply_reloads_total", outcome="ok") == 1
        assert metric(page, "safe_reply_decisions_total", product_line="ebike", action="rewrite") == 1
        assert metric(page, "safe_reply_decisions_total", product_line="ebike", action="monitor") == 1


def _wait_for(probe: object, timeout_s: float = 60.0) -> object:
    # A reload loads the whole policy again (~6 s of CPU); on a machine running the suite on two workers
    # it has taken several times that. A hang guard, not a speed check: speed is for benchmarks/.
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = probe()  # type: ignore[operator]
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("the server did not reload in time")


@pytest.mark.postgres
def test_two_replicas_sharing_postgres_show_the_notice_once(tmp_path: Path, pg_dsn: str) -> None:
    config = make_config(tmp_path / "config", log="backend: postgres\n  spool_path: spool.jsonl")
    env = environment(SAFE_REPLY_PG_DSN=pg_dsn)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        serve(config, tmp_path / "a", env) as replica_a,
        serve(config, tmp_path / "b", env) as replica_b,
        replica_a.client() as a,
        replica_b.client() as b,
    ):
        assert a.get("/readyz").json()["log"] == "ok"
        assert b.get("/readyz").json()["log"] == "ok"
        plan = [(a, "c-1"), (b, "c-1"), (a, "c-1"), (b, "c-2"), (a, "c-2"), (b, "c-1")]
        answers = [
            http.post("/v1/check", json={"text": HELLO, "conversation_id": cid}, headers=KEY).json()
            for http, cid in plan
        ]
        assert [(r["turn"], r["action"], r["delivered"]) for r in answers] == [
            (1, "rewrite", f"{NOTICE_DE} {HELLO}"),
            (2, "pass", HELLO),
            (3, "pass", HELLO),
            (1, "rewrite", f"{NOTICE_DE} {HELLO}"),
            (2, "pass", HELLO),
            (4, "pass", HELLO),
        ]
    # Both rewrites were recorded in the one shared log, not in two local files.
    with psycopg.connect(pg_dsn) as conn:
        rows = conn.execute("SELECT action, turn FROM records ORDER BY id").fetchall()
    assert rows == [("rewrite", 1), ("rewrite", 1)]
    assert not (tmp_path / "a/spool.jsonl").exists()
    assert not (tmp_path / "b/spool.jsonl").exists()


@pytest.mark.parametrize(
    ("env", "log", "message"),
    [
        ({}, None, "error: no API key configured, so every request would be refused. Fix: export SAFE_REPLY_API_KEYS="),
        (
            {"SAFE_REPLY_API_KEYS": API_KEY},
            "backend: postgres\n  dsn_env: SERVE_TEST_UNSET_DSN",
            "error: log.backend is postgres but the environment variable SERVE_TEST_UNSET_DSN is not set.",
        ),
    ],
    ids=["no-key", "no-dsn"],
)
def test_serve_refuses_to_start_with_a_reason(
    tmp_path: Path, env: dict[str, str], log: str | None, message: str
) -> None:
    config = make_config(tmp_path / "config") if log is None else make_config(tmp_path / "config", log=log)
    command = [sys.executable, "-c", "from safe_reply.cli import main; main()", "serve", "-c", str(config)]
    clean = {k: v for k, v in os.environ.items() if k != "SAFE_REPLY_API_KEYS"}
    keyed = {"SAFE_REPLY_LOG_KEY": "serve-tests-log-key-0123456789abcdef"}  # no demo-key warning before the error
    done = subprocess.run(
        command, cwd=tmp_path, env=clean | keyed | env, capture_output=True, text=True, check=False, timeout=180
    )
    assert done.returncode == 2
    assert " ".join(done.stderr.split()).startswith(message)


def test_serve_reports_config_errors_with_file_and_key(tmp_path: Path) -> None:
    config = make_config(tmp_path / "config")
    (config / "product_lines/ebike.yaml").write_text("id: ebike\nmode: enforced\n", encoding="utf-8")
    command = [sys.executable, "-c", "from safe_reply.cli import main; main()", "serve", "-c", str(config)]
    done = subprocess.run(
        command, cwd=tmp_path, env=os.environ | environment(), capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == f"2 error(s) in {config}"  # and the default product line is gone
    assert done.stderr.splitlines()[1].startswith(f"  {config / 'product_lines/ebike.yaml'}: mode: ")
