"""The review CLI of issue 18: history, did-you-mean filters, finding numbers, time order, exports, report."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

from log.logdata import SECRET_REPLY, claim_finding, decision, secret_finding
from safe_reply.cli import log_cmd, report_cmd, review_cmd
from safe_reply.log import Spool, build_record, open_store
from safe_reply.types import Context, Span

KEY = b"cli-key"
CLAIM_REPLY = "=HYPERLINK(1) Wir geben lebenslange Garantie auf den Akku."


@pytest.fixture
def app() -> typer.Typer:
    application = typer.Typer()
    for module in (log_cmd, review_cmd, report_cmd):
        module.register(application)
    return application


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SAFE_REPLY_LOG_KEY", KEY.decode())
    path = tmp_path / "log.sqlite3"
    store = open_store(path)
    for day, made in (
        (3, decision(SECRET_REPLY, (secret_finding(),))),
        (4, decision(CLAIM_REPLY, (claim_finding(Span(24, 44)), claim_finding(Span(0, 13), "claims.de/superlative")))),
    ):
        when = datetime(2025, 3, day, 9, 30, tzinfo=UTC)
        store.write(build_record(made, Context(conversation_id="c", turn=1), 0.002, KEY, when))
    store.close()
    return path


def invoke(app: typer.Typer, db: Path, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, [*args, "--store", str(db)])
    assert result.exit_code == code, result.output
    return result.output


def test_history_shows_who_labelled_what_and_keeps_the_old_value(app: typer.Typer, db: Path) -> None:
    invoke(
        app, db, "log", "label", "2", "false_positive", "--finding", "1", "--note", "freigegeben", "--reviewer", "anna"
    )
    invoke(app, db, "log", "label", "2", "confirmed", "--finding", "1", "--reviewer", "ben")
    lines = invoke(app, db, "log", "history", "2").splitlines()
    assert lines[0] == "Record 2  2025-03-04 09:30 UTC  product line ebike"
    assert lines[1].split() == ["TIME", "(UTC)", "REVIEWER", "EVENT", "FINDING", "VALUE", "PREVIOUS", "NOTE"]
    assert [line.split()[2:] for line in lines[2:]] == [
        ["anna", "label", "1", "claims.de/guarantee-absolute", "false_positive", "-", "freigegeben"],
        ["ben", "label", "1", "claims.de/guarantee-absolute", "confirmed", "false_positive", "(freigegeben)"],
    ]
    assert invoke(app, db, "log", "history", "1").splitlines()[1] == "no labels, reveals or proposals yet"


def test_finding_numbers_count_from_one_everywhere(app: typer.Typer, db: Path) -> None:
    out = CliRunner().invoke(app, ["log", "label", "2", "confirmed", "--finding", "9", "--store", str(db)])
    assert out.exit_code == 1
    assert (
        "record 2 has no finding 9 (it has 2, numbered from 1 as in `log show`). Fix: pass --finding between 1 and 2"
        in " ".join(out.output.split())
    )
    zero = CliRunner().invoke(app, ["log", "label", "2", "confirmed", "--finding", "0", "--store", str(db)])
    assert zero.exit_code == 2
    labelled = invoke(app, db, "log", "label", "2", "confirmed", "--finding", "2")
    assert labelled == "record 2: 1 finding(s) labelled confirmed\n"
    assert "[2] claims.de/superlative" in invoke(app, db, "log", "show", "2")
    assert "label: confirmed" in invoke(app, db, "log", "show", "2").split("[2] claims.de/superlative")[1]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--rule", "claims.de/guarantee-absolut", "unknown --rule 'claims.de/guarantee-absolut' (did you mean "
         "'claims.de/guarantee-absolute'?)"),
        ("--product-line", "ebkie", "unknown --product-line 'ebkie' (did you mean 'ebike'?)"),
        ("--category", "trade_secrets", "unknown --category 'trade_secrets' (did you mean 'trade_secret'?)"),
        ("--action", "blocked", "unknown --action 'blocked' (did you mean 'block'?)"),
    ],
)  # fmt: skip
def test_unknown_filter_values_are_errors_with_did_you_mean(
    app: typer.Typer, db: Path, option: str, value: str, message: str
) -> None:
    for command in (["log", "list"], ["log", "export"], ["review"]):
        result = CliRunner().invoke(app, [*command, option, value, "--store", str(db)])
        assert result.exit_code == 2, result.output
        assert message in " ".join(result.output.split())


def test_known_values_that_match_nothing_give_an_empty_list(app: typer.Typer, db: Path) -> None:
    # A shipped rule that never fired is a real answer ("none"), not a typo.
    assert invoke(app, db, "log", "list", "--rule", "claims.de/health").splitlines()[1:] == []


def test_records_stay_in_time_order_after_a_replay(app: typer.Typer, db: Path, tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool.jsonl")
    outage = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)  # between the two stored records
    spool.append(build_record(decision(SECRET_REPLY, (secret_finding(),)), Context(), 0.001, KEY, outage))
    invoke(app, db, "log", "replay", "--spool", str(spool.path))
    rows = [line.split()[:3] for line in invoke(app, db, "log", "list").splitlines()[1:]]
    assert rows == [["1", "2025-03-03", "09:30"], ["3", "2025-03-03", "12:00"], ["2", "2025-03-04", "09:30"]]
    exported = invoke(app, db, "log", "export").splitlines()
    assert [line.split('"id": ')[1].split(",")[0] for line in exported] == ["1", "3", "2"]


def test_csv_export_opens_in_german_excel(app: typer.Typer, db: Path, tmp_path: Path) -> None:
    invoke(app, db, "log", "label", "2", "false_positive", "--finding", "1", "--note", "ok", "--reviewer", "anna")
    out = tmp_path / "export.csv"
    invoke(app, db, "log", "export", "--format", "csv", "--out", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the umlauts right
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Datensatz / record", "Zeit (UTC) / time (UTC)", "Produktlinie / product line"]
    assert len(rows) == 4  # header + one row per finding (1 + 2)
    second = dict(zip(rows[0], rows[2], strict=True))
    assert second["Regel / rule"] == "claims.de/guarantee-absolute"
    assert second["Rechtsgrundlage / legal basis"] == "UWG §5 Abs. 1"
    assert second["Meldung (de)"] == "absolute Garantie ohne Grundlage"
    assert second["Message (en)"] == "absolute guarantee without basis"
    assert (second["Bewertung / label"], second["Prüfer / reviewer"], second["Notiz / note"]) == (
        "false_positive",
        "anna",
        "ok",
    )
    # A reply that starts like a formula stays text in a spreadsheet.
    assert second["Antwort (maskiert) / reply (masked)"] == "'" + CLAIM_REPLY
    assert "Orion" not in raw.decode("utf-8-sig")
    # stdout stays the default for text formats.
    assert invoke(app, db, "log", "export", "--format", "csv").startswith("\ufeffDatensatz / record;")


def test_xlsx_export_holds_messages_legal_basis_and_labels(app: typer.Typer, db: Path, tmp_path: Path) -> None:
    invoke(app, db, "log", "label", "1", "confirmed", "--reviewer", "anna")
    out = tmp_path / "export.xlsx"
    invoke(app, db, "log", "export", "--format", "xlsx", "--out", str(out))
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["Befunde - findings", "Präzision - precision"]
    rows = [list(row) for row in book["Befunde - findings"].iter_rows(values_only=True)]
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert (first["Datensatz / record"], first["Befund / finding"], first["Regel / rule"]) == (
        1,
        1,
        "trade_secrets.codename",
    )
    assert first["Rechtsgrundlage / legal basis"] == "GeschGehG §2"
    assert (first["Meldung (de)"], first["Message (en)"]) == ("interner Codename", "internal codename")
    assert (first["Bewertung / label"], first["Prüfer / reviewer"]) == ("confirmed", "anna")
    third = dict(zip(header, rows[3], strict=True))
    assert third["Antwort (maskiert) / reply (masked)"] == CLAIM_REPLY  # a string cell, not a formula
    precision = [list(row) for row in book["Präzision - precision"].iter_rows(values_only=True)]
    assert precision[1] == ["trade_secrets.codename", 1, 0, 1]
    assert not [cell for row in rows for cell in row if isinstance(cell, str) and "Orion" in cell]
    assert CliRunner().invoke(app, ["log", "export", "--format", "xlsx", "--store", str(db)]).exit_code == 2


def test_report_is_one_self_contained_html_file(app: typer.Typer, db: Path, tmp_path: Path) -> None:
    invoke(app, db, "log", "label", "2", "false_positive", "--finding", "1", "--reviewer", "anna")
    invoke(app, db, "log", "label", "2", "confirmed", "--finding", "2", "--reviewer", "anna")
    invoke(app, db, "log", "label", "1", "confirmed", "--reviewer", "ben")
    out = tmp_path / "report.html"
    said = invoke(app, db, "report", "--since", "2025-03-01", "--until", "2025-03-05", "--out", str(out))
    assert said == f"wrote the report for 2025-03-01 – 2025-03-05 to {out}\n"
    html = out.read_text(encoding="utf-8")
    assert "<style>" in html
    assert "<script" not in html
    assert not [ref for ref in ("src=", "href=", "@import", "url(") if ref in html]  # nothing loaded from elsewhere
    assert html.count("<svg") == 3  # rates over time, precision bars, precision over time
    assert "<tr><td>claims.de/guarantee-absolute</td><td>0</td><td>1</td><td>0.0 %</td></tr>" in html
    assert "<tr><td>trade_secrets.codename</td><td>1</td><td>0</td><td>100.0 %</td></tr>" in html
    assert "<tr><td>anna</td><td>1</td><td>1</td></tr>" in html
    assert "@media print" in html
    assert "Orion" not in html
