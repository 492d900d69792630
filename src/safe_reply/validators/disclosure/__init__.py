"""The AI notice (EU AI Act Art. 50 Abs. 1) and false claims of being human (UWG §5 Abs. 1)."""

from safe_reply.validators.disclosure.validator import (
    SPEC,
    ChannelOverride,
    DisclosureValidator,
    NoticeText,
    Position,
    Required,
    Settings,
    build,
)

__all__ = ["SPEC", "ChannelOverride", "DisclosureValidator", "NoticeText", "Position", "Required", "Settings", "build"]
