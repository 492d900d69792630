"""The HTTP API driven in-process (FastAPI's test client): exact decisions, every refusal, reload, metrics."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safe_reply.decision_json import decision_json
from safe_reply.loader import load_policy
from safe_reply.serve import NoApiKey, PolicyHolder, create_app, openapi_json
from safe_reply.serve.models import BatchOut, DecisionOut
from safe_reply.types import Context
from serve.servedata import (
    API_KEY,
    APPROVED_GUARANTEE,
    CLAIM,
    HELLO,
    KEY,
    MAX_BODY,
    NOTICE_DE,
    REPO,
    environment,
    make_config,
    metric,
)


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # the log paths of the config are relative to the working directory
    return make_config(tmp_path / "config")


@pytest.fixture
def holder(config: Path) -> Iterator[PolicyHolder]:
    held = PolicyHolder(config, environment())
    yield held
    held.close()


@pytest.fixture
def client(holder: PolicyHolder) -> Iterator[TestClient]:
    with TestClient(create_app(holder)) as test_client:
        yield test_client


def test_check_answers_the_library_decision(client: TestClient, config: Path) -> None:
    response = client.post(
        "/v1/check", json={"text": CLAIM, "product_line": "ebike", "turn": 2, "id": "r-1"}, headers=KEY
    )
    assert response.status_code == 200
    body = response.json()
    expected = load_policy(config, environment()).evaluate(CLAIM, Context("ebike", None, 2))
    assert body == decision_json(expected, "r-1") | {"turn": 2}
    assert body["action"] == "rewrite"
    assert body["delivered"] == APPROVED_GUARANTEE
    assert [(f["rule_id"], f["span"], f["category"]) for f in body["findings"]] == [
        ("claims.de/guarantee-promise", {"start": 0, "end": 34}, "unsupported_claim")
    ]
    assert body["findings"][0]["legal_basis"].startswith("BGB §443")
    DecisionOut.model_validate(body)  # the documented schema describes what is sent
    timing = response.headers["server-timing"]
    assert re.fullmatch(r"evaluate;dur=\d+\.\d{3}, app;dur=\d+\.\d{3}", timing), timing
    evaluate_ms, app_ms = (float(part.split("dur=")[1]) for part in timing.split(", "))
    assert 0 < evaluate_ms <= app_ms


def test_stored_turns_put_the_notice_on_the_first_reply_only(client: TestClient) -> None:
    first = client.post("/v1/check", json={"text": HELLO, "conversation_id": "c-1"}, headers=KEY).json()
    second = client.post("/v1/check", json={"text": HELLO, "conversation_id": "c-1", "turn": "stored"}, headers=KEY)
    other = client.post("/v1/check", json={"text": HELLO, "conversation_id": "c-2"}, headers=KEY).json()
    assert (first["turn"], first["action"], first["delivered"]) == (1, "rewrite", f"{NOTICE_DE} {HELLO}")
    assert [f["rule_id"] for f in first["findings"]] == ["disclosure/missing-notice"]
    assert (second.json()["turn"], second.json()["action"], second.json()["delivered"]) == (2, "pass", HELLO)
    assert (other["turn"], other["delivered"]) == (1, f"{NOTICE_DE} {HELLO}")


def test_an_explicit_turn_wins_and_no_conversation_means_first_reply(client: TestClient) -> None:
    explicit = client.post("/v1/check", json={"text": HELLO, "conversation_id": "c-9", "turn": 4}, headers=KEY).json()
    anonymous = client.post("/v1/check", json={"text": HELLO}, headers=KEY).json()
    assert (explicit["turn"], explicit["action"]) == (4, "pass")
    assert (anonymous["turn"], anonymous["delivered"]) == (None, f"{NOTICE_DE} {HELLO}")


def test_batch_keeps_order_and_counts_turns(client: TestClient) -> None:
    items = [
        {"text": HELLO, "conversation_id": "b-1", "id": "a"},
        {"text": CLAIM, "conversation_id": "b-1", "id": "b"},
        {"text": HELLO, "conversation_id": "b-1", "id": "c"},
    ]
    response = client.post("/v1/check/batch", json={"items": items}, headers=KEY)
    assert response.status_code == 200
    results = BatchOut.model_validate(response.json()).results
    assert [(r.id, r.turn, r.action) for r in results] == [("a", 1, "rewrite"), ("b", 2, "rewrite"), ("c", 3, "pass")]
    assert results[1].delivered == APPROVED_GUARANTEE


def test_batch_larger_than_max_batch_is_refused(client: TestClient) -> None:
    response = client.post("/v1/check/batch", json={"items": [{"text": HELLO}] * 4}, headers=KEY)
    assert response.status_code == 413
    assert response.json()["error"] == "4 items, more than serve.max_batch (3)"


def test_batch_with_an_unknown_product_line_counts_no_turn(client: TestClient) -> None:
    items = [{"text": HELLO, "conversation_id": "u-1"}, {"text": HELLO, "product_line": "ebkie"}]
    response = client.post("/v1/check/batch", json={"items": items}, headers=KEY)
    assert response.status_code == 422
    assert response.json()["error"].startswith("items[1]: unknown product line 'ebkie' (did you mean 'ebike'?)")
    after = client.post("/v1/check", json={"text": HELLO, "conversation_id": "u-1"}, headers=KEY).json()
    assert after["turn"] == 1  # the refused batch did not count a reply


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-API-Key": "wrong"}, {"Authorization": f"Basic {API_KEY}"}, {"Authorization": "Bearer "}],
    ids=["none", "wrong", "not-bearer", "empty-bearer"],
)
def test_requests_without_a_valid_key_are_refused(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/v1/check", content=b"not even json", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["fix"] == "send the key as 'X-API-Key: KEY' or 'Authorization: Bearer KEY'"
    assert client.post("/v1/reload", headers=headers).status_code == 401


def test_bearer_key_is_accepted(client: TestClient) -> None:
    response = client.post("/v1/check", json={"text": HELLO, "turn": 2}, headers={"Authorization": f"Bearer {API_KEY}"})
    assert (response.status_code, response.json()["action"]) == (200, "pass")


def test_keys_from_config_digests(config: Path) -> None:
    defaults = config / "defaults.yaml"
    digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"  # sha256("test")
    defaults.write_text(defaults.read_text(encoding="utf-8") + f"  api_key_sha256: ['{digest}']\n", encoding="utf-8")
    holder = PolicyHolder(config, {"SAFE_REPLY_LOG_KEY": "k" * 32})
    try:
        assert holder.current.accepts("test")
        assert not holder.current.accepts(API_KEY)
    finally:
        holder.close()


def test_no_key_anywhere_refuses_to_start(config: Path) -> None:
    with pytest.raises(NoApiKey, match=r"no API key configured.*Fix: export SAFE_REPLY_API_KEYS="):
        PolicyHolder(config, {})


def test_oversized_body_is_413_before_parsing(client: TestClient) -> None:
    body = json.dumps({"text": "x" * MAX_BODY}).encode()
    response = client.post("/v1/check", content=body, headers=KEY | {"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"] == f"request body larger than {MAX_BODY} bytes"


def test_oversized_body_without_length_is_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(10):
            yield b"x" * 1000
        yield b'"}'

    response = client.post("/v1/check", content=chunks(), headers=KEY | {"Content-Type": "application/json"})
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b'{"text": ', "body is not valid JSON at character 9: Expecting value"),
        (b"\x80", "body: There was an error parsing the body"),
        (b"[1, 2]", "body: Input should be a valid dictionary or object to extract fields from"),
        (b'{"txt": "hi"}', "text: Field required"),
        (b'{"text": 5}', "text: Input should be a valid string"),
        (
            b'{"text": "hi", "turn": 0}',
            "turn: Value error, got 0; must be a whole number >= 1 (1 = the first bot reply) or 'stored'",
        ),
        (b'{"text": "hi", "language": "fr"}', "language: Input should be 'de' or 'en'"),
    ],
    ids=["truncated", "not-utf8", "array", "missing", "wrong-type", "turn-zero", "language"],
)
def test_malformed_requests_get_422_with_the_problem(client: TestClient, body: bytes, problem: str) -> None:
    response = client.post("/v1/check", content=body, headers=KEY | {"Content-Type": "application/json"})
    assert response.status_code == 422
    assert problem in response.json()["problems"]
    assert response.json()["fix"].startswith("send a UTF-8 JSON object like")


def test_unknown_routes_and_methods_answer_a_problem(client: TestClient) -> None:
    assert client.get("/v1/nothing", headers=KEY).json() == {
        "error": "Not Found",
        "fix": "see /openapi.json for the routes and their methods",
        "problems": [],
    }
    assert client.get("/v1/check", headers=KEY).status_code == 405


def test_stored_turn_needs_a_conversation(client: TestClient) -> None:
    response = client.post("/v1/check", json={"text": HELLO, "turn": "stored"}, headers=KEY)
    assert response.status_code == 422
    assert response.json()["error"] == "turn 'stored' needs a conversation_id"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=300))
def test_no_body_ever_gets_a_500(client: TestClient, body: bytes) -> None:
    response = client.post("/v1/check", content=body, headers=KEY | {"Content-Type": "application/json"})
    assert response.status_code in (200, 422)


def test_reload_with_a_broken_config_keeps_the_old_policy(client: TestClient, config: Path) -> None:
    before = client.get("/readyz").json()["product_lines"]
    ebike = config / "product_lines/ebike.yaml"
    good = ebike.read_text(encoding="utf-8")
    ebike.write_text(good.replace("id: ebike", "id: ebike\nacitons: {}"), encoding="utf-8")
    refused = client.post("/v1/reload", headers=KEY)
    assert refused.status_code == 409
    assert refused.json()["reloaded"] is False
    assert refused.json()["product_lines"] == before
    first, second = refused.json()["errors"]
    assert first.startswith(f"{ebike}: acitons: unknown key 'acitons' (did you mean 'actions'?). Fix: use one of: id,")
    defaults = config / "defaults.yaml"
    assert second == f"{defaults}: default_product_line: 'ebike' is not a product line. Fix: use one of: kitchen"
    assert client.get("/readyz").json()["last_reload_error"] == refused.json()["errors"]
    still = client.post("/v1/check", json={"text": CLAIM, "turn": 2}, headers=KEY).json()
    assert (still["action"], still["policy_hash"]) == ("rewrite", before["ebike"])

    ebike.write_text(good + "actions:\n  unsupported_claim: block\n", encoding="utf-8")
    reloaded = client.post("/v1/reload", headers=KEY)
    assert reloaded.status_code == 200
    assert reloaded.json()["product_lines"]["ebike"] != before["ebike"]
    # Every line's hash covers every line's file: one line's protected and service terms shape the others' checks.
    assert reloaded.json()["product_lines"]["kitchen"] != before["kitchen"]
    now = client.post("/v1/check", json={"text": CLAIM, "turn": 2}, headers=KEY).json()
    assert (now["action"], now["policy_hash"]) == ("block", reloaded.json()["product_lines"]["ebike"])
    assert client.get("/readyz").json()["last_reload_error"] == []


def test_metrics_count_decisions_rules_and_refusals(client: TestClient) -> None:
    for text in (CLAIM, CLAIM, HELLO):
        client.post("/v1/check", json={"text": text, "turn": 2}, headers=KEY)
    client.post("/v1/check", json={"text": HELLO})
    page = client.get("/metrics")
    assert page.headers["content-type"].startswith("text/plain; version=0.0.4")
    text = page.text
    assert metric(text, "safe_reply_decisions_total", product_line="ebike", action="rewrite") == 2
    assert metric(text, "safe_reply_decisions_total", product_line="ebike", action="pass") == 1
    rule = {"product_line": "ebike", "rule_id": "claims.de/guarantee-promise", "category": "unsupported_claim"}
    assert metric(text, "safe_reply_findings_total", **rule) == 2
    assert metric(text, "safe_reply_request_seconds_count", endpoint="check") == 3
    assert metric(text, "safe_reply_rejected_requests_total", status="401") == 1
    assert metric(text, "safe_reply_evaluate_seconds_count") == 3


def test_probes(client: TestClient, holder: PolicyHolder) -> None:
    assert client.get("/healthz").json() == {"ok": True}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {
        "ready": True,
        "product_lines": holder.current.product_lines(),
        "log": "ok",
        "last_reload_error": [],
    }


def test_readyz_reports_an_unreachable_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = make_config(
        tmp_path / "config", log="backend: postgres\n  dsn_env: SERVE_TEST_DSN\n  spool_path: spool.jsonl"
    )
    dead = "postgresql://nobody@127.0.0.1:9/none?connect_timeout=1"
    holder = PolicyHolder(config, environment(SERVE_TEST_DSN=dead))
    try:
        with TestClient(create_app(holder)) as client:
            ready = client.get("/readyz")
            assert ready.status_code == 503
            assert ready.json()["ready"] is False
            assert ready.json()["log"].startswith("unreachable: cannot reach the PostgreSQL log")
            # Still answering (and spooling): the probe tells the balancer, the service stays safe.
            assert client.post("/v1/check", json={"text": CLAIM, "turn": 2}, headers=KEY).json()["action"] == "rewrite"
    finally:
        holder.close()


def test_openapi_is_published_and_committed(client: TestClient) -> None:
    served = client.get("/openapi.json").json()
    committed = json.loads((REPO / "docs/openapi.json").read_text(encoding="utf-8"))
    assert served == committed, "docs/openapi.json is stale: safe-reply serve --openapi > docs/openapi.json"
    assert json.loads(openapi_json()) == committed
    assert set(served["paths"]) == {"/v1/check", "/v1/check/batch", "/v1/reload", "/healthz", "/readyz", "/metrics"}
    assert served["paths"]["/v1/check"]["post"]["security"] == [{"ApiKey": []}, {"Bearer": []}]
    assert "security" not in served["paths"]["/healthz"]["get"]
