"""Backing checks for claims the spec sheet's figures cannot decide: text facts, service terms,
prices, test results and comparisons (guarantee conditions: guarantee_conditions.py; permissions: permission.py).

Each returns a `Verdict` (backing.py) naming what it compared with. The rule says what kind of claim a
sentence makes; these checks say whether the product line's own data carry it:

- `terms_verdict`: the claim's key terms (a vocabulary class: pathogens, material terms) and its
  figures all occur in the facts, and a total word ("komplett", "100 %") is not used where the fact
  is limited ("nur", "ohne", "nicht geprüft");
- `concept_verdict`: each kind the claim names (a group of a vocabulary class: "handmade" of the
  production methods) is named by the facts in any of its words ("handgefertigt" backs "in Handarbeit");
- `service_verdict`: a promised benefit (refund, discount, free replacement ...) is one the service
  terms describe, with the same figures (days, euro, percent);
- `price_reference_verdict`: a price against an earlier one or the 30-day lowest price is one an offer fact
  states, for the product named (PAngV §11);
- `price_verdict`: every amount is a documented price;
Test results, comparisons, documented figures and energy classes: documented.py.
"""

from __future__ import annotations

import re

from safe_reply.lang import detect_language
from safe_reply.quantities import NUMBER_WORDS, Dimension, quantities
from safe_reply.types import Language
from safe_reply.validators.claims.backing import Verdict, guarantee_verdict
from safe_reply.validators.claims.coverage import excluded_case, names_left_out, waives_stated_term
from safe_reply.validators.claims.facts import FactBase, money, tokens
from safe_reply.validators.claims.glossary import meaning_keys
from safe_reply.validators.claims.lexicon import Lexicon
from safe_reply.validators.claims.service_figures import SHARE, topic_words
from safe_reply.validators.claims.service_figures import has_figure as _has_figure
from safe_reply.validators.claims.service_figures import service_figures as _figures
from safe_reply.validators.claims.term_words import (
    CLAUSE,
    FREE,
    TERM_CLAUSE,
    free_objects,
    stem5,
    stretch_words,
    what_is_free,
)

_TOTAL = re.compile(
    r"\b(?:komplett|vollständig|völlig|gänzlich|ganz|alle[nsm]?|100\s?%|zu\s+100\s?%|completely|fully|entirely|"
    r"totally|all|every|whole)\b",
    re.IGNORECASE,
)
_LIMITED = re.compile(r"\b(?:nur|ausschließlich|ohne|nicht|ausgenommen|außer|only|except|excluding|not)\b", re.I)
_TOLERANCE = 0.005


def _stem(term: str) -> str:
    words = tokens(term)
    return words[0][:6] if words else term[:6]


def terms_verdict(
    claim: str, sentence: str, language: Language, base: FactBase, lexicon: Lexicon, klass: str
) -> Verdict:
    """Backed when the facts name every key term of the claim and every figure of the sentence."""
    terms = lexicon.terms(klass, claim) or lexicon.terms(klass, sentence)
    shown = f"facts: {len(base.text_facts) + len(base.numeric)} entries"
    if not terms:
        return Verdict(False, shown)
    holding = [line for line in base.all_text.splitlines() if all(_stem(t) in line for t in terms)]
    if not holding:
        return Verdict(False, shown)
    figures = [f for f in _figures(sentence, language) if f[0] is Dimension.PERCENT]
    if figures and not any(all(_has_figure(line, f) for f in figures) for line in holding):
        return Verdict(False, f"facts: {holding[0][:120]}")
    if _TOTAL.search(claim) and all(_LIMITED.search(line) for line in holding):
        return Verdict(False, f"facts: {holding[0][:120]} (limited)")
    return Verdict(True, f"facts: {holding[0][:120]}")


def concept_verdict(claim: str, sentence: str, base: FactBase, lexicon: Lexicon, klass: str) -> Verdict:
    """Backed when the facts name each kind of the class the claim names, in any of its words and languages:
    "handgefertigt in Vechta" backs "made by hand" and "in Handarbeit", nothing backs "handmade" alone."""
    claim, sentence, facts = _free_apart(claim), _free_apart(sentence), _free_apart(base.all_text)
    kinds = [g for g in lexicon.groups(klass) if lexicon.has(g, claim)] or [
        g for g in lexicon.groups(klass) if lexicon.has(g, sentence)
    ]
    missing = [g.split(".", 1)[1] for g in kinds if not lexicon.has(g, facts)]
    if not kinds or missing:
        return Verdict(False, f"facts: nothing says {', '.join(missing) or klass}")
    return Verdict(True, f"facts name {', '.join(g.split('.', 1)[1] for g in kinds)}")


