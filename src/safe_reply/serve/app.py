"""The FastAPI application: check, batch, reload, probes, metrics; the schema at /openapi.json.

Per request: the gate checks key and size, FastAPI parses the body into CheckRequest, the snapshot's
policy decides (in the event loop: pure CPU, microseconds to a few milliseconds), and anything that
touches the log (the shared turn count, a blocked or rewritten reply's durable record) runs in a
worker thread so the loop keeps serving meanwhile. Every 4xx answer is a Problem: error, fix, problems.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import signal
import threading
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from safe_reply import __version__
from safe_reply.decision_json import decision_json
from safe_reply.errors import UnknownProductLine
from safe_reply.log import DisabledRecorder, LogUnavailable
from safe_reply.serve.gate import REFUSED, STARTED, Gate, problem_body
from safe_reply.serve.metrics import Metrics
from safe_reply.serve.models import (
    STORED,
    BatchOut,
    BatchRequest,
    CheckRequest,
    DecisionOut,
    Problem,
    ReadyOut,
    ReloadOut,
)
from safe_reply.serve.state import PolicyHolder, ReloadResult, Served
from safe_reply.types import Action, Context, Decision

JSON = "application/json"
REQUEST_EXAMPLE = '{"text": "...", "product_line": "ebike", "conversation_id": "c-42"}'
_REQUEST_FIX = (
    f"send a UTF-8 JSON object like {REQUEST_EXAMPLE} with Content-Type: application/json (see /openapi.json)"
)
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "No or unknown API key."},
    413: {"model": Problem, "description": "Body larger than serve.max_body_bytes."},
    422: {"model": Problem, "description": "Malformed JSON, a missing or wrong field, an unknown product line."},
    503: {"model": Problem, "description": "Neither the log nor its spool could record the decision."},
}


# Recent FastAPI versions trace every request with OpenTelemetry and export it when the environment
# names an OTLP endpoint (FASTAPI_OTEL_AUTO_CONFIGURE). Nothing about a reply may leave the machine, and
# the spans would cost time per request: switch all of it off where the option exists.
_NO_TELEMETRY: dict[str, Any] = (
    {
        "telemetry": {
            "tracing": False,
            "metrics": False,
            "logs": False,
            "operation_spans": False,
            "auto_configure": False,
        }
    }
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters
    else {}
)


def _json(payload: Any, status: int = 200) -> Response:
    return Response(json.dumps(payload, ensure_ascii=False).encode(), status, media_type=JSON)


def _timed(response: Response, request: Request, evaluate_s: float) -> Response:
    # Server-Timing (a standard header browsers and tools read): the policy's time and the service's
    # whole time from the gate to the answer, so a client can tell the check's own cost from the
    # service's and from the network's.
    total_s = time.perf_counter() - request.scope.get(STARTED, time.perf_counter())
    response.headers["server-timing"] = f"evaluate;dur={evaluate_s * 1000:.3f}, app;dur={total_s * 1000:.3f}"
    return response


def _problem(status: int, error: str, fix: str, problems: list[str] | None = None) -> Response:
    return Response(problem_body(error, fix, problems), status, media_type=JSON)


class _Refused(Exception):
    def __init__(self, status: int, error: str, fix: str) -> None:
        super().__init__(error)
        self.status, self.error, self.fix = status, error, fix


@dataclass(frozen=True)
class _Checked:
    decision: Decision
    ctx: Context
    evaluate_s: float


def _validation_problems(errors: Sequence[Any]) -> list[str]:
    problems = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ()) if part != "body"]
        if error.get("type") == "json_invalid":
            reason = error.get("ctx", {}).get("error", "not JSON")
            problems.append(f"body is not valid JSON at character {loc[0] if loc else 0}: {reason}")
        else:
            problems.append(f"{'.'.join(loc) or 'body'}: {error.get('msg', 'invalid')}")
    return problems


def _select_all(served: Served, items: Sequence[CheckRequest]) -> None:
    """Unknown product lines and 'stored' without a conversation fail before any turn is counted."""
    for index, item in enumerate(items):
        where = f"items[{index}]: " if len(items) > 1 else ""
        try:
            served.policy.select(item.product_line)
        except UnknownProductLine as exc:
            raise _Refused(422, f"{where}{exc}", "use a product line the policy defines") from None
        if item.turn == STORED and item.conversation_id is None:
            raise _Refused(422, f"{where}turn 'stored' needs a conversation_id", "send conversation_id, or a number")


def _turns(served: Served, items: Sequence[CheckRequest]) -> list[int | None]:
    """Each reply's turn; every reply with a conversation id is counted in the shared turn table."""
    turns: list[int | None] = []
    for item in items:
        counted = None if item.conversation_id is None else served.tracker.next_turn(item.conversation_id)
        turns.append(item.turn if isinstance(item.turn, int) else counted)
    return turns


