"""The door of the service, before any routing or JSON parsing: API key (401) and body size (413).

A pure ASGI middleware rather than a FastAPI dependency, for two reasons: FastAPI reads and parses the
body before dependencies run, so a caller without a key would learn about JSON errors first and an
oversized body would be read whole; and a plain ASGI layer costs microseconds per request.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from typing import Any

from safe_reply.serve.metrics import Metrics
from safe_reply.serve.state import Served

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[Message], Any]
ASGIApp = Callable[[Scope, Receive, Send], Any]

# Paths anyone may call: probes, the scrape and the schema. They carry no reply text.
OPEN_PATHS = frozenset({"/healthz", "/readyz", "/metrics", "/openapi.json"})
API_KEY_HEADER = b"x-api-key"
BEARER = "bearer "
REFUSED = "safe_reply.refused"  # scope key: the gate has already answered this request
STARTED = "safe_reply.started"  # scope key: perf_counter() when the request reached the gate


class _TooLarge(Exception):
    pass


def problem_body(error: str, fix: str, problems: list[str] | None = None) -> bytes:
    return json.dumps({"error": error, "fix": fix, "problems": problems or []}, ensure_ascii=False).encode()


async def send_problem(send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    head = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *(headers or [])]
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": body})


def presented_key(headers: list[tuple[bytes, bytes]]) -> str | None:
    """The key from `X-API-Key: KEY` or `Authorization: Bearer KEY`."""
    for name, value in headers:
        if name == API_KEY_HEADER:
            return value.decode("latin-1").strip()
        if name == b"authorization":
            text = value.decode("latin-1")
            if text[: len(BEARER)].lower() == BEARER:
                return text[len(BEARER) :].strip()
    return None


class Gate:
    def __init__(self, app: ASGIApp, served: Callable[[], Served | None], metrics: Metrics) -> None:
        self.app = app
        self.served = served
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope[STARTED] = time.perf_counter()  # for Server-Timing: the service's own time per request
        if scope["type"] != "http" or scope["path"] in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        served = self.served()
        if served is None:
            await send_problem(send, 503, problem_body("no policy loaded", "start the service with safe-reply serve"))
            return
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        key = presented_key(headers)
        if key is None or not served.accepts(key):
            self.metrics.rejected.labels("401").inc()
            why = "no API key" if key is None else "unknown API key"
            fix = "send the key as 'X-API-Key: KEY' or 'Authorization: Bearer KEY'"
            await send_problem(send, 401, problem_body(why, fix), [(b"www-authenticate", b"Bearer")])
            return
        limit = served.policy.serve.max_body_bytes
        declared = next((value for name, value in headers if name == b"content-length"), None)
        if declared is not None and not declared.isdigit():
            self.metrics.rejected.labels("400").inc()
            await send_problem(send, 400, problem_body("invalid Content-Length", "send the body's length in bytes"))
            return
        if declared is not None and int(declared) > limit:
            await self._too_large(send, limit)
            return
        await self._limited(scope, receive, send, limit)

    async def _limited(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        """Count the body as it arrives (chunked requests declare no length) and stop past the limit.

        The 413 is sent from here the moment the limit is passed; the app then sees an error while reading
        (FastAPI turns it into a 400 of its own), and whatever it sends afterwards is dropped.
        """
        received = 0
        started = False
        refused = False

        async def counting_receive() -> Message:
            nonlocal received, refused
            message: Message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    if not started and not refused:
                        refused = True
                        scope[REFUSED] = True  # the app's own error answer to this is dropped, not counted
                        await self._too_large(send, limit)
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        # Answered with 413 above (or the response had begun: nothing more to say).
        with contextlib.suppress(_TooLarge):
            await self.app(scope, counting_receive, tracking_send)

    async def _too_large(self, send: Send, limit: int) -> None:
        self.metrics.rejected.labels("413").inc()
        body = problem_body(
            f"request body larger than {limit} bytes",
            "send fewer or shorter replies per request, or raise serve.max_body_bytes in defaults.yaml",
        )
        await send_problem(send, 413, body, [(b"connection", b"close")])