# "getreidefrei", "Zuckerzusatz", "PFAS-frei": the substance stands first in the compound, where the vocabulary's
# compound matching (which reads a listed word as the compound's head) does not look; split it off.
_FREE_TAIL = re.compile(r"(?<=\w{3})-?(?=(?:frei|zusatz|gehalt)\w*\b)", re.IGNORECASE)


def _free_apart(text: str) -> str:
    return _FREE_TAIL.sub(" ", text)


_UNDER_GUARANTEE = re.compile(
    r"\b(?:im\s+rahmen\s+der|über\s+die|durch\s+die|per|als)\s+(?:\w+\s+)?(?:hersteller)?garantie\w*|\bgarantiefall\b"
    r"|\b(?:under|through|via|as\s+part\s+of)\s+(?:the|our|your)\s+(?:\w+\s+)?(?:guarantee|warranty)\b"
    # What "covered" means after the guarantee was named in the same sentence: "3-year guarantee; the battery is
    # covered for 2 years".
    r"|\b(?:\w*garantie|guarantee|warranty)\b[^.!?]{0,80}?\b(?:abgedeckt|gedeckt|covered)\b",
    re.IGNORECASE,
)


_COMMITTED = (Dimension.DURATION, Dimension.PERCENT, Dimension.COUNT)


def service_verdict(claim: str, sentence: str, language: Language, base: FactBase, lexicon: Lexicon) -> Verdict:
    """Backed when a service term of the same kind carries the commitment with the same figures; a
    commitment made under the guarantee ("im Rahmen der Garantie") is backed when the guarantee covers it."""
    if base.guarantee is not None and _UNDER_GUARANTEE.search(sentence):
        return guarantee_verdict(sentence, language, base, lexicon.glossary)
    entries = [*base.service, *(a.text for a in base.approved), *((base.guarantee,) if base.guarantee else ())]
    shown = "service terms: " + ("; ".join(e[:80] for e in base.service) if base.service else "none documented")
    concepts = _concepts(sentence, lexicon)
    amounts = money(sentence)
    if not concepts:
        return Verdict(False, shown)
    # Days, shares and counts ("für alle fünf Packungen" against "eine Packung je Produkt") must match.
    figures = [f for f in _figures(sentence, language) if f[0] in _COMMITTED]
    # "always free" with no threshold of its own waives one too ("versandkostenfrei ab 50 €").
    waived = _WAIVER.search(sentence) is not None or (
        _ALWAYS.search(sentence) is not None and _THRESHOLD.search(sentence) is None
    )
    plan_term = bool(concepts & _PLAN_TERMS)
    # A plan no term names by its own name ("Naschabo") is the one the terms call by its kind ("Abo").
    plans = [
        plan if any(plan in _about(e, base) for e in entries) else _PLAN_KIND.sub(r"\1", plan)
        for plan in (_PLAN.findall(sentence.lower()) if plan_term else [])
    ]
    negated = plan_term and _NEGATED.search(sentence) is not None
    endless = _EXPIRY in concepts and _ENDLESS.search(sentence) is not None
    stretched = stretch_words(sentence)
    # What the sentence makes free: a documented freebie ("Rücksendung kostenlos", "Schonbezug ... gratis")
    # backs that freebie, not free assembly or free cushions.
    freebies = free_objects(sentence, language, base, lexicon) if FREE in concepts else set()
    own = {w for w in freebies if not any(n != w and len(w) >= 5 and n.endswith(w) for n in base.product_words)}
    # A case a term of the plan excludes, or a term it states waived, is not backed by any other wording of the
    # plan (an approved claim that leaves the exclusions out says nothing about them).
    if plan_term and any(
        excluded_case(e, sentence, lexicon) or waives_stated_term(e, sentence, lexicon, _PLAN_TERMS)
        for e in _plan_entries(sentence, plans, base)
    ):
        return Verdict(False, shown)
    for entry in entries:
        if not concepts <= _concepts(entry, lexicon):
            continue
        # A case the term leaves out ("ausgenommen gebrauchte Filter") is not backed by the rest of it.
        if names_left_out(entry, sentence):
            continue
        # Where the sentence names only the kind of product ("holen wir die Matratze kostenlos ab": the product
        # "Tonnentaschenfederkern-Matratze"), what is free is a service around it, and any clause of the term may
        # name it; a thing of its own (a listed service such as "Hausbesuch" too) must be the one the term makes free.
        scope = what_is_free(entry, base, lexicon) if own else entry
        if freebies and not _names_any(scope, freebies, lexicon):
            continue
        # A plan term belongs to its plan ("keine Selbstbeteiligung" of the theft cover is not the service
        # plan's), and "keine Wartezeit" is not backed by "Wartezeit: 3 Monate".
        if (plans and not any(plan in _about(entry, base) for plan in plans)) or (
            negated and not _NEGATED.search(entry)
        ):
            continue
        # A sentence that stretches a term ("auch nachträglich", "auch wenn die Packung angebrochen ist", "even if")
        # is backed only by a term that names the stretch itself ("auch bei angebrochener Packung").
        if stretched and not stretched & {stem5(w) for w in tokens(entry)}:
            continue
        # "Punkte verfallen nie" is not backed by "Punkte verfallen am Ende des zweiten Kalenderjahres".
        if endless and not _ENDLESS.search(entry):
            continue
        # "regardless of order value" waives the term's threshold ("versandkostenfrei ab 50 €"); and a plan's own
        # freebie ("Filter-Abo: ... versandkostenfrei") is no waiver for every order, where the sentence names no plan.
        if waived and _THRESHOLD.search(entry) and not _always_for(entry, sentence):
            continue
        if waived and not plans and _PLAN.search(_about(entry, base)) and not _PLAN_NAMED.search(sentence.lower()):
            continue
        if all(_has_figure(entry, f) for f in figures) and _amounts_of_term(amounts, entry, base, sentence):
            return Verdict(True, f"service terms: {entry[:120]}")
    return Verdict(False, shown)


