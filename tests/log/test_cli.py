"""The review CLI against a real SQLite log: exact rows, exact texts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from log.logdata import SECRET_REPLY, claim_finding, decision, secret_finding
from safe_reply.cli import log_cmd, review_cmd
from safe_reply.log import Label, RecordFilter, Spool, build_record, open_store, pseudonymise
from safe_reply.types import Action, Context, Span

KEY = b"cli-key"
CLAIM_REPLY = "Wir geben lebenslange Garantie auf den Akku."


@pytest.fixture
def app() -> typer.Typer:
    application = typer.Typer()
    application.command("noop")(lambda: None)  # a second command keeps `log` a sub-command
    log_cmd.register(application)
    review_cmd.register(application)
    return application


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SAFE_REPLY_LOG_KEY", KEY.decode())
    path = tmp_path / "log.sqlite3"
    store = open_store(path)
    made = [
        (1, decision(SECRET_REPLY, (secret_finding(),)), "conv-a"),
        (1, decision(CLAIM_REPLY, (claim_finding(Span(10, 30)),), Action.REWRITE, "Wir geben Garantie."), "conv-b"),
        (
            2,
            decision(
                CLAIM_REPLY,
                (claim_finding(Span(10, 30)),),
                Action.MONITOR,
                CLAIM_REPLY,
                "kitchen",
                intended=Action.REWRITE,
            ),
            "conv-a",
        ),
    ]
    for day, made_decision, conversation in made:
        when = datetime(2025, 3, day, 9, 30, tzinfo=UTC)
        store.write(build_record(made_decision, Context(conversation_id=conversation, turn=1), 0.002, KEY, when))
    store.add_counts({("2025-03-01", "ebike", "pass"): 8, ("2025-03-02", "kitchen", "pass"): 3})
    store.close()
    return path


def run(app: typer.Typer, db: Path, *args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(app, [*args, "--store", str(db)], input=input)
    assert result.exit_code == 0, result.output
    return result.output


def test_list_table(app: typer.Typer, db: Path) -> None:
    assert run(app, db, "log", "list").splitlines() == [
        "ID  TIME (UTC)        PRODUCT LINE  ACTION            RULES                         LABELS",
        "1   2025-03-01 09:30  ebike         block             trade_secrets.codename        -",
        "2   2025-03-01 09:30  ebike         rewrite           claims.de/guarantee-absolute  -",
        "3   2025-03-02 09:30  kitchen       monitor(rewrite)  claims.de/guarantee-absolute  -",
    ]


def test_list_filters_and_formats(app: typer.Typer, db: Path) -> None:
    rows = run(app, db, "log", "list", "--category", "unsupported_claim", "--since", "2025-03-02", "--format", "csv")
    assert rows.splitlines() == [
        "id,created_at,product_line,action,intended,categories,rules,labels,conversation_hash,original_masked,"
        "delivered_masked",
        f"3,2025-03-02T09:30:00.000000Z,kitchen,monitor,rewrite,unsupported_claim,claims.de/guarantee-absolute,-,"
        f"{pseudonymise(KEY, 'conv-a')},{CLAIM_REPLY},{CLAIM_REPLY}",
    ]
    lines = run(app, db, "log", "list", "--action", "block", "--format", "jsonl").splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert (data["id"], data["findings"][0]["rule_id"], data["findings"][0]["label"]) == (
        1,
        "trade_secrets.codename",
        None,
    )
    assert "Orion" not in lines[0]


def test_show_highlights_spans_and_never_the_term(app: typer.Typer, db: Path) -> None:
    out = run(app, db, "log", "show", "1")
    assert "Orion" not in out
    assert out.splitlines()[3:12] == [
        "Reply (protected terms masked):",
        "  Das Projekt »⟦codename:3f2a9c1d00aa11bb⟧«[1] startet 2026 mit dem Motor ⟦codename:3f2a9c1d00aa11bb⟧.",
        "",
        "Findings:",
        '  [1] trade_secrets.codename  trade_secret, high, span 12-39 "⟦codename:3f2a9c1d00aa11bb⟧"',
        "      legal basis: GeschGehG §2",
        "      interner Codename / internal codename",
        "",
        "Delivered:",
    ]


def test_label_then_stats_shows_precision_and_suggestions(app: typer.Typer, db: Path) -> None:
    assert run(app, db, "log", "label", "1", "confirmed") == "record 1: 1 finding(s) labelled confirmed\n"
    run(app, db, "log", "label", "2", "false_positive", "--note", "freigegeben")
    out = run(app, db, "log", "stats")
    assert out.splitlines()[:4] == [
        "Records: 3 (block 1, monitor 1, rewrite 1)",
        "",
        "By product line:",
        "PRODUCT LINE  RECORDS  BLOCKED  PASSES  BLOCK RATE",
    ]
    assert "ebike         2        1        8       10.0%" in out.splitlines()
    assert "kitchen       1        0        3       0.0%" in out.splitlines()
    assert "claims.de/guarantee-absolute  0          1           0.0%" in out.splitlines()
    assert "trade_secrets.codename        1          0           100.0%" in out.splitlines()
    assert (
        '  claims.de/guarantee-absolute: "lebenslange Garantie" is true: add it to approved_claims in '
        "product_lines/ebike.yaml" in out.splitlines()
    )


def test_unknown_record_is_a_clear_error(app: typer.Typer, db: Path) -> None:
    result = CliRunner().invoke(app, ["log", "show", "99", "--store", str(db)])
    assert result.exit_code == 1
    assert "no log record with id 99. Fix: pick an id from `safe-reply log list`" in result.output


def test_review_loop_takes_one_key_per_finding(app: typer.Typer, db: Path) -> None:
    # finding 1: skip; 2: a note, then false positive; back to 2 and confirm instead; 3: quit. One key each.
    out = run(app, db, "review", "--reviewer", "anna", input="snkein Versprechen\nfbcq")
    assert "--- finding 1 of 3 (record 1, finding 1) ---" in out
    assert out.count("--- finding 2 of 3 (record 2, finding 1) ---") == 3  # shown, after the note, after back
    assert out.rstrip().endswith("labelled 1 confirmed, 0 false positive(s)")
    store = open_store(db)
    try:
        labels = {s.id: s.labels for s in store.query(RecordFilter())}
        history = store.history(2)
    finally:
        store.close()
    assert labels[1] == {}
    assert (labels[2][0].label, labels[2][0].note, labels[2][0].reviewer) == (Label.CONFIRMED, None, "anna")
    assert labels[3] == {}
    assert [(e.value, e.previous, e.note, e.previous_note, e.reviewer) for e in history] == [
        ("false_positive", None, "kein Versprechen", None, "anna"),
        ("confirmed", "false_positive", None, "kein Versprechen", "anna"),
    ]


def test_purge_by_age_and_by_conversation(app: typer.Typer, db: Path) -> None:
    assert run(app, db, "log", "purge", "--conversation", "conv-a") == "deleted 2 record(s) of the conversation\n"
    assert run(app, db, "log", "purge", "--older-than", "1d") == "purged 1 record(s) older than 1d\n"


def test_replay_moves_spooled_records(app: typer.Typer, db: Path, tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool.jsonl")
    record = build_record(decision(SECRET_REPLY, (secret_finding(),)), Context(), 0.001, KEY, datetime.now(UTC))
    spool.append(record)
    spool.append(record)  # the same record twice (a retried append): stored once
    out = run(app, db, "log", "replay", "--spool", str(spool.path))
    assert out == "replayed 2 record(s): 1 new\n"
    assert spool.pending() == 0
    assert run(app, db, "log", "list", "--format", "jsonl").count(record.record_uuid) == 1


def test_reading_a_log_that_does_not_exist_is_a_clear_error(app: typer.Typer, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.sqlite3"
    result = CliRunner().invoke(app, ["log", "list", "--store", str(missing)])
    assert result.exit_code == 2
    assert f"no log at {missing} yet (--store). Fix: run the guarded bot first, or pass --store PATH" in result.output
    assert not missing.exists()
