"""Fixtures for the log tests: a store per backend (SQLite always, PostgreSQL when a server is given).

PostgreSQL tests need SAFE_REPLY_TEST_PG_DSN (see scripts/start-postgres.sh); each test gets its own
schema so tests never see each other's rows. The restart test also needs SAFE_REPLY_TEST_PG_CTL, a
command to which `stop` or `start` is appended.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from log.logdata import NO_PG, PG_DSN_ENV, skip_without_server
from safe_reply.log import SqlLogStore, open_store


@pytest.fixture
def pg_dsn() -> Iterator[str]:
    base = os.environ.get(PG_DSN_ENV)
    if not base:
        skip_without_server(NO_PG)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a store lives: a SQLite path or a PostgreSQL DSN (same tests for both)."""
    if request.param == "sqlite":
        return str(tmp_path / "log.sqlite3")
    return str(request.getfixturevalue("pg_dsn"))


@pytest.fixture
def store(store_target: str) -> Iterator[SqlLogStore]:
    opened = open_store(store_target)
    yield opened
    opened.close()


@pytest.fixture
def open_target() -> Callable[[str], SqlLogStore]:
    return open_store