def service_term_verdict(sentence: str, language: Language, base: FactBase, lexicon: Lexicon) -> Verdict | None:
    """A figure sentence about a service ("You can trial two hearing aids for 14 days, free of charge") restates a
    service term when that term carries its topic and every figure: the spec sheet is the wrong place to look. None
    when the sentence names no service, holds a figure a service term cannot carry (a weight, a range), or no term
    backs it."""
    if not _concepts(sentence, lexicon):
        return None
    if any(q.dimension not in _COMMITTED for q in quantities(sentence, language)):
        return None
    verdict = service_verdict(sentence, sentence, language, base, lexicon)
    if not verdict.backed:
        return None
    # A count in words ("up to four hearing aids") is no quantity: a term of the same topic must state it.
    concepts = _concepts(sentence, lexicon)
    terms = [e for e in base.service if concepts <= _concepts(e, lexicon)]
    for word in _WORD.findall(sentence.lower()):
        count = NUMBER_WORDS.get(word)
        if count is not None and count >= 2 and not any(_states_count(t, word, count) for t in terms):
            return None
    return verdict


_WORD = re.compile(r"[^\W\d_]+")


def _states_count(term: str, word: str, count: int) -> bool:
    return re.search(rf"(?<![\d.,]){count}(?![\d.,])|\b{word}\b", term, re.IGNORECASE) is not None


# Where a sentence joins two terms: "10 % off every subscription delivery and 1 point per euro (100 points = 1 €
# credit)". A comma between digits is a decimal comma.
_TERM_BREAK = re.compile(r"[;:–—]|\s-\s|,(?!\d)|(?<!\d),|\b(?:und|and|plus|außerdem|also)\b", re.IGNORECASE)


