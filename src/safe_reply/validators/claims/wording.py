"""Words of facts and replies, as the claims check compares them: tokens, content words, negated words,
product-name words, per-time unit tails and measuring modes."""

from __future__ import annotations

import functools
import re

from safe_reply.config_models import Fact
from safe_reply.quantities import quantities
from safe_reply.types import Language
from safe_reply.validators.claims.products import ProductIndex

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")

# Function words never name an attribute or a condition ("unter", "wird", "with" are in every clause).
STOP_WORDS = frozenset(
    """der die das des den dem und oder von bis mit nach auf für bei the of and up to per ein eine einer einem
    einen eines ist sind wird werden wurde kann können nicht kein keine ohne unter über aus zum zur vom beim
    etwa rund circa jeweils also auch noch nur sowie bzw with from into only than that this then each both
    about approx approximately around measured gemessen laut herstellerangabe angabe""".split()
)

PAREN = re.compile(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)")

# A mode or setting: "Nachtmodus", "Turbo-Stufe", "night mode", "Stufe Turbo", "level 2" (not "noise
# level"). The word before "Stufe"/"mode" is its name unless it is a function word ("auf Stufe Turbo").
MODE = re.compile(
    r"\b(?:([^\W\d_]{3,}?)[- ]?(?:modus|mode|stufe|programm)"
    r"|(?:stufe|level|modus|mode)\s+(\d+|(?-i:[A-ZÄÖÜ][^\W\d_]+)))\b",
    re.I,
)
_NO_MODE_NAME = STOP_WORDS | frozenset(
    """dies diese diesem diesen dieser dieses jede jedem jeden jeder jedes welche welchem welchen welcher jenem
    gleichen selben höchsten niedrigsten kleinsten größten ersten letzten this that each every which same any
    highest lowest""".split()
)

RELATIVE = re.compile(
    r"^\s*(?:weniger|mehr|less|more|fewer|höher|niedriger|lower|higher|kleiner|größer|schneller|langsamer|"
    r"kürzer|länger|besser|schlechter|günstiger|teurer|leiser|lauter|cheaper|faster|slower|quieter|louder)\b",
    re.IGNORECASE,
)


