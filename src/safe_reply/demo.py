"""`safe-reply demo`: the example support bot, wrapped by safe_reply, on the example policy.

Runs the scripted conversations of examples/support_bot.py through `safe_reply.guard` and shows,
per reply, what the bot wanted to say, the action, every finding (rule id, category, legal basis,
span) and what the customer actually receives.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

from langchain_core.messages import BaseMessage
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from safe_reply.loader import load_policy
from safe_reply.policy import Policy
from safe_reply.recording import DecisionRecorder
from safe_reply.resources import example_config_dir, examples_dir
from safe_reply.runnable import GuardedReply
from safe_reply.runnable_chat import guard
from safe_reply.types import Action, Decision, Finding

_STYLE = {
    Action.PASS: "bold green",
    Action.MONITOR: "bold cyan",
    Action.REWRITE: "bold yellow",
    Action.BLOCK: "bold red",
    Action.RAISE: "bold red",
}


def load_example_bot(folder: Path | None = None) -> ModuleType:
    """Import examples/support_bot.py from the checkout or the installed package."""
    path = (folder or examples_dir()) / "support_bot.py"
    spec = importlib.util.spec_from_file_location("safe_reply_example_support_bot", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"{path}: example bot missing; reinstall safe_reply")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered while it executes
    spec.loader.exec_module(module)
    return module


def run_demo(
    console: Console | None = None,
    policy: Policy | None = None,
    recorder: DecisionRecorder | Literal["policy"] | None = "policy",
) -> list[Decision]:
    """Run every scripted conversation; print each reply's decision; return the decisions.

    By default blocked and rewritten replies go to the log the policy configures (the example
    config: .safe_reply/log.sqlite3 in the working directory), ready for `safe-reply log list`.
    """
    console = console or Console()
    policy = policy or load_policy(example_config_dir())
    example = load_example_bot()
    decisions: list[Decision] = []
    console.print(
        Panel.fit(
            "safe_reply demo: a LangChain support bot (scripted chat model, offline) wrapped by\n"
            "safe_reply.guard(bot, policy=<example config>, product_line=...). Every reply is checked\n"
            "before the customer sees it: pass, rewrite or block, with the rule and its legal basis.",
            title="safe_reply",
        )
    )
    for conversation in example.CONVERSATIONS:
        bot = example.build_bot([turn.bot for turn in conversation.turns])
        guarded = guard(bot, policy, product_line=conversation.product_line, recorder=recorder).with_decision()
        history: list[BaseMessage] = []
        console.rule(f"{conversation.product_line} · {conversation.company} · conversation {conversation.id}")
        for number, turn in enumerate(conversation.turns, start=1):
            config: Any = {"configurable": {"session_id": conversation.id}}
            reply: GuardedReply = guarded.invoke(example.bot_input(conversation, history, turn.customer), config)
            decisions.append(reply.decision)
            _show(console, number, turn.customer, reply.decision)
            example.remember(history, turn.customer, reply.output)
    counts = Counter(d.action.value for d in decisions)
    console.rule("summary")
    console.print(", ".join(f"{action}: {counts[action]}" for action in ("pass", "rewrite", "block") if counts[action]))
    if recorder is not None and policy.log.enabled:
        console.print(
            f"Blocked and rewritten replies were logged (masked) to {policy.log.path}: "
            "see them with `safe-reply log list` and `safe-reply log show ID`, label them with `safe-reply review`."
        )
    return decisions


def _show(console: Console, number: int, question: str, decision: Decision) -> None:
    console.print(f"[bold]Turn {number}[/] Kunde/Customer: {escape(question)}")
    console.print(Text("  Bot wanted to say: ", style="dim") + _highlight(decision))
    console.print(f"  → [{_STYLE[decision.action]}]{decision.action.value.upper()}[/]")
    for finding in decision.findings:
        console.print(f"    • {escape(_describe(finding, decision.original))}")
    console.print(Text("  Delivered: ", style="bold") + Text(decision.delivered))
    console.print()


def _describe(finding: Finding, original: str) -> str:
    where = f"span {finding.span.start}–{finding.span.end}" if finding.span else "no span (something missing)"
    basis = finding.legal_basis or "no legal basis given"
    return f"{finding.rule_id} [{finding.category}] {where}; {basis}: {finding.message}"


def _highlight(decision: Decision) -> Text:
    text = Text(decision.original)
    for finding in decision.findings:
        if finding.span is not None:
            text.stylize("reverse red", finding.span.start, finding.span.end)
    return text