def _joined_terms_verdict(claim: str, sentence: str, language: Language, base: FactBase, lexicon: Lexicon) -> Verdict:
    """A price claim that joins several price terms, each documented in its own entry (the subscription discount
    and the loyalty points' credit): backed when every clause with a term is backed on its own, every term is a
    price term (a warranty or coverage clause keeps its context: "2-year warranty ..., and the battery is covered
    as well"), and no figure or amount stands in a clause without a term (a condition the split left behind)."""
    whole = service_verdict(claim, sentence, language, base, lexicon)
    concepts = _concepts(sentence, lexicon)
    # A waiver ("on all orders") is judged against the whole sentence only: a clause alone drops its context.
    if whole.backed or len(concepts) < 2 or not concepts <= _JOINABLE or _WAIVER.search(sentence):
        return whole
    parts = [c for c in _TERM_BREAK.split(sentence) if c and c.strip()]
    judged = False
    for part in parts:
        if not _concepts(part, lexicon):
            if money(part) or any(f[0] in _COMMITTED for f in _figures(part, language)):
                return whole
            continue
        judged = True
        if not service_verdict(part, part, language, base, lexicon).backed:
            return whole
    return whole if not judged or len(parts) < 2 else Verdict(True, whole.compared_with)


def _about(entry: str, base: FactBase) -> str:
    """A service entry with the labels of its fact: what the plan is called ("Fahrradversicherung Sicherwerk Rad")."""
    return f"{entry} {base.service_titles.get(entry, '')}".lower()


def _plan_entries(sentence: str, plans: list[str], base: FactBase) -> list[str]:
    """The service entries of the plan a sentence is about: of those of the plan kind it names ("insurance"), the
    ones whose name shares most words with it ("bike insurance", "Sicherwerk Rad" against "Sicherwerk Mobil"). The
    excess of one plan says nothing about another plan that has none ("Sicherwerk Rad ... with no excess")."""
    found = [e for e in base.service if not plans or any(plan in _about(e, base) for plan in plans)]
    words = {w for w in tokens(sentence) if len(w) >= 3}
    shared = {e: len(words & set(tokens(base.service_titles.get(e, "")))) for e in found}
    best = max(shared.values(), default=0)
    return [e for e in found if shared[e] == best] if best else found


# The service_concept groups that are terms of a plan (claims.*/plan-terms), the plans they belong to, and a term
# waived ("keine Wartezeit", "no excess", "ohne Selbstbeteiligung").
_EXPIRY = "service_concept.expiry"
_ENDLESS = re.compile(
    r"\b(?:nie|niemals|nicht|never|not|unbegrenzt|unbefristet|forever|indefinitely|no\s+expiry|kein\w*\s+verfall\w*)\b",
    re.IGNORECASE,
)
_PLAN_TERMS = frozenset(f"service_concept.{g}" for g in ("waiting_period", "excess", "minimum_term", "insured"))
# German "Police" is the policy; English "police report" is no plan ("Theft is only covered with a police report").
_PLAN = re.compile(
    r"\b[\w-]*(?:abo|versicherung|schutzbrief|tarif|police(?!\s+(?:report|station|officers?|record))|subscription"
    r"|insurance|policy)\b"
)
_PLAN_KIND = re.compile(r"^[\w-]*?(abo|versicherung|schutzbrief|tarif|police|subscription|insurance|policy)$")
_LOWEST_PRICE = re.compile(r"\b(?:niedrigste[nrs]?|günstigste[nrs]?)\s+preis|\blowest\s+price", re.IGNORECASE)
# A price given against an earlier one: "799 € statt 1.190 €", "€39 instead of €59", "vorher 59 €". English "was"
# only right before an amount ("was €59"): as a plain past tense it joins any two amounts.
_REFERENCE = re.compile(
    r"\b(?:statt|anstatt|vorher|bisher|ursprünglich|instead\s+of|previously|reduced\s+from|originally)\b"
    r"|\bwas\s+(?:€\s?\d|\d+(?:[.,]\d+)*\s?(?:€|eur|euros?)\b)",
    re.IGNORECASE,
)
_LAST_30_DAYS = re.compile(
    r"\b(?:letzten|vergangenen|vorherigen)\s+(?:30|dreißig)\s+tage|\b(?:last|past|previous)\s+(?:30|thirty)\s+days",
    re.IGNORECASE,
)


