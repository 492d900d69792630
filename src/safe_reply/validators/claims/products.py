"""The products of a product line and the words that refer to them in a reply.

A product line may list its products (`products:` with names, short names and generic nouns). When it
does not, as in the corpus format, they are derived from what the facts say:

- a `models` fact ("Thermowell L8 (Heizleistung 7,9 kW) und Thermowell L12 (...)"; "Regenjacke
  Fjellgrat Storm 3L (3-Lagen-Hardshell); Zelt Fjellgrat Kuppel 2 (2-Personen-Kuppelzelt)"): each item
  is a product, its brand-less rest a short name ("L8", "Storm 3L"), the words before the brand and the
  head of its description generic nouns ("Regenjacke", "Kuppelzelt");
- product names in fact labels and qualifiers ("Leistung (Mix 1200)", "Gewicht Tavi Duo",
  "Thermowell L8, mittleres Klima ... (Thermowell L12: 4,9)").

A generic noun refers to a product when it is the end of one of the product's nouns ("die Jacke" ->
"Regenjacke" -> Storm 3L); nouns every product shares ("Gerät", "Modell") refer to none in particular.
`ProductIndex.mentioned(text)` finds every product a text refers to with one regex pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from safe_reply.config_models import Fact, ProductLine
from safe_reply.word_frequencies import german_nouns

_WORD = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*")
_MODELS_KEYS = re.compile(r"^(?:models?|modelle?|sortiment|product[_ ]range|products?|produkte?)$", re.IGNORECASE)
# A comma between two digits is a decimal comma ("Kanne 2,4 l"), no list separator.
_ITEM_SPLIT = re.compile(r";(?![^()]*\))|,(?!(?<=\d,)\d)(?![^()]*\))|\s+(?:und|and|sowie|bzw\.)\s+(?![^()]*\))")
_PAREN = re.compile(r"\(([^)]*)\)")
# A product named at the start of a qualifier ("Thermowell L8, mittleres Klima") or before a colon
# inside a value or qualifier ("(Thermowell L12: 4,9)", "Tavi Duo: Babywanne ...").
_NAMED_VALUE = re.compile(r"([^\W\d_][\w.-]*(?:\s+[\w.-]+){0,3}?)\s*:\s*([^,;)]+)")
_MIN_NOUN = 4
_ACCESSORY_HEADS = frozenset({"zubehör", "zubehoer", "accessories", "accessory", "ersatzteile", "spare parts"})
_EACH = frozenset({"je", "jeweils", "each", "beide", "both", "alle", "all"})
_NO_NAME_START = frozenset(
    "in im mit ohne für inkl inklusive sowie bzw oder und each with without for including".split()
)
_LOWER_WORD = re.compile(r"(?<![\w-])[a-zäöüß]{3,}(?![\w-])")
_SUB_BRAND = re.compile(r"[A-ZÄÖÜ]{2,4}")
# A size after the noun ("Keramikpfanne 28 cm", "Topf 5 l") names no product; a model number does ("Flitzer 12").
_MEASURE = re.compile(r"\d+(?:[.,]\d+)?\s*(?:cm|mm|m|l|ml|cl|kg|g|w|kw|v|zoll|liter|litre|inch|teile|stück|%)\.?", re.I)


@dataclass(frozen=True, slots=True)
class ProductRef:
    name: str  # as written, e.g. "Thermowell L8"
    aliases: tuple[str, ...]  # lower-case names that single it out: "thermowell l8", "l8"
    nouns: tuple[str, ...]  # lower-case generic nouns: "regenjacke", "jacket"
    on_sale: bool = True


class ProductIndex:
    """The products of a line and one compiled regex that finds the words referring to them."""

    def __init__(self, products: Sequence[ProductRef]) -> None:
        self.products: tuple[ProductRef, ...] = tuple(products)
        self._owner: dict[str, set[int]] = {}
        for index, product in enumerate(self.products):
            for alias in product.aliases:
                self._owner.setdefault(alias, set()).add(index)
        alternatives = sorted(self._owner, key=len, reverse=True)
        self._aliases = (
            # A name in the plural is the same product ("die Bio-Bodys", "zwei Lindholms").
            re.compile(
                rf"(?<!\w)(?P<name>{'|'.join(_alias_regex(a) for a in alternatives)})(?:s|e|es)?(?!\w)", re.IGNORECASE
            )
            if alternatives
            else None
        )
        # Model families: the part of a short name before its number ("l" of "l8", "storm " of "storm 3l").
        # Only short model numbers ("L8", "Storm 3L", "Lift 160"): a name with a year or a pack size
        # ("Darjeeling First Flush 2026") has no siblings to confuse.
        prefixes = sorted(
            {
                m.group(1)
                for a in self._owner
                if (m := re.match(r"^((?:[^\W\d_]+ ){0,1}[^\W\d_]*?) ?(\d{1,3})(?:[^\W\d_]*)$", a)) and m.group(1)
            },
            key=len,
            reverse=True,
        )
        self._families = (
            re.compile(
                rf"(?<!\w)(?:{'|'.join(_alias_regex(p) for p in prefixes)})[\s\-]?\d+(?:[.,]\d+)?[^\W\d_]*(?!\w)",
                re.IGNORECASE,
            )
            if prefixes
            else None
        )
        # The word tails of every name: "UVB 10.0" is how a bot shortens "SunTerra UVB 10.0", a product on sale.
        self._tails = {" ".join(words[i:]) for words in map(str.split, self._owner) for i in range(len(words))}
        nouns = sorted({noun for product in self.products for noun in product.nouns}, key=len, reverse=True)
        self._nouns = tuple(nouns)
        # A noun in a reply refers to a product when it ends one of the product's nouns ("Jacke" ->
        # "Regenjacke"): one regex of every noun and every tail of at least _MIN_NOUN letters.
        tails = sorted({t for noun in nouns for t in _tails(noun)}, key=len, reverse=True)
        self._noun_regex = (
            re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(t) for t in tails)})(?:e?s|e?n|e|s)?(?!\w)", re.IGNORECASE)
            if tails
            else None
        )

    def __len__(self) -> int:
        return len(self.products)

    def name(self, index: int) -> str:
        return self.products[index].name

    def named(self, text: str) -> set[int]:
        """Products named in `text` (by name or short name)."""
        if self._aliases is None:
            return set()
        found: set[int] = set()
        for match in self._matches(text):
            found |= self._owner.get(_squash(match.group("name")), set())
        return found

    def _matches(self, text: str) -> list[re.Match[str]]:
        if self._aliases is None:
            return []
        # "warm", "duo", "außen" in lower case are words; "Warm", "Duo" a product.
        return [
            m
            for m in self._aliases.finditer(text)
            if not (" " not in (name := m.group("name")) and name.isalpha() and name[0].islower())
        ]

    def mentioned(self, text: str) -> set[int]:
        """Products named in `text`, else those its generic nouns single out."""
        named = self.named(text)
        if named or self._noun_regex is None:
            return named
        found: set[int] = set()
        for match in self._noun_regex.finditer(text):
            word = match.group().lower()
            # The tail of a German compound is a noun, so it is written capitalised: "der Sitz" refers to the
            # "Kindersitz", "sitzen" does not.
            nouns = (n for p in self.products for n in p.nouns if _refers(word, n))
            if match.group()[0].islower() and all(not _whole(word, n) for n in nouns):
                continue
            owners = {i for i, p in enumerate(self.products) if any(_refers(word, n) for n in p.nouns)}
            if 0 < len(owners) < len(self.products):
                found |= owners
        return found

    def positions(self, text: str) -> list[tuple[int, set[int]]]:
        """(offset, products) of every product name in `text`, in order: for resolving "er", "it"."""
        return [(m.start(), self._owner.get(_squash(m.group("name")), set())) for m in self._matches(text)]

    def unknown_model(self, text: str) -> bool:
        """Whether `text` names a model of the line's families that is not on sale ("Thermowell L16",
        "Storm 4L" next to "Storm 3L"): another, unreleased product, not a claim about these."""
        if self._families is None:
            return False
        return any(_squash(match.group()) not in self._tails for match in self._families.finditer(text))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every product name in `text`."""
        return [m.span() for m in self._matches(text)]

    def unreleased_named(self, text: str) -> bool:
        return any(not self.products[i].on_sale for i in self.named(text))


