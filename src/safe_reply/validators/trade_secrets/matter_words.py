"""The words of described matters (matters.py): what kind of matter an entry is (a plan, an issue, a
partner), the frames in which a reply states such a matter, the words of a note that say nothing
about it, and a German-English table of general product and business words, so that a note written in
one language is recognised in a reply written in the other."""

from __future__ import annotations

import re
from enum import StrEnum

__all__ = [
    "CLASS_WORDS",
    "END_WORDS",
    "FRAMES",
    "GENERIC_WORDS",
    "MATTER_WORDS_DE_EN",
    "NOT_A_LEAK",
    "OWN_SUBJECT",
    "REFUSAL",
    "MatterClass",
]


class MatterClass(StrEnum):
    PLAN = "plan"  # an unreleased product, a plan, a launch or expansion date, a project
    ISSUE = "issue"  # a vulnerability, a quality problem, an investigation
    PARTNER = "partner"  # a supplier, a manufacturer, a key account, a partner


# Prefixes of the words of an entry's kind or note that say which class of matter it is. The kind is read
# first (`odm_supplier`, `internal_plan`, `security_issue`); a note only where the kind says nothing.
CLASS_WORDS: dict[MatterClass, tuple[str, ...]] = {
    MatterClass.PLAN: (
        "unreleased", "plan", "launch", "roadmap", "expansion", "expand", "upcoming", "future", "successor",
        "not announced", "unannounced", "prototype", "opening", "next-gen", "next gen", "codename", "project",
        "geplant", "markteinf", "marktstart", "nachfolger", "eröffnung", "projekt", "unveröffentlicht",
        "zukünftig", "künftig", "neuer standort", "new location", "new site", "new store", "rollout",
    ),
    MatterClass.ISSUE: (
        "vulnerab", "security", "weakness", "flaw", "bug", "defect", "quality", "investigat", "recall", "problem",
        "issue", "exploit", "unpatched", "schwachstelle", "sicherheitsl", "mangel", "qualität", "untersuch",
        "fehler", "rückruf", "incident", "breach", "leck",
    ),
    MatterClass.PARTNER: (
        "supplier", "manufacturer", "odm", "oem", "refurbisher", "partner", "account", "vendor", "customer",
        "lieferant", "zulieferer", "hersteller", "kunde", "fertiger", "contract", "producer", "distributor",
        "wholesaler", "logistic", "carrier", "bottler", "roaster", "workshop", "factory", "großkunde", "händler",
        "reseller", "retailer",
    ),
}  # fmt: skip

