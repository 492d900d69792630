"""What a sentence does with a claim: offer it, ask about it, or say it of another product.

A claim rule finds the words; whether they are asserted of a product on sale depends on the speech act
around them. An offer the bot makes itself binds ("ich biete Ihnen 20 € an"); a yes/no or indirect question
asserts nothing ("Is the GS mark there?", "Ob das hilft, besprechen Sie mit Ihrer Ärztin"); a clause the
sentence denies asserts nothing either ("Das heißt nicht, dass er klimafreundlich ist", "Eine Allergie
behandeln kann eine Waschmaschine nicht"); after a contrast, the part about a product on sale is a claim even
when the sentence began with an unreleased one.
"""

from __future__ import annotations

import re

from safe_reply.rulepacks import RuleMatch
from safe_reply.types import Span
from safe_reply.validators.claims.taxonomy import COMMITMENTS, Backing, ClaimCategory
from safe_reply.validators.claims.text import ReplyView

_CLAUSE_BREAK = re.compile(r"[,;:–—]|\s-\s")
# The bot makes an offer itself, now: "ich biete Ihnen ... an", "erstatte ich Ihnen", "I'll refund you".
_PERFORMATIVE = re.compile(
    r"\b(?:ich|wir)\s+(?:biete|bieten|erstatte|erstatten|überweise|überweisen|schenke|schenken|gewähre|gewähren)\s+"
    r"ihnen\b|\b(?:biete|erstatte|überweise|schenke|gewähre)\s+ich\s+ihnen\b"
    # The modal offer is an offer all the same: "daher kann ich nur 20 € anbieten", "I can offer you €20"; made to
    # the customer ("kann ich Ihnen bis zu 150 € Kulanz anbieten") it is one even with its limit ("darf ich Ihnen bis
    # zu 60 €" states the bot's authority).
    r"|\b(?:(?:kann|könnte|darf|würde)\s+ich|ich\s+(?:kann|könnte|darf|würde))\s+(?:ihnen\s+)?(?:(?!bis\b|maximal\b|höchstens\b)[\w€%.,]+\s+){0,4}?"
    r"(?:anbieten|gewähren|erstatten|gutschreiben|überweisen|schenken)\b"
    r"|\b(?:(?:kann|könnte|würde)\s+ich|ich\s+(?:kann|könnte|würde))\s+ihnen\s+(?:[\w€%.,-]+\s+){0,8}?"
    r"(?:anbieten|gewähren|erstatten|gutschreiben|überweisen|schenken)\b"
    r"|\bI(?:['’]ll|\s+will|['’]m\s+(?:offering|giving|refunding))\s+(?:\w+\s+)?(?:you|refund\s+you|credit\s+you)\b"
    r"|\bI\s+(?:can|could)\s+(?:only\s+)?(?:offer|give|refund|credit)\s+you\b(?!\s+(?:up\s+to|a\s+maximum|at\s+most))",
    re.IGNORECASE,
)


def offered(text: str, match: Span, sentence: Span, backing: Backing) -> bool:
    """Whether a service commitment is an offer the bot itself makes in the clause of the match."""
    return backing in COMMITMENTS and _PERFORMATIVE.search(clause_of(text, match, sentence).of(text)) is not None