def sells_products(line: ProductLine, service_words: Iterable[str] = ()) -> bool:
    """Whether the line lists products or its facts name any. A shop's service line names none: at most its own
    name reads as a list of them ("Online-Shop und Service"), of words of the shop and its services alone."""
    if line.products or _derived_names(line):
        return True
    services = {w.lower() for w in service_words} | _SHOP_WORDS
    # A line whose name lists nothing at all is taken as it is (its products unknown, not absent).
    names = [p.name for p in products_of(line).products]
    return not names or any(
        not all(part.lower() in services for part in re.split(r"[\s-]+", name) if part) for name in names
    )


# What a shop is called, beside the service words of the vocabulary (Versand, Beratung, Service, ...).
_SHOP_WORDS = frozenset({"shop", "online", "webshop", "onlineshop", "store", "kundenservice", "filiale", "hotline"})


def products_of(line: ProductLine, generic_nouns: Iterable[str] = ()) -> ProductIndex:
    """The products of a line: the explicit `products:` list, else derived from its facts."""
    generic = {n.lower() for n in generic_nouns}
    if line.products:
        refs = [_ref(p.name, p.short_names, p.nouns, generic, on_sale=p.on_sale) for p in line.products]
        return ProductIndex(refs)
    groups = _derived_names(line)
    if not groups:
        named = _named_by_line(line, generic)
        if named:
            return ProductIndex(_name_words(_distinctive(named), generic))
    brand = _brand(line, [name for name, _, _ in groups])
    # German names put a generic noun before the product's own name ("Laufrad Flitzer 12", "Regenjacke Tropfen
    # 8000"): the noun is what the product is, the rest names it ("der Flitzer 12", "die Tropfen 8000").
    german = german_nouns(word for name, _, _ in groups if len(name.split()) > 1 for word in name.split()[:2])
    heads = {name.split()[0] for name, _, _ in groups if len(name.split()) > 1} & german
    used = _squash(
        " ".join(
            [
                *(f"{f.label_de or ''} {f.label_en or ''} {f.value} {f.qualifier or ''}" for f in line.facts),
                *line.certifications,
                *line.approved_claims,
            ]
        )
    )
    # Words the facts write in lower case are words, not names: "protein per bar" makes "Protein Bar" no noun
    # "Protein" before a name "Bar" (English names put the noun last), where "Laufrad Flitzer 12" is one.
    written = " ".join(f"{f.label_de or ''} {f.label_en or ''} {f.value} {f.qualifier or ''}" for f in line.facts)
    lower = set(_LOWER_WORD.findall(written))
    refs = []
    shared: list[str] = []
    for name, description, english in groups:
        words = name.split()
        brand_at = next((i for i, w in enumerate(words) if w.lower() in brand), None)
        if brand_at is None:
            # A sub-brand's letters before a name ("Radbrille LQ Velo", "Schutzbrille LQ Werk"): a product, the
            # words before it its nouns, not a phrase that describes every model.
            brand_at = next(
                (i for i, w in enumerate(words[:-1]) if _SUB_BRAND.fullmatch(w) and words[i + 1][:1].isupper()), None
            )
        # A noun and a name ("Lerntisch Primus"), not a noun phrase ("Elektrische Zahnbürsten"): the end is no
        # German noun, or the facts name the product by it alone.
        named_after_noun = (
            brand_at is None
            and len(words) > 1
            and (words[1][:1].isupper() or words[1][:1].isdigit())
            and not _MEASURE.fullmatch(" ".join(words[1:]))
            and not (len(words) == 2 and words[1].lower() in lower)
            and (
                (words[0] in heads and (not brand or words[1] not in german))
                or _stands_alone(words[1:], words[0], used)
            )
        )
        if brand and brand_at is None and not named_after_noun and not any(ch.isdigit() for ch in name) and not english:
            shared.append(name)  # "Luft/Wasser-Monoblock-Wärmepumpen": describes every model
            continue
        short = " ".join(words[brand_at + 1 :]) if brand_at is not None else ""
        before = words[:brand_at] if brand_at else []
        if named_after_noun:
            short, before = " ".join(words[1:]), words[:1]
        nouns = [*before, *_description_nouns(description)]
        bare = " ".join(words[brand_at:]) if brand_at else name
        shorts = [s for s in (short, *english) if s and s != bare and any(ch.isalpha() for ch in s)]
        refs.append(_ref(bare, shorts, nouns, generic))
    return ProductIndex(_name_words(_distinctive(refs), brand | generic | {_squash(h) for h in heads}))


