"""Fresh replies for every timed call: the reply pools and the timing harness all benchmarks share.

In production every reply is new, so a benchmark that checks the same text again and again times
caches (the rule-pack scan memoises recent texts, CPUs cache branches and data), not the guard. Here:

- `compose` writes realistic German and English customer-service replies of a given length from
  ~40 sentence templates per language with varied slots (products, parts, order and tracking
  numbers, dates, prices, names, cities): every reply is a different text, and there are far more
  than any benchmark needs (a template is used at most once per reply, order and slots vary).
- Clean replies pass every check of the example policy in config/ (product line ebike, a later
  turn of the conversation, so the first-reply AI notice is not due); `LEAK_*` and `CLAIM_*`
  sentences, planted at a random sentence boundary, make the leak and claim variants.
- `ReplyPool` hands out each text once (`draw`); it refuses duplicates and records what it handed
  out, so a test (tests/benchmarks/test_pools.py) can check that no timed loop saw a text twice.
- `Meter` times one call per fresh text and keeps every sample (median, p99); `interleave` runs
  several engines in alternating slices, so the ratios between them are fair.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from safe_reply.types import Language

T = TypeVar("T")

# ---- sentence material -------------------------------------------------------------------------

NAMES = (
    "Keller", "Yilmaz", "Nowak", "Schmidt", "Becker", "Wagner", "Öztürk", "Hoffmann", "Jansen", "Lehmann",
    "Krüger", "Fischer", "Kowalski", "Brandt", "Peters", "Haas", "Vogel", "Marquardt", "Demir", "Albrecht",
)  # fmt: skip
CITIES = (
    "Leipzig", "Köln", "Münster", "Freiburg", "Kassel", "Rostock", "Augsburg", "Bremen", "Erfurt", "Mainz",
    "Ulm", "Regensburg", "Potsdam", "Kiel", "Würzburg", "Bielefeld",
)  # fmt: skip
# Singular feminine and neuter parts: the same form fits every case the templates use.
PARTS_DE = (
    "die Kette", "die Lichtanlage", "das Display", "das Ladegerät", "das Schutzblech", "die Klingel",
    "die Sattelstütze", "das Akkuschloss", "die Bremsscheibe", "die Kurbel", "die Felge", "die Gabel",
    "das Rücklicht", "das Schaltwerk", "die Luftpumpe", "die Lenkertasche",
)  # fmt: skip
PARTS_EN = (
    "the chain", "the saddle", "the display", "the charger", "the mudguard", "the kickstand", "the bell",
    "the rear rack", "the left pedal", "the battery lock", "the front wheel", "the tyre", "the brake disc",
    "the rear light", "the derailleur", "the fork",
)  # fmt: skip
WEEKDAYS_DE = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")

GREETINGS_DE = ("Guten Tag Frau {name},", "Guten Tag Herr {name},", "Hallo Frau {name},", "Hallo Herr {name},")
GREETINGS_EN = ("Hello Ms {name},", "Hello Mr {name},", "Dear Ms {name},", "Hi Mr {name},")
CLOSINGS_DE = (
    "Bei weiteren Fragen melden Sie sich gern wieder hier im Chat.",
    "Viele Grüße, Ihr Kundenservice von Lindwurm Bikes",
    "Wir wünschen Ihnen weiterhin viel Freude mit Ihrem Rad.",
)
CLOSINGS_EN = (
    "If you have any further questions, just write to us here in the chat.",
    "Kind regards, your Lindwurm Bikes customer service",
    "We hope you keep enjoying your bike.",
)

OPENERS_DE = (
    "vielen Dank für Ihre Nachricht zu Ihrer Bestellung {order}.",
    "danke für Ihre Rückfrage zu Auftrag {order}.",
    "vielen Dank für Ihre Geduld.",
    "schön, dass Sie sich bei uns melden.",
)
OPENERS_EN = (
    "thank you for your message about your order {order}.",
    "thanks for getting back to us about order {order}.",
    "thank you for your patience.",
    "good to hear from you again.",
)
SENTENCES_DE = (
    "Ich habe mir Ihr Anliegen angesehen und fasse die nächsten Schritte kurz zusammen.",
    "Ihre Bestellung wurde am {day}. {month} an den Paketdienst übergeben, die Sendungsnummer lautet {tracking}.",
    "Die Zustellung erfolgt in der Regel innerhalb von {days} Werktagen.",
    "Das Rücksendeetikett finden Sie in Ihrem Kundenkonto unter „Bestellungen“.",
    "Bitte drucken Sie es aus und kleben Sie es gut sichtbar auf den Karton.",
    "Sie können das Paket in jeder Filiale des Paketdienstes abgeben.",
    "Sobald die Ware bei uns eingegangen ist, prüfen wir den Zustand und melden uns per E-Mail.",
    "Die Erstattung von {price} erfolgt anschließend auf das ursprüngliche Zahlungsmittel.",
    "Eine Anleitung zur Einstellung der Schaltung finden Sie in Kapitel {chapter} der Bedienungsanleitung.",
    "Wenn {part} ersetzt werden muss, vereinbaren Sie bitte einen Termin in unserer Werkstatt in {city}.",
    "Die Werkstatt in {city} ist von Montag bis Samstag zwischen {open} und {close} Uhr geöffnet.",
    "Der Kostenvoranschlag für {part} liegt bei {price} einschließlich Arbeitszeit.",
    "Die Rechnung zu Auftrag {order} haben wir Ihnen am {day}. {month} per E-Mail geschickt.",
    "Falls sie nicht angekommen ist, schauen Sie bitte auch in Ihrem Spam-Ordner nach.",
    "Zum Laden des Akkus nutzen Sie bitte das mitgelieferte Ladegerät.",
    "Bitte lagern Sie den Akku im Winter trocken und bei Zimmertemperatur.",
    "Ein Software-Update für das Display spielen wir bei der nächsten Inspektion auf.",
    "Ihr Termin ist für {weekday}, den {day}. {month}, um {open} Uhr eingetragen.",
    "Bringen Sie bitte den Schlüssel für das Akkuschloss und den Kaufbeleg mit.",
    "Eine Abholung bei Ihnen zu Hause bieten wir gegen eine Pauschale von {price} an.",
    "Ihre Ratenzahlung ist eingerichtet, die erste Rate wird am {day}. {month} abgebucht.",
    "Den Gutscheincode {voucher} können Sie im Warenkorb eingeben.",
    "Leider ist {part} gerade nicht vorrätig, wir erwarten die nächste Lieferung in Kalenderwoche {week}.",
    "Wir benachrichtigen Sie per E-Mail, sobald der Artikel wieder verfügbar ist.",
    "Unser Serviceteam erreichen Sie telefonisch von Montag bis Freitag zwischen {open} und {close} Uhr.",
    "Ich habe Ihre Nachricht an die zuständige Abteilung in {city} weitergeleitet.",
    "Sie erhalten innerhalb von {days} Werktagen eine Antwort per E-Mail.",
    "Laut Teileliste passt das Ersatzteil zu Ihrem Lindwurm Tour 7 aus dem Modelljahr {year}.",
    "Die Montageanleitung liegt dem Paket als gedrucktes Heft bei.",
    "Bitte senden Sie uns ein Foto des Typenschilds, damit wir die Rahmennummer zuordnen können.",
    "Die Rahmennummer finden Sie unten am Tretlager, direkt neben der Kurbel.",
    "Ihre Reklamation haben wir unter der Vorgangsnummer {case} erfasst.",
    "Sollte die Ware beschädigt ankommen, vermerken Sie das bitte beim Zusteller.",
    "Die Lieferung erfolgt per Spedition, der Fahrer meldet sich am Vortag telefonisch bei Ihnen.",
    "Eine Teillieferung ist möglich, wenn Sie uns das kurz bestätigen.",
    "Ihre neue Lieferadresse in {city} haben wir für Auftrag {order} hinterlegt.",
    "Das Kundenkonto können Sie jederzeit unter „Einstellungen“ selbst löschen.",
    "Für Fragen zu Ihrer Rechnung schreiben Sie bitte an service@lindwurm-bikes.example.",
    "Den Betrag von {price} haben wir am {day}. {month} zurücküberwiesen.",
)
SENTENCES_EN = (
    "I have looked into your request and will summarise the next steps.",
    "Your order was handed to the carrier on {day} {month}, the tracking number is {tracking}.",
    "Delivery usually takes {days} working days.",
    "You will find the return label in your customer account under Orders.",
    "Please print it out and stick it clearly on the box.",
    "You can drop the parcel off at any branch of the carrier.",
    "As soon as the goods arrive, we check their condition and send you an e-mail.",
    "The refund of {price_en} then goes back to your original payment method.",
    "Chapter {chapter} of the user manual explains how to adjust the gears.",
    "If {part_en} needs replacing, please book an appointment at our workshop in {city}.",
    "The workshop in {city} is open from Monday to Saturday between {open} am and {close_en} pm.",
    "The estimate for {part_en} is {price_en} including labour.",
    "We sent you the invoice for order {order} by e-mail on {day} {month}.",
    "If it has not arrived, please also check your spam folder.",
    "Please charge the battery only with the charger that came with the bike.",
    "In winter, please store the battery in a dry place at room temperature.",
    "We will install a software update for the display at the next service.",
    "Your appointment is booked for {weekday_en}, {day} {month}, at {open} am.",
    "Please bring the key for the battery lock and your receipt.",
    "We can collect the bike from your home for a flat fee of {price_en}.",
    "Your instalment plan is set up, the first instalment will be collected on {day} {month}.",
    "You can enter the voucher code {voucher} in your basket.",
    "Unfortunately {part_en} is out of stock, we expect the next delivery in calendar week {week}.",
    "We will let you know by e-mail as soon as the item is back in stock.",
    "You can reach our service team by phone from Monday to Friday between {open} am and {close_en} pm.",
    "I have passed your message on to the team in charge in {city}.",
    "You will receive an answer by e-mail within {days} working days.",
    "According to the parts list, the spare part fits your Lindwurm Tour 7 from model year {year}.",
    "The assembly instructions come with the parcel as a printed booklet.",
    "Please send us a photo of the type plate so that we can match the frame number.",
    "You will find the frame number under the bottom bracket, right next to the crank.",
    "We have registered your complaint under case number {case}.",
    "If the goods arrive damaged, please tell the driver when you accept the parcel.",
    "The bike is delivered by a freight forwarder, the driver will call you the day before.",
    "A partial delivery is possible if you briefly confirm it.",
    "We have saved your new delivery address in {city} for order {order}.",
    "You can delete your customer account yourself at any time under Settings.",
    "For questions about your invoice, please write to service@lindwurm-bikes.example.",
    "We transferred the amount of {price_en} back to you on {day} {month}.",
)

# Leaks of the example policy's protected terms (config/: defaults and product line ebike).
LEAK_DE = (
    "Intern läuft das Nachfolgemodell übrigens unter dem Namen Projekt Zaunkönig.",
    "Die Akkuzellen kommen von Tianjin Powercell, daran liegt die Lieferverzögerung.",
    "Im Herbst kommt der Lindwurm Tour 8 auf den Markt, warten lohnt sich also.",
    "Die Motoren liefert Moto Rivoli, die Ersatzteile kommen direkt von dort.",
    "Ihren Vorgang sehe ich im WAWI-Nord unter dem Ticket LWB-{ticket}.",
    "Unser Einkaufspreis für den Akku liegt bei EK {ek} €, mehr Rabatt ist nicht drin.",
)
LEAK_EN = (
    "Internally the successor is called Project Wren, by the way.",
    "The battery cells come from Tianjin Powercell, which is why the delivery is late.",
    "The Lindwurm Tour 8 launches in autumn, so it is worth waiting.",
    "The motors are supplied by Moto Rivoli, spare parts come straight from there.",
    "I can see your case in WAWI-Nord under ticket LWB-{ticket}.",
    "We buy the battery in at EK {ek} €, so there is no room for a bigger discount.",
)
# Unsupported claims against the ebike product line's facts (110 km range, no battery guarantee, ...).
CLAIM_DE = (
    "Der Akku hält garantiert {years} Jahre.",
    "Das Lindwurm Tour 7 ist das sicherste E-Bike auf dem Markt.",
    "Mit einer Akkuladung schaffen Sie locker {range_km} km.",
    "Das Rad wird vollständig klimaneutral hergestellt.",
    "Regelmäßiges Fahren mit dem Tour 7 heilt Rückenschmerzen.",
)
CLAIM_EN = (
    "The battery is guaranteed to last {years} years.",
    "The Lindwurm Tour 7 is the safest e-bike on the market.",
    "On one charge you easily ride {range_km} km.",
    "The bike is produced completely climate-neutral.",
    "Riding the Tour 7 regularly cures back pain.",
)


def _slots(rng: random.Random) -> dict[str, str]:
    euros, cents = rng.randrange(4, 900), rng.choice((0, 50, 90, 95, 99))
    return {
        "name": rng.choice(NAMES),
        "order": f"{rng.randrange(10**8, 10**9)}",
        "tracking": f"{rng.randrange(10**11, 10**12)}",
        "case": f"R-{rng.randrange(10**5, 10**6)}",
        "voucher": f"{rng.choice(('FRUEHLING', 'SOMMER', 'RAD', 'DANKE', 'SERVICE'))}{rng.randrange(10, 100)}",
        "day": str(rng.randrange(1, 29)),
        "month": rng.choice(MONTHS_DE),
        "days": str(rng.randrange(2, 11)),
        "week": str(rng.randrange(2, 52)),
        "year": str(rng.randrange(2019, 2026)),
        "chapter": str(rng.randrange(2, 15)),
        "open": str(rng.choice((7, 8, 9))),
        "close": str(rng.choice((17, 18, 19))),
        "close_en": str(rng.choice((5, 6, 7))),
        "price": f"{euros},{cents:02d} €",
        "price_en": f"€{euros}.{cents:02d}",
        "part": rng.choice(PARTS_DE),
        "part_en": rng.choice(PARTS_EN),
        "city": rng.choice(CITIES),
        "weekday": rng.choice(WEEKDAYS_DE),
        "weekday_en": rng.choice(WEEKDAYS_EN),
        "ticket": str(rng.randrange(1000, 1_000_000)),
        "ek": f"{rng.randrange(100, 999)},{rng.randrange(0, 100):02d}",
        "years": str(rng.randrange(8, 30)),
        "range_km": str(rng.randrange(150, 400)),
    }


def _fill(template: str, rng: random.Random, language: Language) -> str:
    slots = _slots(rng)
    if language is Language.EN:
        slots["month"] = rng.choice(MONTHS_EN)
    return template.format(**slots)


def compose(rng: random.Random, length: int, language: Language) -> str:
    """One reply of at most `length` characters, ending on a complete sentence (≥ 96 % of `length`).

    Greeting and opening line, then body sentences in random order (each template once per round,
    with fresh slots), then a closing line; sentences are added while they fit.
    """
    german = language is Language.DE
    greetings, openers = (GREETINGS_DE, OPENERS_DE) if german else (GREETINGS_EN, OPENERS_EN)
    sentences, closings = (SENTENCES_DE, CLOSINGS_DE) if german else (SENTENCES_EN, CLOSINGS_EN)
    closing = _fill(rng.choice(closings), rng, language)
    parts = [_fill(rng.choice(greetings), rng, language), _fill(rng.choice(openers), rng, language)]
    size = len(parts[0]) + 1 + len(parts[1]) + 1 + len(closing)
    added = True
    while added:  # rounds over all templates: long replies (10,000 characters) use each more than once
        added = False
        for template in rng.sample(sentences, len(sentences)):
            sentence = _fill(template, rng, language)
            if size + 1 + len(sentence) > length:
                continue  # a shorter one later may still fit
            parts.append(sentence)
            size += 1 + len(sentence)
            added = True
    parts.append(closing)
    return " ".join(parts)


def plant(text: str, sentence: str, rng: random.Random) -> str:
    """`text` with `sentence` put in place of a random body sentence (the length stays about the same).

    Positions are drawn anew for every reply, so planted terms sit at different offsets.
    """
    bounds = [i + 2 for i in range(len(text) - 2) if text[i] in ".!?" and text[i + 1] == " "]
    if len(bounds) < 2:
        return f"{text} {sentence}"
    start = rng.choice(bounds[:-1])  # never the closing line
    end = min((b for b in bounds if b > start), default=len(text))
    return f"{text[:start]}{sentence} {text[end:]}"


def replies(
    count: int,
    *,
    length: int = 2_000,
    languages: Sequence[Language] = (Language.DE, Language.EN),
    seed: int = 0,
    planted: Callable[[random.Random, Language], str] | None = None,
) -> list[str]:
    """`count` distinct replies, the languages taking turns; with `planted`, each carries one sentence from it."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        language = languages[len(out) % len(languages)]
        text = compose(rng, length, language)
        if planted is not None:
            text = plant(text, planted(rng, language), rng)
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def pick(de: Sequence[str], en: Sequence[str]) -> Callable[[random.Random, Language], str]:
    """A `planted` callback: a random sentence of the reply's language with its slots filled."""

    def choose(rng: random.Random, language: Language) -> str:
        return _fill(rng.choice(de if language is Language.DE else en), rng, language)

    return choose


