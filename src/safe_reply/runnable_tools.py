"""Tool calls in a bot's message: the ones whose arguments leave the company are checked.

A bot that calls `send_customer_email(body=...)` talks to the customer as surely as one that writes
in the chat. A product line names such tools (`tools:` in its YAML, config_models.ToolPolicy):

- outbound (e-mail, SMS, ticket reply): the text at the named argument paths (default: every text
  argument) reaches the customer and gets every check, like a reply; a failing call has those
  arguments rewritten, or is blocked;
- external (a web search, a partner API): the arguments go to a third party, so the trade-secret
  check; a secret blocks the call (a search for "[vertraulich]" is of no use to anyone);
- any other tool is internal (an order lookup in the own database) and passes.

A blocked call is taken out of the message and the product line's fallback is added to its text,
so an agent stops there and the customer learns that this could not be done. Every failing call is
recorded like a reply: one decision per call, its text the checked arguments joined by blank lines,
every finding's span into that text and `details` naming the tool and the argument. The arguments
are checked as a later turn of the conversation: the AI notice belongs in the chat, not in an
e-mail the bot sends from it (a policy that wants the notice in every reply still gets it there).
"""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from safe_reply.actions import action_for, strongest
from safe_reply.config_models import Mode, ToolKind, ToolPolicy
from safe_reply.lang import reply_language
from safe_reply.policy import ProductLinePolicy
from safe_reply.types import Action, Category, Context, Decision, Edit, Finding, Span

SEPARATOR = "\n\n"  # between the checked arguments of one call: a sentence and paragraph boundary
_Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class CallCheck:
    """The outcome for one tool call: its arguments as they may go out, or None when it is blocked."""

    call: Mapping[str, Any]  # the tool call as the model made it (name, args, id, type)
    args: dict[str, Any] | None
    decision: Decision | None  # None: not checked or passed unchanged

    @property
    def blocked(self) -> bool:
        return self.args is None


@dataclass(frozen=True, slots=True)
class ToolCheck:
    calls: tuple[CallCheck, ...]

    @property
    def changed(self) -> bool:
        return any(c.blocked or c.args != c.call.get("args") for c in self.calls)

    @property
    def blocked(self) -> bool:
        return any(c.blocked for c in self.calls)

    @property
    def kept(self) -> list[dict[str, Any]]:
        """The tool calls that may run, with their checked arguments."""
        return [{**c.call, "args": c.args} for c in self.calls if c.args is not None]

    @property
    def failed(self) -> list[Decision]:
        """The decisions to record: every call that did not simply pass."""
        return [c.decision for c in self.calls if c.decision is not None and c.decision.action is not Action.PASS]

    def withdrawn(self) -> ToolCheck:
        """The same calls, none of them to run (their message was blocked)."""
        return ToolCheck(tuple(dataclasses.replace(c, args=None) for c in self.calls))


def tool_context(ctx: Context) -> Context:
    """The context tool arguments are checked in: the same conversation, past its first reply."""
    return dataclasses.replace(ctx, turn=max(ctx.turn or 1, 2))


def check_tool_calls(policy: ProductLinePolicy, ctx: Context, calls: Sequence[Mapping[str, Any]]) -> ToolCheck:
    """Check every outbound and external call of a message (see the module docstring)."""
    tools: Mapping[str, ToolPolicy] = policy.config.tools
    checked: list[CallCheck] = []
    for call in calls:
        name = str(call.get("name") or "")
        args = call.get("args")
        rule = tools.get(name)
        if rule is None or rule.kind is ToolKind.INTERNAL or not isinstance(args, Mapping):
            checked.append(CallCheck(call, dict(args) if isinstance(args, Mapping) else {}, None))
        elif rule.kind is ToolKind.OUTBOUND:
            checked.append(_outbound(policy, tool_context(ctx), call, dict(args), rule.arguments))
        else:
            checked.append(_external(policy, tool_context(ctx), call, dict(args)))
    return ToolCheck(tuple(checked))