# Clause breaks of a sentence; a comma between digits is a decimal comma ("39,99 €"), no break.
# A clause that denies an offer offers nothing: "eine Rabattaktion läuft im Moment also nicht".
_DENIED = re.compile(
    r"\bnicht\b|\bnot\b|n['’]t\b|\bkein(?:e[nrms]?)?\s+(?:\w+\s+)?(?:rabatt|aktion|nachlass|gutschein|angebot)"
    r"|\bno\s+(?:\w+\s+)?(?:discount|sale|offer|voucher|promotion)",
    re.IGNORECASE,
)
# The kinds of a price claim besides the reference itself: "die ersten zwei Monate sind gratis", "plus 10 % Rabatt".
_PRICE_KINDS = frozenset(f"service_concept.{g}" for g in ("free", "discount", "gift", "voucher"))
# Terms a price sentence may join, each judged on its own: the price kinds and delivery ("every subscription delivery").
_JOINABLE = _PRICE_KINDS | {"service_concept.delivery"}


def price_reference_verdict(claim: str, sentence: str, language: Language, base: FactBase, lexicon: Lexicon) -> Verdict:
    """A price reference as PAngV §11 wants it ("799 € statt 1.190 €", "der niedrigste Preis der letzten 30 Tage")
    is backed by an offer fact that states those amounts (the 30-day price as one), with any share the sentence
    names, for the product the reference names. Only the clauses with the amounts are the reference: a free
    month or an extra discount in another clause is a price claim of its own, judged by the service terms;
    without a reference the whole sentence is."""
    clauses = [c for c in CLAUSE.split(sentence) if c.strip()]
    lowest = _LOWEST_PRICE.search(claim) is not None and _LAST_30_DAYS.search(sentence) is not None
    amounts = money(sentence)
    if not lowest and not (len(amounts) >= 2 and _REFERENCE.search(sentence)):
        return _joined_terms_verdict(claim, sentence, language, base, lexicon)
    priced = [c for c in clauses if money(c) or _LOWEST_PRICE.search(c) or _REFERENCE.search(c)]
    rest = " ".join(c for c in clauses if c not in priced)
    named = base.products.named(" ".join(priced))
    shares = [f for f in _figures(sentence, language) if f[0] is Dimension.PERCENT]
    shown = "offers: " + ("; ".join(o[:80] for o in base.offers) if base.offers else "none documented")
    for entry in base.offers:
        if not (_LAST_30_DAYS.search(entry) if lowest else _REFERENCE.search(entry)):
            continue
        # The offer of one product is no reference for another ("Kissen für 39 € (vorher 59 €)" and the sofa).
        covered = base.products.named(entry)
        if (named and covered and not named <= covered) or not _names_nouns(entry, priced, language, base):
            continue
        if _amounts_hold(amounts, money(entry)) and all(_has_figure(entry, f) for f in shares):
            if _concepts(rest, lexicon) & _PRICE_KINDS and not _DENIED.search(rest):
                return service_verdict(rest, rest, language, base, lexicon)
            return Verdict(True, f"offers: {entry[:120]}")
    # A documented discount worked out on a documented price ("15 % off: €41.65 instead of €49"): the share
    # the sentence names is one the terms grant, and every amount follows from the published ones.
    documented = documented_shares(base, sentence)
    if (
        shares
        and all(any(abs(f[1] - d) < 1e-6 for d in documented) for f in shares)
        and all(_priced(a, amounts, base.prices, documented) for a in amounts)
    ):
        return Verdict(True, f"prices: {', '.join(f'{p:g} €' for p in base.prices)}")
    return Verdict(False, shown)


def _amounts_hold(amounts: list[float], documented: list[float], shares: tuple[float, ...] = ()) -> bool:
    """Every amount is documented, or the saving between two documented ones ("Sie sparen also 391 €"), or worked
    out from them (_priced)."""
    savings = {round(abs(a - b), 2) for a in documented for b in documented if a != b}
    return all(round(a, 2) in savings or _priced(a, amounts, documented, shares) for a in amounts)


