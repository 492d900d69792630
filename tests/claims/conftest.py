"""A small fictional product line (not the corpus) and a claims validator built on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from safe_reply.config_models import Fact, ProductLine
from safe_reply.contracts import BuildContext
from safe_reply.types import Context
from safe_reply.validators.claims import ClaimsValidator, Settings, build

LINE = ProductLine(
    id="scooter",
    facts=(
        Fact(key="range_km", label_de="Reichweite", label_en="range", value=60, unit="km", qualifier="bis zu, Eco"),
        Fact(key="motor_power_w", label_de="Motorleistung", label_en="motor power", value=500, unit="W"),
        Fact(key="charge_time_h", label_de="Ladezeit", label_en="charging time", value=6, unit="h"),
        Fact(key="kettle_power_w", label_de="Leistung (Kocher K2)", label_en="power (Kettle K2)", value=2000, unit="W"),
        Fact(key="ip_rating", label_de="Schutzart", value="IP54"),
        Fact(key="origin", label_de="Herkunft", value="Endmontage in Leipzig (Deutschland); Rahmen aus Taiwan"),
    ),
    certifications=("CE", "GS (nur Kocher K2; TÜV Rheinland, Zertifikat Nr. 123)"),
    guarantee="3 Jahre Herstellergarantie auf den Rahmen (nicht auf Akku, Motor)",
    approved_claims=(
        "Im Eco-Modus fahren Sie bis zu 60 km mit einer Ladung.",
        "Auf den Rahmen gewähren wir 3 Jahre Herstellergarantie; Akku und Motor sind ausgenommen.",
    ),
)


def flagged(claims: ClaimsValidator, text: str, ctx: Context) -> list[tuple[str, str]]:
    """Each finding as (rule id, the exact text its span covers)."""
    return [(f.rule_id, text[f.span.start : f.span.end]) for f in claims.detect(text, ctx)]


def make(line: ProductLine = LINE, settings: Settings | None = None, tmp: Path | None = None) -> ClaimsValidator:
    folder = tmp or Path(".")
    ctx = BuildContext(product_line=line, config_dir=folder, file=folder / "line.yaml", key="validators.claims")
    validator = build(settings or Settings(), ctx)
    assert isinstance(validator, ClaimsValidator)
    return validator


@pytest.fixture(scope="session")
def claims() -> ClaimsValidator:
    return make()
