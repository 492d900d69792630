"""safe_reply: a compliance firewall between a customer-service chatbot and its customers.

    import safe_reply
    guarded = safe_reply.guard(bot, policy="config", product_line="ebike")

Attributes are imported lazily so `import safe_reply` stays cheap: langchain-core is imported on
first use of `guard`, guardrails only when a policy or caller asks for it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "guard": "safe_reply.runnable_chat",
    "GuardedRunnable": "safe_reply.runnable",
    "GuardedReply": "safe_reply.runnable",
    "ConversationTracker": "safe_reply.conversation",
    "load_policy": "safe_reply.loader",
    "Policy": "safe_reply.policy",
    "ProductLinePolicy": "safe_reply.policy",
    "Action": "safe_reply.types",
    "Category": "safe_reply.types",
    "Context": "safe_reply.types",
    "Decision": "safe_reply.types",
    "Edit": "safe_reply.types",
    "Finding": "safe_reply.types",
    "Language": "safe_reply.types",
    "PolicyRef": "safe_reply.types",
    "Severity": "safe_reply.types",
    "Span": "safe_reply.types",
    "ConfigError": "safe_reply.errors",
    "ConfigErrors": "safe_reply.errors",
    "ReplyBlocked": "safe_reply.errors",
    "UnknownProductLine": "safe_reply.errors",
    "Validator": "safe_reply.validators",
}

__all__ = [  # noqa: RUF022 - grouped like _EXPORTS
    "guard",
    "GuardedRunnable",
    "GuardedReply",
    "ConversationTracker",
    "load_policy",
    "Policy",
    "ProductLinePolicy",
    "Action",
    "Category",
    "Context",
    "Decision",
    "Edit",
    "Finding",
    "Language",
    "PolicyRef",
    "Severity",
    "Span",
    "ConfigError",
    "ConfigErrors",
    "ReplyBlocked",
    "UnknownProductLine",
    "Validator",
    "__version__",
]

if TYPE_CHECKING:
    from safe_reply.contracts import Validator
    from safe_reply.conversation import ConversationTracker
    from safe_reply.errors import ConfigError, ConfigErrors, ReplyBlocked, UnknownProductLine
    from safe_reply.loader import load_policy
    from safe_reply.policy import Policy, ProductLinePolicy
    from safe_reply.runnable import GuardedReply, GuardedRunnable
    from safe_reply.runnable_chat import guard
    from safe_reply.types import (
        Action,
        Category,
        Context,
        Decision,
        Edit,
        Finding,
        Language,
        PolicyRef,
        Severity,
        Span,
    )


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'safe_reply' has no attribute '{name}'")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