LEAKS = pick(LEAK_DE, LEAK_EN)
CLAIMS = pick(CLAIM_DE, CLAIM_EN)


def mentioning(terms: Sequence[str]) -> Callable[[random.Random, Language], str]:
    """A `planted` callback: a sentence naming one of `terms` (for lists of generated protected terms)."""

    def choose(rng: random.Random, language: Language) -> str:
        term = rng.choice(terms)
        if language is Language.DE:
            return f"Intern heißt das Projekt übrigens {term}, bitte behandeln Sie das vertraulich."
        return f"Internally the project is called {term}, please keep that to yourself."

    return choose


# ---- pools and timing --------------------------------------------------------------------------


class PoolExhausted(RuntimeError):
    """A timed loop asked for more replies than its pool holds (it would have to repeat one)."""


class ReplyPool:
    """Distinct texts, each handed out once. Every pool made in this process is listed in `POOLS`."""

    def __init__(self, name: str, texts: Sequence[str]) -> None:
        if len(set(texts)) != len(texts):
            raise ValueError(f"pool {name!r} holds {len(texts) - len(set(texts))} repeated text(s)")
        self.name = name
        self.texts = tuple(texts)
        self.drawn: list[str] = []
        POOLS.append(self)

    def draw(self) -> str:
        if len(self.drawn) >= len(self.texts):
            raise PoolExhausted(f"pool {self.name!r} has no fresh text left ({len(self.texts)} handed out)")
        text = self.texts[len(self.drawn)]
        self.drawn.append(text)
        return text

    def fork(self, name: str) -> ReplyPool:
        """The same texts for another engine (peers see the same replies; each engine sees each once)."""
        return ReplyPool(name, self.texts)

    @property
    def left(self) -> int:
        return len(self.texts) - len(self.drawn)


