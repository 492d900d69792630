"""Whether the product facts back a claim sentence, and which facts it was compared with.

Backed means (issue 4): an approved claim (verbatim or near-verbatim), a figure that does not go
beyond the spec sheet for that attribute and keeps "bis zu", a certification the product line
holds for the product named, a guarantee the product line actually gives, an origin the facts state.
Every check returns a `Verdict` whose `compared_with` names the facts, for the reviewer.
"""

from __future__ import annotations

import functools
import re

from safe_reply.negation import denies
from safe_reply.quantities import Dimension, quantities
from safe_reply.types import Language
from safe_reply.validators.claims.facts import ApprovedClaim, FactBase, tokens
from safe_reply.validators.claims.glossary import Glossary, meaning_keys
from safe_reply.validators.claims.lexicon import Lexicon
from safe_reply.validators.claims.origin import origin_verdict
from safe_reply.validators.claims.taxonomy import Verdict
from safe_reply.validators.claims.wording import STOP_WORDS

__all__ = ["Verdict", "approved_backing", "certification_verdict", "guarantee_verdict", "origin_verdict"]


# A claim is near-verbatim when its flagged words all occur in the approved claim and the sentence
# repeats most of the approved claim (a reply adds a clause or drops an article, nothing more).
_APPROVED_COVERAGE = 0.7
_TOLERANCE = 0.005  # relative: guarantee years and their conversions
_MIN_MEANINGS = 3  # an approved claim the glossary reads in fewer meanings is compared word by word only


def approved_backing(
    sentence: str, claim: str, base: FactBase, glossary: Glossary | None = None, language: Language | None = None
) -> ApprovedClaim | None:
    said = set(tokens(sentence))
    claim_words = tokens(claim)
    for approved in base.approved:
        if claim_words and not all(w in approved.tokens for w in claim_words):
            continue
        if len(approved.tokens & said) >= _APPROVED_COVERAGE * len(approved.tokens):
            return approved
    if glossary is None or not len(glossary):
        return None
    # In the other language (an English reply, German approved claims): the same test on meanings. Figures and
    # codes are compared as written, so "10 years" never meets "5 Jahre".
    said_keys = meaning_keys(said, glossary, language)
    claim_keys = meaning_keys(claim_words, glossary, language)
    # The function words drop out of the comparison, "ohne" and "with" among them: the sentence and the approved
    # claim must agree in denying something ("even with the cover on" is not "Ohne Griffabdeckung ...").
    denying = denies(sentence)
    for approved in base.approved:
        wanted = approved.meanings
        if approved.language is language or len(wanted) < _MIN_MEANINGS:
            continue
        if approved.denies is not denying:
            continue
        # What the claim says beyond the approved claim must be what the facts say ("only the skin it covers" of
        # "schützt nur die bedeckten Hautpartien").
        if not claim_keys <= frozenset().union(*wanted) | base.meanings:
            continue
        if sum(1 for keys in wanted if keys & said_keys) >= _APPROVED_COVERAGE * len(wanted):
            return approved
    return None


# ---------------------------------------------------------------- certifications

_SCOPE = re.compile(r"\bnur\s+([^;)]+)", re.IGNORECASE)


# Standards and marks written with a number ("ISO 9001", "EN 1888-1") are compared with their number.
_NUMBERED = re.compile(r"\b(?:din\s+)?(?:en\s+)?(?:iso|en|din|iec)\s?\d{2,5}(?:-\d+)?\b", re.IGNORECASE)