def _outbound(
    policy: ProductLinePolicy, ctx: Context, call: Mapping[str, Any], args: dict[str, Any], paths: tuple[str, ...]
) -> CallCheck:
    fields = list(_texts(args, paths))
    if not fields:
        return CallCheck(call, args, None)
    decisions = [policy.evaluate(text, ctx) for _, text in fields]
    decision = _joined(policy, str(call.get("name")), fields, decisions)
    if decision.action in (Action.BLOCK, Action.RAISE):
        return CallCheck(call, None, decision)
    if decision.action is not Action.REWRITE:
        return CallCheck(call, args, decision)
    rewritten = copy.deepcopy(args)
    for (path, _), fielded in zip(fields, decisions, strict=True):
        _set(rewritten, path, fielded.delivered)
    return CallCheck(call, rewritten, decision)


def _external(policy: ProductLinePolicy, ctx: Context, call: Mapping[str, Any], args: dict[str, Any]) -> CallCheck:
    fields = list(_texts(args, ()))
    text = SEPARATOR.join(t for _, t in fields)
    if not text:
        return CallCheck(call, args, None)
    table, fail_open = policy.actions, policy.fail_open
    secrets = [
        _about(f, str(call.get("name")), None)
        for f in policy.detect(text, ctx)
        if f.category == Category.TRADE_SECRET and action_for(f, table, fail_open).rank >= Action.REWRITE.rank
    ]
    if not secrets:
        return CallCheck(call, args, None)
    language = reply_language(text, ctx.language, policy.default_language)
    fallback = policy.fallback.for_language(language)
    if policy.mode is Mode.MONITOR:
        decision = Decision(Action.MONITOR, tuple(secrets), text, text, policy.ref, Action.BLOCK, language)
        return CallCheck(call, args, decision)
    decision = Decision(Action.BLOCK, tuple(secrets), text, fallback, policy.ref, Action.BLOCK, language)
    return CallCheck(call, None, decision)


def _joined(
    policy: ProductLinePolicy, tool: str, fields: list[tuple[_Path, str]], decisions: list[Decision]
) -> Decision:
    """One decision for a call from the decisions on its arguments: spans into the joined text."""
    findings: list[Finding] = []
    offset = 0
    for (path, text), decision in zip(fields, decisions, strict=True):
        findings.extend(_about(f, tool, path, offset) for f in decision.findings)
        offset += len(text) + len(SEPARATOR)
    original = SEPARATOR.join(text for _, text in fields)
    action = strongest(d.action for d in decisions)
    intended = strongest(d.intended for d in decisions)
    language = next((d.language for d in decisions if d.language is not None), None)
    if action in (Action.BLOCK, Action.RAISE):
        delivered = next(d.delivered for d in decisions if d.action is action)
    elif action is Action.REWRITE:
        delivered = SEPARATOR.join(d.delivered for d in decisions)
    else:
        delivered = original
    return Decision(action, tuple(findings), original, delivered, policy.ref, intended, language)


def _about(finding: Finding, tool: str, path: _Path | None, offset: int = 0) -> Finding:
    details = {**finding.details, "tool": tool}
    if path is not None:
        details["argument"] = ".".join(str(p) for p in path)
    span, fix = finding.span, finding.fix
    if offset:
        span = None if span is None else Span(span.start + offset, span.end + offset)
        fix = None if fix is None else Edit(Span(fix.span.start + offset, fix.span.end + offset), fix.text)
    return dataclasses.replace(finding, span=span, fix=fix, details=details)


def _texts(args: Any, paths: tuple[str, ...]) -> Iterator[tuple[_Path, str]]:
    """The non-empty texts at `paths` ("a.b", "*" for every item), or every text in `args`."""
    if not paths:
        yield from _leaves(args, ())
        return
    for path in paths:
        yield from _walk(args, tuple(path.split(".")), ())


def _walk(value: Any, rest: tuple[str, ...], at: _Path) -> Iterator[tuple[_Path, str]]:
    if not rest:
        yield from _leaves(value, at)
        return
    head, tail = rest[0], rest[1:]
    for key, child in _children(value):
        if head == "*" or str(key) == head:
            yield from _walk(child, tail, (*at, key))


def _leaves(value: Any, at: _Path) -> Iterator[tuple[_Path, str]]:
    if isinstance(value, str):
        if value.strip():
            yield at, value
        return
    for key, child in _children(value):
        yield from _leaves(child, (*at, key))


