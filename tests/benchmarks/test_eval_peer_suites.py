"""benchmarks/eval_peer_suites.py reads the cases peer suites assert, in each peer's test format.

The fixtures are written here in the peers' formats with invented words; no peer text is used. The real
suites are read from checkouts only when the script runs (see its docstring).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "eval_peer_suites.py"

# guardrails hub style: a parametrized table of (validator, text, passed), fuzzy matching on.
HUB_TABLE = """
import pytest
from validator import BanList

@pytest.mark.parametrize("validator, output, expected_result", [
  (BanList(banned_words=["Zorvakel", "Quenlor"], max_l_dist=1, on_fail="noop"), "Die Lieferung kommt morgen.", True),
  (BanList(banned_words=["Zorvakel", "Quenlor"], max_l_dist=1, on_fail="noop"), "Zorvakel kommt im Mai.", False),
  (BanList(banned_words=["Zorvakel", "Quenlor"], max_l_dist=1, on_fail="noop"), "Zorvakl kommt im Mai.", False),
])
def test_combinations(validator, output, expected_result):
  guard = Guard.from_string(validators=[validator])
  result = guard.parse(output)
  assert result.validation_passed is expected_result
"""

# competitor_check style: a module-level list, a guard, isinstance on results, pytest.raises.
COMPETITOR = """
import pytest
from guardrails import Guard
from validator import CompetitorCheck

rivals = ["Trelvix", "Omnatek"]
guard = Guard().use(CompetitorCheck, rivals, "exception")

def test_results():
    v = CompetitorCheck(competitors=rivals, on_fail="noop")
    assert isinstance(v.validate("Unser Akku hält länger."), PassResult)
    assert isinstance(v.validate("Bei Omnatek kostet er mehr."), FailResult)

def test_raises():
    with pytest.raises(Exception):
        guard.validate("Trelvix bietet das auch an.")
    res = guard.parse("Wir liefern in zwei Tagen.")
    assert res.validated_output == "Wir liefern in zwei Tagen."
    assert len(res.validated_output) > 3
"""

# llm-guard style: the term list is a constant of the peer's own package, the verdict a tuple element.
SCANNER = """
from pkg.scanners import STOP_WORDS, BanSubstrings

def test_scan():
    scanner = BanSubstrings(substrings=STOP_WORDS, contains_all=True)
    sanitized, valid, score = scanner.scan("", "Zorvakel und Quenlor sind intern.")
    assert valid is False
"""
PACKAGE = 'STOP_WORDS = ["Zorvakel", "Quenlor"]\n'


@pytest.fixture(scope="module")
def peers() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_peer_suites", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_cases_are_read_from_each_format(peers: ModuleType, tmp_path: Path) -> None:
    root = _write(tmp_path / "peer", {
        "tests/test_hub.py": HUB_TABLE, "tests/test_rivals.py": COMPETITOR,
        "tests/test_scan.py": SCANNER, "pkg/scanners.py": PACKAGE,
    })  # fmt: skip
    cases = sorted(peers.extract(root), key=lambda c: c.source)
    banned, rivals = ("Zorvakel", "Quenlor"), ("Trelvix", "Omnatek")
    ban, rival = peers.Kind.BANNED_TERM, peers.Kind.COMPETITOR
    assert [(c.source, c.terms, c.kind, c.text, c.flagged, c.semantics) for c in cases] == [
        ("tests/test_hub.py:6", banned, ban, "Die Lieferung kommt morgen.", False, ""),
        ("tests/test_hub.py:7", banned, ban, "Zorvakel kommt im Mai.", True, ""),
        ("tests/test_hub.py:8", banned, ban, "Zorvakl kommt im Mai.", True, "edit distance 1"),
        ("tests/test_rivals.py:11", rivals, rival, "Unser Akku hält länger.", False, ""),
        ("tests/test_rivals.py:12", rivals, rival, "Bei Omnatek kostet er mehr.", True, ""),
        ("tests/test_rivals.py:16", rivals, rival, "Trelvix bietet das auch an.", True, ""),
        ("tests/test_rivals.py:18", rivals, rival, "Wir liefern in zwei Tagen.", False, ""),
        ("tests/test_scan.py:7", banned, ban, "Zorvakel und Quenlor sind intern.", True, "all terms present"),
    ]  # an assertion of no known form (the length check) gives no case: nothing is guessed


def test_safe_reply_judges_each_case_with_its_own_terms(peers: ModuleType, tmp_path: Path) -> None:
    engine = peers.SafeReply(tmp_path)
    case = peers.PeerCase("s", "t.py:1", ("Trelvix",), peers.Kind.COMPETITOR, "Bei Trelvix kostet er mehr.", True)
    hit = engine.judge(case)
    assert (hit.flagged, hit.error, hit.detail) == (True, False, "'Trelvix' literal/-")
    clean = engine.judge(peers.PeerCase("s", "t.py:2", ("Trelvix",), peers.Kind.COMPETITOR, "Er kostet mehr.", False))
    assert (clean.flagged, clean.error, clean.detail) == (False, False, "")
    unloadable = engine.judge(peers.PeerCase("s", "t.py:3", ("@#$",), peers.Kind.BANNED_TERM, "a@#$b", True))
    assert (unloadable.flagged, unloadable.error) == (False, True)
    assert unloadable.detail.startswith("config error: ")
    assert len(engine.policies) == 2  # one policy per term list, reused


def test_history_reads_every_version_once(peers: ModuleType, tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = _write(tmp_path / "peer", {"tests/test_rivals.py": COMPETITOR})

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", "empty")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "v1")
    _write(root, {"tests/test_rivals.py": COMPETITOR.replace("Unser Akku hält länger.", "Er lädt schnell.")})
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-am", "v2")
    texts = sorted(c.text for c in peers.extract(root, history=True))
    assert texts == sorted([
        "Er lädt schnell.", "Unser Akku hält länger.", "Bei Omnatek kostet er mehr.", "Trelvix bietet das auch an.",
        "Wir liefern in zwei Tagen.",
    ])  # fmt: skip
    assert sorted(c.text for c in peers.extract(root)) == sorted(
        ["Er lädt schnell.", "Bei Omnatek kostet er mehr.", "Trelvix bietet das auch an.", "Wir liefern in zwei Tagen."]
    )
