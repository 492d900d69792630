"""scripts/start-postgres.sh prints what the tests need and what the log itself reads.

The tests read SAFE_REPLY_TEST_PG_DSN; a `backend: postgres` log reads SAFE_REPLY_PG_DSN (its
`dsn_env`). The script used to print only the first, so a bot started in the same shell had no log.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from log.logdata import NO_PG, PG_CTL_ENV, PG_DSN_ENV, skip_without_server
from safe_reply.config_models import LogSettings

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "start-postgres.sh"


def test_start_prints_the_dsn_for_the_tests_and_for_the_log() -> None:
    dsn, ctl = os.environ.get(PG_DSN_ENV), os.environ.get(PG_CTL_ENV)
    if not dsn or not ctl:
        skip_without_server(f"{NO_PG}; and {PG_CTL_ENV}")
    folder = shlex.split(ctl)[-1]  # `bash SCRIPT ctl DIR`
    # The server runs already: `start` on its folder only prints the exports again.
    done = subprocess.run(
        ["bash", str(SCRIPT), "start", folder], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.splitlines() == [
        f"export {PG_DSN_ENV}={dsn}",
        f"export {LogSettings().dsn_env}={dsn}",
        f"export {PG_CTL_ENV}='bash {SCRIPT} ctl {folder}'",
    ]
    exports = f"$(bash {shlex.quote(str(SCRIPT))} start {shlex.quote(folder)})"
    evaluated = subprocess.run(
        ["bash", "-c", f'eval "{exports}"; echo "$SAFE_REPLY_PG_DSN"'],
        capture_output=True, text=True, timeout=60, check=True, env={"PATH": os.environ["PATH"]},
    )  # fmt: skip
    assert evaluated.stdout == f"{dsn}\n"
