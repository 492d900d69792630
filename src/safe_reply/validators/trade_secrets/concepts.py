"""The words of internal facts (facts.py): business concepts with their German and English wordings,
the English words of the German object words facts are written with, and the secrecy and purchase cues."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "CONCEPTS",
    "DEFINING_CONCEPTS",
    "GENERIC_CONCEPTS",
    "NEW_PRICE_WORDINGS",
    "OBJECT_HEADS",
    "OBJECT_WORDS_EN",
    "PURCHASE_CUES",
    "RISE_WORDINGS",
    "SECRECY_CUES",
    "SEPARABLE",
    "SETTING_WORDINGS",
    "VALUE_ONLY_CONCEPTS",
    "note_products",
    "product_compounds",
]

# Wordings of a rise that say nothing of what rises ("Im Juli steigen die Temperaturen", "wir erhöhen das
# Datenvolumen", "we increase your data volume"), or that a negation turns round ("will not be raised"):
# they state a planned increase only in a clause that names a price and negates nothing (clauses.py).
_PRICES_RISE: tuple[str, ...] = (
    "preise steigen", "steigen die preise", "steigen unsere preise", "steigt der preis", "prices go up",
    "prices will go up", "prices rise",
    # The price noun with its verb of rising, in the singular too ("the monthly price is going up to 34 €").
    "preis steigt", "beitrag steigt", "price is going up", "price goes up", "price will go up", "price will rise",
    "price is rising", "price rises", "prices are going up", "prices are rising",
)  # fmt: skip
RISE_WORDINGS: frozenset[str] = frozenset((*_PRICES_RISE, "erhöh"))
# A new price list announces an increase, unless it is already in force ("Seit Juli gelten die neuen Preise").
_NEW_PRICES: tuple[str, ...] = (
    "neue preisliste", "neuen preisliste", "new price list", "neue preise", "neuen preise", "new prices",
)  # fmt: skip
NEW_PRICE_WORDINGS: frozenset[str] = frozenset(_NEW_PRICES)

# Business concepts of internal facts, each with its wordings in replies (prefixes of casefolded words,
# or phrases). Keys are what the concept looks like inside an entry ("Akku-Kulanztausch" has
# "kulanz" and "tausch").
CONCEPTS: dict[str, tuple[str, ...]] = {
    "kulanz": ("kulanz", "goodwill", "courtesy", "kulant", "entgegenkommen"),
    # English gives a discount as "15% off": the sign before the word ("% off") keeps "off" itself out.
    "rabatt": ("rabatt", "discount", "nachlass", "preisnachlass", "skonto", "% off", "percent off", "per cent off"),
    "bonus": ("bonus", "jahresbonus", "boni"),
    "grenze": ("grenze", "obergrenze", "limit", "ceiling", "cap", "maximal", "maximum", "höchstens", "up to",
               "bis zu", "mehr als", "more than", "nicht mehr als", "at most", "the most"),
    # "Kulanzlimit", "Rabattlimit": the same limit under its loan word.
    "limit": ("limit", "grenze", "ceiling", "cap", "maximal", "maximum", "höchstens", "up to", "bis zu",
              "mehr als", "more than", "at most", "the most"),
    # A lid is a ceiling in German business talk ("Kulanzdeckel", "Kostendeckel").
    "deckel": ("deckel", "obergrenze", "limit", "ceiling", "cap", "maximal", "maximum", "höchstens", "up to",
               "bis zu", "at most", "the most"),
    # What a partner earns per sale ("Kanzlei-Provision", "Vermittlungsprovision").
    "provision": ("provision", "commission", "kommission"),
    # How busy staff or machines are ("Techniker-Auslastung 112 %": "zu 112 Prozent ausgelastet").
    "auslastung": ("auslastung", "ausgelastet", "utilisation", "utilization", "utilised", "utilized", "workload"),
    # A frame or budget is a limit by another name ("Kulanzrahmen", "Rabattbudget", "Spielraum").
    "rahmen": ("rahmen", "budget", "spielraum", "limit", "maximal", "maximum", "höchstens", "up to", "bis zu",
               "at most", "the most"),
    "budget": ("budget", "rahmen", "spielraum", "limit", "maximal", "höchstens", "up to", "bis zu", "at most"),
    # A floor is also said by what may not happen below it ("nicht unter 169 €", "go below €169").
    # ... and a minimum order value is the threshold of free shipping ("die Grenze auf 29 € anheben").
    "mindest": ("mindest", "minimum", "at least", "wenigstens", "darunter", "below", "nicht unter", "not under",
                "no lower", "nicht günstiger", "nicht billiger", "price floor", "grenze", "schwelle", "threshold"),
    # A lower limit is a floor, not a ceiling ("Stundensatz-Untergrenze 68 €": "we don't go below €68").
    "untergrenze": ("untergrenze", "mindest", "minimum", "at least", "darunter", "below", "nicht unter", "not under",
                    "no lower", "nicht günstiger", "nicht billiger", "floor", "lowest we go"),
    "abnahme": ("abnahme", "abnehm", "jahresabnahme", "bestell", "order", "volume"),
    "charge": ("charge", "batch", "lot "),
    "serie": ("serie", "series", "batch"),
    # A share is also a ratio ("loss ratio", "Schadenquote") or "every n-th" of something.
    "quote": ("quote", "rate", "ratio", "share", "anteil", "von hundert", "out of a hundred", "in hundred"),
    # German compounds use the English word too ("Verbindungsabbruchrate", "Fehlerrate").
    "rate": ("quote", "rate", "ratio", "share", "anteil", "von hundert", "out of a hundred", "in hundred"),
    # A score's threshold ("Betrugsscore 70": "the fraud score was above 70", "ab einem Score von 70").
    "score": ("score", "schwelle", "threshold", "punktwert", "cut-off", "cutoff"),
    "schwelle": ("schwelle", "threshold", "score", "cut-off", "cutoff"),
    "ausfall": ("ausfall", "ausfäll", "fällt", "fallen", "fail", "defekt"),
    # What else a rate counts, in its German and English wordings: complaints, returns, drop-outs.
    "reklamation": ("reklamation", "reklamier", "beanstand", "beschwerde", "complain"),
    **dict.fromkeys(
        ("rücksend", "rücklauf", "retoure"),
        ("rücksend", "rücklauf", "retoure", "zurück", "return", "sent back", "come back", "comes back"),
    ),
    # Appointments booked and then missed without a word ("No-Show-Quote", "No-Show-Rate"): a service
    # business's KPI, said by what happens ("verfällt ohne Absage", "people who don't show up").
    "no-show": ("no-show", "noshow", "no show", "ohne absage", "nicht erschien", "nicht erscheinen", "nicht erscheint",
                "nicht wahrgenommen", "versäumt", "verfällt", "verfallen", "missed appointment", "missed booking",
                "without cancelling", "without canceling", "don't show up", "didn't show up", "do not show up",
                "not turn up", "don't turn up", "didn't turn up", "is missed", "are missed", "get missed",
                "without notice", "ohne abzusagen"),
    "abbruch": ("abbruch", "abbrech", "bricht", "abgebrochen", "drop", "disconnect"),
    "befund": ("befund", "finding", "grenzwert", "auffällig"),
    # "zurückgerufen" is the verb of a recall ("ob die Regler zurückgerufen werden müssen").
    "rückruf": ("rückruf", "recall", "zurückgeruf", "zurückzuruf", "zurückruf", "rückgeruf"),
    # Switching a service off is a plan of its own ("Cloud-Abschaltung 2028": "the old cloud API will be
    # switched off in 2028", "wird 2028 abgeschaltet").
    "abschalt": ("abschalt", "abgeschaltet", "abzuschalten", "switch off", "switched off", "switching off",
                 "shut down", "shutdown", "shutting down", "turned off", "turn off", "sunset", "end of life",
                 "eingestellt", "discontinu"),
    # A corridor is a discount's range with its ceiling ("Rabattkorridor 18 %": "mehr als 18 Prozent gehen
    # nicht, das ist die Obergrenze").
    "korridor": ("korridor", "corridor", "spanne", "obergrenze", "ceiling", "höchstens", "maximal", "at most"),
    # ... and by the range it leaves ("wird 2027 aus dem Sortiment genommen", "aus dem Programm").
    # "eingestellt" is also a setting ("in der App eingestellt"): SETTING_WORDINGS.
    "auslauf": ("auslauf", "läuft", "discontinu", "eingestellt", "einstell", "stop selling", "stop making",
                "stop producing", "being retired", "phase out", "phased out",
                "ausphas", "end of life", "nicht mehr produziert", "nicht mehr hergestellt",
                "nicht mehr nachproduziert", "aus dem sortiment", "aus dem programm", "ausgelistet", "delist",
                "dropped from the range"),
    "ausphasung": ("ausphas", "auslauf", "läuft", "discontinu", "eingestellt", "einstell", "phase out",
                   "phased out", "aus dem sortiment", "nicht mehr"),
    # Delisting is the retail word for a discontinuation ("Auslistung", "wird ausgelistet", "delisted").
    "auslistung": ("auslist", "ausgelistet", "delist", "discontinu", "eingestellt", "aus dem sortiment",
                   "phase out", "phased out", "end of life"),
    # A margin is internal by nature (never a public offer): its value next to it is a leak on its own.
    # ... also said as what the company earns on it ("we earn 68 % on filters", "Aufschlag von 68 %").
    "marge": ("marge", "margin", "handelsspanne", "gewinnspanne", "aufschlag", "markup", "mark-up",
              "verdienen wir", "wir verdienen", "we earn", "we make a profit", "our profit",
              # ... or as what is left for it ("bleiben uns 31 Cent als Rohertrag", "gross profit").
              "rohertrag", "rohgewinn", "deckungsbeitrag", "bleibt uns", "bleiben uns", "gross profit",
              "contribution margin", "we keep", "we make on"),
    # A new price list or rising prices announce the increase without its word.
    # ... and so do the verbs of rising, in either word order ("zum 1. März steigen die Preise").
    # The bare verbs of rising ("steigt", "anheb", "going up") were tried in round 10 and left out: a review
    # found them in ordinary replies ("Im Juli steigt die Nachfrage", "Im Juli steigen die Löhne").
    "preiserhöhung": ("preiserhöh", "teurer", "price increase", "price rise", "more expensive", "erhöh",
                      *_NEW_PRICES, *_PRICES_RISE),
    # Keeping a customer who cancels ("Rückhalteangebot 6 Monate gratis", "Haltebonus"), also said as what the
    # customer gets for staying ("6 months free to customers who stay", "wenn Sie bleiben").
    **dict.fromkeys(
        ("rückhalt", "halteangebot", "haltebonus", "bleibebonus", "retention"),
        ("rückhalt", "halteangebot", "haltebonus", "bleibebonus", "retention", "wenn sie bleiben",
         "falls sie bleiben", "bei uns bleiben", "who stay", "if you stay", "for staying", "stay with us"),
    ),
    "umstellung": ("umstell", "umgestellt", "switch", "wechsel", "moving to", "move to"),
    "tausch": ("tausch", "swap", "replace", "exchange", "ersatz", "ersetz"),
    "gutschrift": ("gutschrift", "gutschreib", "credit", "voucher", "gutschein"),
    # A target is what a negotiation aims at ("Zielpreis", "Zielrabatt"): "Ziel sind 195 €", "we're
    # aiming for", "angepeilt".
    # A negotiated figure is a target too ("we're negotiating €195 per frame", "wir verhandeln 195 €").
    # Pushing a supplier's price down is aiming at a target ("we're trying to get the cartridge down to
    # €1.20", "den Preis auf 1,20 € drücken").
    # A sales target is also what staff are told to reach ("we're supposed to sell it with 35 % of all
    # glasses", "wir sollen bei 35 % … verkaufen", "quota"). "Vorgabe" is absent: "laut Vorgabe des Herstellers".
    "ziel": ("ziel", "target", "aiming", "supposed to", "expected to sell", "quota", "wir sollen", "sollen wir",
             "aim for", "our aim", "angestrebt", "anvisiert", "angepeilt", "peilen",
             "negotiat", "verhandl", "verhandeln", "verhandelt", "trying to get", "try to get", "hoping to get",
             "hope to get", "want to get", "push the price", "pushing them down", "pushing it down",
             "push them down", "push it down", "pushing the price", "runterhandeln", "herunterhandeln",
             "runterzuhandeln", "herunterzuhandeln", "drücken"),
    # The trade channel a condition applies to: a company's entry names it in German, a reply may say
    # it in English. Each channel stands for itself (a drugstore discount is no dealer discount).
    **dict.fromkeys(("marktplatz", "marketplace"), ("marktpl", "marketplace")),
    **dict.fromkeys(
        ("händler", "reseller", "retailer", "dealer"),
        ("händler", "haendler", "reseller", "retailer", "dealer", "wiederverkäufer"),
    ),
    **dict.fromkeys(("drogerie", "drugstore"), ("drogerie", "drugstore", "chemist")),
}  # fmt: skip
# Wordings that are the stem of a German separable verb: they count only with their particle later in the
# clause ("läuft nächstes Jahr aus" is a discontinuation; "läuft seit Jahren zuverlässig" is not, nor "läuft
# Fett aus dem Gehäuse", where "aus" is a preposition), and not where the customer's own term runs out ("Die
# Garantie Ihres Barista 7 läuft im März aus": facts.py).
SEPARABLE: dict[str, str] = {"läuft": "aus"}
# Wordings of an end that are also a setting: they count unless a setting's words stand before them in the clause
# ("Den HS 5 können Sie in der App einstellen", "wird über die App eingestellt", "auf Stufe 3 eingestellt").
SETTING_WORDINGS: frozenset[str] = frozenset({"eingestellt", "einstell"})
# Concepts too common to make a fact of a codename on their own ("Zielwasser", "Handelsstern"): they count
# only for an entry with a value, which pins the fact down.
VALUE_ONLY_CONCEPTS: frozenset[str] = frozenset(
    {
        "ziel", "rate", "reklamation", "rücksend", "rücklauf", "retoure", "abbruch", "marktplatz", "marketplace",
        "händler", "reseller", "retailer", "dealer", "drogerie", "drugstore", "abschalt", "korridor", "score",
        "schwelle", "erhöhung",
    }
)  # fmt: skip
# Concepts that stand inside more specific ones ("erhöhung" in "preiserhöhung"): an entry word that holds
# the specific one has it alone.
GENERIC_CONCEPTS: frozenset[str] = frozenset({"erhöhung"})
# Concepts that make a fact internal by their meaning: a target is what the company aims at, while the
# same discount or price said without it is what the customer gets ("In der Drogerie gibt es gerade
# 18 % Rabatt" is no "Zielrabatt Drogerie 18 %"). A fact with one is stated only with it, or with a
# secrecy cue.
DEFINING_CONCEPTS: frozenset[str] = frozenset({"ziel"})
# The English words of German object words that business facts are written with (a German entry, an
# English reply: "Zielpreis Gestell 195 €" is "a target price of €195 per frame"). Prefixes of
# casefolded words, as the concepts' wordings are.
OBJECT_WORDS_EN: dict[str, tuple[str, ...]] = {
    "werkstatt": ("workshop", "repair shop"), "techniker": ("technicians", "technician", "engineers"),
    "kanzlei": ("tax firm", "law firm", "firms", "practice"),
    "nachfüll": ("refill",), "nachfüllbeutel": ("refill pouch", "refill pouches"), "verkauf": ("sales",),
    "preis": ("price",), "gestell": ("frame", "chassis"), "rahmen": ("frame",), "akku": ("battery",),
    "batterie": ("battery",), "motor": ("motor", "engine"), "gehäuse": ("housing", "casing"),
    "bezug": ("cover",), "bezüge": ("covers",), "stoff": ("fabric",), "dichtung": ("seal", "gasket"),
    "kamera": ("camera",), "gurt": ("harness", "strap", "belt"), "gurtschloss": ("buckle",),
    "bremse": ("brake",), "rad": ("wheel",), "räder": ("wheels",), "schieber": ("handlebar",),
    "griff": ("handle",), "ladegerät": ("charger",), "netzteil": ("power supply", "adapter"),
    "platine": ("circuit board", "pcb"), "bürstenkopf": ("brush head",), "aufsatz": ("attachment",),
    "ersatzteil": ("spare part",), "lieferant": ("supplier",), "hersteller": ("manufacturer", "maker"),
    "listung": ("listing",), "verein": ("club",), "mitglied": ("member",), "apotheke": ("pharmacy",),
    "einkauf": ("purchasing",), "stück": ("unit", "piece"), "einheit": ("unit",), "gerät": ("device", "unit"),
    "drogerie": ("drugstore", "chemist"), "großhandel": ("wholesale",), "fachhandel": ("specialist retail",),
    "händler": ("dealer", "retailer", "reseller"), "kunde": ("customer",), "firmware": ("firmware",),
    # Parts and consumables of household, garden and personal goods.
    "kartusche": ("cartridge",), "filter": ("filter",), "lüfter": ("fan",), "ventil": ("valve",),
    "pumpe": ("pump",), "mahlwerk": ("grinder",), "düse": ("nozzle",), "schlauch": ("hose",),
    "messer": ("blade", "knife"), "klinge": ("blade",), "kabel": ("cable",), "stecker": ("plug",),
    "deckel": ("lid",), "behälter": ("container", "tank"), "kanne": ("jug",), "flasche": ("bottle",),
    "beutel": ("bag",), "verpackung": ("packaging",), "antrieb": ("drive", "actuator"), "kette": ("chain",),
    "reifen": ("tyre", "tire"), "sattel": ("saddle",), "matratze": ("mattress",), "lautsprecher": ("speaker",),
    "bildschirm": ("screen", "display"), "tastatur": ("keyboard",), "bürste": ("brush",), "sohle": ("sole",),
    "heizung": ("heating", "heater"), "steuerung": ("controller", "control unit"), "regler": ("regulator",),
    "druckregler": ("pressure regulator", "regulator"), "mahlscheibe": ("burr",), "dichtungsring": ("o-ring",),
    "cloud": ("cloud",), "schnittstelle": ("interface", "api"), "app": ("app",), "zelle": ("cell",),
    "zellen": ("cells",), "modul": ("module",), "sensor": ("sensor",), "wartung": ("maintenance", "service"),
    # Services, insurance, repair and the parts of large appliances and furniture.
    # What an offer gives: "6 Monate gratis" is "6 months free".
    "gratis": ("free",), "kostenlos": ("free", "free of charge"),
    "reparatur": ("repair",), "scharnier": ("hinge",), "lager": ("bearing",), "trommel": ("drum",),
    "kompressor": ("compressor",), "tür": ("door",), "schublade": ("drawer",), "stundensatz": ("hourly", "an hour",
    "per hour", "hour rate"), "stunde": ("hour",), "schaden": ("loss", "claims", "damage"), "betrug": ("fraud",),
    "provision": ("commission",), "prämie": ("premium",), "versicherung": ("insurance",), "tarif": ("tariff",
    "plan"), "einsatz": ("call-out", "visit"), "anfahrt": ("call-out", "travel"), "garantie": ("warranty",
    "guarantee"), "lieferung": ("delivery",), "versand": ("shipping",),
    # The events a rate counts, said as verbs ("8,5 % unserer Abonnenten kündigen", "5.3 % get cancelled").
    "kündig": ("cancel", "churn"), "kündiger": ("kündig", "cancel", "churn"), "storno": ("storn", "cancel"),
    # What a planned increase raises ("Gebührenerhöhung": "the fee will be raised").
    "gebühren": ("fee",), "gebühr": ("fee",), "beitrag": ("fee", "premium"), "prämien": ("premium",),
    "polster": ("upholstery", "cushion"), "leder": ("leather",), "holz": ("wood",), "lack": ("paint", "finish"),
}  # fmt: skip
# Kinds of product an entry's note may say a codename stands for (not the parts above: "a loss cover" is no
# product of its own, and "Schaden" beside "Leuchtturm" no name): a note names the kind in English
# ("next-generation camera platform"), a reply in either language.
PRODUCT_WORDS_EN: dict[str, tuple[str, ...]] = {
    "kamera": ("camera",), "router": ("router",), "drohne": ("drone",), "streu": ("litter",), "uhr": ("watch",),
    "brille": ("glasses",),
    "rucksack": ("backpack",), "koffer": ("suitcase",), "zelt": ("tent",), "kopfhörer": ("headphones", "earbuds"),
    "saugroboter": ("robot vacuum",), "staubsauger": ("vacuum",), "drucker": ("printer",), "schloss": ("lock",),
    "klingel": ("doorbell",), "thermostat": ("thermostat",), "leuchte": ("lamp", "light"), "lampe": ("lamp",),
    "futter": ("food", "feed"), "kapsel": ("capsule", "pod"), "tarif": ("tariff",), "fahrrad": ("bike",),
    "roller": ("scooter",), "kinderwagen": ("stroller", "pram"), "sitz": ("seat",), "wärmepumpe": ("heat pump",),
    "speicher": ("storage",), "wechselrichter": ("inverter",), "modul": ("panel",),
    # Furniture, bedding, software, care and household kinds (round 11: "Falke-Stuhl", "Eisbergarchiv").
    "stuhl": ("chair",), "sessel": ("armchair",), "tisch": ("desk", "table"), "matratze": ("mattress",),
    "kissen": ("pillow",), "bettdecke": ("duvet", "comforter"), "decke": ("duvet", "blanket"), "bett": ("bed",),
    "sofa": ("sofa", "couch"), "schrank": ("wardrobe", "cabinet"), "regal": ("shelf",), "archiv": ("archive",),
    "app": ("app",), "software": ("software",), "sensor": ("sensor",), "waage": ("scale",), "creme": ("cream",),
    "serum": ("serum",), "zahnbürste": ("toothbrush",), "windel": ("diaper", "nappy"), "flasche": ("bottle",),
    "mühle": ("grinder",), "mixer": ("blender", "mixer"), "ofen": ("oven",), "kühlschrank": ("fridge",),
    "waschmaschine": ("washing machine",), "trockner": ("dryer",), "akku": ("battery",), "helm": ("helmet",),
    "ladegerät": ("charger",), "schuh": ("shoe",), "jacke": ("jacket",), "tasche": ("bag",), "reifen": ("tyre", "tire"),
    "handy": ("phone", "smartphone"), "laptop": ("laptop", "notebook"), "monitor": ("monitor",),
    "tastatur": ("keyboard",), "lautsprecher": ("speaker",), "fernseher": ("tv", "television"),
    "werkzeug": ("tool",), "bohrmaschine": ("drill",), "mäher": ("mower",), "grill": ("grill",), "pumpe": ("pump",),
    "filter": ("filter",), "heizung": ("heater",), "versicherung": ("insurance",), "karte": ("card",),
    "abo": ("subscription",), "shampoo": ("shampoo",), "seife": ("soap",), "pflaster": ("plaster",),
    # Kitchen, bathroom, clothing and consumables (round 15).
    "kartusche": ("cartridge",), "armatur": ("tap", "faucet"), "brause": ("shower head",), "dusche": ("shower",),
    "toilette": ("toilet",), "waschbecken": ("basin", "sink"), "fliese": ("tile",), "kanne": ("jug",),
    "topf": ("pot",), "pfanne": ("pan",), "messer": ("knife",), "hose": ("trousers", "pants"),
    "stiefel": ("boot",), "pulver": ("powder",), "tablette": ("tablet",), "riegel": ("bar",),
    "kerze": ("candle",), "spielzeug": ("toy",), "puppe": ("doll",), "gitarre": ("guitar",),
    "shake": ("shake",), "spray": ("spray",), "tropfen": ("drops",), "getränk": ("drink",),
}  # fmt: skip
# The links of a German closed compound of a name and a product kind ("Eisberg|archiv", "Falken|stuhl").
PRODUCT_LINKS = ("", "s", "es", "n", "en")
_NOTE_WORD = re.compile(r"[^\W\d_]+(?:[ -][^\W\d_]+)?")


def note_products(note: str | None, term: str | None = None) -> tuple[str, ...]:
    """The product kinds an entry's note names, in German and English: "camera" of "next-generation
    camera platform" gives ("kamera", "camera"). Only words of the tables above, so the rest of a note
    ("the bird is not a leak", "a sandpit in the garden") adds nothing; and the word a note joins to the
    term with a hyphen, the way the company writes it ("Kartusche" of "'Perle-Kartusche'"), whatever it is,
    unless that clause of the note calls it public."""
    if not note:
        return ()
    words = {w.casefold() for w in _NOTE_WORD.findall(note)} | set(re.findall(r"[^\W\d_]+", note.casefold()))
    found: list[str] = []
    for german, english in PRODUCT_WORDS_EN.items():
        if german in words or any(e in words or e + "s" in words for e in english):
            found += [german, *english]
    if term and term.isalpha():
        # Only where the note does not call the compound public ("nicht zu verwechseln mit unserem öffentlichen
        # Falke-Fernglas").
        joined = re.compile(rf"(?<![^\W\d_]){re.escape(term)}-([^\W\d_]{{{_MIN_JOINED}}}[^\W\d_]*)", re.IGNORECASE)
        for clause in re.split(r"[.;]\s|\)\s*;?", note):
            if not _PUBLIC_CLAUSE.search(clause):
                found += [head.casefold() for head in joined.findall(clause)]
    return tuple(dict.fromkeys(found))


_PUBLIC_CLAUSE = re.compile(
    r"(?<!nicht )(?<!not )\b(?:öffentlich\w*|public(?:ly)?)\b|\bkein(?:e)? leak|\bnot an? leak|verwechseln|confuse",
    re.IGNORECASE,
)
_MIN_JOINED = 4  # letters of a word a note joins to a term: "Perle-Kartusche", not "Perle-X"


def product_compounds(term: str, products: Iterable[str]) -> list[str]:
    """The closed compounds of a one-word term and its products' kinds ("kieselstreu", "turmuhr"): the
    build asks which of them are ordinary words."""
    low = term.casefold()
    return [low + link + p.casefold() for p in products if " " not in p for link in PRODUCT_LINKS]


# Object words a compound entry ends in ("Wiederholreparatur", "Türscharnier", "Trommellager"): a reply says
# the head alone ("fast jede zehnte Reparatur", "bei den Scharnieren"). Only heads of >= 6 letters.
OBJECT_HEADS: frozenset[str] = frozenset(w for w in OBJECT_WORDS_EN if len(w) >= 6)
# Words that say a fact is internal, whatever the fact (facts.py).
SECRECY_CUES: tuple[str, ...] = (
    "intern", "unter uns", "between us", "off the record", "vertraulich", "confidential", "inoffiziell",
    "unofficially", "nicht offiziell", "hausintern", "firmenintern", "konzernintern", "betriebsintern",
    "unternehmensintern",
    # An agent's authority is an internal rule: "bis 60 € ohne Rückfrage", "up to €60 without approval".
    "ohne rücksprache", "ohne rückfrage", "ohne freigabe", "ohne genehmigung", "without approval",
    "without sign-off", "without checking with", "ohne nachzufragen", "ohne nachfrage", "without asking",
    "darf ich selbst",
    # A confidence, said as one ("ganz offen: ...", "between you and me").
    "ganz offen", "offen gesagt", "unter vier augen", "im vertrauen", "between you and me", "in confidence",
    "just between", "sag's nicht weiter", "sagen sie es nicht weiter", "don't tell anyone",
    "tell you a secret", "verrate ihnen ein geheimnis", "verrat ihnen was", "kleiner geheimtipp", "little secret",
    # ... and so is its ceiling, said as what the agent may not exceed.
    "the most i'm allowed", "the most i’m allowed", "the most i am allowed", "all i'm allowed", "all i’m allowed",
    "mehr darf ich nicht", "mehr darf ich ihnen nicht", "mehr ist mir nicht erlaubt",
    # ... or as how far the speaker may go ("that's the maximum we're allowed to go to", "so weit darf ich gehen").
    "i'm allowed to go", "i’m allowed to go", "we're allowed to go", "we’re allowed to go", "i am allowed to go",
    "we are allowed to go", "darf ich gehen", "dürfen wir gehen",
)  # fmt: skip
# Words that make an amount a purchase price (an entry of kind purchase_price, facts.py).
PURCHASE_CUES: tuple[str, ...] = (
    "einkaufspreis", "ek-preis", "ek preis", "im einkauf", "unser einkauf", "einkauf zahlt", "kostet uns",
    "zahlen wir", "wir zahlen", "we pay", "costs us", "cost us", "purchase price", "in purchasing",
    "einstandspreis", "fob", "ex works", "we buy", "kaufen wir", "buy it in", "buy them in",
    # What a unit costs the company, in other words ("uns kostet die Pumpe 21,50 €", "our unit cost").
    "uns kostet", "kostet sie uns", "bezahlen wir", "bekommen wir sie für", "bekommen wir es für",
    "stückkosten", "herstellkosten", "herstellungskosten", "produktionskosten", "our cost", "unit cost",
    "landed cost", "manufacturing cost", "production cost", "we get them for", "we get it for",
)  # fmt: skip
