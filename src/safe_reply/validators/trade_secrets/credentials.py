"""The built-in credential pack (opt-in per product line: `credentials: true`).

A bot that was handed a configuration or a log can repeat an API key, a token, a private key or a
password in a URL. The patterns are detect-secrets' own (a maintained detector library: AWS, GitHub,
GitLab, Slack, Stripe, Twilio, OpenAI, npm, PyPI, SendGrid, JWT, private-key headers, basic auth in
URLs, ...), taken from its plugins' deny lists rather than copied, so they improve with the library.
Its entropy and keyword heuristics are left out (they flag ordinary prose), and so are public IP
addresses, which are no secret.
"""

from __future__ import annotations

import re

__all__ = ["credential_patterns", "may_hold_credential"]

# Every credential the patterns know has a digit followed by seven more token characters, a URL user
# part or a key header: replies without any (nearly all) skip the three dozen patterns (one search,
# about 25 µs per 2,000 characters, paid only where the pack is enabled).
_CANDIDATE = re.compile(r"\d[A-Za-z0-9_+/=.-]{7,}|://[^\s/@]*@|BEGIN")


def may_hold_credential(text: str) -> bool:
    return _CANDIDATE.search(text) is not None

# detect-secrets plugins that are not a credential of their own or that need code around them.
_SKIPPED = frozenset({"IPPublicDetector", "Base64HighEntropyString", "HexHighEntropyString", "KeywordDetector"})


def credential_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(secret type, compiled regex) for every deny-list pattern of the detect-secrets plugins."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

    patterns: list[tuple[str, re.Pattern[str]]] = []
    mapping: dict[str, type] = get_mapping_from_secret_type_to_class()
    for secret_type, plugin in sorted(mapping.items()):
        if plugin.__name__ in _SKIPPED:
            continue
        for regex in getattr(plugin, "denylist", None) or ():
            patterns.append((secret_type, regex if isinstance(regex, re.Pattern) else re.compile(regex)))
    return patterns
