"""Personal data (DSGVO): IBANs, card numbers, tax and VAT ids, phone numbers, e-mail and postal addresses,
dates of birth and a company's own customer-number formats in a bot reply.

A reply that shows another person's data to the customer is a personal data breach once it is sent
(DSGVO Art. 4 Nr. 12, Art. 33, 34); masking it before sending is an Art. 32 measure. The package is
registered like any plug-in (entry-point group `safe_reply.validators`); importing it stays cheap:
the checksum and phone-number libraries load when a policy enables the validator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from safe_reply.contracts import BuildContext, ValidatorSpec
from safe_reply.types import Action
from safe_reply.validators.personal_data.config import Kind, PatternEntry, Settings

if TYPE_CHECKING:
    from safe_reply.validators.personal_data.validator import PersonalDataValidator

__all__ = ["CATEGORY", "NAME", "SPEC", "Kind", "PatternEntry", "Settings", "build"]

NAME = "personal_data"
CATEGORY = "personal_data"


def build(settings: Settings, ctx: BuildContext) -> PersonalDataValidator:
    """Compile the settings (imports python-stdnum and phonenumbers on first use)."""
    from safe_reply.validators.personal_data.validator import build as build_validator

    return build_validator(settings, ctx)


SPEC = ValidatorSpec(
    name=NAME,
    settings=Settings,
    build=build,
    description="Personal data of other people (IBAN, card, tax and VAT ids, phone, e-mail, address, date of birth).",
    categories=(CATEGORY,),
    default_actions={CATEGORY: Action.REWRITE},  # mask the value; the rest of the reply is fine
    sensitive=True,  # a finding's span IS the personal data: the log keeps only its keyed hash
    order=15,
)