_NEGATED = re.compile(r"\b(?:kein\w*|ohne|entfällt|entfallen|no|without|zero)\b", re.IGNORECASE)
_WAIVER = re.compile(
    r"\b(?:regardless\s+of|no\s+matter|whatever\s+(?:the\s+|your\s+)?(?:order|basket|cart)|on\s+(?:all|every|any)\s+orders?|irrespective\s+of|without\s+(?:a\s+)?minimum|no\s+minimum\s+(?:order|purchase|spend)|"
    r"egal\s+(?:wie|welche|ob)|unabhängig\s+(?:vom|von|davon)|bei\s+jeder\s+bestellung|ohne\s+mindest\w*|kein(?:en)?\s+mindest(?:bestell|einkauf|umsatz)\w*|auf\s+jede\s+bestellung)",
    re.IGNORECASE,
)
_ALWAYS = re.compile(
    r"\b(?:immer|stets|grundsätzlich|generell|always|in\s+any\s+case|never\s+charge|nie\s+(?:\w+\s+)?berechnen)\b",
    re.IGNORECASE,
)
# A plan named in a sentence in any word a customer uses for it ("filter plan", "subscribers", "Mitglieder").
_PLAN_NAMED = re.compile(r"\b[\w-]*(?:abo|plan|plans|subscri\w*|abonnent\w*|mitglied\w*|member\w*)\b")
_THRESHOLD = re.compile(
    r"\b(?:ab|über|from|over|above)\s+(?:€\s?)?\d+(?:[.,]\d+)?\s?(?:€|eur|euro)?|\bmindest\w*|\bminimum\s+order",
    re.IGNORECASE,
)


_GENERIC_SUBJECT = frozenset(
    {
        "lieferung",
        "lieferungen",
        "versand",
        "bestellung",
        "bestellungen",
        "sendung",
        "sendungen",
        "delivery",
        "deliveries",
        "shipping",
        "order",
        "orders",
        "parcel",
        "parcels",
        "der",
        "die",
        "das",
        "alle",
        "all",
        "the",
    }
)


def _always_for(entry: str, sentence: str) -> bool:
    """A term with a threshold that also holds always for someone ("ab 20 €; Spar-Abo-Lieferungen immer
    versandkostenfrei") backs "immer kostenlos" only for a sentence that names that someone ("Abo-Lieferungen sind
    immer versandkostenfrei" repeats the term); "Versand ist immer kostenlos" waives the threshold."""
    said = set(re.findall(r"\w+", sentence.lower()))
    for clause in TERM_CLAUSE.split(entry):
        always = _ALWAYS.search(clause)
        if always is None or _THRESHOLD.search(clause):
            continue
        subject = {w for w in re.findall(r"\w+", clause[: always.start()].lower()) if len(w) >= 3}
        subject -= _GENERIC_SUBJECT
        if subject & said:
            return True
    return False


def _names_nouns(entry: str, clauses: list[str], language: Language, base: FactBase) -> bool:
    """Whether the offer names the products' generic nouns the reference uses: "Das Sofa kostet 39 € statt 59 €" is
    not the offer "Kissen Lund für 39 € (vorher 59 €)", though "Lund" is the sofa's name too. Only in the offer's own
    language: "the seat pad" is the "Auflage" of a German offer."""
    if detect_language(entry, Language.DE) is not language:
        return True
    nouns = {w for p in base.products.products for noun in p.nouns for w in tokens(noun) if len(w) >= 4}
    said = {w for c in clauses for w in tokens(c) if w in nouns}
    return all(w[:5] in entry.lower() for w in said)


def _names_any(entry: str, words: set[str], lexicon: Lexicon) -> bool:
    """Whether the term names something the sentence makes free: one of its words (by its first five letters), or
    a service word of a kind the term names too ("returns" for "Rücksendung")."""
    folded = entry.lower()
    if any(w[:5] in folded for w in words):
        return True
    kinds = _concepts(entry, lexicon) - {FREE}
    if any(lexicon.has(kind, w) for kind in kinds for w in words):
        return True
    # In the other language: "membership" for "Mitgliedschaft kostenlos" (claims.glossary).
    said = meaning_keys(words, lexicon.glossary)
    return any(key.startswith("#") for key in said & meaning_keys(tokens(entry), lexicon.glossary))


# A separable verb split around its objects ("nehmen wir ungeöffnete Packungen ... zurück", "we take opened packs
# back") names the same service as its joined form; the vocabulary holds the joined one.
_SPLIT_VERB = re.compile(
    r"\b(?:(nehm|geb|schick|send)\w*|(nimm|gib)t)\b[^.!?,;]{0,60}?\bzurück\b|\b(tak)(?:e|es|ing)\b[^.!?,;]{0,40}?\bback\b",
    re.IGNORECASE,
)


