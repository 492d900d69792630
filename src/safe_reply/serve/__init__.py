"""`safe-reply serve`: safe_reply as an HTTP service for bots in any language (FastAPI on uvicorn).

    holder = PolicyHolder(Path("config"))      # loads the policy; API keys from config or environment
    app = create_app(holder)                   # POST /v1/check, /v1/check/batch, /v1/reload; probes; /metrics
    run(holder, host="127.0.0.1", port=8080)   # uvicorn; SIGHUP reloads the policy

Needs the `serve` extra (`pip install 'safe-reply[serve]'`); `import safe_reply` never imports it.
"""

from __future__ import annotations

import json
from typing import Any

from safe_reply.serve.app import create_app
from safe_reply.serve.state import NoApiKey, PolicyHolder, ReloadResult, Served

__all__ = ["NoApiKey", "PolicyHolder", "ReloadResult", "Served", "create_app", "openapi_json", "run"]


def openapi_json() -> str:
    """The OpenAPI document (the same as GET /openapi.json), as committed in docs/openapi.json."""
    schema: dict[str, Any] = create_app(None).openapi()
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def run(holder: PolicyHolder, host: str, port: int, *, access_log: bool = False, log_level: str = "info") -> None:
    import uvicorn

    uvicorn.run(
        create_app(holder),
        host=host,
        port=port,
        access_log=access_log,
        log_level=log_level,
        server_header=False,
        timeout_graceful_shutdown=10,
    )
