"""Allowed values (the company's own data, the customer's own data) in normalised form.

A value is compared as the kind it is found as: an IBAN or id by its letters and digits ("DE50 5260
..." = "de505260..."), a phone number in E.164 ("040 3344 5566" = "+49 40 3344 5566"), an e-mail address
case-blind, an address by street, house number and postcode ("Hauptstr. 5" = "Hauptstraße 5, 10115 Berlin";
with a postcode on both sides the postcodes must agree), a date by its calendar day. A value is
normalised under every reading that fits it, so nobody has to say which kind a value is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from safe_reply.validators.personal_data.addresses import parse_addresses
from safe_reply.validators.personal_data.config import Kind
from safe_reply.validators.personal_data.dates import date_key
from safe_reply.validators.personal_data.hits import Hit, compact
from safe_reply.validators.personal_data.phones import phone_key

__all__ = ["AllowedValues"]


@dataclass(frozen=True)
class AllowedValues:
    compact: frozenset[str]  # letters and digits in capitals (IBAN, card, ids, company patterns)
    emails: frozenset[str]
    phones: frozenset[str]  # E.164
    dates: frozenset[str]  # ISO
    full_addresses: frozenset[str]  # street|house|postcode
    streets: frozenset[str]  # street|house of values given without a postcode
    any_streets: frozenset[str]  # street|house of every address value

    @classmethod
    def of(cls, values: Iterable[str], region: str) -> AllowedValues:
        compacts, emails, phones, dates = set(), set(), set(), set()
        full, streets, any_streets = set(), set(), set()
        for value in values:
            compacts.add(compact(value))
            emails.add(value.strip().lower())
            phone = phone_key(value, region)
            if phone is not None:
                phones.add(phone)
            date = date_key(value)
            if date is not None:
                dates.add(date)
            for address in parse_addresses(value):
                any_streets.add(address.street)
                if address.postcode:
                    full.add(f"{address.street}|{address.postcode}")
                else:
                    streets.add(address.street)
        return cls(
            frozenset(compacts), frozenset(emails), frozenset(phones), frozenset(dates),
            frozenset(full), frozenset(streets), frozenset(any_streets),
        )  # fmt: skip

    def allows(self, hit: Hit) -> bool:
        if hit.kind == Kind.EMAIL:
            return hit.key in self.emails
        if hit.kind == Kind.PHONE:
            return hit.key in self.phones
        if hit.kind == Kind.DATE_OF_BIRTH:
            return hit.key in self.dates
        if hit.kind == Kind.POSTAL_ADDRESS:
            street, _, postcode = hit.key.rpartition("|")
            if postcode:
                return hit.key in self.full_addresses or street in self.streets
            return street in self.any_streets
        return hit.key in self.compact