# "Die Kaution zahlen wir ... zurück" is a refund ("zurückzahlen"), not "zahlen wir" of a cost the company bears.
_PAID_BACK = re.compile(r"\b(?:zahlen|überweisen|buchen)(?=\s+wir\b[^.!?,;]{0,100}?\bzurück\b)", re.IGNORECASE)


def _concepts(text: str, lexicon: Lexicon) -> set[str]:
    text = _PAID_BACK.sub("erstatten", text)
    joined = [
        f"zurück{m.group(1) or m.group(2)}en" if m.group(1) or m.group(2) else "take back"
        for m in _SPLIT_VERB.finditer(text)
    ]
    full = " ".join([text, *joined])
    return {group for group in lexicon.groups("service_concept") if lexicon.has(group, full)}


_CORRECTED = re.compile(r"\b(?:nicht|not|statt|anstatt|instead\s+of|rather\s+than)\s*$", re.I)


def price_verdict(sentence: str, base: FactBase) -> Verdict:
    # "kostet 129 €, nicht 119 €": the amount after "nicht" is the one corrected, not a claim.
    amounts = [
        a
        for a, start in _money_positions(sentence)
        if not _CORRECTED.search(sentence[max(0, start - 16) : start].rstrip(" €"))
    ]
    shown = "prices: " + (", ".join(f"{p:g} €" for p in base.prices) or "none documented")
    if not amounts:
        return Verdict(True, shown)
    stated = {float(m.replace(",", ".")) for m in re.findall(r"(\d+(?:,\d+)?)\s?%", sentence)}
    shares = tuple(s for s in documented_shares(base, sentence) if s in stated)
    return Verdict(all(_priced(a, amounts, base.prices, shares) for a in amounts), shown)


def _amounts_of_term(amounts: list[float], entry: str, base: FactBase, sentence: str) -> bool:
    """Every amount is one the term states, or a published price less the term's own share ("10 % Rabatt": 35,10 €
    for the 39 € filter the sentence names)."""
    own = money(entry)
    stated = {float(m.replace(",", ".")) for m in re.findall(r"(\d+(?:,\d+)?)\s?%", sentence)}
    shares = tuple(
        v for m in SHARE.finditer(entry) if (v := float((m.group(1) or m.group(2)).replace(",", "."))) in stated
    )
    return all(a in own or (shares and _priced(a, amounts, [*own, *base.prices], shares)) for a in amounts)


def documented_shares(base: FactBase, sentence: str = "") -> tuple[float, ...]:
    """The discounts the service terms and approved claims grant, each of a term that shares a word with the
    sentence other than its discount words and the products' names (the filter plan's "15 % Rabatt" for a sentence
    about filters, not for a dehumidifier); with no sentence, every granted discount."""
    said = topic_words(sentence)
    found = {s for words, shares in base.discounts if not sentence or not said.isdisjoint(words) for s in shares}
    return tuple(sorted(found))


def _priced(
    amount: float, stated: list[float], documented: tuple[float, ...] | list[float], shares: tuple[float, ...]
) -> bool:
    """A documented amount, or one worked out from the documented amounts the sentence states with it: their
    total ("399 € und 69 €, zusammen also 468 €") or one of them less a documented share ("15 % Rabatt: 58,65 €
    statt 69 €"). Arithmetic on what the company publishes states nothing new."""
    if any(abs(amount - d) < 0.005 for d in documented):
        return True
    known = [a for a in stated if any(abs(a - d) < 0.005 for d in documented)]
    if len(known) >= 2 and abs(amount - sum(known)) < 0.005:
        return True
    return any(abs(amount - round(a * (1 - share / 100), 2)) < 0.005 for a in known for share in shares)


def _money_positions(text: str) -> list[tuple[float, int]]:
    return [(money(m.group())[0], m.start()) for m in _MONEY_SPAN.finditer(text) if money(m.group())]


_MONEY_SPAN = re.compile(r"(?:€|eur\b|euro\b)\s?\d+(?:[.,]\d+)*|\d+(?:[.,]\d+)*\s?(?:€|eur\b|euro\b|euros\b)", re.I)