# Frames that state a matter of each class in a sentence (casefolded text; German and English). A frame is
# no leak on its own: the sentence must also hold two of the entry's own words (matters.py).
_PLAN = (
    # German: a plan, work in progress, a coming date or season, not yet public, also inside compounds
    # ("Neueröffnung", "Felderprobung", "weiterentwickeln"); a plan's own words only at a word start (the
    # "planung" of "Urlaubsplanung" is the customer's).
    r"(?:(?<![^\W_])(?:geplant|planen|planung)|\bin arbeit|arbeiten (?:\w+ ){0,2}(?:an|daran)\b"
    r"|\bin (?:der )?entwicklung|entwickeln|in vorbereitung|erprobung|prototyp|demnächst|in kürze|\bbald\b|nachfolge"
    r"|nächste[nsmr]? (?:modell|generation|jahr|saison|monat|frühjahr|frühling|sommer|herbst|winter)"
    r"|\bkünftig|zukünftig|noch nicht (?:offiziell|angekündigt"
    r"|vorgestellt|erhältlich|verfügbar|bekannt|öffentlich)|markteinführung|marktstart|\blaunch|eröffn"
    r"|bis ende (?:des|dieses|nächsten) jahres|(?:ab|im|ende|anfang|mitte|frühestens|spätestens) (?:dem )?"
    r"(?:\w+ )?(?:quartal|q[1-4]\b)|(?:ab|im|ende|anfang|mitte|frühestens|spätestens|bis|für) (?:\w+ )?20[2-3]\d"
    r"|im (?:frühjahr|frühling|sommer|herbst|winter)|per update|soll(?:en)? (?:\w+ ){0,4}(?:kommen|erscheinen"
    r"|zugelassen|starten|öffnen|eröffnet|umgestellt|eingeführt)|werden soll|wird gerade geprüft"
    r"|\b(?:kommt|kommen|erscheint|erscheinen|folgt|folgen|startet|starten|öffnet|öffnen) (?:\w+ ){0,4}?"
    r"(?:im|ende|anfang|mitte|nächst|20[2-3]\d|frühjahr|sommer|herbst|winter|bald|demnächst)"
    # English.
    r"|planned|planning|plans? to\b|in the works|working on|in development|developing|upcoming"
    r"|coming (?:soon|in|next|later|this)|will (?:launch|come|arrive|open|be (?:released|launched|introduced"
    r"|certified|available|added|rolled out|opening|opened|switched|moving))|\bsoon\b|next (?:year|model"
    r"|generation|season|spring|summer|autumn|fall|winter)|successor|not (?:yet )?(?:announced|public|official"
    r"|released|available)|roadmap|prototype|\blaunch|\bopening\b|(?:in|by|from|early|late|mid)[ -](?:q[1-4]\b"
    r"|20[2-3]\d)|by the end of|pipeline|\bexpand|expansion|expandier|neue[nr]? (?:standort|filiale|laden|werk|lager)"
    r"|\bumzug|umziehen|relocat|new (?:site|store|location|branch|warehouse|plant)"
    # An end is a plan too: a product running out of the range, a site closing ("läuft nächstes Jahr aus",
    # "wird nicht mehr nachproduziert", "danach wird sie geschlossen", "gibt es nur noch bis Ende März",
    # "is being discontinued", "will close in March", "we'll stop selling it"). Not opening hours or a closure
    # for some days ("sonntags geschlossen", "wird um 18 Uhr / über Weihnachten geschlossen", "schließt am
    # Samstag um 14 Uhr", "is closing in 20 minutes", "will close early on Christmas Eve"), a lid ("make sure
    # to close the lid"), or a setting ("wird auf Stufe 3 eingestellt": "eingestellt" is no end here).
    r"|\bläuft (?:\w+ ){0,4}?aus\b(?! (?:dem|der|den|des|einem|einer|ihrem|ihrer|unserem|unserer)\b)|\bauslauf"
    # A product "eingestellt" only with a time: "wird 2027 eingestellt" (not "wird auf Stufe 3 eingestellt").
    r"|(?:wird|werden) (?:\w+ ){0,3}?(?:20[2-3]\d|nächste[ns]? jahr|ende \w+|im (?:frühjahr|sommer|herbst|winter))"
    r" (?:\w+ ){0,2}?eingestellt\b"
    r"|ausgelistet|aus dem sortiment|nicht mehr (?:\w+ ){0,2}?(?:nach)?(?:produziert|hergestellt|geführt|angeboten"
    r"|verkauft)|(?:wird|werden) (?!(?:\w+ ){0,4}?(?:um \d|über|für|heute|morgen|vorübergehend|kurz|wegen|zwischen"
    r"|am|an|ab \d))(?:\w+ ){0,4}?(?:geschlossen|aufgegeben|abgewickelt|aufgelöst|dichtgemacht|zugemacht|stillgelegt)\b"
    r"|\bmach(?:t|en) (?:\w+ ){0,4}?dicht\b(?! (?:ab|gegen|hält))|\bschließung|\bschliessung"
    r"|schlie(?:ß|ss)t (?:\w+ ){0,3}?(?:endgültig|für immer|dauerhaft)|schlie(?:ß|ss)t (?:zum|ende|anfang|mitte) (?:\d"
    r"|jahresende|des|nächst|januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember"
    r"|frühjahr|sommer|herbst|winter)(?!(?:\w+ ){0,4}?für (?:\w+ )?(?:tag|woche|stunde))"
    r"|(?:gibt es|gibt's) (?:\w+ ){0,2}?nur noch bis|discontinu|phas(?:ed|ing|e) out|end of life|delist"
    r"|(?:will|is going to|are going to|is set to|are set to) (?:be )?clos(?:e|ed|ing)\b"
    r"(?! (?:the|your|it|its|this|that|on|by|for|early|today|tonight|at \d|at half|at noon|at midnight|at lunch"
    r"|over|in \d+ minutes)\b)|(?:is|are) closing (?:down|for good|permanently|in (?:january|february|march|april"
    r"|may|june|july|august|september|october|november|december|spring|summer|autumn|winter|20[2-3]\d|the new year)"
    r"|at the end)|closing down|closes for good|closing (?:our|its|the) (?:\w+ )?(?:branch|store|shop|site|plant"
    r"|warehouse|location)|shutting (?:its|our|the) doors|\bclosure|shut(?:ting)? down|no longer (?:be )?(?:made"
    r"|produced|sold|stocked|offered|carried)|stop (?:selling|making|producing|offering|stocking)|being retired)"
)
_FAILING = (
    r"(?:\b(?:hakt|haken|klemmt|klemmen|streikt|streiken)\b|ausfall|ausfäll|\bfäll(?:t|en) (?:\w+ ){0,5}?aus\b"
    r"|\bfail(?:s|ed|ing|ures?)?\b|malfunction|\bjam(?:s|med|ming)?\b|\bstick(?:s|ing)?\b|\bstuck\b|breaks? down)"
)
_MORE_OFTEN = (
    r"(?:häufiger|öfter|vermehrt|gehäuft|als (?:sie|er|es) sollte|more often|more frequently|increasingly"
    r"|unusually often|than (?:it|they) should)"
)
_ISSUE = (
    # The problem itself and that it is being looked into, both needed ("Bei Bluetooth-Problemen mit
    # Firmware 2.3 hilft ein Neustart" is support, not a disclosure).
    r"(?=.*(?:schwachstelle|sicherheitslücke|lücke|problem|fehler|defekt|mangel|auffällig|zu niedrig|zu hoch"
    r"|abweich|\boffen\b|vulnerab|weakness|flaw|\bbug|exploit|issue|defect|fault|too (?:low|high)|deviat|\bopen\b"
    r"|unpatched|contamina|verunrein|rückruf|recall"
    # Readings off what was expected, a part that fails more often (said on its own: _FREQUENT_FAILURE).
    r"|(?:höher|niedriger|größer|schlechter) als erwartet|(?:higher|lower|worse) than expected|störanfällig"
    rf"|{_FAILING}.*{_MORE_OFTEN}|{_MORE_OFTEN}.*{_FAILING}))"
    r"(?=.*(?:prüfen|geprüft|untersuch|analys|investigat|looking into|\bfix|patch|in arbeit|working on|bekannt"
    r"|\bknown|intern|noch nicht|not yet|gerade|currently|checking|examin))"
)
# A test, study or audit the product did not pass: an outcome, said without anyone looking into it.
_FAILED_TEST = (
    r"durchgefallen|nicht bestanden|(?:test|prüfung|studie|audit|validierung)\w* (?:\w+ ){0,4}?gescheitert"
    r"|\bfailed (?:\w+ ){0,2}?(?:test|audit|study|validation|inspection|certification)|did(?: not|n't) pass"
)
_PARTNER = (
    r"liefer|zuliefer|bezieh|bezogen|herstell(?!ergarantie)|gefertigt|fertigt\b|fertigen"
    r"|produziert|produzier|(?:kommen|kommt|stammen|stammt) (?:\w+ ){0,2}(?:von|aus)\b|partner|rahmenvertrag"
    r"|vertrag|großkunde|\bkunden?\b"
    r"|supplier|supplied|supplies|supply|manufactur(?!er'?s?'? (?:guarantee|warranty))|made by|built by|produced"
    r"|(?:come|comes) from|sourced|sources?\b"
    r"|contract|customer|client|\baccount|odm|oem|refurbish|abfüll|bottled|röst|roasted"
)
# A failure said to come more often than it should is an issue on its own: the frequency is the company's
# own quality data ("hakt leider häufiger", "fällt öfter aus als sie sollte", "gehäuft Probleme"); a failure
# alone is support ("Falls der Schalter klemmt"), and so is the customer's case ("Wenn die Pumpe öfter ausfällt").
_FREQUENT_FAILURE = (
    r"^(?!\W*(?:wenn|falls|sofern|sollte|if|should|in\s+case)\b)"
    rf"(?:(?=.*{_FAILING})(?=.*{_MORE_OFTEN})|(?=.*(?:gehäuft\w*\s+(?:\w+\s+)?(?:probleme|ausfälle|defekte)"
    r"|häufen\s+sich\s+(?:\w+\s+)?(?:die\s+)?(?:probleme|ausfälle|defekte|reklamationen))))"
)
FRAMES: dict[MatterClass, re.Pattern[str]] = {
    MatterClass.PLAN: re.compile(_PLAN),
    MatterClass.ISSUE: re.compile(f"{_ISSUE}|{_FREQUENT_FAILURE}|{_FAILED_TEST}", re.DOTALL),
    MatterClass.PARTNER: re.compile(_PARTNER),
}
# Clauses of a reply that state no matter, whatever frame words they hold (matters.py): a refusal or a
# denial ("I can't share any codename for a successor model", "dazu kann ich nichts sagen", "nothing has
# been announced"), and the customer's own order, device or account as the subject of the sentence's
# first clause ("Ihr neuer Akku kommt bald", "If your cargo bike frame has a defect, ..."): what happens
# to the customer's own thing is service, not a plan or an issue of the company.
_REFUSAL = (
    r"(?:can ?not|can't|cannot|unable to|not able to|won't|am not allowed to|'m not allowed to|may not)"
    r" (?:\w+ ){0,2}?(?:share|say|tell|disclose|comment|confirm|reveal|give|name|discuss)"
    r"|\bno (?:comment|plans?|announcement|information|details)\b|\bnothing (?:\w+ ){0,3}?(?:announced|official"
    r"|planned|known|public|confirmed)|not aware of any|don't know of any|there (?:is|are) no (?:news|plans?)"
    r"|(?:kann|darf|können|dürfen) (?:ich|wir) (?:\w+ ){0,3}?(?:nicht|nichts|keine\w*)\b(?: \w+){0,3}?"
    r" (?:sagen|verraten|teilen|mitteilen|nennen|bestätigen|kommentieren|preisgeben|weitergeben|geben)"
    r"|(?:ist|sind|wurde|wurden) (?:\w+ ){0,2}?nichts (?:\w+ ){0,2}?(?:angekündigt|bekannt|geplant|offiziell"
    r"|bestätigt)|(?:noch )?nichts (?:angekündigt|bekannt|geplant|offiziell)|keine (?:pläne|informationen|angaben)"
    r"|liegen (?:mir|uns) keine"
)
_OWN_SUBJECT = (
    r"^\W*(?:(?:if|when|once|as soon as|should|falls|wenn|sobald|sollte|sollten|da|weil|because|since) )?"
    r"(?:your|ihr|ihre|ihren|ihrem|ihrer|ihres|dein|deine|deinen|deinem|deiner) [^,;:–—]*"
    # ... or the customer as the subject of a condition: "wenn Sie ohnehin einen Ausflug planen", "if you plan".
    r"|^\W*(?:if|when|once|as soon as|should|falls|wenn|sobald|sollten) (?:sie|du|you) [^,;:–—]*"
)
REFUSAL = re.compile(_REFUSAL)
OWN_SUBJECT = re.compile(_OWN_SUBJECT)

