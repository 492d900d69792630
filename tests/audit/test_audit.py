"""`safe-reply audit` end to end: formats, column mapping, turn-aware notice, outputs, summary, workers, log."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from audit.auditdata import CLAIM, FIELDS, HELLO, HUMAN, MESSAGES, NOTICE_HELLO, REPO, read_jsonl, write
from safe_reply.audit import sources
from safe_reply.cli import _register, app
from safe_reply.decision_json import decision_json
from safe_reply.loader import load_policy
from safe_reply.types import Context

_register()
runner = CliRunner()
ENV = {"SAFE_REPLY_LOG_KEY": "audit-tests-log-key-0123456789abcdef"}


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the policy's log paths are relative to the working directory
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)


def audit(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["audit", "-c", str(REPO / "config"), "--no-progress", *args])
    return result.exit_code, result.output


def expected(text: str, product_line: str, conversation: str, turn: int) -> dict[str, object]:
    decision = load_policy(REPO / "config").evaluate(text, Context(product_line, conversation, turn))
    return decision_json(decision)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_findings_per_flagged_reply_with_where_and_turn(tmp_path: Path, suffix: str) -> None:
    source = write(tmp_path / f"chats{suffix}")
    code, output = audit(str(source), "--out", "findings.jsonl")
    assert code == 1, output  # the false-human reply is blocked
    found = read_jsonl(tmp_path / "findings.jsonl")
    where = [(f["source"], f["row"], f["conversation_id"], f["turn"]) for f in found]
    assert where == [(str(source), 2, "c1", 2), (str(source), 4, "c1", 1), (str(source), 8, "c3", 1)]
    assert found[0] == {**where_of(found[0]), **expected(CLAIM, "ebike", "c1", 2)}
    assert found[1] == {**where_of(found[1]), **expected(HELLO, "ebike", "c1", 1)}
    assert found[2] == {**where_of(found[2]), **expected(HUMAN, "kitchen", "c3", 1)}
    # Turn-aware: the claim (turn 2 of c1) needs no notice; c2's replies pass (notice on its first one).
    assert [f["rule_id"] for f in found[0]["findings"]] == ["claims.de/guarantee-promise"]
    assert [f["rule_id"] for f in found[1]["findings"]] == ["disclosure/missing-notice"]
    assert found[2]["action"] == "block"
    assert "disclosure.de/false-human-real" in [f["rule_id"] for f in found[2]["findings"]]


def where_of(record: dict[str, object]) -> dict[str, object]:
    return {key: record[key] for key in ("source", "row", "conversation_id", "turn")}


def test_summary_is_written_and_printed(tmp_path: Path) -> None:
    source = write(tmp_path / "chats.jsonl")
    code, output = audit(str(source), "--out", "findings.jsonl")
    assert code == 1
    summary = (tmp_path / "findings.jsonl.summary.txt").read_text(encoding="utf-8")
    assert output.endswith(summary)
    lines = summary.splitlines()
    assert lines[0] == f"safe-reply audit: 5 bot replies in 1 file(s), 1 partition(s), policy {REPO / 'config'}"
    assert lines[1].startswith("engine: local, 1 worker (this process); ")
    assert lines[2] == f"findings: {tmp_path / 'findings.jsonl'} (jsonl), 3 replies with findings"
    table = lines[4:9]
    assert table == [
        "what enforce mode does  replies   share",
        "----------------------  -------  ------",
        "pass                          2  40.0 %",
        "rewrite                       2  40.0 %",
        "block                         1  20.0 %",
    ]
    assert lines[10:] == [
        "rule                            category            findings",
        "------------------------------  ------------------  --------",
        "disclosure/missing-notice       missing_disclosure         2",
        "claims.de/guarantee-promise     unsupported_claim          1",
        "disclosure.de/false-human-real  false_human                1",
    ]


def test_parquet_findings_one_row_per_finding(tmp_path: Path) -> None:
    source = write(tmp_path / "chats.parquet")
    audit(str(source), "--out", "findings.parquet")
    table = pq.read_table(tmp_path / "findings.parquet").to_pylist()
    first = table[0]
    assert {k: first[k] for k in ("row", "conversation_id", "turn", "rule_id", "span_start", "span_end", "action")} == {
        "row": 2,
        "conversation_id": "c1",
        "turn": 2,
        "rule_id": "claims.de/guarantee-promise",
        "span_start": 0,
        "span_end": 34,
        "action": "rewrite",
    }
    flagged = read_jsonl_equivalent(tmp_path, source)
    assert len(table) == sum(len(f["findings"]) for f in flagged)
    assert [(r["row"], r["rule_id"]) for r in table] == [
        (f["row"], finding["rule_id"]) for f in flagged for finding in f["findings"]
    ]


def read_jsonl_equivalent(tmp_path: Path, source: Path) -> list[dict[str, object]]:
    audit(str(source), "--out", "same.jsonl")
    return read_jsonl(tmp_path / "same.jsonl")


def test_column_mapping_and_bot_roles(tmp_path: Path) -> None:
    names = ("chat", "seq", "speaker", "message", "line")
    renamed = [(c, t, "agent_ai" if r in ("assistant", "bot", "AI") else "human", x, p) for c, t, r, x, p in MESSAGES]
    source = write(tmp_path / "renamed.csv", renamed, names)
    mapping = ["--map", "conversation_id=chat", "--map", "turn=seq", "--map", "role=speaker", "--map", "text=message"]
    code, output = audit(
        str(source), "--out", "f.jsonl", *mapping, "--map", "product_line=line", "--bot-role", "agent_ai"
    )
    assert code == 1, output
    assert [(f["row"], f["turn"]) for f in read_jsonl(tmp_path / "f.jsonl")] == [(2, 2), (4, 1), (8, 1)]


def test_conversation_spread_over_files_is_numbered_as_one(tmp_path: Path) -> None:
    later = write(tmp_path / "later.jsonl", [("c9", 4, "assistant", HELLO, "ebike")])
    earlier = write(tmp_path / "earlier.parquet", [("c9", 2, "assistant", HELLO, "ebike")])
    code, _ = audit(str(later), str(earlier), "--out", "f.jsonl")
    assert code == 0
    assert [(f["source"], f["turn"]) for f in read_jsonl(tmp_path / "f.jsonl")] == [(str(earlier), 1)]


def test_partitions_split_files_without_changing_the_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def conversations(prefix: str) -> list[tuple[str, int, str, str, str]]:
        many = [
            (f"{prefix}{i // 3}", i % 3 + 1, "assistant", HELLO if i % 3 else NOTICE_HELLO, "ebike") for i in range(60)
        ]
        many[31] = (f"{prefix}10", 2, "assistant", f'Zeile "eins"\nzwei: {CLAIM}', "ebike")  # quoted newline in CSV
        return many

    jsonl, csv_file = write(tmp_path / "m.jsonl", conversations("j")), write(tmp_path / "m.csv", conversations("c"))
    audit(str(jsonl), str(csv_file), "--out", "whole.jsonl")
    monkeypatch.setattr(sources, "JSONL_CHUNK_BYTES", 500)
    monkeypatch.setattr("safe_reply.audit.tasks.CSV_CHUNK_RECORDS", 7)
    code, output = audit(str(jsonl), str(csv_file), "--out", "split.jsonl")
    assert code == 0, output
    assert int(output.split(" partition(s)")[0].rsplit(" ", 1)[1]) > 10
    whole, split = read_jsonl(tmp_path / "whole.jsonl"), read_jsonl(tmp_path / "split.jsonl")
    assert split == whole
    assert [(f["source"].rsplit("/", 1)[1], f["row"], f["turn"]) for f in split] == [
        ("m.jsonl", 32, 2),
        ("m.csv", 32, 2),
    ]


def test_nothing_is_recorded_unless_asked(tmp_path: Path) -> None:
    source = write(tmp_path / "chats.jsonl")
    audit(str(source), "--out", "f.jsonl")
    assert not (tmp_path / ".safe_reply").exists()
    code, _ = audit(str(source), "--out", "f.jsonl", "--record")
    assert code == 1
    listed = runner.invoke(app, ["log", "list", "--config", str(REPO / "config"), "--format", "jsonl"])
    assert [(r["action"], r["turn"]) for r in map_json(listed.output)] == [("rewrite", 2), ("rewrite", 1), ("block", 1)]


def map_json(output: str) -> list[dict[str, object]]:
    import json

    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


@pytest.mark.parametrize(
    ("messages", "args", "message"),
    [
        ([("c", 1, "assistant", HELLO, "ebike")], ["--map", "txt=x"], "--map txt=...: unknown field 'txt'"),
        ([("c", 1, "assistant", HELLO, "boat")], [], "the transcripts name a product line the policy does not know"),
        ([("c", "x1", "assistant", HELLO, "ebike")], [], "row 1: turn 'x1' is not a whole number"),
    ],
    ids=["bad-map", "product-line", "turn"],
)
def test_input_errors_name_the_fix(tmp_path: Path, messages: list, args: list[str], message: str) -> None:  # type: ignore[type-arg]
    source = write(tmp_path / "bad.jsonl", messages)
    code, output = audit(str(source), "--out", "f.jsonl", *args)
    assert code == 2
    assert message in " ".join(output.split())


def test_missing_column_is_named(tmp_path: Path) -> None:
    source = write(tmp_path / "bad.csv", [("c", 1, "assistant", HELLO)], ("conversation_id", "turn", "role", "body"))
    code, output = audit(str(source), "--out", "f.jsonl")
    assert code == 2
    assert f"{source}: no column 'text'. Fix: map the column that holds it, e.g. --map text=YOUR_COLUMN" in " ".join(
        output.split()
    )


@pytest.mark.slow
def test_two_workers_and_the_progress_bar(tmp_path: Path) -> None:
    many = [(f"w{i // 4}", i % 4 + 1, "assistant", CLAIM if i % 7 == 0 else HELLO, "ebike") for i in range(400)]
    source = write(tmp_path / "w.csv", many)
    audit(str(source), "--out", "one.parquet")
    command = [sys.executable, "-c", "from safe_reply.cli import main; main()", "audit", "-c", str(REPO / "config")]
    done = subprocess.run(
        [*command, str(source), "--out", "two.parquet", "--workers", "2"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**ENV, "PATH": "/usr/bin:/bin", "COLUMNS": "120"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "engine: local, 2 worker processes" in done.stdout
    assert pq.read_table(tmp_path / "two.parquet").equals(pq.read_table(tmp_path / "one.parquet"))
    bar = [line for line in done.stderr.splitlines() if line.startswith("checking")]
    assert bar, done.stderr
    assert "400/400" in bar[-1]
    assert "replies/s" in bar[-1]
    assert "ETA" in bar[-1]


def test_fields_are_the_documented_ones() -> None:
    assert sources.FIELDS[:5] == FIELDS
