"""Exports a compliance officer opens in a spreadsheet: one row per finding, with its messages, legal
basis, label, reviewer and note.

- CSV for German Excel: UTF-8 with a byte order mark (without it Excel reads the umlauts as cp1252),
  `;` as separator (Excel uses the list separator of the locale, which is `;` in German), CRLF lines.
- xlsx through openpyxl: the same rows on a first sheet, precision per rule on a second.

Texts are the stored, masked ones: a protected term can never appear here. A cell that begins with
`=`, `+`, `-` or `@` would be run as a formula by a spreadsheet (a bot reply is text a customer can
steer): in CSV it gets a leading apostrophe, in xlsx it is written as a string cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from safe_reply.log.records import Stats, StoredRecord

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FINDING_COLUMNS = (
    "Datensatz / record", "Zeit (UTC) / time (UTC)", "Produktlinie / product line", "Aktion / action",
    "Im Enforce-Modus / in enforce mode", "Sprache / language", "Richtlinie / policy hash", "Befund / finding",
    "Regel / rule", "Kategorie / category", "Schwere / severity", "Rechtsgrundlage / legal basis",
    "Meldung (de)", "Message (en)", "Markierter Text (maskiert) / flagged text (masked)", "Bewertung / label",
    "Prüfer / reviewer", "Bewertet am / labelled at", "Notiz / note", "Ausgeliefert (maskiert) / delivered (masked)",
    "Antwort (maskiert) / reply (masked)", "Gespräch (Pseudonym) / conversation (pseudonym)",
)  # fmt: skip
PRECISION_COLUMNS = ("Regel / rule", "Bestätigt / confirmed", "Fehlalarm / false positive", "Präzision / precision")


def finding_rows(records: Iterable[StoredRecord]) -> Iterator[tuple[object, ...]]:
    """One row per finding (a record without findings still gets one row), in FINDING_COLUMNS order."""
    for stored in records:
        r = stored.record
        head = (stored.id, r.created_at, r.product_line, r.action, r.intended, r.language or "", r.policy_hash)
        tail = (r.delivered_masked, r.original_masked, r.conversation_hash or "")
        if not r.findings:
            yield (*head, *([""] * 12), *tail)
            continue
        for index, f in enumerate(r.findings):
            label = stored.labels.get(index)
            flagged = "" if f.start is None or f.end is None else r.original_masked[f.start : f.end]
            yield (
                *head,
                index + 1,
                f.rule_id,
                f.category,
                f.severity,
                f.legal_basis or "",
                f.message_in("de"),
                f.message_in("en"),
                flagged,
                label.label.value if label else "",
                (label.reviewer or "") if label else "",
                label.labelled_at if label else "",
                (label.note or "") if label else "",
                *tail,
            )


def _defused(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def excel_csv(records: Iterable[StoredRecord]) -> Iterator[str]:
    """The CSV text in chunks (the BOM first), ready to write to a file or stdout."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")

    def take() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return text

    writer.writerow(FINDING_COLUMNS)
    yield BOM + take()
    for row in finding_rows(records):
        writer.writerow([_defused(v) for v in row])
        yield take()


def precision_rows(stats: Stats) -> list[tuple[str, int, int, float | None]]:
    return [(rule, c, fp, c / (c + fp) if c + fp else None) for rule, c, fp in stats.labels_by_rule]


def write_xlsx(path: Path, records: Iterable[StoredRecord], stats: Stats) -> int:
    """Write the workbook; returns the number of finding rows. Streams (openpyxl's write-only mode)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    book = Workbook(write_only=True)
    sheet: WriteOnlyWorksheet = book.create_sheet("Befunde - findings")
    precision_sheet: WriteOnlyWorksheet = book.create_sheet("Präzision - precision")

    def cells(target: WriteOnlyWorksheet, values: Sequence[object]) -> list[WriteOnlyCell]:
        out = []
        for value in values:
            if isinstance(value, str):
                cell = WriteOnlyCell(target, value=ILLEGAL_CHARACTERS_RE.sub("", value))
                cell.data_type = "s"  # never a formula, whatever the text starts with
            else:
                cell = WriteOnlyCell(target, value=value)
            out.append(cell)
        return out

    sheet.freeze_panes = "A2"
    sheet.append(cells(sheet, FINDING_COLUMNS))
    count = 0
    for row in finding_rows(records):
        sheet.append(cells(sheet, row))
        count += 1
    precision_sheet.append(cells(precision_sheet, PRECISION_COLUMNS))
    for rule, confirmed, false_pos, precision in precision_rows(stats):
        precision_sheet.append(cells(precision_sheet, (rule, confirmed, false_pos, precision)))
    book.save(path)
    return count
