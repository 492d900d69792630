"""Run installed guardrails-ai validators inside a safe_reply policy; their failures become findings.

    validators:
      guardrails:
        use:
          - validator: "guardrails/regex_match"        # a registered guardrails id, or
          - validator: "my_package.checks:NoPhoneNumbers"   # module:Class of a guardrails Validator
            kwargs: {country: DE}
            category: external                        # the action table decides what happens
            rule_id: guardrails.phone-number
            legal_basis: "DSGVO Art. 5 Abs. 1 lit. c"
            message: "Telefonnummer in der Antwort / phone number in the reply"

Only guardrails' detection is used; its `on_fail` and reask machinery never run (guardrails 1.0 plans
to remove them, and the action table is ours). A FailResult becomes one finding per error span (one
without a span when it reports none); its `fix_value`, if any, becomes the finding's fix, narrowed to
the part of the text it actually changes. A validator that raises is not caught here: the engine
fails closed on it (or only records it with `fail_open: true`).

Everything that can be wrong is reported when the policy loads (ConfigError with file, key, fix);
guardrails is forced offline first (safe_reply.integrations.telemetry), and a validator configured
for remote inference is refused.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import Field, field_validator

from safe_reply.config_models import Fallback, Strict
from safe_reply.contracts import BuildContext, Validator, ValidatorSpec
from safe_reply.errors import ConfigError, did_you_mean
from safe_reply.integrations.telemetry import offline_imports
from safe_reply.types import Action, Category, Context, Edit, Finding, Message, Severity, Span

NAME = "guardrails"
_ENGINE_CATEGORIES = (Category.VALIDATOR_ERROR, Category.REWRITE_FAILED, Category.REPLY_TOO_LONG)
_MAX_MESSAGE = 300  # third-party error messages are free text; keep log rows bounded
_REMOTE_KWARGS = ("use_local", "validation_endpoint")


class Entry(Strict):
    """One guardrails validator the policy runs."""

    validator: str = Field(min_length=1, pattern=r"^[\w.]+:\w+$|^[\w.-]+/[\w.-]+$")
    kwargs: dict[str, Any] = Field(default_factory=dict)
    category: Category = Category.EXTERNAL
    rule_id: str | None = Field(default=None, min_length=1)
    legal_basis: str | None = None
    # The reviewer message: one text for both languages, or {de: ..., en: ...}.
    message: Annotated[str, Field(min_length=1)] | Fallback | None = None
    severity: Severity = Severity.HIGH
    # A third-party validator's findings often point at what must not be stored (a banned term, a
    # customer's data), and its error message may quote it: the log masks them unless told otherwise.
    sensitive: bool = True

    @field_validator("category")
    @classmethod
    def _not_engine_category(cls, value: Category) -> Category:
        if value in _ENGINE_CATEGORIES:
            allowed = ", ".join(c.value for c in Category if c not in _ENGINE_CATEGORIES)
            raise ValueError(f"'{value.value}' is reserved for the engine; use one of: {allowed}")
        return value


class Settings(Strict):
    use: tuple[Entry, ...] = ()


@dataclass(frozen=True, slots=True)
class _Compiled:
    validator: Any  # a guardrails Validator instance, built once at load time
    alias: str
    rule_id: str
    entry: Entry


@dataclass(slots=True)  # not frozen: the Validator protocol's `name` is a plain attribute
class GuardrailsHubValidator:
    """Runs the configured guardrails validators; pure as long as they are."""

    compiled: tuple[_Compiled, ...]
    name: str = NAME

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        metadata = context_metadata(ctx)
        findings: list[Finding] = []
        for item in self.compiled:
            result = item.validator.validate(text, metadata)
            outcome = getattr(result, "outcome", None)
            if outcome == "pass":
                continue
            if outcome != "fail":
                raise TypeError(f"guardrails validator '{item.alias}' returned {type(result).__name__}")
            findings.extend(_findings(item, text, result))
        return findings


METADATA_KEYS = ("product_line", "conversation_id", "turn", "language", "channel")


def context_metadata(ctx: Context) -> dict[str, Any]:
    """The Context as guardrails metadata (the keys our own guardrails validators read back)."""
    values = {
        "product_line": ctx.product_line,
        "conversation_id": ctx.conversation_id,
        "turn": ctx.turn,
        "language": ctx.language.value if ctx.language else None,
        "channel": ctx.channel,
    }
    return {key: value for key, value in values.items() if value is not None}


def _findings(item: _Compiled, text: str, result: Any) -> list[Finding]:
    fix = fix_edit(text, result.fix_value) if isinstance(result.fix_value, str) else None
    error = " ".join(str(result.error_message or "").split())[:_MAX_MESSAGE]
    configured = item.entry.message
    if isinstance(configured, Fallback):
        message = Message(configured.de, configured.en)
    elif configured is not None:
        message = Message(configured, configured)
    elif item.entry.sensitive:
        # Its own error text may quote what it found, escaped or transformed so that no mask would
        # recognise it: a sensitive validator's text never reaches the finding (and so the log).
        message = Message(
            f"guardrails-Validator '{item.alias}' schlug an (seine Meldung wird nicht gespeichert: sie kann "
            "zitieren, was er fand)",
            f"guardrails validator '{item.alias}' failed (its message is not stored: it may quote what it found)",
        )
    else:
        message = Message(
            f"guardrails-Validator '{item.alias}' schlug an: {error}",
            f"guardrails validator '{item.alias}' failed: {error}",
        )
    spans: list[Span | None] = [Span(s.start, s.end) for s in result.error_spans or ()] or [None]
    return [
        Finding(
            rule_id=item.rule_id,
            category=item.entry.category,
            span=span,
            message=message,
            legal_basis=item.entry.legal_basis,
            severity=item.entry.severity,
            validator=NAME,
            fix=fix,
            details={"guardrails_validator": item.alias},
            sensitive=item.entry.sensitive,
        )
        for span in spans
    ]


def fix_edit(text: str, fixed: str) -> Edit | None:
    """The smallest single edit that turns `text` into `fixed` (None if they are equal).

    A whole-reply replacement would swallow every other validator's fix in the overlap resolution;
    trimming the common prefix and suffix keeps it to the part guardrails actually changed.
    """
    if fixed == text:
        return None
    limit = min(len(text), len(fixed))
    prefix = 0
    while prefix < limit and text[prefix] == fixed[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and text[-1 - suffix] == fixed[-1 - suffix]:
        suffix += 1
    return Edit(Span(prefix, len(text) - suffix), fixed[prefix : len(fixed) - suffix])


def build(settings: Settings, ctx: BuildContext) -> Validator:
    from safe_reply.integrations.telemetry import ensure_offline

    ensure_offline()  # before guardrails is imported by anything below
    compiled = []
    for index, entry in enumerate(settings.use):
        key = f"{ctx.key}.use[{index}]"
        cls = _resolve(entry.validator, ctx, f"{key}.validator")
        validator = _instantiate(cls, entry, ctx, key)
        alias = str(getattr(cls, "rail_alias", "") or entry.validator)
        compiled.append(_Compiled(validator, alias, entry.rule_id or f"guardrails.{alias}", entry))
    return GuardrailsHubValidator(tuple(compiled))


def _resolve(target: str, ctx: BuildContext, key: str) -> type[Any]:
    from guardrails.validator_base import Validator as GuardrailsValidator
    from guardrails.validator_base import validators_registry

    if ":" in target:
        module_name, _, attribute = target.partition(":")
        try:
            with offline_imports():
                module = importlib.import_module(module_name)
        except ImportError as exc:
            raise ConfigError(
                ctx.file,
                key,
                f"cannot import module '{module_name}' ({exc})",
                "install the package that provides it (e.g. pip install guardrails-ai-<name>) "
                "or correct the module path",
            ) from exc
        cls = getattr(module, attribute, None)
        if cls is None:
            public = [name for name in dir(module) if not name.startswith("_")]
            raise ConfigError(
                ctx.file,
                key,
                f"module '{module_name}' has no attribute '{attribute}'{did_you_mean(attribute, public)}",
                "name a guardrails Validator class of that module as 'module:ClassName'",
            )
    else:
        cls = validators_registry.get(target) or _import_by_convention(target, validators_registry)
        if cls is None:
            raise ConfigError(
                ctx.file,
                key,
                f"no guardrails validator is registered as '{target}'{did_you_mean(target, validators_registry)}",
                f"install its package (pip install guardrails-ai-{target.rpartition('/')[2].replace('_', '-')}) "
                "or name the class as 'module:ClassName'",
            )
    if not (isinstance(cls, type) and issubclass(cls, GuardrailsValidator)):
        raise ConfigError(
            ctx.file, key, f"'{target}' is not a guardrails Validator class", "name a subclass of guardrails.Validator"
        )
    return cls


def _import_by_convention(target: str, registry: Mapping[str, type[Any]]) -> type[Any] | None:
    """guardrails-ai-<name> packages register 'guardrails/<name>' when guardrails_ai.<name> is imported."""
    namespace, _, name = target.partition("/")
    if namespace != "guardrails":
        return None
    module_name = f"guardrails_ai.{name}"
    try:
        if importlib.util.find_spec(module_name) is None:
            return None
    except ModuleNotFoundError:
        return None
    with offline_imports():
        importlib.import_module(module_name)
    return registry.get(target)


def _instantiate(cls: type[Any], entry: Entry, ctx: BuildContext, key: str) -> Any:
    remote = [name for name in _REMOTE_KWARGS if name in entry.kwargs]
    if remote:
        raise ConfigError(
            ctx.file,
            f"{key}.kwargs.{remote[0]}",
            "remote inference is not allowed: safe_reply never sends a reply anywhere",
            f"remove '{remote[0]}'; the validator then runs locally",
        )
    missing = [k for k in getattr(cls, "required_metadata_keys", []) if k not in METADATA_KEYS]
    if missing:
        raise ConfigError(
            ctx.file,
            f"{key}.validator",
            f"'{entry.validator}' needs metadata safe_reply cannot provide: {', '.join(missing)}",
            f"use a validator that needs at most: {', '.join(METADATA_KEYS)}",
        )
    try:
        validator = cls(on_fail="noop", **entry.kwargs)
    except Exception as exc:  # any constructor failure is a config error
        raise ConfigError(
            ctx.file,
            f"{key}.kwargs",
            f"'{entry.validator}' rejected its kwargs ({type(exc).__name__}: {exc})",
            f"pass the parameters of {cls.__name__}{_signature(cls)}",
        ) from exc
    if getattr(validator, "use_local", True) is not True:
        raise ConfigError(
            ctx.file,
            f"{key}.validator",
            f"'{entry.validator}' is set up for remote inference",
            "use a validator that runs locally; safe_reply never sends a reply anywhere",
        )
    return validator


def _signature(cls: type[Any]) -> str:
    try:
        signature = inspect.signature(cls.__init__)
    except (TypeError, ValueError):
        return "(...)"
    params = [p for name, p in signature.parameters.items() if name != "self"]
    return str(signature.replace(parameters=params, return_annotation=inspect.Signature.empty))


SPEC = ValidatorSpec(
    NAME,
    Settings,
    build,
    description="Runs installed guardrails-ai validators; their failures become findings.",
    categories=(Category.EXTERNAL,),
    default_actions={Category.EXTERNAL: Action.BLOCK},
    order=90,
)
