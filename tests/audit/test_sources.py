"""Partitions and readers: cuts at line and record ends, row numbers, a file changed under the audit."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from audit.auditdata import REPO
from safe_reply.audit import sources, tasks
from safe_reply.audit.findings import FindingsFormat
from safe_reply.audit.sources import Columns, Format, Partition, plan, read_partition
from safe_reply.errors import SafeReplyError


def test_jsonl_is_cut_at_line_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"conversation_id": f"c{i}", "role": "bot", "text": "x" * i}) for i in range(40)]
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(sources, "JSONL_CHUNK_BYTES", 300)
    parts = plan([path])
    data = path.read_bytes()
    assert parts[0].start == 0
    assert parts[-1].stop == len(data)
    assert all(a.stop == b.start for a, b in itertools.pairwise(parts))
    assert all(data[p.start - 1 : p.start] == b"\n" for p in parts[1:])
    indexed = [index for part in parts for index in tasks.index_partition(part, Columns())]
    assert sum(i.records for i in indexed) == 40
    assert [c for i in indexed for c in i.conversations] == [f"c{i}" for i in range(40)]


def test_csv_is_cut_at_record_ends_even_inside_quotes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.csv"
    rows = ["conversation_id,role,text"]
    rows += [f'c{i},bot,"zeile {i}\nmit Umbruch und \u2028 Trenner, Komma"' for i in range(9)]
    path.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))  # BOM and CRLF, as Excel writes
    monkeypatch.setattr(tasks, "CSV_CHUNK_RECORDS", 4)
    (unit,) = plan([path])
    indexed = tasks.index_partition(unit, Columns())
    assert [(i.partition.first_row, i.records) for i in indexed] == [(1, 4), (5, 4), (9, 1)]
    texts = [r.text for i in indexed for r in read_partition(i.partition, Columns())]
    assert texts == [f"zeile {i}\nmit Umbruch und \u2028 Trenner, Komma" for i in range(9)]
    assert [r.row for r in read_partition(indexed[1].partition, Columns())] == [5, 6, 7, 8]


def test_a_file_changed_after_indexing_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"conversation_id": "c", "role": "bot", "text": "Hallo"}) + "\n", encoding="utf-8")
    part = Partition(0, str(path), Format.JSONL, 0, path.stat().st_size)
    task = tasks.EvalTask(
        part,
        np.array([1, 2], np.int32),  # indexed with two bot replies; the file now holds one
        Columns(),
        str(REPO / "config"),
        tasks.config_digest(REPO / "config"),
        "ebike",
        str(tmp_path / "parts"),
        FindingsFormat.JSONL,
        record=False,
    )
    with pytest.raises(SafeReplyError, match=r"the file changed while the audit ran \(1 bot replies in a part"):
        tasks.evaluate_partition(task)


def test_unknown_suffix_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "t.xlsx").write_bytes(b"")
    with pytest.raises(sources.AuditError, match=r"unknown transcript format '.xlsx'. Fix: use .jsonl"):
        plan([tmp_path / "t.xlsx"])
    with pytest.raises(sources.AuditError, match="no such file"):
        plan([tmp_path / "none.csv"])