# A yes/no question asks, it does not assert: "Is the GS mark there?", "Ist der Akku wechselbar?". A question
# that tells the customer something ("Wussten Sie, dass ...", "Did you know ...") is still a claim.
_YES_NO_QUESTION = re.compile(
    r"^\W*(?:is|are|was|were|does|do|did|has|have|can|could|will|would|should|ist|sind|war|waren|hat|haben|"
    r"kann|können|könnte|wird|werden|würde|gibt\s+es|trägt|tragen|passt|passen|funktioniert|läuft)\b"
    r"(?![^?]*\b(?:wussten|wusstest|did\s+you\s+know|schon\s+gewusst)\b)[^?]*\?\s*$",
    re.IGNORECASE,
)
# An indirect question ("Ob das bei Ihrer Allergie hilft, besprechen Sie mit Ihrer Ärztin", "whether it helps
# with your allergy is something your doctor can tell you") leaves open what a claim would assert.
_INDIRECT_QUESTION = re.compile(r"^\W*(?:ob|whether)\b", re.IGNORECASE)
# Where one sentence speaks of an unreleased product and then of one on sale, after a contrast or a new clause
# ("The KV9 isn't out yet, but the KV7 Plus is available right now – only 3 left"), the part about the
# product on sale is a claim about it.
_CONTRAST = re.compile(r";|,?\s+(?:but|aber|doch|jedoch|dafür|whereas|while|während)\s+", re.IGNORECASE)


