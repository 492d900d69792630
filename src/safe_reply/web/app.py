"""The web review: a Starlette application with server-rendered Jinja2 pages, no front-end build.

Pages: sign-in, the queue (filters, one key per label), a record (the delivered text, the masked
original with flagged spans, rule, legal basis, messages in German and English, policy hash, audit
trail, reveal, proposals), the dashboard (rates and precision over time as SVG drawn on the server).

Safety: only hosts on the allow list are answered (no DNS rebinding from a web page), every POST needs
the session's CSRF token, the session cookie is HttpOnly and SameSite=Strict, a Content-Security-Policy
allows nothing but this server (no CDN: the page works offline). Nothing shows a protected term in
clear except the answer to a reveal by a reviewer whose role allows it, and every reveal (and every
refused one) is recorded in the audit trail.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from safe_reply.errors import SafeReplyError, did_you_mean
from safe_reply.log.feedback import make_proposal, proposal_kind, reveal
from safe_reply.log.filters import make_filter, unknown_filter_values
from safe_reply.log.records import AuditEntry, AuditEvent, Label, LabelFilter, RecordFilter, now_text
from safe_reply.log.sealing import RevealError, Sealer
from safe_reply.log.store import SqlLogStore
from safe_reply.web.auth import Permission, Reviewer, Session, Sessions
from safe_reply.web.views import figures_context, queue_items, segments

COOKIE = "safe_reply_session"
STATIC = {"review.js": "text/javascript", "review.css": "text/css"}
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
FILTER_KEYS = ("product_line", "rule", "category", "action", "since", "until", "label")
_log = logging.getLogger("safe_reply.web")


@dataclass(frozen=True)
class ReviewApp:
    store: SqlLogStore
    config: Path
    sessions: Sessions
    proposals: Path
    sealer: Sealer | None
    templates: Environment


def _templates() -> Environment:
    env = Environment(loader=PackageLoader("safe_reply.web", "templates"), autoescape=select_autoescape(["html"]))
    env.globals["year"] = datetime.now(UTC).year
    return env


def create_app(
    store: SqlLogStore,
    config: Path,
    reviewers: dict[str, Reviewer],
    proposals: Path,
    sealer: Sealer | None,
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]"),
) -> Starlette:
    state = ReviewApp(store, config, Sessions(reviewers), proposals, sealer, _templates())
    pages = _Pages(state)
    routes = [
        Route("/", pages.home),
        Route("/login", pages.login, methods=["GET", "POST"]),
        Route("/logout", pages.logout, methods=["POST"]),
        Route("/queue", pages.queue),
        Route("/label", pages.label, methods=["POST"]),
        Route("/records/{record_id:int}", pages.record),
        Route("/records/{record_id:int}/reveal", pages.reveal, methods=["POST"]),
        Route("/records/{record_id:int}/propose", pages.propose, methods=["POST"]),
        Route("/dashboard", pages.dashboard),
        Route("/static/{name}", pages.static),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)), Middleware(SecurityHeaders)]
    return Starlette(routes=routes, middleware=middleware)


SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),  # a revealed term must not linger in a cache
)


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response (plain ASGI, so streaming stays untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


class _Pages:
    def __init__(self, state: ReviewApp) -> None:
        self.s = state

    # -- helpers ------------------------------------------------------------------------------

    def _html(self, name: str, session: Session | None, status: int = 200, **context: Any) -> HTMLResponse:
        template = self.s.templates.get_template(name)
        return HTMLResponse(template.render(session=session, Permission=Permission, **context), status_code=status)

    def _session(self, request: Request) -> Session | None:
        return self.s.sessions.get(request.cookies.get(COOKIE))

    def _to_login(self, request: Request) -> RedirectResponse:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)

    async def _form(self, request: Request, session: Session) -> FormData | None:
        form = await request.form()
        return form if form.get("csrf") == session.csrf else None

    async def _posted(self, request: Request) -> tuple[Session, FormData] | Response:
        """The session and form of a POST from a page of ours, or the response that refuses it."""
        session = self._session(request)
        if session is None:
            return self._to_login(request)
        form = await self._form(request, session)
        if form is None:
            return PlainTextResponse("CSRF token missing or wrong", status_code=403)
        return session, form

    def _denied(self, session: Session, what: str) -> HTMLResponse:
        return self._html(
            "error.html", session, 403, message=f"Ihre Rolle erlaubt das nicht / your role does not allow {what}"
        )

    # -- sign-in ------------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        return RedirectResponse("/queue", status_code=303)

    async def login(self, request: Request) -> Response:
        target = request.query_params.get("next", "/queue")
        if not target.startswith("/") or target.startswith("//"):
            target = "/queue"  # never redirect off this server
        if request.method == "GET":
            return self._html("login.html", None, next=target, failed=False)
        form = await request.form()
        token = self.s.sessions.sign_in(str(form.get("name", "")), str(form.get("password", "")))
        if token is None:
            _log.info("sign-in failed")
            return self._html("login.html", None, 401, next=target, failed=True)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
        return response

    async def logout(self, request: Request) -> Response:
        self.s.sessions.sign_out(request.cookies.get(COOKIE))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    # -- queue and labels ---------------------------------------------------------------------

    def _filter(self, params: dict[str, str]) -> tuple[RecordFilter | None, list[str]]:
        """The filter of the query parameters, or the problems (each with its fix) that stop it."""
        label = params.get("label") or LabelFilter.UNLABELLED.value
        choices = [*(v.value for v in LabelFilter), "all"]
        if label not in choices:
            hint = did_you_mean(label, choices)
            return None, [f"unknown label {label!r}{hint}. Fix: use one of: {', '.join(choices)}"]
        try:
            flt = make_filter(
                since=params.get("since") or None,
                until=params.get("until") or None,
                product_line=params.get("product_line") or None,
                category=params.get("category") or None,
                rule=params.get("rule") or None,
                action=params.get("action") or None,
                label=None if label == "all" else LabelFilter(label),
                mechanical=params.get("mechanical") == "1",
            )
        except ValueError as exc:  # a time that cannot be read
            return None, [str(exc)]
        return flt, unknown_filter_values(flt, self.s.store, self.s.config)

    async def queue(self, request: Request) -> Response:
        session = self._session(request)
        if session is None:
            return self._to_login(request)
        params = {k: v for k, v in request.query_params.items() if k in (*FILTER_KEYS, "mechanical")}
        flt, problems = self._filter(params)
        known = self.s.store.known_values()
        context: dict[str, Any] = {"params": params, "known": known, "problems": problems, "query": urlencode(params)}
        if flt is None or problems:
            return self._html("queue.html", session, 400, items=[], total=0, **context)
        items, total = queue_items(self.s.store.query(flt), flt)
        return self._html("queue.html", session, items=items, total=total, **context)

    async def label(self, request: Request) -> Response:
        posted = await self._posted(request)
        if isinstance(posted, Response):
            return posted
        session, form = posted
        if not session.reviewer.may(Permission.LABEL):
            return self._denied(session, "labelling")
        try:
            verdict = Label(str(form.get("label")))
            record_id, index = int(str(form.get("record_id"))), int(str(form.get("finding")))
            note = str(form.get("note") or "").strip() or None
            self.s.store.label(record_id, verdict, note, index, reviewer=session.reviewer.name)
        except (ValueError, SafeReplyError) as exc:
            return self._html("error.html", session, 400, message=str(exc))
        back = str(form.get("back") or "/queue")
        return RedirectResponse(back if back.startswith("/") and not back.startswith("//") else "/queue", 303)

    # -- one record ---------------------------------------------------------------------------

    async def record(self, request: Request) -> Response:
        session = self._session(request)
        if session is None:
            return self._to_login(request)
        record_id = int(request.path_params["record_id"])
        try:
            stored = self.s.store.get(record_id)
        except SafeReplyError as exc:
            return self._html("error.html", session, 404, message=str(exc))
        r = stored.record
        return self._html(
            "record.html",
            session,
            stored=stored,
            record=r,
            segments=segments(r.original_masked, r.findings),
            history=self.s.store.history(record_id),
            proposal_kinds=[proposal_kind(f) for f in r.findings],
            sealed=r.original_sealed is not None and self.s.sealer is not None,
            back=request.url.path,
        )

    async def reveal(self, request: Request) -> Response:
        session = self._session(request)
        if session is None:
            return JSONResponse({"error": "not signed in"}, status_code=401)
        form = await self._form(request, session)
        if form is None:
            return JSONResponse({"error": "CSRF token missing or wrong"}, status_code=403)
        record_id = int(request.path_params["record_id"])
        try:
            stored = self.s.store.get(record_id)
            start = int(str(form.get("start")))
        except (ValueError, SafeReplyError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        if not session.reviewer.may(Permission.REVEAL):
            kind = stored.record.original_masked[start + 1 : start + 40].split(":", 1)[0]
            self.s.store.record_event(
                AuditEntry(record_id, AuditEvent.REVEAL_DENIED, now_text(), session.reviewer.name, None, kind)
            )
            _log.info("reveal refused for record %d", record_id)
            return JSONResponse(
                {"error": "Ihre Rolle darf keine Begriffe aufdecken / your role may not reveal terms"}, status_code=403
            )
        try:
            term = reveal(self.s.store, stored, start, self.s.sealer, session.reviewer.name)
        except RevealError as exc:
            return JSONResponse({"error": str(exc)}, status_code=409)
        _log.info("term revealed in record %d", record_id)  # never the term itself
        return JSONResponse({"term": term})

    async def propose(self, request: Request) -> Response:
        posted = await self._posted(request)
        if isinstance(posted, Response):
            return posted
        session, form = posted
        record_id = int(request.path_params["record_id"])
        try:
            stored = self.s.store.get(record_id)
            index = int(str(form.get("finding")))
            kind = proposal_kind(stored.record.findings[index])
        except (ValueError, IndexError, SafeReplyError) as exc:
            return self._html("error.html", session, 400, message=str(exc))
        # Allowing a term spells it out in the proposal: that needs the role that may reveal it.
        needed = Permission.REVEAL if kind is not None and kind.value == "allow_term" else Permission.PROPOSE
        if not session.reviewer.may(needed):
            return self._denied(session, "this proposal")
        try:
            proposal = make_proposal(self.s.store, self.s.config, stored, index, session.reviewer.name, self.s.sealer)
        except SafeReplyError as exc:
            return self._html("error.html", session, 409, message=str(exc))
        self.s.proposals.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        path = self.s.proposals / f"{stamp}-record{record_id}-finding{index + 1}-{proposal.kind.value}.patch"
        path.write_text(proposal.render(), encoding="utf-8")
        return self._html("proposal.html", session, proposal=proposal, path=path, config=self.s.config)

    # -- dashboard ----------------------------------------------------------------------------

    async def dashboard(self, request: Request) -> Response:
        session = self._session(request)
        if session is None:
            return self._to_login(request)
        params = {k: v for k, v in request.query_params.items() if k in ("since", "product_line")}
        params.setdefault("since", "30d")
        flt, problems = self._filter({**params, "label": "all", "mechanical": "1"})
        if flt is None or problems:
            return self._html("error.html", session, 400, message="; ".join(problems))
        figures = figures_context(self.s.store.stats(flt), self.s.store.timeline(flt))
        return self._html("dashboard.html", session, params=params, known=self.s.store.known_values(), **figures)

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            return PlainTextResponse("not found", status_code=404)
        from importlib.resources import files

        body = files("safe_reply.web").joinpath("static", name).read_text(encoding="utf-8")
        return Response(body, media_type=STATIC[name])