def certification_verdict(
    claim: str, base: FactBase, products: set[int], lexicon: Lexicon, sentence: str | None = None
) -> Verdict:
    """Backed when every mark the claim names (vocabulary `mark`, or a numbered standard) is held for the
    product named, and for the whole product when the sentence claims it for the whole ("Das komplette Set
    ist VDE-geprüft" against a certificate for the inverter); a claim that names no mark is not backed."""
    marks = _marks(claim, lexicon)
    held = "; ".join(base.certifications) or "no certifications"
    if not marks:
        # A seal no vocabulary knows, named as the register writes it ("das Trusted-Shops-Gütesiegel" for "Trusted
        # Shops Gütesiegel mit Käuferschutz (Shop ...)").
        # The seal's name often follows the matched word ("trägt zusätzlich das Prüfsiegel der Deutschen
        # Hochdruckliga"): the claim and the rest of its sentence after it are read.
        named = claim if sentence is None or claim not in sentence else sentence[sentence.index(claim) :]
        entry = next((c for c in base.certifications if _names_entry(named, c)), None)
        if entry is not None and _in_scope(entry, base, products):
            return Verdict(True, f"certifications: {entry}")
        # Said of no product (a person, a service): the facts that document it back it.
        documented = None if base.products_in(sentence or claim) else _documented_certificate(claim, base.all_text)
        if documented is not None:
            return Verdict(True, f"facts: {documented}")
        return Verdict(False, f"certifications: {held}")
    for names in marks:
        entries = [c for c in base.certifications if any(_folded_in(n, c) for n in names)]
        if not entries and any(_folded_in(n, base.all_text) for n in names):
            continue  # a standard the facts themselves name ("Labor nach DIN EN ISO/IEC 17025 akkreditiert")
        if not entries or not _all_in_scope(entries, base, products):
            return Verdict(False, f"certifications: {held}")
        if not any(_part_in_scope(entry, sentence or claim, base) for entry in entries):
            return Verdict(False, f"certifications: {held}")
    return Verdict(True, f"certifications: {held}")


def _all_in_scope(entries: list[str], base: FactBase, products: set[int]) -> bool:
    """Whether the entries of one mark together cover the products: a mark licensed for some products in one
    entry and for others in another ("V-Label (nur Pulver und Tabletten)", "V-Label (nur Protein)") is held for
    all of them."""
    if any(_in_scope(entry, base, products) for entry in entries):
        return True
    covered = {p for entry in entries for p in base.products.named(entry)}
    return bool(products) and products <= covered


# What a certificate is said of, beside the certifying word: "VDOE-zertifiziert", "zertifizierte Ökotrophologin",
# "ISO-certified", "certified nutritionist".
# Both written with a capital: a mark or a noun ("Ökotrophologin"), not "ist zertifiziert", "zertifiziert nach".
_CERTIFIED_WORD = re.compile(
    r"(?<![\w-])([A-ZÄÖÜ0-9][\w.]*)[-\s](?i:zertifiziert|certified)\w*"
    r"|(?i:zertifiziert|certified)\w*\s+([A-ZÄÖÜ][\w-]{3,})"
)
_CERTIFYING = re.compile(r"zertifi|certifi", re.IGNORECASE)
_DOCUMENTED_REACH = 40  # characters between the certified word and the certifying word in the facts


def _documented_certificate(claim: str, all_text: str) -> str | None:
    """The words of the facts that already say what the claim certifies ("mit einer zertifizierten
    Ökotrophologin (… VDOE-zertifiziert)" backs "Eine zertifizierte Ökotrophologin, VDOE-zertifiziert"): a
    person's or a service's certificate the facts document is no product mark the register must hold.
    None when a word the claim certifies is not beside a certifying word in the facts."""
    said = [w for m in _CERTIFIED_WORD.finditer(claim) for w in m.groups() if w and len(w) >= 3]
    if not said:
        return None
    folded = _folded_facts(all_text)
    for word in said:
        stem = _fold(word)[:_STEM]
        found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(stem)}", folded)]
        reach = len(stem) + _DOCUMENTED_REACH
        if not any(_CERTIFYING.search(folded, max(0, at - _DOCUMENTED_REACH), at + reach) for at in found):
            return None
    return ", ".join(said)


_STEM = 8  # letters a certified word is compared by ("Ökotrophologin" / "Ökotrophologen")


@functools.lru_cache(maxsize=64)
def _folded_facts(all_text: str) -> str:
    """A line's facts folded once, not per claim (a service line's catalogue holds every line's facts)."""
    return _fold(all_text)