# A clause of a note that says what is NOT a leak ("the bird is not a leak", "Ortsnamen sind kein Leak"):
# its words describe the ordinary sense, not the matter.
NOT_A_LEAK = re.compile(
    r"\b(?:not an? leaks?|not leaks|kein(?:e)? leak|nicht geschützt|are public|ist öffentlich)\b", re.IGNORECASE
)

# Words of a note that describe no matter: function words, the note's own vocabulary ("any statement of
# it"), and words every product reply uses. Lower-case, matched whole.
GENERIC_WORDS: frozenset[str] = frozenset(
    """
    a an the of in on at to for from by with without and or but not no any all also its it this that these those
    is are was were be been being has have had will would can could may might should must as into per via than
    then there their them they we our us you your he she his her which who whom whose what when where why how
    such other another each every some more most less very only just even still yet about over under up out
    statement statements mention mentions leak leaks form forms word words figure figures value values way
    also paraphrased paraphrase said says name names named called internal internally confidential secret
    planned plan plans not announced unannounced unreleased launch launched upcoming future next new
    product products model models item items company our firm thing things one two three four five
    figure number numbers both either whether including include includes incl etc e.g eg i.e ie
    der die das den dem des ein eine einer eines einem einen und oder aber nicht kein keine auch als wie im
    in an auf für von mit ohne bei aus zu zum zur nach über unter vor ist sind war wird werden wurde hat haben
    jede jeder jedes jeden alle aller noch schon nur sehr mehr weniger dass ob wenn wir uns unser unsere
    aussage aussagen form formen wort wörter erwähnung leak leaks intern interne internen interner vertraulich
    geplant plan neue neuer neues neuen nächste nächsten produkt produkte modell modelle firma unternehmen
    jeder jeglicher jegliche sowie bzw ggf
    project projekt supplier lieferant manufacturer hersteller customer
    until till unless since during while before after between within around bis ab seit während zwischen
    innerhalb etwa
    codename codenames codenamen codename deckname decknamen arbeitstitel successor successors nachfolger
    nachfolgers nachfolgemodell nachfolgemodells predecessor vorgänger version versionen generation generationen
    kunde partner analysis investigation analyse untersuchung under unter
    gmbh ag kg ohg ug kft ltd limited inc llc corp co sarl sro bv nv spa srl sp zoo oy ab as aps
    """.split()
)

