"""A loaded policy and its one pure step: `evaluate(text, ctx) -> Decision`.

Everything here runs per reply, so it does no I/O, touches no globals and builds nothing: the
validators were compiled when the policy loaded (safe_reply.loader).

Its cost is bounded: a reply longer than `limits.max_reply_chars` is blocked before any validator
runs, and each validator call has a time budget, kept by the process's watchdog thread (see
safe_reply.watchdog for what it can interrupt); an overrun fails closed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from safe_reply.actions import action_for, rewrite, strongest
from safe_reply.config_models import Fallback, Limits, LogSettings, Mode, ProductLine, ServeSettings
from safe_reply.contracts import Validator
from safe_reply.errors import UnknownProductLine
from safe_reply.lang import reply_language
from safe_reply.types import Action, Category, Context, Decision, Finding, Language, Message, PolicyRef, Severity
from safe_reply.watchdog import Overrun, Watchdog, shared_watchdog

_NOTHING_LEFT = ("nach dem Umschreiben bliebe nichts zu senden", "the rewrite left nothing to send")
# Turns whose fallback is fixed at load: unknown, the first reply, a later one. Other keys (turn 7, a
# channel) are fixed on first use and kept, up to this many; beyond it they are computed per block.
_FALLBACK_TURNS_AT_LOAD: tuple[int | None, ...] = (None, 1, 2)
_FALLBACK_KEYS_KEPT = 512


@dataclass(frozen=True)
class ProductLinePolicy:
    """One product line, compiled: its validators, action table and fallback."""

    config: ProductLine
    ref: PolicyRef
    mode: Mode
    actions: Mapping[str, Action]
    fallback: Fallback
    default_language: Language
    languages: tuple[Language, ...]
    validators: tuple[Validator, ...]
    fail_open: frozenset[str] = frozenset()
    sensitive: frozenset[str] = frozenset()  # validators whose findings the log must mask (their spec says so)
    limits: Limits = field(default_factory=Limits)
    budgets: Mapping[str, float] = field(default_factory=dict)  # a validator's own time budget (its section)
    watchdog: Watchdog = field(default_factory=shared_watchdog, repr=False, compare=False)
    # The fallback with the fixes every reply needs, per (language, turn, channel): it depends on the
    # policy and these three only, so a blocked reply looks it up instead of checking the fallback
    # again (measured: a third of a leak reply's cost when it was checked per block).
    _fallbacks: dict[tuple[Language, int | None, str | None], str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for language in Language:
            for turn in _FALLBACK_TURNS_AT_LOAD:
                self._fallback_text(language, Context(self.id, None, turn, language))

    @property
    def id(self) -> str:
        return self.config.id

    @property
    def max_reply_chars(self) -> int:
        return self.limits.max_reply_chars

    def budget(self, validator: str) -> float:
        """Seconds the validator may take on one reply."""
        return self.budgets.get(validator, self.limits.time_budget_seconds)

    def evaluate(self, text: str, ctx: Context) -> Decision:
        findings = (self._too_long(len(text)),) if len(text) > self.limits.max_reply_chars else self.detect(text, ctx)
        if not findings:
            return Decision(Action.PASS, (), text, text, self.ref, Action.PASS)
        intended = strongest(self._action(f) for f in findings)
        delivered = text
        language: Language | None = None
        if intended is Action.REWRITE:
            rewritten, failure = self._rewrite(text, findings, ctx)
            if failure is None and rewritten is not None:
                delivered = rewritten
            else:
                findings = (*findings, failure or self._rewrite_failed(_NOTHING_LEFT))
                intended = strongest((Action.BLOCK, self._action(findings[-1])))
        if intended in (Action.BLOCK, Action.RAISE):
            language = reply_language(text, ctx.language, self.default_language)
            delivered = self._fallback_text(language, ctx)
        if self.mode is Mode.MONITOR or intended is Action.MONITOR:
            return Decision(Action.MONITOR, findings, text, text, self.ref, intended, language)
        return Decision(intended, findings, text, delivered, self.ref, intended, language)

    def detect(self, text: str, ctx: Context) -> tuple[Finding, ...]:
        findings: list[Finding] = []
        watch = self.watchdog.watch()
        for validator in self.validators:
            budget = self.budget(validator.name)
            try:
                watch.start(validator.name, budget)
                try:
                    found = validator.detect(text, ctx)
                finally:
                    # Inside the try: an Overrun raised just before the watch stops lands here, never later.
                    overran = watch.stop()
            except Overrun:
                watch.stop()
                found = [self._validator_error(validator.name, _overrun(budget))]
            except Exception as exc:
                # The exception text may quote the reply (and so a secret): log only its type.
                what = (f"hat {type(exc).__name__} ausgelöst", f"raised {type(exc).__name__}")
                found = [self._validator_error(validator.name, what)]
            else:
                if overran:  # it returned, but late (it waited in C code, where it cannot be interrupted)
                    found = [self._validator_error(validator.name, _overrun(budget))]
                elif any(f.span is not None and f.span.end > len(text) for f in found):
                    what = ("lieferte eine Stelle außerhalb der Antwort", "returned a span outside the reply")
                    found = [self._validator_error(validator.name, what)]
                elif validator.name in self.sensitive:
                    found = [f if f.sensitive else dataclasses.replace(f, sensitive=True) for f in found]
            findings.extend(found)
        return tuple(findings)

    def _action(self, finding: Finding) -> Action:
        return action_for(finding, self.actions, self.fail_open)

    def _rewrite(self, text: str, findings: Sequence[Finding], ctx: Context) -> tuple[str | None, Finding | None]:
        to_fix = [f for f in findings if self._action(f) is Action.REWRITE]
        rewritten = rewrite(text, to_fix)
        if rewritten is None:
            rules = ", ".join(sorted({f.rule_id for f in to_fix if f.fix is None}))
            return None, self._rewrite_failed(
                (f"für {rules} ist keine Umschreibung möglich", f"no rewrite is possible for {rules}")
            )
        if not rewritten.strip():
            return None, self._rewrite_failed(_NOTHING_LEFT)
        # The rewritten reply must pass on its own: a fix must never introduce or leave a problem.
        remaining = [f for f in self.detect(rewritten, ctx) if self._action(f).rank >= Action.REWRITE.rank]
        if remaining:
            rules = ", ".join(sorted({f.rule_id for f in remaining}))
            why = (
                f"die umgeschriebene Antwort verstößt weiter gegen {rules}",
                f"the rewritten reply still fails {rules}",
            )
            return None, self._rewrite_failed(why)
        return rewritten, None

    def _fallback_text(self, language: Language, ctx: Context) -> str:
        """The fallback message, with the additions the policy requires of any reply (e.g. the AI notice).

        Only insertions are applied: the fallback is the company's own approved text, and a validator
        that would change it (a third-party validator whose "fix" is a generated string, say) must not
        turn a blocked reply into garbage. Checked with the call's turn and channel, never its
        conversation: the result is a function of the key below (validators being pure).
        """
        key = (language, ctx.turn, ctx.channel)
        known = self._fallbacks.get(key)
        if known is not None:
            return known
        message = self.fallback.for_language(language)
        found = self.detect(message, Context(self.id, None, ctx.turn, language, ctx.channel))
        fixable = [f for f in found if f.fix is not None and f.fix.span.start == f.fix.span.end]
        fixed = (rewrite(message, fixable) or message) if fixable else message
        if len(self._fallbacks) < _FALLBACK_KEYS_KEPT:
            self._fallbacks[key] = fixed  # a race only computes the same text twice
        return fixed

    def _validator_error(self, name: str, what: tuple[str, str]) -> Finding:
        if name in self.fail_open:
            outcome = ("nur protokolliert (fail-open)", "recorded only (fail-open)")
        else:
            outcome = ("die Antwort wurde blockiert (fail closed)", "the reply was blocked (fail closed)")
        return Finding(
            rule_id=f"{name}.validator-error",
            category=Category.VALIDATOR_ERROR,
            span=None,
            message=Message(
                f"Validator '{name}' {what[0]}; {outcome[0]}", f"validator '{name}' {what[1]}; {outcome[1]}"
            ),
            severity=Severity.HIGH,
            validator=name,
        )

    def _too_long(self, length: int) -> Finding:
        limit = self.limits.max_reply_chars
        return _engine_finding(
            "engine.reply-too-long",
            Category.REPLY_TOO_LONG,
            f"Antwort zu lang ({length} Zeichen, erlaubt sind {limit}): nicht geprüft; die Antwort wurde blockiert",
            f"reply too long ({length} characters, {limit} allowed): not checked; the reply was blocked",
        )

    def _rewrite_failed(self, why: tuple[str, str]) -> Finding:
        return _engine_finding(
            "engine.rewrite-failed",
            Category.REWRITE_FAILED,
            f"Umschreiben unmöglich: {why[0]}; die Antwort wurde blockiert",
            f"rewrite impossible: {why[1]}; the reply was blocked",
        )


def _engine_finding(rule_id: str, category: Category, de: str, en: str) -> Finding:
    """A finding of the engine itself (no validator's, no span): always high severity."""
    return Finding(rule_id, category, None, Message(de, en), severity=Severity.HIGH, validator="engine")


def _overrun(budget: float) -> tuple[str, str]:
    return (f"hat sein Zeitbudget von {budget:g} s überschritten", f"exceeded its time budget of {budget:g} s")


@dataclass(frozen=True)
class Policy:
    """All product lines of one config folder."""

    product_lines: Mapping[str, ProductLinePolicy]
    default_product_line: str | None = None
    config_dir: Path | None = None
    # A Policy built in code records nothing unless given log settings; load_policy passes the YAML's.
    log: LogSettings = field(default_factory=lambda: LogSettings(enabled=False), compare=False)
    serve: ServeSettings = field(default_factory=ServeSettings, compare=False)  # only `safe-reply serve` reads it

    def select(self, product_line: str | None) -> ProductLinePolicy:
        name = product_line or self.default_product_line
        if name is None and len(self.product_lines) == 1:
            name = next(iter(self.product_lines))
        if name is None:
            raise UnknownProductLine("(none given)", self.product_lines)
        try:
            return self.product_lines[name]
        except KeyError:
            raise UnknownProductLine(name, self.product_lines) from None

    def evaluate(self, text: str, ctx: Context) -> Decision:
        return self.select(ctx.product_line).evaluate(text, ctx)
