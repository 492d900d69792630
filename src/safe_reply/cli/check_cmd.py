"""`safe-reply check`: the decision for one reply, or for a JSON-lines file of replies (audits).

Output is one JSON object per reply: action, what enforce mode would have done, the delivered text
and every finding with rule id, category and span. The same shape is what `safe-reply eval --json`
writes per case, so one parser reads both.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress

from safe_reply.cli.common import fail, load_or_exit
from safe_reply.decision_json import decision_json, dumps
from safe_reply.errors import SafeReplyError
from safe_reply.policy import Policy
from safe_reply.types import Action, Context, Decision, Language

# Below this many replies a progress bar only flickers.
PROGRESS_MIN_REPLIES = 200


@contextmanager
def output_stream(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8") as handle:
        yield handle


def _batch_context(record: dict[str, Any], defaults: Context, where: str) -> tuple[str, Context, str | None]:
    """(text, context, id) of one JSON-lines record: a string, or an object with `text`."""
    if isinstance(record, str):
        return record, defaults, None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        fail(f"{where}: expected a JSON string or an object with a string 'text'. Fix: write one per line")
    lang = record.get("lang", record.get("language"))
    if lang is not None and lang not in Language.__members__.values():
        fail(f"{where}: lang {lang!r} is not supported. Fix: use one of: de, en")
    turn = record.get("turn", defaults.turn)
    if turn is not None and (not isinstance(turn, int) or turn < 1):
        fail(f"{where}: turn {turn!r} is not a positive integer. Fix: 1 for the first bot reply")
    ctx = Context(
        product_line=record.get("product_line", defaults.product_line),
        conversation_id=record.get("conversation_id", defaults.conversation_id),
        turn=turn,
        language=Language(lang) if lang is not None else defaults.language,
        channel=record.get("channel", defaults.channel),
    )
    reply_id = record.get("id")
    return record["text"], ctx, None if reply_id is None else str(reply_id)


def _read_jsonl(source: Path) -> list[tuple[int, Any]]:
    try:
        text = sys.stdin.read() if str(source) == "-" else source.read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"{source}: cannot read the file ({exc.strerror}). Fix: check the path")
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            fail(f"{source}: line {number}: invalid JSON ({exc.msg}). Fix: one JSON value per line")
    return rows


def check(
    text: Annotated[str | None, typer.Argument(help="The reply to check; omit it (or pass '-') to read stdin.")] = None,
    *,
    config: Annotated[
        Path, typer.Option("--config", "-c", help="Config folder (defaults.yaml, product_lines/).")
    ] = Path("config"),
    product_line: Annotated[
        str | None, typer.Option("--product-line", "-p", help="Product line id (default: the config's).")
    ] = None,
    turn: Annotated[
        int | None, typer.Option("--turn", min=1, help="Which bot reply of the conversation (1 = first).")
    ] = None,
    lang: Annotated[
        Language | None, typer.Option("--lang", help="Language of the reply (detected when omitted).")
    ] = None,
    jsonl: Annotated[
        Path | None,
        typer.Option(
            "--jsonl",
            help="Check a JSON-lines file ('-' = stdin): each line a JSON string or an object with 'text' "
            "and optional 'id', 'product_line', 'turn', 'lang', 'conversation_id', 'channel' (the options "
            "above are the defaults).",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the JSON lines here instead of stdout.")
    ] = None,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Progress bar on stderr for long batches.")
    ] = True,
) -> None:
    """Check replies and print the decision per reply as JSON lines.

    One reply: `safe-reply check "Der Akku hält garantiert 10 Jahre." -p ebike --turn 2`.
    Historical transcripts: `safe-reply check --jsonl replies.jsonl -o decisions.jsonl`.
    Each output line: {"id"?, "action", "intended", "product_line", "policy_hash", "findings": [{"rule_id",
    "category", "span": {"start", "end"}, "message", "legal_basis", "severity", "validator", "details"}],
    "delivered"}. `intended` differs from `action` only in monitor mode.

    Exit code: 0 when every reply may be delivered (passed or rewritten), 1 when at least one was
    blocked (or would be: monitor mode; or raised), 2 on usage or config errors.
    """
    if jsonl is not None and text is not None:
        fail("pass either a reply or --jsonl, not both. Fix: drop the reply argument")
    if jsonl is None and (text is None or text == "-") and sys.stdin.isatty():
        fail("no reply given. Fix: pass the reply as an argument, pipe it in with '-', or use --jsonl FILE")
    policy = load_or_exit(config)
    defaults = Context(product_line=product_line, turn=turn, language=lang)
    blocked = False
    if jsonl is None:
        # `echo ... | safe-reply check` ends with the shell's newline, which is not part of the reply.
        reply = sys.stdin.read().removesuffix("\n") if text is None or text == "-" else text
        if not reply.strip():
            fail("the reply is empty. Fix: pass the reply text as an argument or on stdin")
        decision = _evaluate(policy, reply, defaults, "the reply")
        with output_stream(output) as out:
            out.write(dumps(decision_json(decision)) + "\n")
        _exit_if_blocked(decision.intended)
        return
    rows = _read_jsonl(jsonl)
    show = progress and len(rows) >= PROGRESS_MIN_REPLIES
    with (
        output_stream(output) as out,
        Progress(console=Console(stderr=True), disable=not show, transient=True) as bar,
    ):
        task = bar.add_task("checking", total=len(rows))
        for number, record in rows:
            where = f"{jsonl}: line {number}"
            reply, ctx, reply_id = _batch_context(record, defaults, where)
            decision = _evaluate(policy, reply, ctx, where)
            blocked = blocked or decision.intended in _BLOCKED
            out.write(dumps(decision_json(decision, reply_id)) + "\n")
            bar.advance(task)
    if blocked:
        raise typer.Exit(1)


_BLOCKED = (Action.BLOCK, Action.RAISE)


def _exit_if_blocked(action: Action) -> None:
    if action in _BLOCKED:
        raise typer.Exit(1)


def _evaluate(policy: Policy, text: str, ctx: Context, where: str) -> Decision:
    try:
        return policy.evaluate(text, ctx)
    except SafeReplyError as exc:  # e.g. an unknown product line: the message names the fix
        fail(f"{where}: {exc}")


def register(app: typer.Typer) -> None:
    app.command("check")(check)
