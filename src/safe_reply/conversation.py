"""Which bot reply of a conversation this is: the turn number the AI-notice check reads.

The wrapper asks, in this order: an explicit `turn` in the call's config, the message history in
the bot's input, then a TurnTracker keyed by conversation id. This module holds the tracker
protocol and the in-memory default; it imports nothing from LangChain so a log store can provide
a shared tracker (e.g. one that counts rows per conversation) without pulling the wrapper in.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

from safe_reply.types import Language

DEFAULT_MAX_CONVERSATIONS = 100_000


@runtime_checkable
class TurnTracker(Protocol):
    """Counts guarded bot replies per conversation."""

    def next_turn(self, conversation_id: str) -> int:
        """Count one more bot reply in the conversation and return its turn (1 = the first)."""
        ...


class ConversationTracker:
    """Thread-safe in-memory TurnTracker that forgets the least recently used conversations.

    Bounded so a long-running bot cannot grow without limit: when more than `max_conversations`
    are tracked, the one untouched longest is dropped, and a reply in it later counts as turn 1
    again (so the AI notice is shown once more: the safe side of forgetting).
    """

    def __init__(self, max_conversations: int = DEFAULT_MAX_CONVERSATIONS) -> None:
        if max_conversations < 1:
            raise ValueError(
                f"max_conversations must be at least 1, got {max_conversations}. "
                "Fix: pass a positive bound such as 100_000"
            )
        self.max_conversations = max_conversations
        self._turns: OrderedDict[str, int] = OrderedDict()
        self._lock = threading.Lock()

    def next_turn(self, conversation_id: str) -> int:
        turn = self.advance(conversation_id, start=0)
        assert turn is not None  # with a start, an unknown conversation is taken up
        return turn

    def advance(self, conversation_id: str, start: int | None = None) -> int | None:
        """Count one more reply and return its turn; for a conversation not tracked (never seen, or
        forgotten), count on from `start` replies, or return None without counting when no start is
        given (so a caller can look the count up elsewhere, outside this tracker's lock, and retry)."""
        with self._lock:
            known = self._turns.pop(conversation_id, None)
            if known is None:
                if start is None:
                    return None
                known = start
            self._turns[conversation_id] = known + 1  # (re-)inserted last: now the most recently used
            if len(self._turns) > self.max_conversations:
                self._turns.popitem(last=False)
            return known + 1

    def peek(self, conversation_id: str) -> int:
        """Replies counted so far in the conversation (0 when unknown or forgotten)."""
        with self._lock:
            return self._turns.get(conversation_id, 0)

    def __len__(self) -> int:
        with self._lock:
            return len(self._turns)


CONVERSATION_KEYS = ("session_id", "thread_id", "conversation_id")


def conversation_id(configurable: Mapping[str, Any]) -> str | None:
    """The conversation id of a call: LangChain's `session_id` (RunnableWithMessageHistory),
    LangGraph's `thread_id`, or our own `conversation_id`, the first one set."""
    return next((str(configurable[k]) for k in CONVERSATION_KEYS if configurable.get(k)), None)


def parse_turn(value: Any) -> int | None:
    """An explicit turn from the call's config: an int >= 1, or None when not given."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(
            f"config['configurable']['turn'] must be an int >= 1 (1 = the first bot reply), got {value!r}. "
            "Fix: pass the bot reply's number in the conversation, or leave 'turn' out"
        )
    return value


def parse_language(value: Any) -> Language | None:
    """A language hint ("de"/"en", any case, or a Language), or None when not given."""
    if value is None or isinstance(value, Language):
        return value
    try:
        return Language(str(value).lower())
    except ValueError:
        choices = ", ".join(lang.value for lang in Language)
        raise ValueError(
            f"language must be one of {choices}, got {value!r}. Fix: pass 'de' or 'en', or leave it out"
        ) from None


def parse_allowed(value: Any) -> tuple[str, ...]:
    """The customer's own data for this call (`configurable["allowed"]`): a list of strings, or ()."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError(
        f"config['configurable']['allowed'] must be a list of strings (the customer's own e-mail, IBAN, "
        f"address, ...), got {value!r}. Fix: pass e.g. ['kunde@example.org'], or leave 'allowed' out"
    )
