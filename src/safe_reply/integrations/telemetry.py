"""Keep guardrails-ai offline: no metrics, no remote inference, no server, no traces of our replies.

guardrails 0.11 phones home by default. Without a `~/.guardrailsrc` its `RC` says
`enable_metrics=True`, so every `Guard` call and every validator run is exported as an OTLP span
to guardrails' own collector (a `HubTelemetry` singleton with a `BatchSpanProcessor`, flushed
every few seconds and at interpreter exit). It also re-reads `~/.guardrailsrc` on every `Guard()`
construction, so setting the rc once is not enough. The other paths out of the process:

- remote inference: a validator with `use_local=False` (the default when the rc says
  `use_remote_inferencing=true`) posts the text to be validated to the validator hub;
- the guardrails server: `settings.use_server` routes `Guard.validate` to an API server;
- guardrails' own OpenTelemetry spans (guard, runner, validator) carry the validated text and the
  validator's constructor kwargs to whatever global tracer provider the host application set up;
- litellm (a hard dependency, imported when guardrails calls an LLM) fetches its model price table
  from the internet at import unless `LITELLM_LOCAL_MODEL_COST_MAP` is true;
- nltk: when it is installed (many hub validators pull it in), `import guardrails` and some hub
  validators call `nltk.download("punkt")` at import if the data is missing. `offline_imports()`
  refuses those downloads while guardrails code is being imported (and restores nltk afterwards, so the
  host application's own nltk is untouched); the missing data then raises where it is used.

`ensure_offline()` closes all of them in memory: it never writes a file, least of all into the
user's home, and it does not switch off the host application's own OpenTelemetry (no
`OTEL_SDK_DISABLED`): only guardrails' spans stop. It is idempotent and must run before any other
safe_reply code touches guardrails. `import guardrails` itself opens no socket (measured:
benchmarks/guardrails_import.py); it reads, never writes, `~/.guardrailsrc` once, and afterwards
safe_reply never reads it again.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
import threading
import warnings
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

# guardrails' llm_providers import litellm lazily; its cost-map download happens at that import.
_ENV_DEFAULTS = {"LITELLM_LOCAL_MODEL_COST_MAP": "True"}

_lock = threading.Lock()
_done = threading.Event()


@dataclass(frozen=True, slots=True)
class OfflineState:
    """What guardrails would do right now; every field must be False for the no-egress promise."""

    metrics: bool
    remote_inference: bool
    server: bool
    tracing: bool
    hub_exporter: bool


class OfflineError(RuntimeError):
    """guardrails could not be forced offline (e.g. a newer version moved its switches)."""


def ensure_offline() -> None:
    """Force guardrails offline in this process, once. Imports guardrails (about 2 s, once)."""
    with _lock:
        if _done.is_set():
            return
        for name, value in _ENV_DEFAULTS.items():
            os.environ.setdefault(name, value)
        try:
            with offline_imports():
                _force_offline()
        except (ImportError, AttributeError) as exc:
            raise OfflineError(
                f"cannot switch off guardrails-ai telemetry ({type(exc).__name__}: {exc}); "
                "safe_reply refuses to run guardrails it cannot keep offline. "
                "Fix: install a supported version: pip install 'guardrails-ai>=0.6,<0.12'"
            ) from exc
        state = offline_state()
        if any(asdict(state).values()):
            raise OfflineError(
                f"guardrails-ai is still online after ensure_offline(): {state}. "
                "Fix: install a supported version: pip install 'guardrails-ai>=0.6,<0.12'"
            )
        _done.set()


@contextlib.contextmanager
def offline_imports() -> Iterator[None]:
    """While guardrails code is imported: every nltk data download is refused (see the docstring)."""
    if "nltk" not in sys.modules and importlib.util.find_spec("nltk") is None:
        yield
        return
    import nltk

    original = nltk.download

    def refuse(info_or_id: Any = None, *args: Any, **kwargs: Any) -> bool:
        warnings.warn(
            f"safe_reply refused nltk.download({info_or_id!r}) during a guardrails import: nothing leaves "
            "this machine. Fix: install the nltk data offline (python -m nltk.downloader -d DIR punkt on a "
            "machine with network access, then set NLTK_DATA=DIR)",
            stacklevel=2,
        )
        return False

    nltk.download = refuse
    try:
        yield
    finally:
        nltk.download = original


def offline_state() -> OfflineState:
    """Inspect guardrails' switches (imports guardrails)."""
    from guardrails.classes.rc import RC
    from guardrails.settings import settings
    from guardrails.utils.hub_telemetry_utils import HubTelemetry

    fresh = RC.load()  # what the next Guard() will install
    instance = HubTelemetry._instance
    return OfflineState(
        metrics=bool(settings.rc.enable_metrics) or bool(fresh.enable_metrics),
        remote_inference=bool(settings.rc.use_remote_inferencing) or bool(fresh.use_remote_inferencing),
        server=bool(settings.use_server),
        tracing=not settings.disable_tracing,
        hub_exporter=instance is not None and instance._tracer is not None,
    )


def _offline_rc() -> Any:
    from guardrails.classes.rc import RC

    # No id, no token: both only serve metrics and remote inference.
    return RC(id=None, token=None, enable_metrics=False, use_remote_inferencing=False)


def _force_offline() -> None:
    from guardrails.classes.rc import RC
    from guardrails.settings import settings
    from guardrails.utils.hub_telemetry_utils import HubTelemetry

    # Guard.configure() calls RC.load() on every construction and copies the result into the
    # global settings, so the rc file would switch metrics back on for the next Guard. Replace
    # the loader: it no longer reads the home directory at all.
    if not getattr(RC.load, "_safe_reply_offline", False):

        def load(cls: type[Any], logger: Any = None) -> Any:
            return _offline_rc()

        load._safe_reply_offline = True  # type: ignore[attr-defined]
        RC.load = classmethod(load)
    settings.rc = _offline_rc()
    settings.use_server = False
    settings.disable_tracing = True
    _disarm_hub_telemetry(HubTelemetry)


def _disarm_hub_telemetry(hub_telemetry: Any) -> None:
    """Make the HubTelemetry singleton a no-op that can never export.

    Every tracing decorator in guardrails checks `_enabled and _tracer is not None`, and Guard()
    sets `_enabled` again from its own argument; `_tracer = None` is what no Guard touches.
    """
    instance = hub_telemetry._instance
    if instance is None:
        # Never initialised: create it without initialize_tracer(), which would build an OTLP
        # exporter and start its worker thread.
        instance = object.__new__(hub_telemetry)
        hub_telemetry._instance = instance
    else:
        # Someone used guardrails before us: drop (do not send) what is queued. Shutting the
        # exporter down first makes the processor's final flush a refused export.
        processor = getattr(instance, "_processor", None)
        exporter = _exporter_of(processor)
        if exporter is not None:
            exporter.shutdown()
        if processor is not None:
            processor.shutdown()
    instance._enabled = False
    instance._tracer = None
    instance._tracer_provider = None
    instance._processor = None
    instance._prop = None
    instance._carrier = {}


def _exporter_of(processor: Any) -> Any:
    if processor is None:
        return None
    # opentelemetry-sdk >= 1.30 keeps the exporter on an inner BatchProcessor; older on the processor.
    inner = getattr(processor, "_batch_processor", None)
    for holder in (inner, processor):
        for name in ("_exporter", "span_exporter"):
            exporter = getattr(holder, name, None) if holder is not None else None
            if exporter is not None:
                return exporter
    return None
