"""`safe-reply serve`: the HTTP service (see safe_reply.serve)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from safe_reply.cli.common import config_errors_exit, fail
from safe_reply.errors import ConfigError, ConfigErrors, SafeReplyError

EXTRA_MODULES = ("fastapi", "uvicorn", "starlette", "prometheus_client")
EXTRA_MISSING = "the HTTP service needs its extra. Fix: pip install 'safe-reply[serve]'"


def serve(
    config: Annotated[
        Path, typer.Option("--config", "-c", help="Config folder (defaults.yaml, product_lines/).")
    ] = Path("config"),
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="TCP port.")] = 8080,
    access_log: Annotated[bool, typer.Option("--access-log/--no-access-log", help="One line per request.")] = False,
    log_level: Annotated[str, typer.Option(help="uvicorn log level: critical, error, warning, info, debug.")] = "info",
    openapi: Annotated[
        bool, typer.Option("--openapi", help="Print the OpenAPI document (docs/openapi.json) and exit.")
    ] = False,
) -> None:
    """Serve the policy over HTTP: POST /v1/check, /v1/check/batch, /v1/reload; /healthz, /readyz, /metrics.

    API keys: the environment variable named by serve.api_keys_env (default SAFE_REPLY_API_KEYS,
    comma-separated) and/or serve.api_key_sha256 in defaults.yaml; without any key the service does
    not start. `kill -HUP PID` or POST /v1/reload loads the config again; a broken config keeps the old
    policy. Example: `SAFE_REPLY_API_KEYS=s3cret safe-reply serve -c config --port 8080`.
    """
    try:
        from safe_reply.serve import PolicyHolder, openapi_json, run
    except ImportError as exc:
        if (exc.name or "").split(".")[0] in EXTRA_MODULES:
            fail(EXTRA_MISSING)
        raise
    if openapi:
        sys.stdout.write(openapi_json())
        return
    with config_errors_exit(config):
        try:
            holder = PolicyHolder(config)
        except (ConfigError, ConfigErrors):
            raise  # printed with file, key and fix by config_errors_exit
        except SafeReplyError as exc:  # no API key; a log that cannot be opened (e.g. its DSN not set)
            fail(str(exc))
    run(holder, host, port, access_log=access_log, log_level=log_level)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
