"""The LangChain wrapper: `guard(bot, policy)` returns a Runnable that checks every reply.

Every public path (invoke, ainvoke, batch, abatch, stream, astream, transform, atransform and
what LangChain builds on them: astream_events, astream_log, `|` composition, with_config, ...)
runs through LangChain's config helpers, so callbacks and traces see one run for the wrapper with
the bot's run and a "safe_reply_guard" run (the decision) inside it.

Streaming releases the reply sentence by sentence, each sentence as soon as it is checked in the
context of the reply so far (safe_reply.runnable_stream); a product line with `streaming: reply`,
`with_decision()` and bots that stream something other than text (an agent's dicts) get the whole
reply in one chunk after one decision. Nothing the guard has not approved leaves it: the bot runs
without LangChain's client-streaming handlers (astream_events, astream_log), which would hand out
its unchecked tokens and output, and the caller's other handlers get the bot's tokens only as the
guard approves them (safe_reply.runnable_callbacks); tracers still see the bot's run as it was.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any, NamedTuple

from langchain_core.callbacks.manager import AsyncCallbackManagerForChainRun, CallbackManagerForChainRun
from langchain_core.runnables import Runnable, RunnableConfig, RunnableSerializable
from pydantic import ConfigDict, InstanceOf

from safe_reply.config_models import Streaming
from safe_reply.policy import Policy
from safe_reply.runnable_callbacks import TokenGates
from safe_reply.runnable_io import (
    areport,
    merge_chunks,
    merge_inputs,
    reply_message,
    report,
)
from safe_reply.runnable_reply import Contexts, check_output
from safe_reply.runnable_setup import (
    Call,
    aclose_iter,
    alone,
    bot_config,
    close_iter,
    declared,
    graph_stream,
    prepare_call,
    reply_contexts,
    streams_to_client,
    whole,
)
from safe_reply.runnable_streaming import ChunkKind, StreamRun, arelease, release
from safe_reply.types import Decision, Language

DEFAULT_RUN_NAME = "safe_reply_guard"
_END = object()


class GuardedReply(NamedTuple):
    """What `GuardedRunnable.with_decision()` returns: the delivered output and its Decision."""

    output: Any
    decision: Decision


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
    structured: bool = False  # the bot returns structured output (GuardedChatModel.with_structured_output)

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
        return self._call_with_config(declared(self._invoke), input, config, **kwargs)

    async def ainvoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        return await self._acall_with_config(declared(self._ainvoke), input, config, **kwargs)

    def batch(
        self,
        inputs: list[Any],
        config: RunnableConfig | list[RunnableConfig] | None = None,
        *,
        return_exceptions: bool = False,
        **kwargs: Any,
    ) -> list[Any]:
        return self._batch_with_config(
            declared(self._batch),
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
            declared(self._abatch),
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
        yield from self._transform_stream_with_config(input, declared(self._transform), config, **kwargs)

    async def atransform(
        self,
        input: AsyncIterator[Any],
        config: RunnableConfig | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[Any]:
        async for chunk in self._atransform_stream_with_config(input, declared(self._atransform), config, **kwargs):
            yield chunk

    # ---- implementations --------------------------------------------------------------------

    def _invoke(
        self, input_: Any, run_manager: CallbackManagerForChainRun, config: RunnableConfig, **kwargs: Any
    ) -> Any:
        if streams_to_client(run_manager):  # e.g. LangGraph's "messages" mode: released sentence by sentence
            return whole(list(self._transform(iter([input_]), run_manager, config, **kwargs)))
        call = self._prepare(config)
        gates = TokenGates()
        try:
            with alone():
                output = self.bot.invoke(input_, bot_config(config, run_manager, gates), **kwargs)
            return self._finish(call, input_, output, run_manager, gates)
        finally:
            gates.close()

    async def _ainvoke(
        self,
        input_: Any,
        run_manager: AsyncCallbackManagerForChainRun,
        config: RunnableConfig,
        **kwargs: Any,
    ) -> Any:
        if streams_to_client(run_manager):

            async def single() -> AsyncIterator[Any]:
                yield input_

            return whole([c async for c in self._atransform(single(), run_manager, config, **kwargs)])
        call = self._prepare(config)
        gates = TokenGates()
        try:
            with alone():
                output = await self.bot.ainvoke(input_, bot_config(config, run_manager, gates), **kwargs)
            return await self._afinish(call, input_, output, run_manager, gates)
        finally:
            await gates.aclose()

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
        todo = [i for i, c in enumerate(calls) if isinstance(c, Call)]
        gates = [TokenGates() for _ in todo]
        with alone():
            outputs = self.bot.batch(
                [inputs[i] for i in todo],
                [bot_config(config[i], run_manager[i], g) for i, g in zip(todo, gates, strict=True)],
                return_exceptions=True,
                **kwargs,
            )
        results: list[Any] = list(calls)
        for i, output, gate in zip(todo, outputs, gates, strict=True):
            call = calls[i]
            assert isinstance(call, Call)
            try:
                results[i] = output if isinstance(output, Exception) else self._finish(
                    call, inputs[i], output, run_manager[i], gate
                )
            except Exception as exc:
                results[i] = exc
            finally:
                gate.close()
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
        todo = [i for i, c in enumerate(calls) if isinstance(c, Call)]
        gates = [TokenGates() for _ in todo]
        with alone():
            outputs = await self.bot.abatch(
                [inputs[i] for i in todo],
                [bot_config(config[i], run_manager[i], g) for i, g in zip(todo, gates, strict=True)],
                return_exceptions=True,
                **kwargs,
            )

        async def finish(i: int, output: Any, gate: TokenGates) -> Any:
            call = calls[i]
            assert isinstance(call, Call)
            try:
                if isinstance(output, Exception):
                    return output
                return await self._afinish(call, inputs[i], output, run_manager[i], gate)
            finally:
                await gate.aclose()

        finished = await asyncio.gather(
            *(finish(i, out, g) for i, out, g in zip(todo, outputs, gates, strict=True)), return_exceptions=True
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
        kwargs = graph_stream(self.bot, kwargs)
        call = self._prepare(config)
        seen: list[Any] = []

        def recorded() -> Iterator[Any]:
            for item in inputs:
                seen.append(item)
                yield item

        gates = TokenGates()
        with alone():
            chunks = self.bot.transform(recorded(), bot_config(config, run_manager, gates), **kwargs)
            try:
                first = next(chunks, _END)
                kind = None if first is _END else self._chunk_kind(call, first)
                if kind is None:
                    if first is not _END:
                        whole = self._joined([first, *chunks])
                        yield self._finish(call, merge_inputs(seen), whole, run_manager, gates)
                    return
                contexts = self._contexts(call, merge_inputs(seen))
                run = StreamRun(call.policy, contexts, self.recorder, run_manager, self.run_name)
                yield from release(run, kind, first, chunks, gates)
            finally:
                close_iter(chunks)
                gates.close()

    async def _atransform(
        self,
        inputs: AsyncIterator[Any],
        run_manager: AsyncCallbackManagerForChainRun,
        config: RunnableConfig,
        **kwargs: Any,
    ) -> AsyncIterator[Any]:
        kwargs = graph_stream(self.bot, kwargs)
        call = self._prepare(config)
        seen: list[Any] = []

        async def recorded() -> AsyncIterator[Any]:
            async for item in inputs:
                seen.append(item)
                yield item

        gates = TokenGates()
        with alone():
            chunks = aiter(self.bot.atransform(recorded(), bot_config(config, run_manager, gates), **kwargs))
            try:
                first = await anext(chunks, _END)
                kind = None if first is _END else self._chunk_kind(call, first)
                if kind is None:
                    if first is not _END:
                        whole = self._joined([first, *[c async for c in chunks]])
                        yield await self._afinish(call, merge_inputs(seen), whole, run_manager, gates)
                    return
                contexts = self._contexts(call, merge_inputs(seen))
                run = StreamRun(call.policy, contexts, self.recorder, run_manager, self.run_name)
                async for chunk in arelease(run, kind, first, chunks, gates):
                    yield chunk
            finally:
                await aclose_iter(chunks)
                await gates.aclose()

    # ---- the guard step -----------------------------------------------------------------------

    def _prepare(self, config: RunnableConfig) -> Call:
        return prepare_call(config, self.policy, self.product_line, self.language, self.channel)

    def _prepare_all(self, configs: list[RunnableConfig], return_exceptions: bool) -> list[Call | Exception]:
        calls: list[Call | Exception] = []
        for config in configs:
            try:
                calls.append(self._prepare(config))
            except Exception as exc:
                if not return_exceptions:
                    raise  # before any bot call
                calls.append(exc)
        return calls

    def _joined(self, chunks: list[Any]) -> Any:
        # A structured-output parser streams ever more complete objects: the last one is the answer.
        return chunks[-1] if self.structured else merge_chunks(chunks)

    def _chunk_kind(self, call: Call, first: Any) -> ChunkKind | None:
        """How to release this stream sentence by sentence; None: as one reply."""
        if self.emit_decision or self.structured or call.policy.config.streaming is Streaming.REPLY:
            return None
        return ChunkKind.of(first)

    def _contexts(self, call: Call, input_: Any) -> Contexts:
        return reply_contexts(call, input_, self.tracker)

    def _finish(
        self, call: Call, input_: Any, output: Any, run_manager: CallbackManagerForChainRun, gates: TokenGates
    ) -> Any:
        checked = check_output(call.policy, output, self.output_key, self._contexts(call, input_), self.structured)
        report(run_manager.get_child(), self.run_name, self.recorder, checked.outcome)
        gates.release(checked.delivered)
        gates.message = reply_message(checked.output, self.output_key)[0]
        return GuardedReply(checked.output, checked.decision) if self.emit_decision else checked.output

    async def _afinish(
        self, call: Call, input_: Any, output: Any, run_manager: AsyncCallbackManagerForChainRun, gates: TokenGates
    ) -> Any:
        # The turn count (a store read) and `evaluate` run off the event loop: the bot's other
        # conversations keep being served while this reply is checked.
        checked = await asyncio.to_thread(
            check_output, call.policy, output, self.output_key, self._contexts(call, input_), self.structured
        )
        await areport(run_manager.get_child(), self.run_name, self.recorder, checked.outcome)
        await gates.arelease(checked.delivered)
        gates.message = reply_message(checked.output, self.output_key)[0]
        return GuardedReply(checked.output, checked.decision) if self.emit_decision else checked.output
