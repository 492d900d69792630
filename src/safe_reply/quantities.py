"""Numbers with units in German and English text: "120 km", "120km", "1.200 W", "1,2 kW", "LSF 30".

A quantity is a value converted to the base unit of its dimension ("1,2 kW" -> 1200 W, "90 min"
-> 5400 s), so a claim and a spec-sheet fact compare whatever unit or number format either uses.
Number formats follow the language: in German "." groups thousands and "," is the decimal mark,
in English the other way round; a separator followed by one or two digits is always a decimal
mark ("5.5 l" in a German reply is five and a half litres), only three digits are ambiguous.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum

from safe_reply.types import Language


class Dimension(StrEnum):
    LENGTH = "length"  # km (metres, cm and mm convert to it)
    AREA = "area"  # m²
    VOLTAGE = "voltage"  # V
    CHARGE = "charge"  # Ah (battery capacity in ampere-hours)
    INCH = "inch"  # screen and wheel sizes: only ever compared with a fact given in inches
    SPEED = "speed"  # km/h
    FLOW = "flow"  # m³/h: air and water flow, dehumidifying capacity (l/24 h), CFM
    POWER = "power"  # W
    ENERGY = "energy"  # Wh
    DURATION = "duration"  # s
    TORQUE = "torque"  # Nm
    MASS = "mass"  # kg
    VOLUME = "volume"  # l
    PRESSURE = "pressure"  # bar
    SOUND = "sound"  # dB
    PERCENT = "percent"  # %
    ROTATION = "rotation"  # rpm
    TEMPERATURE = "temperature"  # °C
    CYCLES = "cycles"  # charge cycles
    SPF = "spf"  # sun protection factor
    IP = "ip"  # ingress protection code, compared digit by digit
    FREQUENCY = "frequency"  # Hz
    LUMINOUS_FLUX = "luminous_flux"  # lm
    COUNT = "count"  # pieces, capsules, servings, persons
    IU = "iu"  # international units (vitamins): only ever compared with a fact given in I.E./IU
    ANGLE = "angle"  # degrees of arc: "30° Neigung", "bei 90°"
    OTHER = "other"  # a real unit no reply figure is parsed into: shown to the reviewer, never compared


@dataclass(frozen=True, slots=True)
class Unit:
    dimension: Dimension
    factor: float  # multiply by this to get the dimension's base unit


# (regex alternative, unit). Longer spellings first so "km/h" wins over "km" and "kWh" over "kW".
_UNITS: tuple[tuple[str, Unit], ...] = (
    # Flows first: "400 m³/h" is no area and "20 l/24 h" no duration.
    (r"m³/h|m3/h|cbm/h|kubikmeter pro stunde|cubic met(?:re|er)s? per hour", Unit(Dimension.FLOW, 1.0)),
    (r"cfm|cubic feet per minute", Unit(Dimension.FLOW, 1.69901)),
    (
        r"l\s?/\s?(?:24\s?h|tag|d|day)|(?:liter|litres?|liters?)\s+(?:pro|per|am|a|je)\s+(?:tag|day)",
        Unit(Dimension.FLOW, 1 / 24000),
    ),
    (r"l\s?/\s?h|(?:liter|litres?|liters?)\s+(?:pro|per|je|an)\s+(?:stunde|hour)", Unit(Dimension.FLOW, 0.001)),
    (r"l\s?/\s?min|(?:liter|litres?|liters?)\s+(?:pro|per|je)\s+minute", Unit(Dimension.FLOW, 0.06)),
    (
        r"km/h|km/std\.?|kmh|kilometer pro stunde|kilometres per hour|kilometers per hour|mph",
        Unit(Dimension.SPEED, 1.0),
    ),
    (r"mm/s|millimeter pro sekunde|millimetres per second", Unit(Dimension.SPEED, 0.0036)),
    (r"m/s|meter pro sekunde|metres per second|meters per second", Unit(Dimension.SPEED, 3.6)),
    (r"kWh|kilowattstunden", Unit(Dimension.ENERGY, 1000.0)),
    (r"Wh|wattstunden|watt-hours|watt hours", Unit(Dimension.ENERGY, 1.0)),
    (r"km|kilometern?|kilometres?|kilometers?", Unit(Dimension.LENGTH, 1.0)),
    (r"m²|m2|qm|quadratmetern?|square met(?:re|er)s?|sq\.? ?m", Unit(Dimension.AREA, 1.0)),
    (r"cm|zentimetern?|centimet(?:re|er)s?", Unit(Dimension.LENGTH, 1e-5)),
    (r"mm|millimetern?|millimet(?:re|er)s?", Unit(Dimension.LENGTH, 1e-6)),
    (r"mAh", Unit(Dimension.CHARGE, 0.001)),
    (r"Ah|amperestunden|ampere-hours|amp hours", Unit(Dimension.CHARGE, 1.0)),
    (r"V|volts?", Unit(Dimension.VOLTAGE, 1.0)),
    (r"zoll|inch(?:es)?|\"", Unit(Dimension.INCH, 1.0)),
    (r"kWp|kilowattpeak|kilowatt peak", Unit(Dimension.POWER, 1000.0)),
    (r"Wp|wattpeak|watt peak", Unit(Dimension.POWER, 1.0)),
    (r"kW|kilowatts?", Unit(Dimension.POWER, 1000.0)),
    (r"W|watts?", Unit(Dimension.POWER, 1.0)),
    (r"Nm|newtonmeter|newton metres?|newton meters?", Unit(Dimension.TORQUE, 1.0)),
    (
        # Oscillating and sonic devices (toothbrushes, shavers, massagers, jigsaws) state movements per minute.
        r"U/min|rpm|1/min|min⁻¹|umdrehungen pro minute|umdrehungen/min|revolutions per minute"
        r"|(?:schwingungen|bewegungen|bürstenbewegungen|hübe|hubzahlen|oszillationen)\s?(?:pro|je|in\s+der|/)\s?min(?:ute|\.)?"
        r"|(?:vibrations|oscillations|movements|brush\s+strokes|strokes|pulsations)\s?(?:per|a|/)\s?min(?:ute|\.)?|vpm|spm|opm",
        Unit(Dimension.ROTATION, 1.0),
    ),
    (r"h|std\.?|stunden?|hours?|hrs?", Unit(Dimension.DURATION, 3600.0)),
    (r"min\.?|minuten?|minutes?|mins", Unit(Dimension.DURATION, 60.0)),
    (r"s|sek\.?|sekunden?|seconds?|secs?", Unit(Dimension.DURATION, 1.0)),
    (r"tag(?:e|en)?|days?", Unit(Dimension.DURATION, 86400.0)),
    (r"wochen?|weeks?", Unit(Dimension.DURATION, 7 * 86400.0)),
    (r"monaten?|monate|monat|months?", Unit(Dimension.DURATION, 30 * 86400.0)),
    (r"jahren?|jahre|jahr|years?", Unit(Dimension.DURATION, 365 * 86400.0)),
    (r"kg|kilogramm|kilograms?|kilos?", Unit(Dimension.MASS, 1.0)),
    (r"mg|milligramm|milligrams?", Unit(Dimension.MASS, 1e-6)),
    (r"µg|μg|mcg|mikrogramm|micrograms?", Unit(Dimension.MASS, 1e-9)),
    (r"g|gramm|grams?", Unit(Dimension.MASS, 0.001)),
    (r"I\.\s?E\.|IE|IU|I\.U\.|internationale einheiten|international units", Unit(Dimension.IU, 1.0)),
    (r"ml|milliliter|millilitres?|milliliters?", Unit(Dimension.VOLUME, 0.001)),
    (r"l|liter|litern|litres?|liters?", Unit(Dimension.VOLUME, 1.0)),
    (r"m|metern?|met(?:re|er)s?", Unit(Dimension.LENGTH, 0.001)),
    (r"bar", Unit(Dimension.PRESSURE, 1.0)),
    (r"GHz|gigahertz", Unit(Dimension.FREQUENCY, 1e9)),
    (r"MHz|megahertz", Unit(Dimension.FREQUENCY, 1e6)),
    (r"kHz|kilohertz", Unit(Dimension.FREQUENCY, 1e3)),
    (r"Hz|hertz", Unit(Dimension.FREQUENCY, 1.0)),
    (r"lm|lumens?", Unit(Dimension.LUMINOUS_FLUX, 1.0)),
    (r"dB\s?(?:\([AC]\)|[AC]|SPL|HL)?|dezibel|decibels?", Unit(Dimension.SOUND, 1.0)),
    (r"%|prozent|percent|per cent", Unit(Dimension.PERCENT, 1.0)),
    (r"°C|grad celsius|grad|degrees celsius|degrees", Unit(Dimension.TEMPERATURE, 1.0)),
    (r"°(?!\s?[CF])", Unit(Dimension.ANGLE, 1.0)),
    (r"ladezyklen|ladezyklus|zyklen|charge cycles|charging cycles|cycles", Unit(Dimension.CYCLES, 1.0)),
    (
        r"stück|stk\.?|pieces?|pcs\.?|kapseln|capsules|tabletten|tablets|portionen|servings|personen|persons|people"
        r"|packungen|packung|packs?|flaschen|flasche|bottles?|dosen|cans|tins",
        Unit(Dimension.COUNT, 1.0),
    ),
    (r"LSF|SPF|UPF", Unit(Dimension.SPF, 1.0)),
)

NUMBER_WORDS = {
    "ein": 1,
    "einen": 1,
    "eine": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "fünfzehn": 15,
    "zwanzig": 20,
    "dreißig": 30,
    "fünfzig": 50,
    "hundert": 100,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "fifty": 50,
    "hundred": 100,
}

# Durations written without a figure, at their least: "den ganzen Tag warm" claims at least a working day,
# "stundenlang" at least two hours.
_HOUR, _DAY = 3600.0, 86400.0
_VAGUE: dict[str, float] = {
    r"den\s+ganzen\s+tag|all\s+day(?:\s+long)?|the\s+(?:whole|full|entire)\s+day": 8 * _HOUR,
    r"(?:die\s+)?ganze\s+nacht|all\s+night(?:\s+long)?|the\s+(?:whole|full|entire)\s+night": 8 * _HOUR,
    r"stundenlang|for\s+hours(?:\s+on\s+end)?": 2 * _HOUR,
    r"tagelang|for\s+days(?:\s+on\s+end)?": 2 * _DAY,
    r"wochenlang|for\s+weeks(?:\s+on\s+end)?": 14 * _DAY,
    r"monatelang|for\s+months(?:\s+on\s+end)?": 60 * _DAY,
}
_VAGUE_LOOKUP = tuple((re.compile(rf"(?:{alt})\Z", re.IGNORECASE), value) for alt, value in _VAGUE.items())

_NUM = r"\d+(?:[.,]\d+)*"
_SPACE = r"[ \u00a0\u202f\u2009-]?"
_UNIT_ALT = "|".join(f"(?:{alt})" for alt, _ in _UNITS)
_QUANTITY = re.compile(
    rf"(?<![\w.,])(?P<neg>(?<![\w.,−–-])[−-](?=\d))?"
    # A number word must stand apart from its unit: "eine m" is no figure, but "einem" would be.
    rf"(?:(?P<num>{_NUM})|(?P<word>{'|'.join(NUMBER_WORDS)})(?=[\s\u00a0]))"
    rf"(?:\s+(?:volle[nrs]?|ganze[nrs]?|full|whole|entire))?(?(word)[\s\u00a0]+|{_SPACE})(?P<unit>{_UNIT_ALT})(?![\w/])"
    rf"|\b(?P<spf>LSF|SPF|Lichtschutzfaktor|sun protection factor){_SPACE}(?P<spfnum>\d+)\b"
    rf"|\b(?P<ip>IP[0-9X]{{2}})\b"
    rf"|\b(?:windstärke|beaufort|bft|wind force)\s?(?P<bft>\d{{1,2}})\b|\b(?P<bft2>\d{{1,2}})\s?(?:bft|beaufort)\b"
    rf"|\b(?P<vague>{'|'.join(_VAGUE)})\b",
    re.IGNORECASE,
)
_UNIT_LOOKUP = tuple((re.compile(rf"(?:{alt})\Z", re.IGNORECASE), unit) for alt, unit in _UNITS)
# The lowest wind speed (km/h) of each Beaufort force: "sturmfest bis Windstärke 12" claims at least 118 km/h.
_BEAUFORT_KMH = (0.0, 1.0, 6.0, 12.0, 20.0, 29.0, 39.0, 50.0, 62.0, 75.0, 89.0, 103.0, 118.0)
# Words that turn a figure into an upper bound ("bis zu 120 km"): a spec value qualified with
# "bis zu" is only backed by a claim that keeps such a word.
UPPER_BOUND = re.compile(
    r"\b(?:bis zu|bis maximal|maximal|max\.|höchstens|up to|a maximum of|maximum of|at most|capped at|limited to"
    r"|begrenzt auf|nicht mehr als|no more than)\b"
    r"|\bmax(?:imal)?\b|\bbis\s+(?:etwa\s+|ca\.\s*|circa\s+|rund\s+|ungefähr\s+)?(?=\d)"
    # An automatic shut-off sets the maximum: "schaltet nach 60 min Warmhalten ab", "switches off after 60 minutes".
    r"|\bschalte[nt]?\s+(?:sich\s+)?(?:automatisch\s+)?nach\s+(?=\d)"
    r"|\b(?:switch(?:es)?|shuts?|turns?)\s+(?:itself\s+|themselves\s+)?off\s+(?:automatically\s+)?after\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float  # in the dimension's base unit; for IP codes the two digits as a number (54)
    dimension: Dimension
    start: int  # offsets of the whole quantity in the text it was found in
    end: int
    # Half a unit of the last digit written, in the base unit: "99,97 %" is 0.005, "1,2 kW" 50 W. Two
    # figures are equal when they differ by less than this (a rounded conversion), not by a fixed share
    # ("99,97 %" is more than "99,95 %").
    step: float = 0.0

    def __str__(self) -> str:
        return f"{self.value:g} ({self.dimension})"


def parse_number(raw: str, language: Language) -> float:
    """'2.000' -> 2000, '1,2' -> 1.2, '24.5' -> 24.5 (either language), 'zehn' -> 10."""
    word = NUMBER_WORDS.get(raw.lower())
    if word is not None:
        return float(word)
    groups = re.split(r"([.,])", raw)
    if len(groups) == 1:
        return float(raw)
    thousands = "." if language is Language.DE else ","
    digits = groups[0]
    for separator, part in zip(groups[1::2], groups[2::2], strict=True):
        if separator == thousands and len(part) == 3:
            digits += part
        else:
            digits += "." + part
    try:
        return float(digits)
    except ValueError:  # "1.2.3" is a version number, not a figure
        return float("nan")


def decimals(raw: str, language: Language) -> int:
    """How many decimal digits a written number has ("99,97" -> 2, "2.000" in German -> 0)."""
    groups = re.split(r"([.,])", raw)
    if len(groups) == 1:
        return 0
    thousands = "." if language is Language.DE else ","
    separator, part = groups[-2], groups[-1]
    return 0 if separator == thousands and len(part) == 3 else len(part)


def unit_of(text: str) -> Unit | None:
    """The unit a spec-sheet unit string names ("km", "dB(A)", "U/min"), or None."""
    cleaned = text.strip()
    for pattern, unit in _UNIT_LOOKUP:
        if pattern.match(cleaned):
            return unit
    return None


def ip_value(code: str) -> float:
    """'IP54' -> 54; an 'X' (not tested) counts as 0."""
    return float(code[2:].upper().replace("X", "0"))


def quantities(text: str, language: Language) -> list[Quantity]:
    """Every quantity in `text`, in order."""
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(text):
        if match.group("ip"):
            found.append(Quantity(ip_value(match.group("ip")), Dimension.IP, match.start(), match.end(), 0.5))
        elif match.group("bft") or match.group("bft2"):
            force = min(int(match.group("bft") or match.group("bft2")), len(_BEAUFORT_KMH) - 1)
            found.append(Quantity(_BEAUFORT_KMH[force], Dimension.SPEED, match.start(), match.end(), 0.5))
        elif match.group("vague"):
            value = next(v for pattern, v in _VAGUE_LOOKUP if pattern.match(match.group("vague")))
            found.append(Quantity(value, Dimension.DURATION, match.start(), match.end()))
        elif match.group("spf"):
            value = float(match.group("spfnum"))
            found.append(Quantity(value, Dimension.SPF, match.start(), match.end(), 0.5))
        else:
            unit = unit_of(match.group("unit"))
            number = parse_number(match.group("num") or match.group("word"), language)
            if unit is None or math.isnan(number):  # NaN: not a figure
                continue
            if match.group("neg") and unit.dimension is Dimension.TEMPERATURE:  # "−7 °C"
                number = -number
            places = decimals(match.group("num"), language) if match.group("num") else 0
            step = 0.5 * 10.0**-places * unit.factor
            found.extend(_dimension_factors(text, match.start(), unit, language))
            found.append(Quantity(number * unit.factor, unit.dimension, match.start(), match.end(), step))
    return _joined_durations(text, found) if len(found) > 1 else found


# "3 min 40 s", "2 Stunden und 15 Minuten": one duration written in two units, the smaller one second.
_DURATION_JOIN = re.compile(r"\s*(?:,\s*|und\s+|and\s+)?")


def _joined_durations(text: str, found: list[Quantity]) -> list[Quantity]:
    joined: list[Quantity] = []
    for quantity in found:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.dimension is Dimension.DURATION
            and quantity.dimension is Dimension.DURATION
            and quantity.value < last.value
            and last.value % 60 == 0
            and quantity.value < 86400.0
            and _DURATION_JOIN.fullmatch(text, last.end, quantity.start) is not None
        ):
            total = last.value + quantity.value
            joined[-1] = Quantity(total, Dimension.DURATION, last.start, quantity.end, quantity.step)
            continue
        joined.append(quantity)
    return joined


# The leading factors of a dimensions figure share its unit: "186 × 80 cm" is 186 cm by 80 cm.
_FACTOR = re.compile(rf"(?<![\w.,])({_NUM})\s?[×xX*]\s?$")


def _dimension_factors(text: str, start: int, unit: Unit, language: Language) -> list[Quantity]:
    if unit.dimension not in (Dimension.LENGTH, Dimension.INCH):
        return []
    factors: list[Quantity] = []
    while True:
        match = _FACTOR.search(text, 0, start)
        if match is None:
            break
        number = parse_number(match.group(1), language)
        if math.isnan(number):
            break
        step = 0.5 * 10.0 ** -decimals(match.group(1), language) * unit.factor
        factors.insert(0, Quantity(number * unit.factor, unit.dimension, match.start(1), match.end(1), step))
        start = match.start(1)
    return factors