def _ref(
    name: str, short: Iterable[str], nouns: Iterable[str], generic: set[str], *, on_sale: bool = True
) -> ProductRef:
    aliases = [_squash(name), *(_squash(s) for s in short if s.strip())]
    kept = [n.lower() for n in nouns if len(n) >= _MIN_NOUN and n.lower() not in generic and n[:1].isalpha()]
    return ProductRef(name, tuple(dict.fromkeys(aliases)), tuple(dict.fromkeys(kept)), on_sale)


def is_models_fact(fact: Fact) -> bool:
    """Whether the fact lists the line's products ("models", "Sortiment", label "products")."""
    return bool(_MODELS_KEYS.match(fact.key) or _MODELS_KEYS.match((fact.label_en or "").strip()))


def _derived_names(line: ProductLine) -> list[tuple[str, str, list[str]]]:
    """(name, description, nouns) of each product the facts name, models fact first."""
    found: dict[str, tuple[str, list[str]]] = {}
    for fact in line.facts:
        if is_models_fact(fact):
            for raw in _ITEM_SPLIT.split(str(fact.value)):
                item = raw.strip()
                # A kind or a series heads its first model ("Daunen-Serie Hochfirst: Hochfirst 400, Hochfirst 800",
                # "Kocher: Kessler Flamme Mini"): the model, where it is written as a name (capitalised words and
                # numbers); else the item stays as written.
                head, colon, rest = item.rpartition(":")
                if colon and head and "(" not in head:
                    words = _PAREN.sub(" ", rest).split()
                    named = 0 < len(words) <= 5 and all(w[0].isupper() or w[0].isdigit() for w in words)
                    # An accessory list ("Zubehör: Zweitakku M45") stays as written: its items are no models.
                    item = rest.strip() if named and head.strip().lower() not in _ACCESSORY_HEADS else item
                # A function word before a name is no part of it ("mit Hybridwechselrichter SW-H10"); "je in Regular
                # und Long" names the sizes every model comes in, no product.
                if item and item.split()[0].lower() in _EACH:
                    continue
                while item and item.split()[0].lower() in _NO_NAME_START and len(item.split()) > 1:
                    item = item.split(None, 1)[1]
                if not item or not item[0].isalpha():
                    continue
                name = _PAREN.sub("", item).strip(" ,.")
                description = " ".join(_PAREN.findall(item))
                if name and len(name.split()) <= 6:
                    found.setdefault(name, (description, []))
    aliases: dict[str, str] = {}
    for fact in line.facts:
        for name, english in _names_in_fact(fact):
            found.setdefault(name, ("", []))
            if english:
                aliases[name] = english
    names = list(found)
    # A name that merely extends another one ("Thermowell L8" vs "L8") is the same product.
    kept = [n for n in names if not any(o != n and _squash(o).endswith(_squash(n)) for o in names)]
    return [(n, found[n][0], [*found[n][1], *([aliases[n]] if n in aliases else [])]) for n in kept]