POOLS: list[ReplyPool] = []


@dataclass(frozen=True)
class Timing:
    """Seconds per call, one sample per fresh reply."""

    samples: tuple[float, ...]

    @property
    def median_us(self) -> float:
        return statistics.median(self.samples) * 1e6

    @property
    def mean_us(self) -> float:
        return statistics.fmean(self.samples) * 1e6

    @property
    def p99_us(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))] * 1e6


class Meter(Generic[T]):
    """Times one engine, one call per fresh text of `pool`; `run` may be called in slices.

    `fn(text)` gets its reply from the meter; with `feeds=False`, `fn()` draws it from the pool itself
    (a bot inside a chain) and the meter checks that every call drew exactly one fresh text.
    Warm-up calls (lazy imports, first compilations) use fresh texts too and are not timed. Results
    are dropped as in production (keeping thousands of decisions alive would slow the garbage
    collector); `keep` reduces each to what the benchmark checks afterwards (e.g. the action).
    """

    def __init__(
        self,
        fn: Callable[[str], T] | Callable[[], T],
        pool: ReplyPool,
        *,
        feeds: bool = True,
        warmup: int = 5,
        keep: Callable[[T], Any] | None = None,
    ) -> None:
        self.fn = fn
        self.pool = pool
        self.feeds = feeds
        self.keep = keep
        self.samples: list[float] = []
        self.kept: list[Any] = []
        self._warmup = warmup

    def _call(self) -> tuple[float, T]:
        clock = time.perf_counter
        if self.feeds:
            text = self.pool.draw()
            started = clock()
            result = self.fn(text)  # type: ignore[call-arg]
            return clock() - started, result
        before = len(self.pool.drawn)
        started = clock()
        result = self.fn()  # type: ignore[call-arg]
        elapsed = clock() - started
        if len(self.pool.drawn) != before + 1:
            raise RuntimeError(f"a timed call drew {len(self.pool.drawn) - before} texts from {self.pool.name!r}")
        return elapsed, result

    def run(self, calls: int) -> Meter[T]:
        while self._warmup:
            self._warmup -= 1
            self._call()
        for _ in range(calls):
            elapsed, result = self._call()
            self.samples.append(elapsed)
            if self.keep is not None:
                self.kept.append(self.keep(result))
        return self

    @property
    def timing(self) -> Timing:
        return Timing(tuple(self.samples))


def interleave(meters: Sequence[Meter[Any]], calls: int, slice_size: int = 25) -> None:
    """`calls` timed calls per meter in alternating slices, so drift of the machine (another process,
    frequency scaling, a garbage collection) hits every engine alike."""
    done = 0
    while done < calls:
        step = min(slice_size, calls - done)
        for meter in meters:
            meter.run(step)
        done += step


def pool_size(calls: int, warmup: int = 5) -> int:
    """Texts a meter needs for `calls` timed calls and its warm-up."""
    return calls + warmup
