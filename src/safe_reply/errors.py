"""Exceptions. Every message is one f-string that names the file, the key and the fix."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from safe_reply.types import Decision


class SafeReplyError(Exception):
    """Base class for everything safe_reply raises on purpose."""


class ConfigError(SafeReplyError):
    """A policy or rule pack that cannot be used. Raised at load time, never per reply."""

    def __init__(self, file: Path | str, key: str, problem: str, fix: str) -> None:
        self.file = str(file)
        self.key = key
        self.problem = problem
        self.fix = fix
        where = f"{self.file}: {key}" if key else self.file
        super().__init__(f"{where}: {problem}. Fix: {fix}")


class ConfigErrors(SafeReplyError):
    """Several config errors at once, so a compliance editor can fix a file in one round."""

    def __init__(self, errors: list[ConfigError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class UnknownProductLine(SafeReplyError):
    def __init__(self, product_line: str, known: Iterable[str]) -> None:
        self.product_line = product_line
        names = sorted(known)
        super().__init__(
            f"unknown product line '{product_line}'{did_you_mean(product_line, names)}; "
            f"known product lines: {', '.join(names) or '(none)'}. "
            f"Fix: pass one of them as product_line, or add config/product_lines/{product_line}.yaml"
        )


class ReplyBlocked(SafeReplyError):
    """Raised by the `raise` action so the caller can handle the blocked reply itself."""

    def __init__(self, decision: Decision) -> None:
        self.decision = decision
        rules = ", ".join(sorted({f.rule_id for f in decision.findings}))
        super().__init__(f"reply blocked by safe_reply ({decision.policy_ref.product_line}): {rules}")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
