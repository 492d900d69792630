"""The LangChain wrapper: `guard(bot, policy)` returns a Runnable that checks every reply.

Every public path (invoke, ainvoke, batch, abatch, stream, astream, transform, atransform and
what LangChain builds on them: astream_events, astream_log, `|` composition, with_config, ...)
runs through LangChain's config helpers, so callbacks and traces see one run for the wrapper with
the bot's run and a "safe_reply_guard" run (the decision) inside it.

Streaming holds the whole reply until the decision and then emits the delivered text as ONE
chunk of the kind the bot streams: nothing the guard has not approved leaves it. For the same
reason the bot is called without LangChain's event-streaming handlers (astream_events,
astream_log), which would otherwise hand out its unchecked tokens and output; tracers and other
callbacks still see the bot's run.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple

from langchain_core.callbacks.manager import AsyncCallbackManagerForChainRun, CallbackManagerForChainRun
from langchain_core.runnables import Runnable, RunnableConfig, RunnableSerializable
from langchain_core.runnables.config import patch_config
from langchain_core.tracers._streaming import _StreamingCallbackHandler
from pydantic import ConfigDict, InstanceOf

from safe_reply.config_models import LogSettings
from safe_reply.conversation import (
    ConversationTracker,
    TurnTracker,
    conversation_id,
    parse_language,
    parse_turn,
)
from safe_reply.errors import ReplyBlocked
from safe_reply.loader import load_policy
from safe_reply.policy import Policy, ProductLinePolicy
from safe_reply.recording import DecisionRecorder
from safe_reply.runnable_io import (
    Rebuild,
    astart_guard_run,
    carries_unchecked,
    decision_summary,
    merge_chunks,
    merge_inputs,
    reply_text,
    start_guard_run,
    turn_from_history,
)
from safe_reply.types import Action, Context, Decision, Language

DEFAULT_RUN_NAME = "safe_reply_guard"


class GuardedReply(NamedTuple):
    """What `GuardedRunnable.with_decision()` returns: the delivered output and its Decision."""

    output: Any
    decision: Decision


@dataclass(frozen=True, slots=True)
class _Call:
    """What is known about one call before the bot runs (from the config and the guard)."""

    policy: ProductLinePolicy
    conversation_id: str | None
    turn: int | None
    language: Language | None
    channel: str | None


@dataclass(frozen=True, slots=True)
class _Verdict:
    decision: Decision
    ctx: Context
    latency_s: float
    result: Any


class GuardedRunnable(RunnableSerializable[Any, Any]):
    """A bot whose every reply is checked by a safe_reply Policy before it is returned.

    Per call, `config["configurable"]` may set `product_line`, `session_id` / `thread_id` /
    `conversation_id`, `turn` (1 = first bot reply), `language` ("de"/"en") and `channel`.
    Build it with `safe_reply.guard(...)`.
    """

    bot: Runnable[Any, Any]
    policy: InstanceOf[Policy]
    product_line: str | None = None
    language: Language | None = None
    channel: str | None = None
    output_key: str | None = None
    recorder: Any = None  # DecisionRecorder | None (a Protocol: checked in guard())
    tracker: Any = None  # TurnTracker | None
    run_name: str = DEFAULT_RUN_NAME
    emit_decision: bool = False

    model_config = ConfigDict(arbitrary_types_allowed=True)

    # ---- schema and naming: delegated to the bot -------------------------------------------

    @property
    def InputType(self) -> Any:  # noqa: N802 - LangChain's name
        return self.bot.InputType

    @property
    def OutputType(self) -> Any:  # noqa: N802 - LangChain's name
        return GuardedReply if self.emit_decision else self.bot.OutputType

    def get_input_schema(self, config: RunnableConfig | None = None) -> Any:
        return self.bot.get_input_schema(config)

    def get_output_schema(self, config: RunnableConfig | None = None) -> Any:
        if self.emit_decision:
            return super().get_output_schema(config)
        return self.bot.get_output_schema(config)

    def get_name(self, suffix: str | None = None, *, name: str | None = None) -> str:
        return super().get_name(suffix, name=name or self.name or f"Guarded{self.bot.get_name()}")

    @classmethod
    def is_lc_serializable(cls) -> bool:
        return False  # a Policy holds compiled validators, not serializable constructor args

    def with_decision(self) -> GuardedRunnable:
        """The same guard, returning `GuardedReply(output, decision)` for every reply."""
        return self.model_copy(update={"emit_decision": True})

    # ---- public Runnable methods -----------------------------------------------------------

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        return self._call_with_config(self._invoke, input, config, **kwargs)

    async def ainvoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        return await self._acall_with_config(self._ainvoke, input, config, **kwargs)

    def batch(
        self,
        inputs: list[Any],
        config: RunnableConfig | list[RunnableConfig] | None = None,
        *,
        return_exceptions: bool = False,
        **kwargs: Any,
    ) -> list[Any]:
        return self._batch_with_config(
            self._batch,
            inputs,
            config,
            return_exceptions=return_exceptions,
            collect=return_exceptions,  # reaches _batch: unknown product lines fail before the bot runs
            **kwargs,
        )

    async def abatch(
        self,
        inputs: list[Any],
        config: RunnableConfig | list[RunnableConfig] | None = None,
        *,
        return_exceptions: bool = False,
        **kwargs: Any,
    ) -> list[Any]:
        return await self._abatch_with_config(
            self._abatch,
            inputs,
            config,
            return_exceptions=return_exceptions,
            collect=return_exceptions,  # reaches _abatch: unknown product lines fail before the bot runs
            **kwargs,
        )

    def stream(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Iterator[Any]:
        yield from self.transform(iter([input]), config, **kwargs)

    async def astream(
        self,
        input: Any,
        config: RunnableConfig | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[Any]:
        async def single() -> AsyncIterator[Any]:
            yield input

        async for chunk in self.atransform(single(), config, **kwargs):
            yield chunk

    def transform(
        self, input: Iterator[Any], config: RunnableConfig | None = None, **kwargs: Any
    ) -> Iterator[Any]:
        yield from self._transform_stream_with_config(input, self._transform, config, **kwargs)

    async def atransform(
        self,
        input: AsyncIterator[Any],
        config: RunnableConfig | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[Any]:
        async for chunk in self._atransform_stream_with_config(input, self._atransform, config, **kwargs):
            yield chunk

    # ---- implementations --------------------------------------------------------------------

    def _invoke(
        self, input_: Any, run_manager: CallbackManagerForChainRun, config: RunnableConfig, **kwargs: Any
    ) -> Any:
        call = self._prepare(config)
        output = self.bot.invoke(input_, self._bot_config(config, run_manager), **kwargs)
        return self._finish(call, input_, output, run_manager)

    async def _ainvoke(
        self,
        input_: Any,
        run_manager: AsyncCallbackManagerForChainRun,
        config: RunnableConfig,
        **kwargs: Any,
    ) -> Any:
        call = self._prepare(config)
        output = await self.bot.ainvoke(input_, self._bot_config(config, run_manager), **kwargs)
        return await self._afinish(call, input_, output, run_manager)

    def _batch(
        self,
        inputs: list[Any],
        run_manager: list[CallbackManagerForChainRun],
        config: list[RunnableConfig],
        *,
        collect: bool = False,
        **kwargs: Any,
    ) -> list[Any]:
        calls = self._prepare_all(config, collect)
        todo = [i for i, c in enumerate(calls) if isinstance(c, _Call)]
        outputs = self.bot.batch(
            [inputs[i] for i in todo],
            [self._bot_config(config[i], run_manager[i]) for i in todo],
            return_exceptions=True,
            **kwargs,
        )
        results: list[Any] = list(calls)
        for i, output in zip(todo, outputs, strict=True):
            call = calls[i]
            assert isinstance(call, _Call)
            try:
                results[i] = output if isinstance(output, Exception) else self._finish(
                    call, inputs[i], output, run_manager[i]
                )
            except Exception as exc:
                results[i] = exc
        return results

    async def _abatch(
        self,
        inputs: list[Any],
        run_manager: list[AsyncCallbackManagerForChainRun],
        config: list[RunnableConfig],
        *,
        collect: bool = False,
        **kwargs: Any,
    ) -> list[Any]:
        calls = self._prepare_all(config, collect)
        todo = [i for i, c in enumerate(calls) if isinstance(c, _Call)]
        outputs = await self.bot.abatch(
            [inputs[i] for i in todo],
            [self._bot_config(config[i], run_manager[i]) for i in todo],
            return_exceptions=True,
            **kwargs,
        )

        async def finish(i: int, output: Any) -> Any:
            call = calls[i]
            assert isinstance(call, _Call)
            if isinstance(output, Exception):
                return output
            return await self._afinish(call, inputs[i], output, run_manager[i])

        finished = await asyncio.gather(
            *(finish(i, out) for i, out in zip(todo, outputs, strict=True)), return_exceptions=True
        )
        results: list[Any] = list(calls)
        for i, result in zip(todo, finished, strict=True):
            if isinstance(result, BaseException) and not isinstance(result, Exception):
                raise result  # cancellation and the like are not per-item results
            results[i] = result
        return results

    def _transform(
        self,
        inputs: Iterator[Any],
        run_manager: CallbackManagerForChainRun,
        config: RunnableConfig,
        **kwargs: Any,
    ) -> Iterator[Any]:
        call = self._prepare(config)
        seen: list[Any] = []

        def recorded() -> Iterator[Any]:
            for item in inputs:
                seen.append(item)
                yield item

        chunks = list(self.bot.transform(recorded(), self._bot_config(config, run_manager), **kwargs))
        if chunks:
            yield self._finish(call, merge_inputs(seen), merge_chunks(chunks), run_manager)

    async def _atransform(
        self,
        inputs: AsyncIterator[Any],
        run_manager: AsyncCallbackManagerForChainRun,
        config: RunnableConfig,
        **kwargs: Any,
    ) -> AsyncIterator[Any]:
        call = self._prepare(config)
        seen: list[Any] = []

        async def recorded() -> AsyncIterator[Any]:
            async for item in inputs:
                seen.append(item)
                yield item

        bot_config = self._bot_config(config, run_manager)
        chunks = [c async for c in self.bot.atransform(recorded(), bot_config, **kwargs)]
        if chunks:
            yield await self._afinish(call, merge_inputs(seen), merge_chunks(chunks), run_manager)

    # ---- the guard step -----------------------------------------------------------------------

    def _prepare(self, config: RunnableConfig) -> _Call:
        """Resolve the per-call context; an unknown product line fails here, before the bot runs."""
        configurable: Mapping[str, Any] = config.get("configurable") or {}
        product_line = configurable.get("product_line") or self.product_line
        product_line = None if product_line is None else str(product_line)
        return _Call(
            policy=self.policy.select(product_line),
            conversation_id=conversation_id(configurable),
            turn=parse_turn(configurable.get("turn")),
            language=parse_language(configurable.get("language")) or self.language,
            channel=configurable.get("channel") or self.channel,
        )

    def _prepare_all(self, configs: list[RunnableConfig], return_exceptions: bool) -> list[_Call | Exception]:
        calls: list[_Call | Exception] = []
        for config in configs:
            try:
                calls.append(self._prepare(config))
            except Exception as exc:
                if not return_exceptions:
                    raise  # before any bot call
                calls.append(exc)
        return calls

    def _bot_config(
        self,
        config: RunnableConfig,
        run_manager: CallbackManagerForChainRun | AsyncCallbackManagerForChainRun,
    ) -> RunnableConfig:
        """The bot's config: a child of our run, without the handlers that stream to the client."""
        child = run_manager.get_child()
        for handler in [h for h in child.handlers if isinstance(h, _StreamingCallbackHandler)]:
            child.remove_handler(handler)
        return patch_config(config, callbacks=child)

    def _context(self, call: _Call, input_: Any, output: Any) -> tuple[str, Rebuild, Context]:
        text, rebuild = reply_text(output, self.output_key)
        # Count every guarded reply of a conversation, even when a better source knows the turn.
        tracked = None
        if self.tracker is not None and call.conversation_id is not None:
            tracked = self.tracker.next_turn(call.conversation_id)
        turn = call.turn or turn_from_history(input_) or tracked
        return text, rebuild, Context(call.policy.id, call.conversation_id, turn, call.language, call.channel)

    def _decide(self, call: _Call, text: str, rebuild: Rebuild, ctx: Context, output: Any) -> _Verdict:
        started = time.perf_counter()
        decision = call.policy.evaluate(text, ctx)
        latency_s = time.perf_counter() - started
        unchecked = carries_unchecked(output, self.output_key)
        result = rebuild(decision.delivered) if decision.changed or unchecked else output
        if self.emit_decision:
            result = GuardedReply(result, decision)
        return _Verdict(decision, ctx, latency_s, result)

    def _decide_and_record(self, call: _Call, text: str, rebuild: Rebuild, ctx: Context, output: Any) -> _Verdict:
        verdict = self._decide(call, text, rebuild, ctx, output)
        if self.recorder is not None:
            self.recorder.on_decision(verdict.decision, verdict.ctx, verdict.latency_s)
        return verdict

    def _finish(self, call: _Call, input_: Any, output: Any, run_manager: CallbackManagerForChainRun) -> Any:
        text, rebuild, ctx = self._context(call, input_, output)
        guard_run = start_guard_run(run_manager.get_child(), self.run_name, ctx)
        try:
            verdict = self._decide_and_record(call, text, rebuild, ctx, output)
            _raise_if_asked(verdict.decision)
        except BaseException as exc:
            if guard_run is not None:
                guard_run.on_chain_error(exc)
            raise
        if guard_run is not None:
            guard_run.on_chain_end(decision_summary(verdict.decision))
        return verdict.result

    async def _afinish(
        self, call: _Call, input_: Any, output: Any, run_manager: AsyncCallbackManagerForChainRun
    ) -> Any:
        # Everything that can take time runs on a worker thread, so one slow store or one long reply never
        # stalls the other conversations on this event loop: the turn count (a database round trip on a
        # shared store), the evaluation (up to the policy's limits) and the durable write (two hops per reply).
        text, rebuild, ctx = await asyncio.to_thread(self._context, call, input_, output)
        guard_run = await astart_guard_run(run_manager.get_child(), self.run_name, ctx)
        try:
            verdict = await asyncio.to_thread(self._decide_and_record, call, text, rebuild, ctx, output)
            _raise_if_asked(verdict.decision)
        except BaseException as exc:
            if guard_run is not None:
                await guard_run.on_chain_error(exc)
            raise
        if guard_run is not None:
            await guard_run.on_chain_end(decision_summary(verdict.decision))
        return verdict.result