def _marks(claim: str, lexicon: Lexicon) -> list[tuple[str, ...]]:
    """Each mark the claim names, as the folded names it goes by: a mark with names in both languages
    (vocabulary `mark_name`: "Blue Angel" and "Blauer Engel") or a test it stands for ("dermatologically
    tested" for "Dermatest") is found in a register entry under any of them; any other mark as written."""
    groups = [g for g in lexicon.groups("mark_name") if lexicon.has(g, claim)]
    kinds: list[tuple[str, ...]] = []
    for group in groups:
        words = lexicon.words(group)
        # One way only: a seal ("Dermatest") backs the test it stands for ("dermatologisch getestet"), the test
        # never the seal (UWG Anhang Nr. 2). A claim that names a seal of the group is compared with its seals.
        seals = tuple(w for w in words if lexicon.has("mark", w))
        if any(lexicon.has("mark", t) for t in lexicon.terms(group, claim)):
            words = seals
        # The marks inside its names count as its names too: "GS" of "GS-Zeichen" finds the entry "GS (TÜV ...)".
        inner = lexicon.terms("mark", " ; ".join(words))
        kinds.append(tuple(dict.fromkeys(_fold(w) for w in (*words, *inner))))
    # "ISO" of "EN ISO 18527-1" is part of the standard's number, no mark of its own (else the first entry that
    # names any ISO standard would be compared, for another product).
    numbered = _NUMBERED.findall(claim)
    parts = {w for n in numbered for w in _fold(n).split()}
    plain = [*(m for m in lexicon.terms("mark", claim) if _fold(m) not in parts), *numbered]
    # A mark of a kind, in any inflection ("den Blauen Engel"), is that kind's.
    named = list(zip(groups, kinds, strict=True))
    own = [m for m in plain if not any(_fold(m) in names or lexicon.has(g, m) for g, names in named)]
    return kinds + [(_fold(m),) for m in own]


# What identifies a register entry: the acronym its name starts with ("EMICODE", "PEFC"), a code with a
# number ("DE-UZ 102") or a class of letters and digits ("EC1").
_PUNCTUATION = re.compile(r"[^\w\s]")
_LEAD_ACRONYM = re.compile(r"^\s*([A-ZÄÖÜ]{3,})(?![\w-])")
_CODE = re.compile(r"(?<![\w-])(?:[A-Z]{2,}(?:-[A-Z]{2,})+\s?\d+|[A-Z]+\d+[A-Z\d]*)(?![\w-])")


def held_label_verdict(sentence: str, base: FactBase, products: set[int], lexicon: Lexicon) -> Verdict:
    """Backed when the sentence names a label the product holds, by a vocabulary mark or by an identifier of
    its register entry ("EMICODE EC1 PLUS", "DE-UZ 102"). Marks it names that are not held are the
    certification rule's to judge."""
    named = certification_verdict(sentence, base, products, lexicon, sentence)
    if named.backed:
        return named
    folded = " " + _PUNCTUATION.sub(" ", _fold(sentence)) + " "
    for entry in base.certifications:
        head = re.split(r"[(,;]", entry, maxsplit=1)[0]
        codes = [*_LEAD_ACRONYM.findall(head), *_CODE.findall(head)]
        if any(f" {_fold(c)} " in folded for c in codes) and _in_scope(entry, base, products):
            return Verdict(True, f"certifications: {entry}")
    return Verdict(False, f"certifications: {'; '.join(base.certifications) or 'no certifications'}")


_ENTRY_HEAD = re.compile(r"\s*(?:[(,;:]|\s[–—-]\s|\b(?:mit|with|für|for|nach|according)\b)", re.IGNORECASE)