def tokens(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def describe(fact: Fact) -> str:
    unit = f" {fact.unit}" if fact.unit else ""
    qualifier = f" ({fact.qualifier})" if fact.qualifier else ""
    return f"{fact.key} = {fact.value}{unit}{qualifier}"


def content_words(text: str, products: ProductIndex, exclude: frozenset[str] = frozenset()) -> frozenset[str]:
    """The words of a clause that can name an attribute or a condition (no function words, names, figures)."""
    names = name_words(products)
    found = set()
    for word in tokens(PAREN.sub(lambda m: f" {m.group(1)} ", text)):
        parts = [word, *word.split("-")] if "-" in word else [word]
        for part in parts:
            usable = len(part) >= 4 and part not in STOP_WORDS and not part[0].isdigit()
            if usable and part not in names and not _overlaps(part, exclude):
                found.add(part)
    return frozenset(found)


def _overlaps(word: str, cues: frozenset[str]) -> bool:
    """Whether `word` is a form of one of `cues` ("modul" of "module"): it names the attribute, not a
    condition."""
    for cue in cues:
        shorter, longer = (word, cue) if len(word) <= len(cue) else (cue, word)
        if len(shorter) >= 4 and len(longer) - len(shorter) <= 3 and longer.startswith(shorter):
            return True
    return False


_WITHOUT = re.compile(
    r"\b(?:ohne|without|excluding|exkl\.|nicht|not|außer|except)\s+((?:[\w-]+[,\s]*(?:und|and|oder|or)?\s*){1,4})", re.I
)


# A condition under which the fact says the product hardly works: "hinter Windschutzscheiben kaum Wirkung",
# "bei Nässe wirkungslos", "no effect behind windscreens".
_NO_EFFECT = re.compile(
    r"([\w\s-]{3,60}?)\s+(?:kaum|keine|wenig|geringe|ohne)\s+(?:wirkung|funktion|effekt)\w*"
    r"|([\w\s-]{3,60}?)\s+(?:wirkungslos|unwirksam|nicht\s+wirksam)"
    r"|\b(?:hardly|little|no)\s+(?:any\s+)?(?:effect|function)\s+([\w\s-]{3,60})",
    re.IGNORECASE,
)


def excluded_text(text: str) -> str:
    """What a fact's qualifier excludes, as text: its "nicht ..."/"ohne ..." words and the conditions it says
    the product hardly works under ("hinter Windschutzscheiben kaum Wirkung" -> "hinter Windschutzscheiben")."""
    parts = [match.group(1) for match in _WITHOUT.finditer(text)]
    for clause in re.split(r"[;,()]", text):
        parts.extend(g for m in _NO_EFFECT.finditer(clause) for g in m.groups() if g)
    return " ".join(parts)


# The words that say a condition is excluded, not what for: "kaum Wirkung", "hardly any effect", "verwenden".
_EFFECT_WORDS = frozenset(
    "wirkung wirkungen funktion funktioniert effekt wirkungslos unwirksam wirksam kaum wenig geringe keine effect "
    "function hardly little verwenden nutzen benutzen einsetzen betreiben verwendet genutzt used".split()
)


def exclusion_topics(clause: str, excluded: str) -> frozenset[str]:
    """The words of a fact's clause besides the condition it excludes: what it is excluded for ("laden" of
    "Laden nur bei 0 bis 40 °C, nicht bei Frost"), none for "hinter Windschutzscheiben kaum Wirkung"."""
    gone = set(tokens(excluded))
    return frozenset(
        w
        for w in tokens(clause)
        if len(w) >= 4 and w not in STOP_WORDS and w not in gone and w not in _EFFECT_WORDS and not w[0].isdigit()
    )


def negated_words(text: str) -> frozenset[str]:
    """The words a clause excludes ("ohne Babywanne", "without pegs"): they name what the figure is not."""
    return frozenset(w for match in _WITHOUT.finditer(text) for w in tokens(match.group(1)))


@functools.lru_cache(maxsize=64)
def all_name_words(products: ProductIndex) -> frozenset[str]:
    """Every word of a product name or short name: in a label it says which product, not which attribute."""
    return frozenset(
        part
        for p in products.products
        for name in (p.name, *p.aliases)
        for word in tokens(name)
        for part in (word, *word.split("-"))
    )


@functools.lru_cache(maxsize=64)
def name_words(products: ProductIndex) -> frozenset[str]:
    """The brand words of the product names ("klangwerk" in every name): no attribute, no condition. A
    word of one product's name ("Lamm" of "Adult Lamm & Reis") may well name what a clause is about."""
    counts: dict[str, int] = {}
    for product in products.products:
        for word in set(tokens(product.name.replace("-", " "))):
            counts[word] = counts.get(word, 0) + 1
    shared = 1 if len(products.products) == 1 else 2
    return frozenset(w for w, n in counts.items() if n >= shared)


def blank_figures(text: str) -> str:
    """`text` without its figures: a unit ("kWh pro Jahr", "dB") names no attribute of its own."""
    for quantity in reversed(quantities(text, Language.DE)):
        end = quantity.end + unit_tail(text[quantity.end :])
        text = text[: quantity.start] + " " * (end - quantity.start) + text[end:]
    return text


_UNIT_TAIL = re.compile(
    r"\s*(?:pro|per|je|im|a|/)\s*(?:jahr|tag|monat|woche|stunde|year|day|month|week|hour|a|d|h)\b|\s*jährlich\b|\s*annually\b",
    re.IGNORECASE,
)


def unit_tail(after: str) -> int:
    """The length of a per-time reference after a figure ("kWh pro Jahr"): part of its unit."""
    match = _UNIT_TAIL.match(after)
    return match.end() if match else 0


def mode_matches(text: str) -> list[tuple[str, str]]:
    """Each named mode as written and its name, lower-case: "auf Stufe Turbo" -> ("Stufe Turbo", "turbo"),
    "Nachtmodus" -> ("Nachtmodus", "nacht")."""
    found = []
    for match in MODE.finditer(text):
        name = (match.group(1) or match.group(2)).lower()
        written = match.group()
        if name in _NO_MODE_NAME:
            follow = re.match(r"\s+(\d+|[A-ZÄÖÜ][^\W\d_]+)\b", text[match.end() :])
            if not follow or written.lower().endswith(("modus", "mode", "programm")):
                continue
            name, written = follow.group(1).lower(), text[match.start(1) : match.end() + follow.end()]
        found.append((written, name))
    return found


def mode_of(text: str) -> str | None:
    """The one mode a text names; None for none or several ("3 W (Nachtmodus) bis 42 W (Turbo)")."""
    names = {name for _, name in mode_matches(text)}
    return names.pop() if len(names) == 1 else None


def modes_in(sentence: str) -> set[str]:
    return {name for _, name in mode_matches(sentence)}