def _named_by_line(line: ProductLine, generic: set[str]) -> list[ProductRef]:
    """Products the line's name lists when no fact does: "Babyphone Wacht (Wacht Video und Wacht Audio)",
    "Wärmling 2in1 (Fläschchenwärmer) und Dampfbox (Sterilisator)". An item is a product only where the
    facts use its name (the longest end of it they use: "Buggy Flitz" -> "Flitz", "Buggy" a noun), so a
    list of kinds ("Outdoor (Jacken und Zelte)") names none."""
    name = (line.name or "").strip()
    outer = re.fullmatch(r"[^()]*\(([^()]*)\)\s*", name)
    listed = outer.group(1) if outer else name
    facts = " ".join(f"{f.label_de or ''} {f.label_en or ''} {f.value} {f.qualifier or ''}" for f in line.facts)
    used = _squash(facts)
    # The first word of a line's name is its maker ("Lüttwerk Wärmling 2in1 ..."): no noun of one product.
    maker = name.split()[0].lower() if len(name.split()) > 1 else ""
    refs = []
    for raw in _ITEM_SPLIT.split(listed):
        words = _PAREN.sub("", raw).split()
        description = " ".join(_PAREN.findall(raw))
        at = next((i for i in range(len(words)) if _used(" ".join(words[i:]), used)), None)
        if at is None or not words[at][:1].isupper():
            continue
        nouns = [w for w in words[:at] if w.lower() != maker]
        refs.append(_ref(" ".join(words[at:]), (), [*nouns, *_description_nouns(description)], generic))
    return refs


