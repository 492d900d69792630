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


def _local_part_start(text: str, at: int) -> int:
    """Where the run of local-part characters ([\\w.%+-]) that ends at `at` begins, looking back at most
    _LOCAL_MAX + 1 characters (a longer run is no address: -1)."""
    start = at
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.%+-"):
        start -= 1
        if at - start > _LOCAL_MAX:
            return -1
    return start


def _addresses(text: str) -> Iterator[re.Match[str]]:
    """The address around each "@". The pattern's leading look-behind allows it to start only where its
    run of local-part characters does, so it is matched there instead of searched for (the search
    costs ~5 µs per "@")."""
    at, found_end = text.find("@"), 0
    while at != -1:
        start = _local_part_start(text, at)
        # (a run that begins inside the address found last is that address's domain: "a@b.de.x@c.de")
        match = _EMAIL.match(text, start, min(len(text), at + _DOMAIN_MAX)) if start >= found_end else None
        if match is not None:
            yield match
            at, found_end = text.find("@", match.end()), match.end()
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