def _evaluate(served: Served, item: CheckRequest, turn: int | None) -> _Checked:
    ctx = Context(item.product_line, item.conversation_id, turn, item.language, item.channel)
    started = time.perf_counter()
    decision = served.policy.evaluate(item.text, ctx)
    return _Checked(decision, ctx, time.perf_counter() - started)


def _record(served: Served, checked: Sequence[_Checked]) -> None:
    for one in checked:
        served.recorder.on_decision(one.decision, one.ctx, one.evaluate_s)


def _decision_out(checked: _Checked, item: CheckRequest) -> dict[str, Any]:
    return decision_json(checked.decision, item.id) | {"turn": checked.ctx.turn}


class _Service:
    """What the routes do, over the holder's current snapshot and this process's metrics."""

    def __init__(self, holder: PolicyHolder | None) -> None:
        self.holder = holder
        self.metrics = Metrics()
        if holder is not None:
            self.metrics.serving(holder.current.product_lines())
        self._pending: set[asyncio.Task[ReloadResult]] = set()

    def current(self) -> Served | None:
        return None if self.holder is None else self.holder.current

    def served(self) -> Served:
        served = self.current()
        if served is None:
            raise _Refused(503, "no policy loaded", "start the service with safe-reply serve")
        return served

    async def reload(self) -> ReloadResult:
        if self.holder is None:
            raise _Refused(503, "no policy loaded", "start the service with safe-reply serve")
        result = await asyncio.to_thread(self.holder.reload)  # loading compiles automata: seconds, off the loop
        self.metrics.reloads.labels("ok" if result.reloaded else "refused").inc()
        if result.reloaded:
            self.metrics.serving(result.product_lines)
        return result

    def reload_on_sighup(self) -> None:
        # Signals reach the main thread only (an app driven by a test client runs its loop elsewhere).
        if (
            self.holder is None
            or not hasattr(signal, "SIGHUP")
            or threading.current_thread() is not threading.main_thread()
        ):
            return
        loop = asyncio.get_running_loop()

        def on_sighup() -> None:
            task = loop.create_task(self.reload())
            self._pending.add(task)  # keep a reference until done (the loop holds tasks weakly)
            task.add_done_callback(self._pending.discard)

        loop.add_signal_handler(signal.SIGHUP, on_sighup)

    async def check_all(self, items: Sequence[CheckRequest]) -> tuple[list[dict[str, Any]], float]:
        """The answers, and the seconds spent in Policy.evaluate (for the Server-Timing header)."""
        served = self.served()
        _select_all(served, items)
        if any(item.conversation_id is not None for item in items):
            turns = await asyncio.to_thread(_turns, served, items)
        else:
            turns = [item.turn if isinstance(item.turn, int) else None for item in items]
        pairs = list(zip(items, turns, strict=True))
        if len(pairs) == 1:
            checked = [_evaluate(served, *pairs[0])]
        else:  # a batch may take seconds: evaluate it off the loop, so probes and other requests get answers
            checked = await asyncio.to_thread(lambda: [_evaluate(served, item, turn) for item, turn in pairs])
        for one in checked:
            self.metrics.observe(one.decision, one.evaluate_s)
        if isinstance(served.recorder, DisabledRecorder):
            pass  # no log: nothing to record, and no thread hop to pay for
        elif any(one.decision.action is not Action.PASS or one.decision.intended is not Action.PASS for one in checked):
            await asyncio.to_thread(_record, served, checked)  # durable writes: off the loop
        else:
            _record(served, checked)  # passes are only counted in memory
        answers = [_decision_out(one, item) for one, item in zip(checked, items, strict=True)]
        return answers, sum(one.evaluate_s for one in checked)

    async def batch(self, body: BatchRequest) -> tuple[list[dict[str, Any]], float]:
        limit = self.served().policy.serve.max_batch
        if len(body.items) > limit:
            raise _Refused(
                413,
                f"{len(body.items)} items, more than serve.max_batch ({limit})",
                "split the batch, or raise serve.max_batch in defaults.yaml",
            )
        return await self.check_all(body.items)

    async def readiness(self) -> tuple[bool, dict[str, Any]]:
        if self.holder is None:
            return False, {"ready": False, "product_lines": {}, "log": "no policy", "last_reload_error": []}
        log = await asyncio.to_thread(self.holder.log_status)
        ready = log in ("ok", "disabled")
        return ready, {
            "ready": ready,
            "product_lines": self.holder.current.product_lines(),
            "log": log,
            "last_reload_error": self.holder.last_reload_errors,
        }

    async def close(self) -> None:
        if self.holder is not None:
            await asyncio.to_thread(self.holder.close)