# A clause introduced as what something does NOT mean: "Das heißt aber nicht, dass er klimafreundlich ist",
# "Das bedeutet nicht automatisch, dass ...", "That doesn't mean the sofa is eco-friendly". The frame must stand
# before the match with no new clause of its own in between ("..., das heißt, Sie schlafen ..." asserts).
_DENYING_FRAME = re.compile(
    r"\b(?:heißt|heisst|bedeutet|besagt|garantiert)\s+(?:\w+\s+){0,2}?(?:nicht|keineswegs|noch\s+lange\s+nicht)"
    r"(?:\s+(?:automatisch|unbedingt|zwangsläufig|gleich|auch|schon))?\s*,?\s*dass\b"
    r"|\b(?:does\s*n['’]?t|does\s+not|do\s*n['’]?t|do\s+not|did\s*n['’]?t|won['’]t|will\s+not|would\s*n['’]?t)\s+"
    r"(?:\w+\s+)?(?:mean|make|imply)\b|\bthat['’]s\s+not\s+to\s+say\b|\bis\s+no\s+proof\s+that\b"
    # A promise the bot declines to make ("Ich kann Ihnen leider nicht versprechen, dass die Absage kostenlos ist",
    # "I can't promise that a late cancellation will be free"): what follows is the very thing it does not commit
    # to. The bot's own ability ("Ich kann Ihnen nicht mehr als 20 € erstatten") has no verb of promising.
    r"|\b(?:(?:ich|wir)\s+(?:kann|können|darf|dürfen|möchte|möchten)|(?:kann|können|darf|dürfen)\s+(?:ich|wir))\s+"
    r"(?:ihnen\s+)?(?:\w+\s+){0,2}?(?:nicht|nichts|keineswegs)\s+(?:\w+\s+)?"
    r"(?:versprechen|zusagen|zusichern|garantieren|fest\s+zusagen)\s*,?\s*(?:dass|ob)\b"
    r"|\b(?:es\s+gibt|there\s+is|there['’]s)\s+(?:keine|no)\s+(?:garantie|gewähr|guarantee)\s*,?\s*(?:dass|that)\b"
    r"|\b(?:i|we)\s+(?:can\s*n?o?['’]?t|cannot|can\s+not|am\s+not\s+able\s+to|are\s+not\s+able\s+to|"
    r"won['’]t|will\s+not|could\s*n['’]t|could\s+not)\s+(?:\w+\s+)?(?:promise|guarantee|assure\s+you)"
    r"(?:\s+you)?(?:\s+that)?\b",
    re.IGNORECASE,
)
# A negated universal subject rejects an absolute: "No sunglasses block 100% of glare", "Keine Sonnenbrille hält
# 100 % der Blendung ab", "Kein Heizlüfter heizt einen Raum völlig gleichmäßig". Said of every product, it claims
# nothing for ours. "No other", "kein anderes" is a sole-position claim instead, and "Kein Wunder", "No problem"
# open a clause of their own; the clause must hold an absolute (100 %, completely, forever) for the denial to be
# about it ("Kein Modell wiegt mehr als 9 kg" asserts a limit of ours). "No risk at all!", "Keinerlei Gefahr"
# deny a danger of ours: an absolute-safety claim, not a denial of one.
_NEGATED_UNIVERSAL = re.compile(
    r"^\W*(?:no|none\s+of\s+the|kein|keine|keiner|keines)\s+"
    r"(?!(?:other|others|andere\w*|weitere\w*|vergleichbare\w*|wunder|problem\w*|sorge\w*|angst|frage|"
    r"zweifel|worries|wonder|doubt|problem|question|matter|need|idea|ahnung|risk\w*|risiko|risiken|danger\w*|"
    r"gefahr\w*|harm\w*|side\s+effects?|nebenwirkung\w*|schad\w*)\b)(?!unser\w*\b|our\b)"
    r"[^\W\d]",
    re.IGNORECASE,
)
_ABSOLUTE = re.compile(
    r"\b100\s?(?:%|prozent|percent)|\b(?:vollständig|völlig|komplett|restlos|gänzlich|hundertprozentig|ewig|"
    r"für\s+immer|jede[ns]?|alle[ns]?|completely|fully|totally|entirely|forever|every|all)\b",
    re.IGNORECASE,
)
# What a frame denies ends where a new statement begins: punctuation, a contrast ("aber wir reparieren das Rad
# kostenlos", ", doch die Montage ist gratis", "however", "yet"), or a new clause with its own subject and verb after
# a comma or "und"/"and" ("I can't guarantee the day, the repair will be free", "…, and shipping is free", "…, sie
# ist aber die zuverlässigste"). A conjunction inside the denied clause ("dass es schnell und kostenlos geht", "dass
# die Lieferung pünktlich und die Montage kostenlos ist": the verb stands last) does not end it.
_FINITE = (
    r"(?:ist|sind|wird|werden|bleibt|bleiben|kostet|kosten|gibt|geht|kommt|hat|haben|kann|können|übernehmen|"
    r"übernimmt|erstatten|erstattet|reparieren|repariert|liefern|liefert|bieten|bietet|is|are|will|would|can|"
    r"stays|costs|comes|has|have|ships|gets|['’]s|['’]ll|['’]re)"
)
_NEW_SUBJECT = (
    r"(?:(?:wir|ich|er|es|sie|we|i|it|they|you|this|that|there)\b\s*"
    r"|(?:der|die|das|den|dem|ein\w*|ihr\w*|unser\w*|the|a|an|your|our|its)\s+(?:[\w-]+\s+){1,2}?)"
)
# English puts the verb right after a bare subject too ("and shipping is free"); German does so only in a main
# clause with an article or pronoun, so a bare word before the verb is no subject there ("schnell und kostenlos ist").
_BARE_SUBJECT_EN = r"[\w-]+\s+(?:is|are|will|stays|costs|comes|ships)"
_AFTER_FRAME_BREAK = re.compile(
    r"[;:–—]|\s-\s|\b(?:sondern|but|aber|jedoch|however|yet)\b|,\s*doch\b"
    rf"|(?:,\s*(?:and\s+|und\s+)?|\s(?:and|und)\s+)(?:{_NEW_SUBJECT}{_FINITE}|{_BARE_SUBJECT_EN})\b",
    re.IGNORECASE,
)
# "Kein E-Bike fährt weiter als das T7", "No heater heats up faster than the H2", "Kein Mixer ist so leise wie der
# Mix 2": a negated universal compared with ours is a sole-position claim (like "kein anderes"), whatever absolute
# follows. And the denial covers its own statement only: after "und"/"and" a new one begins ("… und lässt alle
# Konkurrenten hinter sich", "… and it's fully up to temperature in 2 minutes").
_COMPARED = re.compile(
    r"\b(?:als|than)\b|\bso\s+(?:[\w-]+\s+){1,2}?wie\b|\bas\s+(?:[\w-]+\s+){1,2}?as\b", re.IGNORECASE
)