def _children(value: Any) -> Iterator[tuple[str | int, Any]]:
    if isinstance(value, Mapping):
        yield from value.items()
    elif isinstance(value, list | tuple):
        yield from enumerate(value)


def _set(args: Any, path: _Path, text: str) -> None:
    target = args
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = text


def unreadable_calls(message: Any, tools: Mapping[str, ToolPolicy]) -> bool:
    """The message holds a call to a checked tool whose arguments did not parse: it cannot be checked."""
    return any(_checked(tools, c.get("name")) for c in getattr(message, "invalid_tool_calls", None) or [])


def _checked(tools: Mapping[str, ToolPolicy], name: Any) -> bool:
    rule = tools.get(str(name))
    return rule is not None and rule.kind is not ToolKind.INTERNAL


def message_calls(message: Any) -> list[dict[str, Any]]:
    """The complete tool calls of a chat message (of a streamed one: once its chunks are joined)."""
    calls = getattr(message, "tool_calls", None)
    return [dict(c) for c in calls] if isinstance(calls, list) else []


def with_calls(message: Any, check: ToolCheck, tools: Mapping[str, ToolPolicy]) -> Any:
    """`message` with only the calls that may run, their arguments as checked.

    Provider-specific copies of the calls (OpenAI's `additional_kwargs["tool_calls"]`, Anthropic's
    `tool_use` content blocks) would still hold the unchecked arguments: they are dropped, and so is
    an unparsable call to a checked tool (its arguments cannot be checked).
    """
    from langchain_core.messages import AIMessageChunk  # LangChain only where messages are

    kept = check.kept
    extra = {k: v for k, v in message.additional_kwargs.items() if k not in ("tool_calls", "function_call")}
    invalid = [c for c in message.invalid_tool_calls if not _checked(tools, c.get("name"))]
    content = message.content if isinstance(message.content, str) else message.text
    if isinstance(message, AIMessageChunk):
        chunks = [{"name": c["name"], "args": _json(c["args"]), "id": c.get("id")} for c in kept]
        chunks += [{"name": c.get("name"), "args": c.get("args"), "id": c.get("id")} for c in invalid]
        chunks = [{**c, "index": i, "type": "tool_call_chunk"} for i, c in enumerate(chunks)]
        return AIMessageChunk(
            content=content, id=message.id, additional_kwargs=extra, response_metadata=message.response_metadata,
            usage_metadata=message.usage_metadata, tool_call_chunks=chunks, chunk_position=message.chunk_position,
            name=message.name,
        )  # fmt: skip
    return message.model_copy(
        update={"content": content, "tool_calls": kept, "invalid_tool_calls": invalid, "additional_kwargs": extra}
    )


def _json(args: Any) -> str:
    return json.dumps(args, ensure_ascii=False)


def check_structured(policy: ProductLinePolicy, ctx: Context, value: Any) -> tuple[Decision | None, Any]:
    """Structured output (`with_structured_output`): every text field checked like an outbound tool's
    arguments. Returns the decision (None: no text) and the value with rewritten fields; with
    `include_raw`, the raw message (the unchecked arguments) is dropped once anything was found."""
    if isinstance(value, Mapping) and {"raw", "parsed"} <= set(value):
        decision, parsed = check_structured(policy, ctx, value["parsed"])
        if decision is None or decision.action is Action.PASS:
            return decision, value
        return decision, {**value, "parsed": parsed, "raw": None}
    model = type(value) if hasattr(value, "model_dump") and hasattr(type(value), "model_validate") else None
    data = value.model_dump() if model is not None else copy.deepcopy(value)
    fields = list(_texts(data, ()))
    if not fields:
        return None, value
    decisions = [policy.evaluate(text, tool_context(ctx)) for _, text in fields]
    decision = _joined(policy, "structured_output", fields, decisions)
    if decision.action is not Action.REWRITE:
        return decision, value
    for (path, _), fielded in zip(fields, decisions, strict=True):
        _set(data, path, fielded.delivered)
    return decision, model.model_validate(data) if model is not None else data
