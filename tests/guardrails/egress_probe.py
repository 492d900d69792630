"""Run in a subprocess by test_no_egress.py: refuse and record every non-loopback connection attempt.

Usage: python egress_probe.py <scenario> <log file> [<config folder>]
Each refused attempt is appended to the log file as one JSON line, so attempts made at interpreter
exit (OpenTelemetry flushes its batch processors in an atexit hook) are recorded too.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import json
import socket
import sys
from typing import Any

LOG = sys.argv[2]
_LOOPBACK_NAMES = {"localhost", "ip6-localhost", "ip6-loopback"}


def _record(kind: str, target: Any) -> None:
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(json.dumps([kind, repr(target)]) + "\n")


def _loopback(host: Any) -> bool:
    if host is None:
        return True  # getaddrinfo(None, port): a local bind address
    name = host.decode() if isinstance(host, bytes) else str(host)
    if name.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.split("%")[0]).is_loopback
    except ValueError:
        return False


def _inet(sock: socket.socket) -> bool:
    return sock.family in (socket.AF_INET, socket.AF_INET6)


_getaddrinfo = socket.getaddrinfo
_gethostbyname = socket.gethostbyname
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_create_connection = socket.create_connection


def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if not _loopback(host):
        _record("getaddrinfo", host)
        raise socket.gaierror(socket.EAI_NONAME, "refused by the no-egress test")
    return _getaddrinfo(host, *args, **kwargs)


def gethostbyname(host: str) -> str:
    if not _loopback(host):
        _record("gethostbyname", host)
        raise socket.gaierror(socket.EAI_NONAME, "refused by the no-egress test")
    return _gethostbyname(host)


def connect(self: socket.socket, address: Any) -> None:
    if _inet(self) and not _loopback(address[0]):
        _record("connect", address)
        raise ConnectionRefusedError(errno.ECONNREFUSED, "refused by the no-egress test")
    _connect(self, address)


def connect_ex(self: socket.socket, address: Any) -> int:
    if _inet(self) and not _loopback(address[0]):
        _record("connect_ex", address)
        return errno.ECONNREFUSED
    return _connect_ex(self, address)


def create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
    if not _loopback(address[0]):
        _record("create_connection", address)
        raise ConnectionRefusedError(errno.ECONNREFUSED, "refused by the no-egress test")
    return _create_connection(address, *args, **kwargs)


def _audit(event: str, args: tuple[Any, ...]) -> None:
    # Catches Python-level socket use that bypasses the patched names (e.g. a saved reference).
    if event == "socket.connect" and _inet(args[0]) and not _loopback(args[1][0]):
        _record("audit:socket.connect", args[1])
        raise ConnectionRefusedError(errno.ECONNREFUSED, "refused by the no-egress test")
    if event == "socket.getaddrinfo" and not _loopback(args[0]):
        _record("audit:socket.getaddrinfo", args[0])
        raise socket.gaierror(socket.EAI_NONAME, "refused by the no-egress test")


socket.getaddrinfo = getaddrinfo
socket.gethostbyname = gethostbyname
socket.socket.connect = connect  # type: ignore[method-assign]
socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
socket.create_connection = create_connection
sys.addaudithook(_audit)


def control() -> None:
    """Positive control: a real outgoing attempt must be refused and recorded."""
    import urllib.request

    for attempt in (
        lambda: socket.create_connection(("192.0.2.1", 80), timeout=1),
        lambda: urllib.request.urlopen("http://telemetry.example.invalid/", timeout=1),
        lambda: socket.getaddrinfo("telemetry.example.invalid", 443),
    ):
        with contextlib.suppress(OSError):
            attempt()
    # Loopback stays allowed: a local server (e.g. a database) must keep working.
    server = socket.create_server(("127.0.0.1", 0))
    client = socket.create_connection(server.getsockname(), timeout=1)
    client.close()
    server.close()
    print("control done")


def _flag_validator() -> Any:
    from egress_ext import Flag  # imports guardrails

    return Flag


def guardrails_default() -> None:
    """Negative control: plain guardrails, as installed, with no rc file."""
    from guardrails import Guard
    from guardrails.utils.hub_telemetry_utils import HubTelemetry

    guard = Guard().use(_flag_validator()(on_fail="fix"))
    print(guard.validate("Projekt Zaunkönig").validated_output)
    provider = HubTelemetry()._tracer_provider
    if provider is not None:
        provider.force_flush(timeout_millis=3000)
    print("guardrails_default done")


def offline(config: str) -> None:
    """The full guarded path: a policy with a guardrails validator, and our validator in a Guard."""
    import importlib.util

    import safe_reply
    from safe_reply.types import Context

    policy = safe_reply.load_policy(config)  # builds the guardrails entry: ensure_offline() runs here
    ctx = Context(product_line="ebike", turn=2)
    print(policy.evaluate("Projekt Zaunkönig startet.", ctx).delivered)
    print(policy.evaluate("Alles gut.", ctx).delivered)

    from guardrails import Guard

    from safe_reply.integrations.guardrails_validators import SafeReplyPolicy

    guard = Guard().use(SafeReplyPolicy(config=config, product_line="ebike", on_fail="fix"))
    print(guard.validate("Projekt Zaunkönig startet.").validated_output)
    hub_guard = Guard().use(_flag_validator()(on_fail="fix"))  # after the policy load: offline already
    print(hub_guard.validate("Projekt Zaunkönig").validated_output)
    if importlib.util.find_spec("safe_reply.runnable") is not None:
        from langchain_core.language_models.fake_chat_models import FakeListChatModel

        bot = FakeListChatModel(responses=["Projekt Zaunkönig startet.", "Alles gut."])
        guarded = safe_reply.guard(bot, policy=config, product_line="ebike")
        print(guarded.invoke("Hallo").content)
        print("".join(chunk.content for chunk in guarded.stream("Und?")))
    print("offline done")


def nltk_import(config: str | None) -> None:
    """nltk installed, its data missing: guardrails' import would download it (control: config None)."""
    if config is None:
        import guardrails  # noqa: F401 - the import alone is the risk

        print("nltk control done")
        return
    import safe_reply

    policy = safe_reply.load_policy(config)  # ensure_offline() imports guardrails here
    print(policy.evaluate("Alles gut.", safe_reply.Context(product_line="ebike", turn=2)).delivered)
    print("nltk done")


def late() -> None:
    """guardrails used (spans queued) before safe_reply forced it offline: nothing may leave."""
    from guardrails import Guard

    guard = Guard().use(_flag_validator()(on_fail="fix"))
    guard.validate("Projekt Zaunkönig")
    from safe_reply.integrations.telemetry import ensure_offline

    ensure_offline()
    guard.validate("Projekt Zaunkönig")
    print("late done")


if __name__ == "__main__":
    scenario = sys.argv[1]
    if scenario == "control":
        control()
    elif scenario == "guardrails_default":
        guardrails_default()
    elif scenario == "offline":
        offline(sys.argv[3])
    elif scenario == "late":
        late()
    elif scenario == "nltk":
        nltk_import(sys.argv[3] if len(sys.argv) > 3 else None)
    else:
        raise SystemExit(f"unknown scenario {scenario}")