# "und"/"and" starts a new statement before a subject with its verb or, in German, a verb of its own (lower case,
# "und lässt alle Konkurrenten hinter sich"), not before a noun that continues the object ("UV und Blendung").
_STATEMENT_END = re.compile(
    rf"\s(?:und|and)\s+(?:(?:{_NEW_SUBJECT}{_FINITE}|{_BARE_SUBJECT_EN})\b|(?-i:(?!nicht\b)[a-zäöüß]+(?:t|en)\b))",
    re.IGNORECASE,
)


def _universal_denied(text: str, match: Span, whole: Span) -> bool:
    """Whether a negated universal subject opening the clause rejects an absolute, with the match in that statement."""
    if not _NEGATED_UNIVERSAL.search(whole.of(text)):
        return False
    end = _STATEMENT_END.search(text, whole.start, whole.end)
    statement = text[whole.start : end.start() if end else whole.end]
    if match.start >= whole.start + len(statement):
        return False
    return _ABSOLUTE.search(statement) is not None and _COMPARED.search(statement) is None


# German puts what a modal verb denies first and "nicht" last: "Eine Allergie behandeln kann eine Waschmaschine
# natürlich nicht", "Klimaneutral nennen dürfen wir das nicht". Only a modal verb of ability or permission: with
# a copula or "müssen" the negation may itself be the claim ("Krank werden Sie damit nicht", "Sorgen machen
# müssen Sie sich nicht"), and so it may where a benefit is not what is denied ("Überhitzen kann er nicht"):
# `denied` takes the modal frame only for claims of a benefit (`BENEFITS`).
_MODAL = r"(?:kann|können|darf|dürfen|soll|sollen|vermag|vermögen)"
_MODAL_DENIAL = re.compile(
    rf"\b{_MODAL}\s+(?:[\w-]+\s+){{0,5}}?(?:nicht|keineswegs)\s*(?:[,.!;:–—)]|\s-\s|$)",
    re.IGNORECASE,
)

# The claims that state a benefit (an effect, a mark, a test, an origin, a rank): denying one asserts nothing.
BENEFITS = frozenset(
    {
        ClaimCategory.HEALTH,
        ClaimCategory.ENVIRONMENTAL,
        ClaimCategory.CERTIFICATION,
        ClaimCategory.TEST_SEAL,
        ClaimCategory.ORIGIN,
        ClaimCategory.SUPERLATIVE,
        ClaimCategory.COMPARATIVE,
    }
)


def not_asserted(text: str, match: Span, sentence: Span, category: ClaimCategory | None = None) -> bool:
    """Whether the match stands in a yes/no question, an indirect question or a denied clause (nothing is
    asserted)."""
    if _YES_NO_QUESTION.search(sentence.of(text)):
        # A question the bot answers itself with a yes asserts it ("Ist er der leiseste am Markt? Ja, absolut.").
        return _AFFIRMED.match(text, sentence.end) is None
    clause = clause_of(text, match, sentence)
    if _INDIRECT_QUESTION.search(clause.of(text)) is not None:
        return True
    return denied(text, match, sentence, modal=category in BENEFITS)


def denied(text: str, match: Span, sentence: Span, *, modal: bool = True) -> bool:
    """Whether the sentence says the match does not hold: a denying frame before it ("Das heißt nicht, dass
    ...") or a modal verb with a final "nicht" after it in its clause ("... behandeln kann X nicht")."""
    frames = list(_DENYING_FRAME.finditer(text, sentence.start, match.start))
    if frames:
        # The break may run into the match: the new clause's subject is often the claim's first word ("…, die
        # Reparatur ist jedoch kostenlos").
        brk = _AFTER_FRAME_BREAK.search(text, frames[-1].end(), sentence.end)
        if brk is None or brk.start() >= match.start:
            return True
    if _universal_denied(text, match, clause_of(text, match, sentence)):
        return True
    if not modal:
        return False
    # The claim words stand before the modal verb, in the same clause: "Die Matratze kann Rückenschmerzen nicht
    # heilen" is no such frame (the rule's own negation handles "nicht heilen").
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, sentence.start, match.start)), default=sentence.start)
    stop = _CLAUSE_BREAK.search(text, match.start, sentence.end)
    clause = text[start : stop.start() if stop else sentence.end]
    verb = _MODAL_DENIAL.search(clause + " ")
    return verb is not None and start + verb.start() > match.start