def _names_entry(claim: str, entry: str) -> bool:
    """Whether the claim names a register entry by its head, the words before its details, or by the head's first
    two words ("Hydrolab Institut" of "Hydrolab Institut Bremen, Prüfbericht ..."), of ten letters at least (a single
    short word such as "Siegel" names no entry)."""
    head = _fold(_ENTRY_HEAD.split(entry, maxsplit=1)[0])
    if len(head) < 10:
        return False
    words = head.split()
    lead = " ".join(words[:2])
    # A lead ending in an article names nothing ("Prüfsiegel der" is every seal "der ..."): both words must carry.
    lead_names = len(words) > 2 and len(lead) >= 10 and all(len(w) > 3 for w in words[:2])
    return _folded_in(head, claim) or (lead_names and _folded_in(lead, claim))


def _folded_in(name: str, text: str) -> bool:
    """Whether a folded mark name occurs in `text` as whole words: "GS" is not in "Prüfungsbericht"."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", _fold(text)) is not None


def _fold(text: str) -> str:
    """Case, umlaut and hyphen folding, so "TÜV-geprüft", "TUEV" and "Tüv Süd" compare."""
    folded = text.lower().replace("ü", "u").replace("ue", "u").replace("ö", "o").replace("oe", "o")
    folded = folded.replace("ä", "a").replace("ae", "a").replace("ß", "ss")
    return " ".join(re.sub(r"[-®™/]", " ", folded).split())


# A certificate for a part ("Einheitenzertifikat für den Mikrowechselrichter", "for the modules only") or with
# an exclusion ("gilt nicht für den Speicher").
_FOR_PART = re.compile(r"\b(?:für|for)\s+(?:den|die|das|dem|the)\s+([\w-]+)", re.IGNORECASE)
_NOT_FOR = re.compile(
    r"\b(?:gilt\s+)?nicht\s+für\s+(?:den|die|das|dem)?\s*([\w-]+)|\b(?:not\s+for|does\s+not\s+apply\s+to|"
    r"excluding|ausgenommen)\s+(?:the\s+)?([\w-]+)",
    re.IGNORECASE,
)
_WHOLE_PRODUCT = re.compile(
    r"\b(?:komplett\w*|gesamte[nmrs]?|ganze[nmrs]?|vollständige[nmrs]?|alle[nms]?|sämtliche[nmrs]?|whole|entire|"
    r"complete|all)\b",
    re.IGNORECASE,
)


def _part_in_scope(entry: str, claim: str, base: FactBase) -> bool:
    """A certificate for a part does not cover the whole product, nor a part it excludes."""
    said = {_fold(w)[:6] for w in tokens(claim) if len(w) >= 4}
    for groups in _NOT_FOR.findall(entry):
        excluded = next(g for g in groups if g)
        if _fold(excluded)[:6] in said:
            return False
    part = _FOR_PART.search(entry)
    if part is None or base.products.named(part.group(1)):
        return True
    return _WHOLE_PRODUCT.search(claim) is None


def _in_scope(entry: str, base: FactBase, products: set[int]) -> bool:
    """Whether the certificate covers the products the claim is about. An entry naming products
    ("EN 1888-1 (Tavi Duo)", "nur Espresso E5") covers those; one naming none covers the line."""
    allowed = base.products.named(entry)
    if not allowed:
        return True
    if not products:
        return _SCOPE.search(entry) is None  # "nur ..." and the claim names no product: not shown to hold
    return products <= allowed


# ---------------------------------------------------------------- guarantee

_LIFETIME = re.compile(r"lebenslang|lifetime|für immer|forever|unbegrenzt|unlimited|ewig", re.I)
_WHOLE = re.compile(r"\b(?:alle[ns]?|all|komplett\w*|gesamte[nm]?|ganze[nsm]?|entire|whole|every)\b", re.I)
_NO_PART = frozenset({"und", "auf", "and", "on", "die", "der", "das", "the", "durch", "by", "zu", "to", "in", "im"})
_EXCLUDING = re.compile(r"ausgenommen|ausgeschlossen|\bnicht\b|\bexcept|\bexclud|\bnot\b", re.I)
_PARTS_EN = {
    "battery": "akku",
    "batteries": "akku",
    "frame": "rahmen",
    "motor": "motor",
    "electronics": "elektronik",
    "wear": "verschleißteile",
    "blade": "messer",
    "blades": "messer",
    "charger": "ladegerät",
    "display": "display",
    "screen": "display",
}


# The parts a guarantee leaves out: "(nicht auf Akku, Motor)", "nicht auf Bezüge, Kissen und Decken",
# "ausgenommen Batterien und Akku", "excluding batteries".
_EXCLUDED = re.compile(
    r"(?:nicht\s+auf|ausgenommen|außer|keine\s+(?:hersteller)?garantie\s+auf|not\s+on|excluding|except)(?:\s*:)?\s+([^;.)]*)",
    re.I,
)
# The parts named before the exclusion: "Filter sind Verschleißteile und ausgenommen", "batteries are excluded".
_EXCLUDED_BEFORE = re.compile(
    r"([^;.,:]{3,60}?)\s+(?:sind|ist|are|is)\s+(?:[\w-]+\s+){0,3}?(?:ausgenommen|ausgeschlossen|nicht\s+(?:abgedeckt|"
    r"enthalten|inbegriffen|umfasst)|excluded|not\s+covered|not\s+included)",
    re.I,
)
# "...; Akku, Messer und Verschleißteile ausgenommen." (the participle closes the clause, no verb before it)
_EXCLUDED_TRAILING = re.compile(
    r"(?:^|[;.:])\s*([^;.:]{3,80}?)\s+(?:ausgenommen|ausgeschlossen|excluded)\s*(?:[;.]|$)", re.I
)
_INCLUDING = re.compile(r"\b(?:inklusive|inkl\.|einschließlich|samt|including|incl\.)", re.I)
_INCLUDED = re.compile(
    r"\b(?:inklusive|inkl\.|einschließlich|samt|including|incl\.)\s+(?:(?:de[mnrs]|die|das|the|its)\s+)?([\w-]+)", re.I
)


def _includes_as_terms(sentence: str, guarantee: str) -> bool:
    """Whether every part the sentence includes ("Handteil inklusive Akku") the terms include in so many words
    ("Handteil ... einschließlich Akku"): that repeats the terms, it stretches nothing."""
    said = {_stem5(m.group(1).lower()) for m in _INCLUDED.finditer(sentence)}
    return bool(said) and said <= {_stem5(m.group(1).lower()) for m in _INCLUDED.finditer(guarantee)}


def _stem5(word: str) -> str:
    """A part name reduced for comparison: "Bezüge" and "Bezug", "battery" and "batteries" agree."""
    folded = _part(word).replace("ü", "u").replace("ö", "o").replace("ä", "a")
    return folded[:5]


def _part_key(word: str) -> str:
    """`_stem5`, and a long compound apart from its head: "Tischplatte" is not "der Tisch" (whose guarantee a
    reply may well state), "Akkus" is still "Akku"."""
    return _stem5(word) + ("+" if len(_part(word)) > _LONG_PART else "")


_LONG_PART = 9


def _part(word: str) -> str:
    """A part name in its German singular form, so "Akkus", "battery" and "batteries" compare equal."""
    word = _PARTS_EN.get(word, word)
    return word[:-1] if len(word) >= 5 and word.endswith("s") else word


_DEADLINE = re.compile(r"\b(?:innerhalb|binnen|within|nach|after|spätestens|vor|before)\b[^,;]*$", re.IGNORECASE)


# A clause for every part the others do not name: "2 Jahre auf alle übrigen Teile", "all other parts".
_REST = re.compile(
    r"\b(?:übrige[nms]?|restliche[nms]?|sonstige[nms]?|andere[nms]?|alle\s+weiteren|other|remaining|rest)\b", re.I
)
_GUARANTEE_WORDS = frozenset(
    _stem5(w) for w in ("jahre", "jahren", "monate", "garantie", "herstellergarantie", "years", "guarantee")
)


def _part_durations_hold(
    sentence: str, claimed: list[float], guarantee: str, names: frozenset[str], language: Language
) -> bool:
    """A guarantee with a duration per part ("5 Jahre auf den Rahmen; Akku 2 Jahre") backs a claimed
    duration for a part only up to that part's own duration ("5 Jahre auf den Akku" is not backed). With a
    clause for the rest ("2 Jahre auf alle übrigen Teile"), a part no clause names, or the product as a
    whole, has the rest's duration; not in an English reply, whose part names the German terms may not
    show ("heating element" for "Heizelement"). Product names are no parts."""
    # Two durations in one sentence are two terms ("3 Jahre Garantie, auf den Akku 2 Jahre"): each is judged by the
    # parts of its own clause; one duration by the parts of the whole sentence.
    terms = _guarantee_terms(guarantee, names)
    own, rest = _limits(sentence, terms, names)
    if len(set(claimed)) > 1:
        pieces = [p for p in _term_clauses(sentence) if p.strip()]
        by_piece = [
            (p, [q.value for q in quantities(p, language) if q.dimension is Dimension.DURATION]) for p in pieces
        ]
        if sum(len(d) for _, d in by_piece) == len(claimed):
            # A clause that names no part of its own speaks of the part named before it ("Module: 12 Jahre
            # Produktgarantie und 25 Jahre Leistungsgarantie"), or of the product as a whole.
            before: list[float] = []
            for piece, durations in by_piece:
                before = _limits(piece, terms, names)[0] or before
                if durations and not _within(durations, before, rest, language):
                    return False
            return True
    return _within(claimed, own, rest, language)


def _within(claimed: list[float], own: list[float], rest: list[float], language: Language) -> bool:
    limit = own or (rest if language is Language.DE else [])
    return not limit or all(c <= max(limit) * (1 + _TOLERANCE) for c in claimed)


def _limits(
    text: str, terms: list[tuple[frozenset[str], list[float], bool]], names: frozenset[str]
) -> tuple[list[float], list[float]]:
    """The durations of the guarantee clauses about the parts `text` names, and of the clauses for the rest."""
    said = {_stem5(w) for w in tokens(text) if len(w) >= 4} - names
    own = [d for parts, durations, is_rest in terms if not is_rest and parts & said for d in durations]
    rest = [d for _, durations, is_rest in terms if is_rest for d in durations]
    return own, rest


def _guarantee_terms(guarantee: str, names: frozenset[str]) -> list[tuple[frozenset[str], list[float], bool]]:
    """Per clause of the guarantee with a duration: the parts it names, its durations, whether it is for the rest."""
    terms: list[tuple[frozenset[str], list[float], bool]] = []
    for clause in re.split(r";|\.\s", guarantee):
        # A deadline ("Registrierung innerhalb von 8 Wochen") is a condition, not the part's guarantee term.
        durations = [
            q.value
            for q in quantities(clause, Language.DE)
            if q.dimension is Dimension.DURATION and not _DEADLINE.search(clause[max(0, q.start - 20) : q.start])
        ]
        if not durations:
            continue
        parts = {_stem5(w) for w in tokens(re.sub(r"\([^)]*\)", " ", clause)) if len(w) >= 4 and not w[0].isdigit()}
        parts = {p for p in parts if p not in STOP_WORDS}
        terms.append((frozenset(parts - _GUARANTEE_WORDS - names), durations, _REST.search(clause) is not None))
    return terms


_TERM_CLAUSE = re.compile(r";|,(?!\d)|\s[–—-]\s|\b(?:und|and|but|aber|while|während)\b", re.IGNORECASE)
_BRACKETED = re.compile(r"\([^()]*\)")


def _term_clauses(sentence: str) -> list[str]:
    """The sentence split where one guarantee term ends and the next begins; a bracket stays with its term."""
    inside = [m.span() for m in _BRACKETED.finditer(sentence)]
    cuts = [m for m in _TERM_CLAUSE.finditer(sentence) if not any(s <= m.start() < e for s, e in inside)]
    starts = [0, *(m.end() for m in cuts)]
    ends = [*(m.start() for m in cuts), len(sentence)]
    return [sentence[a:b] for a, b in zip(starts, ends, strict=True)]


def _without_names(text: str, base: FactBase) -> str:
    for start, end in reversed(base.products.spans(text)):
        text = text[:start] + " " + text[end:]
    return text


def _name_stems(base: FactBase) -> frozenset[str]:
    return frozenset(
        _stem5(w) for p in base.products.products for text in (p.name, *p.nouns) for w in tokens(text) if len(w) >= 4
    )


def guarantee_verdict(sentence: str, language: Language, base: FactBase, glossary: Glossary | None = None) -> Verdict:
    if base.guarantee is None:
        return Verdict(False, "guarantee: none")
    shown = f"guarantee: {base.guarantee}"
    if _LIFETIME.search(sentence):
        return Verdict(False, shown)
    years = [q.value for q in quantities(base.guarantee, Language.DE) if q.dimension is Dimension.DURATION]
    claimed = [q.value for q in quantities(sentence, language) if q.dimension is Dimension.DURATION]
    if years and any(c > max(years) * (1 + _TOLERANCE) for c in claimed):
        return Verdict(False, shown)
    if claimed and not _part_durations_hold(sentence, claimed, base.guarantee, _name_stems(base), language):
        return Verdict(False, shown)
    parts = [*_EXCLUDED.findall(base.guarantee), *_EXCLUDED_BEFORE.findall(base.guarantee)]
    # A product the guarantee leaves out ("nicht auf Glanz Mini") is judged by name, not by its words: "Glanz"
    # of "Glanz Mini" must not exclude the "Glanz Sonic" the guarantee covers.
    if base.products.named(sentence) & {i for part in parts for i in base.products.named(part)}:
        return Verdict(False, shown)
    parts = [_without_names(part, base) for part in parts]
    excluded = {
        _part_key(w)
        for part in parts
        for w in tokens(part.lower())
        # Function words name no part: "bei" of "Sturm bei nicht vollständiger Abspannung" is no excluded part.
        if w not in _NO_PART and w not in STOP_WORDS
    }
    said = {_part_key(w) for w in tokens(sentence)}
    # An English reply names the German terms' exclusions in its own words ("loss and drops are covered" against
    # "Ausgenommen: Verlust, Sturzschäden"): compared by meaning.
    if glossary is not None and language is Language.EN and not said & excluded:
        meant = {
            m
            for part in parts
            for w in tokens(part.lower())
            if len(w) >= 4 and w not in STOP_WORDS
            for m in glossary.meaning(w, Language.DE)
        }
        # A word counts when every sense of it is an excluded part: "loss" (Verlust), not "covers" or "in case"
        # (also a "Bezug").
        senses = [glossary.meaning(w, Language.EN) for w in tokens(sentence) if len(w) >= 4]
        if any(sense and sense <= meant for sense in senses):
            said = said | excluded
    whole = _WHOLE.search(sentence) or (
        _INCLUDING.search(sentence) and not _includes_as_terms(sentence, base.guarantee)
    )
    if excluded and (said & excluded or whole) and not _EXCLUDING.search(sentence):
        return Verdict(False, shown)
    # Parts left out at the end of the terms ("...; Akku, Messer und Verschleißteile ausgenommen") count only where the
    # reply stretches the guarantee over them in so many words ("auf den kompletten Mäher inklusive Akku"): their
    # words also name covered parts ("blade motor" is the covered Mähmotor, "blades" are not covered).
    trailing = {
        _part_key(w)
        for part in _EXCLUDED_TRAILING.findall(base.guarantee)
        for w in tokens(_without_names(part, base).lower())
        if w not in {"und", "and", "die", "der", "das", "the"}
    }
    if whole and said & trailing and not _EXCLUDING.search(sentence):
        return Verdict(False, shown)
    # A guarantee for one product of the line does not cover the others ("2 Jahre auf den Brenner
    # der Flamme 2" says nothing about the power bank). The first clause, without brackets, is the scope.
    covered = base.products.named(re.sub(r"\([^)]*\)", "", base.guarantee).split(";")[0])
    named = base.products.named(sentence)
    if covered and named and not named <= covered:
        return Verdict(False, shown)
    return Verdict(True, shown)