def _stands_alone(rest: list[str], head: str, used: str) -> bool:
    """Whether the facts name a product by the end of its name alone ("Funkfreunde ab 5 Jahren" for
    "Walkie-Talkie-Set Funkfreunde"): then the first word is a noun, the end the name."""
    pattern = rf"(?<!\w)(?<!{re.escape(_squash(head))} ){_alias_regex(_squash(' '.join(rest)))}(?!\w)"
    return re.search(pattern, used) is not None


def _used(name: str, text: str) -> bool:
    return re.search(rf"(?<!\w){_alias_regex(_squash(name))}(?!\w)", text) is not None


def _names_in_fact(fact: Fact) -> list[tuple[str, str]]:
    """Product names in a fact's labels ("Leistung (Mix 1200)"); the English label's own name for the
    same product ("(Day Cream Sensitive)") is an alias, not a second product."""
    german = [n for n in _PAREN.findall(fact.label_de or "") if _looks_like_name(n)]
    english = [n for n in _PAREN.findall(fact.label_en or "") if _looks_like_name(n)]
    if german:
        return [(german[0].strip(), english[0].strip() if english and english[0] != german[0] else "")]
    return [(english[0].strip(), "")] if english else []


def _looks_like_name(text: str) -> bool:
    """ "Mix 1200", "Hydro Serum": capitalised, with a digit or two words; not "RET" or "Akku"."""
    text = text.strip()
    # "(Komfort / Limit / Extrem)" lists the parts of a slash tuple (claims.tuples), not a product.
    if not text or not text[0].isupper() or text.lower().startswith(("akku", "battery")) or "/" in text:
        return False
    return any(ch.isdigit() for ch in text) or len(text.split()) >= 2


def _brand(line: ProductLine, names: list[str]) -> set[str]:
    """Words that name the maker, not one product: in every product name, or in the line's name."""
    if not names:
        return set()
    sets = [{w.lower() for w in name.split()} for name in names]
    common = set.intersection(*sets) if len(sets) > 1 else set()
    line_words = {w.lower() for w in (line.name or "").split() if w[:1].isupper()}
    in_names = set.union(*sets)
    return {w for w in (common | (line_words & in_names)) if not any(ch.isdigit() for ch in w)}