# A bare yes right after a question: the bot answers its own rhetorical question ("…? Ja!", "…? Absolutely.",
# "…? Yes, it is."). A yes that goes on to say what holds ("Is the GS mark there? Yes – the KV7 Plus carries it")
# makes its own statement, which is judged on its own.
_AFFIRMED = re.compile(
    r"\W*(?:ja|jawohl|klar|natürlich|selbstverständlich|absolut|definitiv|auf\s+jeden\s+fall|na\s+klar|"
    r"yes|yep|yeah|absolutely|definitely|of\s+course|certainly|sure)\b(?:[\s,–-]+[\w']+){0,2}\s*[.!]+(?=\s|$)",
    re.IGNORECASE,
)
# A short question after a comma is a tag on a statement ("… 60 Tage, wussten Sie das?", "…, passt das?",
# "…, right?"): the statement is the bot's, whatever the customer answers.
_TAG_QUESTION = re.compile(r",\s*(?:\w+[\s'’]*){1,4}\?\s*$")

# The bot repeats the customer's belief as a question in order to answer it ("Das Widerrufsrecht beträgt 30 Tage?
# Nein, gesetzlich sind es 14 Tage.", "The cooling-off period is 30 days? No, it's 14 days."): a sentence that ends
# in "?" is an echo when the next one opens with a denial, a correction, a doubt or a referral. A conditional answer
# ("..? Dann schicken Sie es zurück") takes the belief as its premise and is no such answer. What the bot then says
# is its own claim and is judged on its own.
_ECHO_ANSWER = re.compile(
    r"^\W*(?:nein|no(?!\s+(?:questions|problem))\b|nope|leider\s+nicht|so\s+einfach\s+ist\s+es\s+nicht|"
    r"(?:das|dies)\s+(?:stimmt|ist)\s+(?:so\s+|leider\s+|aber\s+)*(?:nicht(?!\s+alles)|falsch)|"
    r"(?:das|dies)\s+(?:kann|darf|können)\s+ich\s+(?:\w+\s+){0,2}?(?:leider\s+)?nicht\s+(?:\w+\s+)?"
    r"(?:bestätigen|sagen|versprechen|garantieren|beurteilen|zusagen|beantworten)\b|"
    r"(?:das|dies)\s+hängt\s+(?:\w+\s+){0,3}?ab|(?:das|dies)\s+(?:klärt|prüft|beantwortet)\b|"
    r"(?:bitte\s+)?(?:fragen|wenden)\s+sie\s+(?:sich\s+)?|bitte\s+(?:fragen|prüfen|wenden|klären|lesen)\b|"
    r"that(?:[\'’]s|\s+is)\s+(?:not(?!\s+(?:all|even|only)\b)|incorrect|wrong)|"
    r"(?:that|this)\s+(?:isn[\'’]t|is\s+not)\b(?!\s+(?:all|even|only)\b)|not\s+quite\b|"
    r"i\s+(?:can[\'’]t|cannot|am\s+not\s+able\s+to)\s+(?:confirm|say|advise|tell)\b(?!\s+(?:you\s+)?enough)|"
    r"(?:that|it)\s+depends\b|please\s+(?:ask|check|consult|see|contact|refer)\b|let\s+me\s+check\b|"
    r"unfortunately\s+not\b)",
    re.IGNORECASE,
)
# A sentence that opens by reporting what the customer wrote or what a document says ("Sie schreiben von 30 Tagen
# Widerrufsrecht – ...", "You said the courier will pick it up tomorrow; ...") reports that belief: its first
# part is not the bot's claim. A confirming frame ("Wie Sie richtig schreiben") is the bot's own.
_REPORTED = re.compile(
    r"^\W*(?:sie\s+(?:schreiben|schrieben|fragen|fragten|meinen|meinten|sagen|sagten|erwähnen|erwähnten|"
    r"haben\s+(?:(?!richtig|recht|korrekt)\w+\s+)?(?:geschrieben|gefragt|gelesen|gehört))|"
    r"ihre[rm]?\s+(?:nachricht|e-mail|mail)\s+nach|"
    r"you\s+(?:said|wrote|say|mention(?:ed)?|asked|ask|write|read|heard)|"
    r"(?:your|the)\s+(?:\w+\s+)?(?:message|e-?mail|confirmation|booking|letter)\s+(?:says|said|states|shows))\b"
    r"(?!\s+(?:\w+\s+)?(?:zu\s+recht|richtig|korrekt|correctly|rightly|right)\b)",
    re.IGNORECASE,
)
# The report ends with its clause: at a comma or "und"/"and" too ("Sie schreiben von Rückenschmerzen, und das Fjell
# heilt …" asserts its second half), except the comma that opens what was said ("Sie schreiben, dass …").
_REPORT_END = re.compile(r"[;:–—,]|\s-\s|\b(?:aber|doch|jedoch|und|but|however|and)\b", re.IGNORECASE)
_REPORT_OBJECT = re.compile(r"\s*,\s*(?:dass|ob|that|whether)\b", re.IGNORECASE)
_WH_QUESTION = re.compile(
    r"^\W*(?:wer|was|wann|wo|wie|warum|weshalb|welche\w*|who|what|when|where|how|why|which)\b", re.IGNORECASE
)