def create_app(holder: PolicyHolder | None) -> FastAPI:
    """The service over `holder`'s policy. `holder=None` builds it only for its OpenAPI schema."""
    service = _Service(holder)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        service.reload_on_sighup()
        yield
        await service.close()

    app = FastAPI(
        title="safe_reply",
        version=__version__,
        summary="Compliance firewall for customer-service chatbots, as an HTTP service.",
        description=(
            "Send every bot reply to `POST /v1/check` before it reaches the customer and deliver the answer's "
            "`delivered` text. Authenticate with `X-API-Key: KEY` or `Authorization: Bearer KEY`."
        ),
        lifespan=lifespan,
        **_NO_TELEMETRY,
        docs_url=None,  # the interactive pages load scripts from a CDN: nothing leaves the machine
        redoc_url=None,
    )
    app.add_middleware(Gate, served=service.current, metrics=service.metrics)
    _error_handlers(app, service.metrics)
    _routes(app, service)
    _document_security(app)
    return app


def _error_handlers(app: FastAPI, metrics: Metrics) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        metrics.rejected.labels("422").inc()
        problems = _validation_problems(exc.errors())
        content_type = request.headers.get("content-type", "")
        if "json" not in content_type:
            # Without it FastAPI does not parse the body as JSON: say so, not only what it then misses.
            problems.insert(0, f"Content-Type is {content_type or 'missing'!r}, so the body was not read as JSON")
        return _problem(422, "invalid request", _REQUEST_FIX, problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 400:  # FastAPI could not read the body at all (e.g. bytes that are not UTF-8)
            if not request.scope.get(REFUSED):
                metrics.rejected.labels("422").inc()
            return _problem(422, "invalid request", _REQUEST_FIX, [f"body: {exc.detail}"])
        fix = "see /openapi.json for the routes and their methods"
        return _problem(exc.status_code, str(exc.detail), fix)

    @app.exception_handler(_Refused)
    async def refused(_: Request, exc: _Refused) -> Response:
        metrics.rejected.labels(str(exc.status)).inc()
        return _problem(exc.status, exc.error, exc.fix)

    @app.exception_handler(LogUnavailable)
    async def log_down(_: Request, exc: LogUnavailable) -> Response:
        # The decision could not be recorded anywhere: the reply must not be released.
        return _problem(503, str(exc), "bring the log store back or make the spool writable; then retry")


def _routes(app: FastAPI, service: _Service) -> None:
    metrics = service.metrics

    @app.post("/v1/check", response_class=Response, responses={200: {"model": DecisionOut}, **_ERRORS})
    async def check(body: CheckRequest, request: Request) -> Response:
        """Check one reply: the decision, the text to deliver, every finding with rule, span and legal basis."""
        started = time.perf_counter()
        (result,), evaluate_s = await service.check_all([body])
        metrics.request_seconds.labels("check").observe(time.perf_counter() - started)
        return _timed(_json(result), request, evaluate_s)

    @app.post("/v1/check/batch", response_class=Response, responses={200: {"model": BatchOut}, **_ERRORS})
    async def check_batch(body: BatchRequest, request: Request) -> Response:
        """Check several replies in order (at most serve.max_batch); results in the same order."""
        started = time.perf_counter()
        results, evaluate_s = await service.batch(body)
        metrics.request_seconds.labels("batch").observe(time.perf_counter() - started)
        return _timed(_json({"results": results}), request, evaluate_s)

    @app.post(
        "/v1/reload",
        response_class=Response,
        responses={200: {"model": ReloadOut}, 409: {"model": ReloadOut, "description": "Config refused."}},
    )
    async def reload_policy() -> Response:
        """Load the config folder again (as SIGHUP does). A broken config keeps the old policy; errors say why."""
        result = await service.reload()
        payload = {"reloaded": result.reloaded, "product_lines": result.product_lines, "errors": result.errors}
        return _json(payload, 200 if result.reloaded else 409)

    @app.get("/healthz", response_class=Response, responses={200: {"description": "The process answers."}})
    async def healthz() -> Response:
        return _json({"ok": True})

    @app.get(
        "/readyz",
        response_class=Response,
        responses={200: {"model": ReadyOut}, 503: {"model": ReadyOut, "description": "Log unreachable."}},
    )
    async def readyz() -> Response:
        """Ready when a policy is loaded and the log answers (or is disabled)."""
        ready, payload = await service.readiness()
        return _json(payload, 200 if ready else 503)

    @app.get("/metrics", response_class=Response, responses={200: {"content": {"text/plain": {}}}})
    async def prometheus() -> Response:
        """Prometheus text format: decisions by action, findings by rule, latency histograms, reloads."""
        return Response(metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8")


def _document_security(app: FastAPI) -> None:
    """The gate enforces the key; the schema says so (both header forms) for the /v1 routes."""
    base: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = base()
        schema.setdefault("components", {})["securitySchemes"] = {
            "ApiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            "Bearer": {"type": "http", "scheme": "bearer"},
        }
        for path, operations in schema["paths"].items():
            if path.startswith("/v1/"):
                for operation in operations.values():
                    operation["security"] = [{"ApiKey": []}, {"Bearer": []}]
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
