"""The audit on a Dask cluster the test starts (2 worker processes on loopback): same findings as locally."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from distributed import LocalCluster
from typer.testing import CliRunner

from audit.auditdata import CLAIM, HELLO, HUMAN, REPO, read_jsonl, write
from safe_reply.audit import AuditError, EngineKind, open_engine, sources
from safe_reply.audit.engines import DaskCluster
from safe_reply.cli import _register, app

_register()
runner = CliRunner()
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        yield str(cluster.scheduler_address)


def test_dask_cluster_gives_the_local_result(tmp_path: Path, scheduler: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    texts = (HELLO, CLAIM, HELLO, HUMAN)
    messages = [(f"d{i // 5}", i % 5 + 1, "assistant", texts[i % 4], "ebike") for i in range(300)]
    source = write(tmp_path / "t.parquet", messages)  # row groups of 3 rows
    monkeypatch.setattr(sources, "PARQUET_CHUNK_ROWS", 30)  # the coordinator plans: 10 partitions
    local = runner.invoke(app, ["audit", "-c", str(REPO / "config"), str(source), "--out", "local.parquet"])
    on_dask = ["--engine", "dask", "--scheduler", scheduler]
    dask = runner.invoke(app, ["audit", "-c", str(REPO / "config"), str(source), "--out", "dask.parquet", *on_dask])
    assert dask.exit_code == local.exit_code == 1, dask.output
    assert "bot replies in 1 file(s), 10 partition(s)" in dask.output
    assert f"engine: dask at {scheduler}, 2 workers" in dask.output
    assert pq.read_table(tmp_path / "dask.parquet").equals(pq.read_table(tmp_path / "local.parquet"))
    assert not (tmp_path / "dask.parquet.parts").exists()  # the per-partition parts were joined and removed
    runner.invoke(app, ["audit", "-c", str(REPO / "config"), str(source), "--out", "d.jsonl", *on_dask])
    first = read_jsonl(tmp_path / "d.jsonl")[0]
    assert (first["row"], first["conversation_id"], first["turn"], first["action"]) == (1, "d0", 1, "rewrite")


def test_unreachable_scheduler_is_a_clear_error() -> None:
    with pytest.raises(AuditError, match=r"cannot reach the Dask scheduler at tcp://127.0.0.1:9 .*Fix: start it"):
        DaskCluster("tcp://127.0.0.1:9", timeout_s=1.0)
    with pytest.raises(AuditError, match="--engine dask needs --scheduler ADDRESS"):
        open_engine(EngineKind.DASK, 1, None)