def guard(
    bot: Runnable[Any, Any],
    policy: Policy | str | Path = "config",
    product_line: str | None = None,
    *,
    output_key: str | None = None,
    recorder: DecisionRecorder | Literal["policy"] | None = "policy",
    tracker: TurnTracker | None = None,
    language: Language | str | None = None,
    channel: str | None = None,
    run_name: str = DEFAULT_RUN_NAME,
) -> GuardedRunnable:
    """Wrap `bot` so every reply is checked by `policy` (a config folder or a loaded Policy).

    `product_line` fixes the product line (a call's `configurable["product_line"]` overrides it;
    without either, the policy's default is used). `recorder` receives every decision before the
    reply is released; the default, "policy", opens the log configured in the policy's `log`
    section (a Policy built in code has none), None records nothing. `tracker` counts turns per
    conversation (default: the log's recorder when the log is on: counted in memory, written behind
    to the store and read back on first sight, so a restart or another replica continues the count;
    else an in-memory LRU of 100,000 conversations).
    """
    loaded = policy if isinstance(policy, Policy) else load_policy(policy)
    if recorder == "policy":
        recorder = _policy_recorder(loaded)
        if tracker is None and isinstance(recorder, TurnTracker):
            tracker = recorder
    if product_line is not None:
        loaded.select(product_line)  # fail at construction, not on the first customer message
    if recorder is not None and not isinstance(recorder, DecisionRecorder):
        raise TypeError(
            f"recorder must have on_decision(decision, ctx, latency_s), got {type(recorder).__name__}. "
            "Fix: pass a safe_reply.recording.DecisionRecorder or None"
        )
    if tracker is not None and not isinstance(tracker, TurnTracker):
        raise TypeError(
            f"tracker must have next_turn(conversation_id) -> int, got {type(tracker).__name__}. "
            "Fix: pass a safe_reply.conversation.ConversationTracker or None"
        )
    return GuardedRunnable(
        bot=bot,
        policy=loaded,
        product_line=product_line,
        language=parse_language(language),
        channel=channel,
        output_key=output_key,
        recorder=recorder,
        tracker=tracker if tracker is not None else ConversationTracker(),
        run_name=run_name,
    )


def _raise_if_asked(decision: Decision) -> None:
    if decision.action is Action.RAISE:
        raise ReplyBlocked(decision)


# One recorder per log target and working directory for the whole process: guards built on the same
# policy share its store connection and its pass counters instead of opening one each.
_RECORDERS: dict[tuple[LogSettings, str], DecisionRecorder] = {}
_RECORDERS_LOCK = threading.Lock()


def _policy_recorder(policy: Policy) -> DecisionRecorder | None:
    if not policy.log.enabled:
        return None
    from safe_reply.log import open_recorder  # the log (and SQLite/psycopg) only when configured

    key = (policy.log, os.getcwd())
    with _RECORDERS_LOCK:
        if key not in _RECORDERS:
            _RECORDERS[key] = open_recorder(policy.log)
        return _RECORDERS[key]