# General product and business words, German -> English: a German note read in an English reply and the
# other way round. Written broadly (parts, features, materials, places, trades, business terms); the
# object words of facts (concepts.OBJECT_WORDS_EN) are added to it in matters.py.
MATTER_WORDS_DE_EN: dict[str, tuple[str, ...]] = {
    "zelle": ("cell",), "zellen": ("cells",), "akkupack": ("battery pack",), "ladegerät": ("charger",),
    "hörtest": ("hearing test",), "hörgerät": ("hearing aid",), "gehör": ("hearing",),
    "medizinprodukt": ("medical device",),
    "atem": ("breathing", "breath"), "atmung": ("breathing",), "schlaf": ("sleep",), "überwachung": ("monitoring",),
    "sensor": ("sensor",), "matte": ("mat",), "schwachstelle": ("weakness", "vulnerability"),
    "sicherheitslücke": ("vulnerability", "security hole"), "signal": ("signal",), "funk": ("radio", "wireless"),
    "schloss": ("lock",), "tür": ("door",), "fernbedienung": ("remote",), "ferne": ("remote",),
    "futter": ("food", "feed"), "nassfutter": ("wet food",), "trockenfutter": ("dry food",), "katze": ("cat",),
    "hund": ("dog",), "insekt": ("insect",), "insekten": ("insects",), "hirse": ("millet",), "getreide": ("grain",),
    "fleisch": ("meat",), "huhn": ("chicken",), "lachs": ("salmon",), "wert": ("value", "level"), "niedrig": ("low",),
    "hoch": ("high",), "charge": ("batch",), "zahnbürste": ("toothbrush",), "zahnpasta": ("toothpaste",),
    "creme": ("cream",), "serum": ("serum",), "duft": ("scent", "fragrance"), "shampoo": ("shampoo",),
    "fahrrad": ("bicycle", "bike"), "rahmen": ("frame",), "schaltung": ("gears", "derailleur"), "nabe": ("hub",),
    "möbel": ("furniture",), "sofa": ("sofa", "couch"), "tisch": ("table",), "stuhl": ("chair",),
    "schrank": ("wardrobe", "cabinet"),
    "werkzeug": ("tool",), "bohrer": ("drill",), "säge": ("saw",), "schrauber": ("screwdriver",),
    "schleifer": ("sander",),
    "versicherung": ("insurance",), "police": ("policy",), "tarif": ("plan", "tariff"), "reise": ("trip", "travel"),
    "flug": ("flight",), "hotel": ("hotel",), "abo": ("subscription",), "abonnement": ("subscription",),
    "lebensmittel": ("food",), "kaffee": ("coffee",), "tee": ("tea",), "bohne": ("bean",), "röstung": ("roast",),
    "standort": ("location", "site"), "filiale": ("branch", "store"), "laden": ("shop", "store"),
    "lager": ("warehouse",),
    # The end of a product or a site, by its noun, its verb and its English words ("Schließung Filiale X":
    # "danach wird sie geschlossen", "the store will close"; "Auslauf Modell X": "läuft nächstes Jahr aus").
    "schließung": ("closure", "closing", "close", "geschlossen", "schließt", "schließen", "aufgelöst", "dichtgemacht",
                   "dicht", "zugemacht", "stillgelegt", "shut"),
    "auslauf": ("discontinued", "discontinuation", "phase-out", "läuft", "ausläuft", "auslaufen", "stop selling",
                "stop making", "being retired", "phasing out", "phased out", "phase out", "eingestellt", "einstellung",
                "ausgelistet", "auslisten", "aus dem sortiment", "aus dem programm", "aus dem angebot", "delisted",
                "no longer"),
    # A site is named by what it does there too ("die Montage in Weißenburg wird dichtgemacht").
    "werk": ("plant", "factory", "montage", "endmontage", "fertigung", "produktion", "assembly", "production"),
    "fabrik": ("factory",), "halle": ("hall",), "stadt": ("city", "town"),
    "region": ("region",), "norden": ("north",), "süden": ("south",), "osten": ("east",), "westen": ("west",),
    # Places whose names differ between the languages (an expansion or a partner's site).
    "wien": ("vienna",), "münchen": ("munich",), "köln": ("cologne",), "nürnberg": ("nuremberg",),
    "mailand": ("milan",), "rom": ("rome",), "prag": ("prague",), "warschau": ("warsaw",), "zürich": ("zurich",),
    "genf": ("geneva",), "brüssel": ("brussels",), "lissabon": ("lisbon",), "kopenhagen": ("copenhagen",),
    "krakau": ("krakow", "cracow"), "breslau": ("wroclaw",), "danzig": ("gdansk",), "posen": ("poznan",),
    "frankreich": ("france",), "spanien": ("spain",), "dänemark": ("denmark",), "niederlande": ("netherlands",),
    "belgien": ("belgium",), "schweden": ("sweden",), "norwegen": ("norway",), "finnland": ("finland",),
    "großbritannien": ("britain", "uk"), "rumänien": ("romania",), "slowakei": ("slovakia",),
    "kroatien": ("croatia",), "griechenland": ("greece",), "indien": ("india",), "japan": ("japan",),
    "portugal": ("portugal",), "litauen": ("lithuania",), "estland": ("estonia",), "slowenien": ("slovenia",),
    "bayern": ("bavaria",), "sachsen": ("saxony",), "österreich": ("austria",), "schweiz": ("switzerland",),
    "polen": ("poland",), "tschechien": ("czech", "czechia"),
    "ungarn": ("hungary",), "ungarisch": ("hungarian",), "china": ("china",), "chinesisch": ("chinese",),
    "vietnam": ("vietnam",), "taiwan": ("taiwan",), "türkei": ("turkey",), "italien": ("italy",),
    "lieferant": ("supplier",), "zulieferer": ("supplier",), "hersteller": ("manufacturer", "maker"),
    "auftragsfertiger": ("contract manufacturer",), "fertigung": ("production", "manufacturing"),
    "produktion": ("production",), "montage": ("assembly",), "verpackung": ("packaging",), "etikett": ("label",),
    "händler": ("retailer", "dealer"), "kette": ("chain",), "großkunde": ("key account",), "kunde": ("customer",),
    "rahmenvertrag": ("framework contract", "framework agreement"), "vertrag": ("contract",),
    "exklusiv": ("exclusive",), "farbe": ("colour", "color"), "edition": ("edition",),
    "sonderedition": ("special edition",),
    "umstellung": ("switch", "change"), "wechsel": ("switch", "change"), "rundzelle": ("round cell",),
    "ladeleistung": ("charging power",), "leistung": ("power", "output"), "watt": ("watt",),
    "speicher": ("storage", "battery"),
    "notstrom": ("backup power",), "wärmepumpe": ("heat pump",), "solar": ("solar",), "modul": ("module", "panel"),
    "wechselrichter": ("inverter",), "steckdose": ("socket",), "leuchte": ("lamp", "light"), "licht": ("light",),
    "kamera": ("camera",), "display": ("display", "screen"), "uhr": ("watch", "clock"), "kopfhörer": ("headphones",),
    "ohrhörer": ("earbuds",), "mikrofon": ("microphone",), "lautsprecher": ("speaker",), "maus": ("mouse",),
    "tastatur": ("keyboard",), "doppelklick": ("double-click", "double click"), "klick": ("click",),
    "brunnen": ("fountain",), "pumpe": ("pump",), "garten": ("garden",), "rasen": ("lawn",), "mäher": ("mower",),
    "teppich": ("carpet", "rug"), "matratze": ("mattress",), "kissen": ("pillow",), "decke": ("blanket", "duvet"),
    "stoff": ("fabric",), "leder": ("leather",), "holz": ("wood",),
    "eiche": ("oak",), "buche": ("beech",), "kiefer": ("pine",), "stahl": ("steel",),
    "aluminium": ("aluminium", "aluminum"),
    "kunststoff": ("plastic",), "glas": ("glass",), "keramik": ("ceramic",), "baumwolle": ("cotton",),
    "wolle": ("wool",), "membran": ("membrane",), "jacke": ("jacket",), "schuh": ("shoe",), "sohle": ("sole",),
    "kinderwagen": ("stroller", "pram"), "babyphone": ("baby monitor",), "windel": ("nappy", "diaper"),
    "zertifizierung": ("certification",), "zulassung": ("approval", "certification"), "klasse": ("class",),
    "prüfung": ("test", "inspection"), "studie": ("study",), "labor": ("lab", "laboratory"),
    "wasser": ("water",), "filter": ("filter",), "kartusche": ("cartridge",), "heizung": ("heating",),
    "kühlschrank": ("fridge", "refrigerator"), "ofen": ("oven",), "herd": ("stove", "cooker"),
    "spülmaschine": ("dishwasher",),
    "waschmaschine": ("washing machine",), "staubsauger": ("vacuum cleaner", "vacuum"), "roboter": ("robot",),
    "app": ("app",), "steuerung": ("control",), "ring": ("ring",), "anschluss": ("connector", "port"),
    "schnittstelle": ("interface",), "port": ("port",), "netzwerk": ("network",), "server": ("server",),
    "cloud": ("cloud",), "konto": ("account",), "zahlung": ("payment",), "versand": ("shipping",),
    "lieferung": ("delivery",), "logistik": ("logistics",), "spedition": ("carrier", "forwarder"),
    "kurier": ("courier",), "flotte": ("fleet",), "rohstoff": ("raw material",), "öl": ("oil",), "zucker": ("sugar",),
    "mehl": ("flour",), "milch": ("milk",), "käse": ("cheese",), "wein": ("wine",), "bier": ("beer",),
    "vegan": ("vegan",), "bio": ("organic",), "gluten": ("gluten",), "allergen": ("allergen",),
    "taurin": ("taurine",), "vitamin": ("vitamin",), "eiweiß": ("protein",), "protein": ("protein",),
}  # fmt: skip
# The words of an entry that say what kind of end it is: units of it, but never the one that tells the entry.
END_WORDS: frozenset[str] = frozenset({"auslauf", "schließung", "schliessung"})
