"""Round 17: what depends only on the policy is read once at load. A line's delivery and subscription figures and
the discounts its terms grant are FactBase fields, not parsed again for every figure or price claim."""

from __future__ import annotations

from safe_reply.quantities import Dimension
from safe_reply.validators.claims.facts import FactBase
from safe_reply.validators.claims.service_figures import granted_discounts, schedule_figures, topic_words

from .test_round16 import HOODS

_DAY = 86_400.0


def test_schedule_figures_are_read_at_load() -> None:
    base = FactBase.from_product_line(HOODS)
    # Only the terms about a delivery or a subscription: the filter plan ("10 % Rabatt, Lieferung alle 6 Monate");
    # the shipping term's amounts are money, no quantity, and the returns term's 30 days are about no delivery.
    assert base.schedule_figures == ((Dimension.PERCENT, 10.0), (Dimension.DURATION, 180 * _DAY))
    assert base.schedule_figures == schedule_figures(base.service)


def test_granted_discounts_name_their_topic_without_product_names() -> None:
    base = FactBase.from_product_line(HOODS)
    assert base.discounts == granted_discounts(
        [*base.service, *(a.text for a in base.approved)], [p.name for p in base.products.products]
    )
    [(words, shares)] = base.discounts
    assert shares == (10.0,)
    assert {"filte", "liefe", "monat"} <= words
    assert "rabat" not in words


def test_granted_discounts_leave_out_product_names() -> None:
    [(words, shares)] = granted_discounts(["Aeris-Filterabo: 15 % Rabatt auf Ersatzfilter"], ["Aeris Pro"])
    assert shares == (15.0,)
    assert "aeris" not in words
    assert words == frozenset({"filte", "ersat"})


def test_topic_words_cut_to_five_letters_without_discount_words() -> None:
    assert topic_words("Sparen Sie 10 % Rabatt auf Filter") == frozenset({"filte"})
    assert topic_words("") == frozenset()