def _description_nouns(description: str) -> list[str]:
    """Capitalised words of a description ("Kombikinderwagen mit Babywanne" -> both), no figures."""
    return [w for w in _WORD.findall(description) if w[:1].isupper() and not any(ch.isdigit() for ch in w)]


def _distinctive(refs: list[ProductRef]) -> list[ProductRef]:
    """Drop nouns that several products share: they single out none of them."""
    counts: dict[str, int] = {}
    for ref in refs:
        for noun in ref.nouns:
            counts[noun] = counts.get(noun, 0) + 1
    return [ProductRef(r.name, r.aliases, tuple(n for n in r.nouns if counts[n] == 1), r.on_sale) for r in refs]


def _name_words(refs: list[ProductRef], common: set[str]) -> list[ProductRef]:
    """A word of one product's name alone names it ("der Darjeeling" for "Darjeeling First Flush 2026",
    "das Set" for "Set Duo 800 + S2"): words of at least four letters that no other product's name
    has and that are neither the brand nor a generic noun. Written in lower case they stay words."""
    # A hyphenated word counts as one ("Allergo-Protect" of "Allergo-Protect Encasing"), written as aliases are.
    words = [[_squash(w) for w in r.name.lower().split() if len(w) >= 4 and w.replace("-", "").isalpha()] for r in refs]
    # A model code that ends the name alone names it too: "der H2" for "Brenner Heizlüfter H2"; so does a code of
    # capitals and a number inside it: "die KG 186" for "Wendeler KG 186 NoFrost", "der WM 814" for "WM 814 Eco".
    codes = [
        list(
            dict.fromkeys(
                [*([c.lower()] if (c := r.name.split()[-1]) and _MODEL_CODE.match(c) else [])]
                + [_squash(m) for m in _INNER_CODE.findall(r.name) if _squash(m) != _squash(r.name)]
            )
        )
        for r in refs
    ]
    counts: dict[str, int] = {}
    for found in (*words, *codes):
        for word in set(found):
            counts[word] = counts.get(word, 0) + 1
    result = []
    for ref, found, code in zip(refs, words, codes, strict=True):
        # Only the first such word: "Darjeeling" of "Darjeeling First Flush 2026", never "First".
        own = [w for w in found if counts[w] == 1 and w not in common and w not in ref.aliases][:1]
        own += [c for c in code if counts[c] == 1 and c not in ref.aliases]
        result.append(ProductRef(ref.name, (*ref.aliases, *own), ref.nouns, ref.on_sale) if len(refs) > 1 else ref)
    return result


_MODEL_CODE = re.compile(r"^[A-Z]{1,3}\d{1,4}[a-z]?$")
_INNER_CODE = re.compile(r"(?<![\w-])[A-Z]{1,4}[\s-]?\d{1,5}[a-z]?(?![\w-])")


def _tails(noun: str) -> list[str]:
    return [noun[i:] for i in range(len(noun) - _MIN_NOUN + 1) if i == 0 or noun[i].isalpha()]


def _refers(word: str, noun: str) -> bool:
    stem = re.sub(r"(?:e?s|e?n|e|s)$", "", word)
    return noun.endswith(word) or (len(stem) >= _MIN_NOUN and noun.endswith(stem))


def _whole(word: str, noun: str) -> bool:
    """Whether `word` is `noun` itself, inflected ("jacket", "jackets"), not just its tail."""
    return re.sub(r"(?:e?s|e?n|e|s)$", "", word) == re.sub(r"(?:e?s|e?n|e|s)$", "", noun)


def _squash(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def _alias_regex(alias: str) -> str:
    return r"[\s\-]*".join(re.escape(part) for part in alias.split())