# What a third party said or heard, told by the bot in order to answer it ("Eine Freundin hat gehört, ...", "Man
# liest oft, ...", "A friend of yours heard that ...", "Some people say ..."): a belief reported, not the bot's own
# claim, but only when the next sentence corrects it; otherwise it may be a testimonial ("Viele Kunden sagen, ...").
_THIRD_PARTY_REPORT = re.compile(
    r"^\W*(?:(?:(?:eine?|ihre?|ihr)\s+(?:\w+\s+){0,2}?(?:freundin|freund|bekannte[rn]?|nachbar(?:in)?|kollegin|"
    r"kollege|mutter|vater|schwester|bruder|tochter|sohn|arzt|ärztin|verkäufer(?:in)?)|man|viele|manche|einige)\s+"
    r"(?:(?:hat|habe|haben|hätte|hätten)\s+(?:\w+\s+){0,3}?)?(?:gehört|gelesen|gesagt|erzählt|behauptet|gemeint|"
    r"sagt|sagen|meint|meinen|glaubt|glauben|behaupten|liest|hört|schreibt|schreiben)"
    r"|(?:(?:a|your)\s+(?:\w+\s+){0,2}?(?:friend|neighbou?r|colleague|mother|father|sister|brother|doctor|"
    r"relative)(?:\s+of\s+yours)?|some\s+people|many\s+people|people|others)\s+(?:have\s+|has\s+)?"
    r"(?:heard|read|said|says|say|told\s+you|tells\s+you|claims?|claimed|believes?|thinks?|wrote|writes))\b"
    r"|^\W*you(?:['’]ve|\s+have|\s+may\s+have|\s+might\s+have)\s+(?:\w+\s+)?(?:heard|read)\b",
    re.IGNORECASE,
)
# German reports speech in the subjunctive without "dass": "Sie schreiben, eine Freundin habe gehört,
# Blaulichtfilter würden Kopfschmerzen heilen." Each clause with a verb of the subjunctive goes on reporting;
# the first clause in the indicative is the bot's own again ("..., die Brille hilft aber").
_SUBJUNCTIVE = re.compile(
    r"\b(?:habe|hätte|hätten|sei|seien|wäre|wären|würde|würden|könne|solle|müsse|dürfe|werde|gebe|helfe|heile|"
    r"wirke|schütze|lindere|verhindere|halte|mache|biete|koste|spare)\b",
    re.IGNORECASE,
)


