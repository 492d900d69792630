"""guardrails never sends anything anywhere once safe_reply uses it.

Each scenario runs in a fresh interpreter (egress_probe.py) whose sockets refuse and record every
non-loopback attempt, including the ones made at interpreter exit. The controls prove the probe
sees a real attempt and that plain guardrails 0.11 WOULD phone home; the real tests prove that
with safe_reply it does not, even with a ~/.guardrailsrc that asks for metrics and remote
inference, and that nothing is written into the home directory.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from safe_reply.integrations.telemetry import OfflineState, ensure_offline, offline_state

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "src"

pytestmark = pytest.mark.slow

RC_ONLINE = "id=0f0f0f0f-test\ntoken=not-a-real-token\nenable_metrics=true\nuse_remote_inferencing=true\n"


def run_probe(tmp_path: Path, scenario: str, *args: str, rc: str | None = None) -> tuple[str, list[list[str]]]:
    home = tmp_path / "home"
    home.mkdir(parents=True, exist_ok=True)
    if rc is not None:
        (home / ".guardrailsrc").write_text(rc, encoding="utf-8")
    log = tmp_path / f"{scenario}.jsonl"
    # nltk (a dev dependency) makes `import guardrails` fetch its punkt data when it is missing: outside
    # safe_reply's control when the user imports guardrails first. Stand in for installed data, unless
    # the test says otherwise (the nltk test points NLTK_DATA at an empty folder).
    nltk_data = tmp_path / "nltk_data"
    (nltk_data / "tokenizers" / "punkt").mkdir(parents=True, exist_ok=True)
    env = {
        "NLTK_DATA": str(nltk_data),
        **os.environ,
        "HOME": str(home),
        "PYTHONPATH": os.pathsep.join([str(HERE), str(SRC)]),
        "GUARDRAILS_LOG_FILE_PATH": str(tmp_path / "guardrails_calls.db"),
        "OTEL_EXPORTER_OTLP_TIMEOUT": "1",  # keep the negative control's retries short
    }
    done = subprocess.run(
        [sys.executable, str(HERE / "egress_probe.py"), scenario, str(log), *args],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    attempts = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []
    return done.stdout, attempts


def home_files(tmp_path: Path) -> list[str]:
    return sorted(str(p.relative_to(tmp_path / "home")) for p in (tmp_path / "home").rglob("*"))


def write_config(folder: Path) -> Path:
    (folder / "product_lines").mkdir(parents=True)
    (folder / "defaults.yaml").write_text("version: 1\n", encoding="utf-8")
    (folder / "product_lines" / "ebike.yaml").write_text(
        "id: ebike\nactions: {external: rewrite}\n"
        "validators:\n  guardrails:\n    use:\n      - validator: 'egress_ext:Flag'\n",
        encoding="utf-8",
    )
    return folder


def test_control_the_probe_records_and_refuses_real_attempts(tmp_path: Path) -> None:
    stdout, attempts = run_probe(tmp_path, "control")
    assert stdout.splitlines()[-1] == "control done"
    assert attempts == [
        ["create_connection", "('192.0.2.1', 80)"],
        ["create_connection", "('telemetry.example.invalid', 80)"],
        ["getaddrinfo", "'telemetry.example.invalid'"],
    ]


def test_control_plain_guardrails_phones_home(tmp_path: Path) -> None:
    stdout, attempts = run_probe(tmp_path, "guardrails_default")
    assert stdout.splitlines()[-2:] == ["Projekt [vertraulich]", "guardrails_default done"]
    # guardrails 0.11 without an rc file exports a span of every guard call to its collector.
    assert attempts, "plain guardrails made no attempt: the negative control no longer shows the risk"
    assert {kind for kind, _ in attempts} <= {"getaddrinfo", "audit:socket.getaddrinfo"}


def test_full_guarded_path_sends_nothing_even_with_an_online_rc(tmp_path: Path) -> None:
    config = write_config(tmp_path / "config")
    stdout, attempts = run_probe(tmp_path, "offline", str(config), rc=RC_ONLINE)
    assert attempts == []
    redacted = "Projekt [vertraulich] startet."
    expected = [redacted, "Alles gut.", redacted, "Projekt [vertraulich]"]
    if importlib.util.find_spec("safe_reply.runnable") is not None:
        expected += [redacted, "Alles gut."]  # safe_reply.guard: invoke, then stream
    assert stdout.splitlines() == [*expected, "offline done"]
    assert home_files(tmp_path) == [".guardrailsrc"]  # nothing written into the home directory


def test_nltk_data_downloads_are_refused_while_guardrails_is_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert importlib.util.find_spec("nltk") is not None, "nltk is a dev dependency: run `make test`"
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    monkeypatch.setenv("NLTK_DATA", str(empty))  # no punkt anywhere: guardrails' import wants to fetch it
    _, control = run_probe(tmp_path / "control", "nltk")
    assert control, "plain guardrails with nltk made no attempt: the control no longer shows the risk"
    stdout, attempts = run_probe(tmp_path / "guarded", "nltk", str(write_config(tmp_path / "config")))
    assert attempts == []
    assert stdout.splitlines()[-2:] == ["Alles gut.", "nltk done"]


def test_spans_queued_before_ensure_offline_are_dropped(tmp_path: Path) -> None:
    stdout, attempts = run_probe(tmp_path, "late")
    assert stdout.splitlines()[-1] == "late done"
    assert attempts == []


def test_import_safe_reply_does_not_import_guardrails() -> None:
    code = (
        "import sys, safe_reply, safe_reply.loader, safe_reply.policy\n"
        "from safe_reply.registry import load_spec\n"
        "load_spec('guardrails')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('guardrails', 'litellm', 'opentelemetry')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"


def test_offline_state_in_this_process() -> None:
    from guardrails import Guard
    from guardrails.classes.rc import RC
    from guardrails.utils.hub_telemetry_utils import HubTelemetry

    ensure_offline()
    ensure_offline()  # idempotent
    Guard()  # re-loads the rc and re-sets HubTelemetry._enabled: must not switch anything back on
    assert offline_state() == OfflineState(
        metrics=False, remote_inference=False, server=False, tracing=False, hub_exporter=False
    )
    rc = RC.load()
    assert (rc.enable_metrics, rc.use_remote_inferencing, rc.token, rc.id) == (False, False, None, None)
    assert HubTelemetry()._tracer is None
    assert os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] == "True"
