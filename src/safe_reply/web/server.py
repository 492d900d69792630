"""Run the web review with uvicorn on a loopback address (a socket we bind, so port 0 works too).

The server log has the access lines (method, path, status) and our own events, never a text of a
record: terms are revealed only in the body of a reveal response, and request paths carry ids and
filter values, not texts.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import sys
from pathlib import Path

import uvicorn

from safe_reply.config_models import LogSettings
from safe_reply.log import open_store
from safe_reply.log.sealing import sealer_from_env
from safe_reply.web.app import create_app
from safe_reply.web.auth import Reviewer

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def serve(
    store_target: str | None,
    settings: LogSettings,
    config: Path,
    reviewers: dict[str, Reviewer],
    proposals: Path,
    host: str,
    port: int,
) -> None:
    store = open_store(store_target) if store_target else open_store(settings)
    sealer = sealer_from_env()
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host.strip("[]"), port))
    bound = sock.getsockname()[1]
    hosts = LOOPBACK_NAMES if _is_loopback(host) else (*LOOPBACK_NAMES, host)
    if not _is_loopback(host):
        print(
            f"warning: serving on {host}, reachable from other machines; the review shows blocked replies. "
            "Put it behind TLS and keep it inside the company network",
            file=sys.stderr,
        )
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = create_app(store, config, reviewers, proposals, sealer, allowed_hosts=hosts)
    reveal = "on" if sealer is not None else "off (no SAFE_REPLY_REVEAL_KEY)"
    print(f"safe-reply review: http://{host}:{bound}/  (reveal {reveal}; Ctrl+C stops)", file=sys.stderr, flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="info", access_log=True, server_header=False))
    try:
        server.run(sockets=[sock])
    finally:
        store.close()