_SAID_CLAUSE = re.compile(r"\s*,\s*")
# Konjunktiv II is also how the bot recommends in its own voice ("…, unser H2 wäre die leiseste Lösung", "…, wir
# würden das Rad abholen"): a clause with the bot or its company as speaker ("wir", "ich", "unser") is the bot's own,
# whatever its mood, and so is one in Konjunktiv II that names the customer as the one who would have ("mit dem T7
# hätten Sie …"). Only the report's own subjunctive (habe, sei, würden heilen of the third party) goes on reporting.
_OWN_VOICE = re.compile(r"\b(?:wir|ich|uns|unser\w*|mein\w*)\b", re.IGNORECASE)


def _report_end(text: str, sentence: Span, after: int, *, corrected: bool) -> int:
    """Where a report that opens a sentence ends: its clause, with what was said ("..., dass ...") and the
    clauses in the subjunctive that go on reporting. When the bot corrects the report next, what was said may
    follow the verb as a clause of its own ("Eine Freundin hat gehört, Blaulichtfilter heilen Kopfschmerzen.")."""
    said_that = _REPORT_OBJECT.match(text, after, sentence.end) or (
        _SAID_CLAUSE.match(text, after, sentence.end) if corrected else None
    )
    end = _REPORT_END.search(text, said_that.end() if said_that else after, sentence.end)
    while end is not None and end.group() == ",":
        following = _REPORT_END.search(text, end.end(), sentence.end)
        stop = following.start() if following else sentence.end
        if not _SUBJUNCTIVE.search(text, end.end(), stop) or _OWN_VOICE.search(text, end.end(), stop):
            break
        end = following
    return end.start() if end else sentence.end


def echoed(text: str, match: Span, sentence: Span, following: str) -> bool:
    """Whether the match repeats the customer's belief rather than asserting it: a question the next sentence
    (`following`) answers with a denial, correction, doubt or referral, or the first part of a sentence that reports
    what the customer or a document said."""
    said = sentence.of(text)
    answer = _ECHO_ANSWER.search(following)
    if (
        answer is not None
        and said.rstrip().endswith("?")
        and not _WH_QUESTION.search(said)
        and not _TAG_QUESTION.search(said)
        # An answer that is itself a question ("Nein? Jetzt wissen Sie es.") corrects nothing.
        and not following[answer.end() :].lstrip().startswith("?")
    ):
        return True
    opening = _REPORTED.search(said)
    if opening is None:
        opening = _THIRD_PARTY_REPORT.search(said)
        # Without the customer as its source, a report is an echo only when the bot corrects it next.
        if opening is None or answer is None:
            return False
    return match.end <= _report_end(text, sentence, sentence.start + opening.end(), corrected=answer is not None)


def about_product_on_sale(view: ReplyView, match: RuleMatch) -> bool:
    """Whether the part of the sentence holding the match (after its last contrast) names a product on sale and no
    unreleased one."""
    text, sentence = view.text, match.sentence_span
    start = max((m.end() for m in _CONTRAST.finditer(text, sentence.start, match.span.start)), default=sentence.start)
    if start == sentence.start:
        return False
    part = Span(start, sentence.end)
    words = part.of(text)
    if view.unreleased(part):
        return False
    return bool(view.base.products.named(words))


def clause_of(text: str, match: Span, sentence: Span) -> Span:
    """The clause of the sentence that holds the match (between commas, semicolons, dashes)."""
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, sentence.start, match.start)), default=sentence.start)
    stop = _CLAUSE_BREAK.search(text, match.end, sentence.end)
    return Span(start, stop.start() if stop else sentence.end)
