"""The PostgreSQL fixture of the log tests (a schema per test, fail instead of skip under SAFE_REPLY_REQUIRE_PG)."""

from log.conftest import pg_dsn

__all__ = ["pg_dsn"]
