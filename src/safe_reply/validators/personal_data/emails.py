"""E-mail addresses, except function mailboxes, format examples and reserved example domains."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from safe_reply.validators.personal_data.config import Kind
from safe_reply.validators.personal_data.cues import PLACEHOLDER_LOCAL_PARTS, RESERVED_DOMAINS
from safe_reply.validators.personal_data.hits import Hit

__all__ = ["find_emails"]

# Local part and domain as people write them (unicode letters too); the domain ends in a 2+ letter TLD,
# so the full stop that ends a sentence stays outside the span.
_EMAIL = re.compile(r"(?<![\w.+%-])[\w.%+-]*\w@(?:[\w-]+\.)+[A-Za-z]{2,}(?![\w-])", re.UNICODE)
_LOCAL_MAX, _DOMAIN_MAX = 64, 256  # RFC 5321 limits


def _domain_matches(domain: str, suffixes: Collection[str]) -> bool:
    return any(domain == s.lstrip(".") or domain.endswith("." + s.lstrip(".")) for s in suffixes)


def _addresses(text: str) -> Iterator[re.Match[str]]:
    """The address around each "@", searched in a window (the pattern is slow on a whole reply)."""
    at = text.find("@")
    while at != -1:
        match = _EMAIL.search(text, max(0, at - _LOCAL_MAX), min(len(text), at + _DOMAIN_MAX))
        while match is not None and match.end() <= at:  # a shorter address left of this "@"
            match = _EMAIL.search(text, match.end(), min(len(text), at + _DOMAIN_MAX))
        if match is not None and match.start() <= at:
            yield match
            at = text.find("@", match.end())
        else:
            at = text.find("@", at + 1)


def find_emails(text: str, role_mailboxes: Collection[str], allowed_domains: Collection[str]) -> Iterator[Hit]:
    for match in _addresses(text):
        address = match.group().lower()
        local, _, domain = address.rpartition("@")
        base = local.split("+", 1)[0]  # "service+shop@" is still the service mailbox
        if base in role_mailboxes or local in PLACEHOLDER_LOCAL_PARTS:
            continue
        if _domain_matches(domain, RESERVED_DOMAINS) or _domain_matches(domain, allowed_domains):
            continue
        yield Hit(Kind.EMAIL, match.start(), match.end(), address)
