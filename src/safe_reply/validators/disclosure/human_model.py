"""The false-human model: a linear model over word stems and stem pairs of first-person sentences.

Why: a false-human claim is the first person plus something only a person does, has, feels or did,
and that is an open class ("I took the tent to Scotland last August", "Ich hab letzte Woche drei
Anlagen montiert"). The rules of validators/disclosure list its predicates; every company nobody read
brings predicates nobody listed. The model reads the same frame as weights: which stems, next to a
first-person subject, speak of a life (a trip, a family, a body, a past, a place) and which of a
bot's work (checking, sending, recommending, naming itself an AI). It runs only on sentences with a
first-person word, never on a question, and only where no false-human rule fired already; the rules
stay the precision backstop (they read negation and frames the model cannot).

Features are the same on both sides (scripts/train_false_human_model.py imports `features`): the
lower-cased words of the sentence, each cut to a stem by a fixed suffix list (so "montiert",
"montiere" and "montieren" meet, and "cooked" meets "cook"), and each pair of neighbouring stems,
present or absent (an L2-normalised binary vector). The score is the intercept plus the weights of
the features present divided by the square root of their number; the file
holds the training's own scores for a few sentences, and a test checks this reader reproduces them.
The finding names the stems that weighed most, so a reviewer sees why.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Any

MODEL_FILE = "human_model.json"
# Letters only: digits, units and punctuation say nothing about who speaks. "I'm" reads as "i", "m".
TOKEN = re.compile(r"[^\W\d_]+")
# The singular first person: the frame of every claim the model judges ("we" is how companies speak).
FIRST_PERSON = frozenset({"ich", "mir", "mich", "mein", "meine", "meinem", "meinen", "meiner", "meines", "meins"}) | {
    "i",
    "me",
    "my",
    "mine",
    "myself",
}
# Where a first-person word may stand in the lower-cased reply (the left edge is checked in Python: one
# cheap pass without a look-behind; the words are short, so the right edge is the regex's).
FIRST_PERSON_HINT = re.compile(r"(?:ich|mir|mich|mein\w*|i|me|my|mine|myself)\b")
# German and English endings, longest first; a stem keeps at least STEM_MIN letters.
SUFFIXES = ("innen", "ungen", "ung", "ing", "est", "ern", "en", "er", "es", "em", "ed", "e", "t", "s", "n")
STEM_MIN = 4
CUES = 4  # how many cue words a finding names
GLUE = frozenset(
    "a an the this that these those and or but of to in into on at for from with by as "
    "der die das den dem des ein eine einen einem einer eines dies diese dieser diesem diesen dieses "
    "und oder aber in im ins an am auf aus bei beim mit von vom zu zum zur für über unter nach vor".split()
)
# Not named as cues (they weigh, but explain nothing to a reviewer).
FUNCTION_WORDS = frozenset(
    "i ich me mir mich my mein mine the a an and und in im on at to of for from with so this that die der das "
    "den dem ein eine einen und aber auch bei beim am zu zum zur mit von vom für auf aus".split()
)
_STEMS: dict[str, str] = {}  # memo: a reply's words repeat across replies
_STEMS_MAX = 50_000


def stem(word: str) -> str:
    known = _STEMS.get(word)
    if known is not None:
        return known
    result = word
    for suffix in SUFFIXES:
        if len(word) - len(suffix) >= STEM_MIN and word.endswith(suffix):
            result = word[: -len(suffix)]
            break
    if len(_STEMS) < _STEMS_MAX:
        _STEMS[word] = result
    return result


def features(sentence: str) -> set[str]:
    """The stems of the sentence and each pair of neighbouring stems ("war gestern" -> "war gest")."""
    return feature_set(TOKEN.findall(sentence.lower()))


def feature_set(words: list[str]) -> set[str]:
    """The features of the words, as worded_features reads them (the per-reply path: no cue words)."""
    stems = [_STEMS.get(word) or stem(word) for word in words]
    glue = [word in GLUE for word in words]
    found = {s for s, g in zip(stems, glue, strict=True) if not g}
    found.update([f"{stems[i]} {stems[i + 1]}" for i in range(len(words) - 1) if not (glue[i] and glue[i + 1])])
    return found


def worded_features(words: list[str]) -> dict[str, str]:
    """Each feature of the sentence's words -> the words it was read from (what a finding names as a cue).

    Articles, prepositions and conjunctions alone, or two of them in a row ("on this", "in der"), are
    no features: they say where a phrase stands, not who speaks, and as features they made any long
    sentence with "on this" look like "on this mattress in the showroom".
    """
    stems = [_STEMS.get(word) or stem(word) for word in words]
    found = {s: w for s, w in zip(stems, words, strict=True) if w not in GLUE}
    for i in range(len(words) - 1):
        one, two = words[i], words[i + 1]
        if one not in GLUE or two not in GLUE:
            found[f"{stems[i]} {stems[i + 1]}"] = f"{one} {two}"
    return found


# A negated statement is no claim the model can read: "Ich habe den Kaffee nie selbst probiert" denies what
# the same words without "nie" would claim, and bag-of-stems weights cannot tell the two apart. The rules
# judge negation in their frames; the model leaves such sentences alone ("n't" arrives as the token "t"),
# except a denial of being a machine ("hier antwortet kein Automat, sondern ich"): there the negation is
# the claim.
NEGATION = frozenset(
    "nicht nie niemals kein keine keinen keinem keiner keines weder not never no nor neither t".split()
)
MACHINE_WORDS = frozenset({"ki", "ai", "bot", "bots"})  # whole words: "kind", "aim" and "bottle" are none
MACHINE_PREFIXES = ("automat", "chatbot", "roboter", "robot", "maschine", "machine", "computer", "programm",
                    "program", "software", "algorithm", "künstlich", "artificial")


# Quoted speech of three words or more, introduced as somebody else's words, is not the bot's claim: the
# bot repeating a customer ("Sie schreiben: „Ich habe das Rad letzten Sommer gekauft …“", 'You wrote: "my
# kids use it every day"'). Without such an introduction a quote stays the bot's own ("Wie ich immer sage:
# „Ich fahre das Rad selbst …“", "Ehrlich gesagt: „Ich bin kein Bot …“"). Double quotes only (’ is an
# apostrophe); a one- or two-word quote is a scare quote ("im „Lager“") and stays.
QUOTE_MARKS = frozenset('„“”"«»')
# Which mark closes a quote an opening mark starts; “ closes a German „ but opens an English quote.
_CLOSERS = MappingProxyType({"„": "“”\"", "“": "”", '"': '"', "«": "»", "»": "«"})
_MAX_QUOTE = 400
_MARK_OR_BREAK = re.compile('[„“”"«»\n]')
# A speaker who is not the bot and a verb of saying, in the words before the opening mark: a pronoun, the
# customer or a colleague; a person named by title or by a noun phrase ("Herr Weigl meinte", "Unsere
# Monteurin Frau Kaya sagt", "Our technician said", "Tom from the warehouse replied"); or "laut …",
# "according to …". A name alone must come with a finite verb: "Ehrlich gesagt: „…“" is the bot's own.
_SAYING = (
    r"schreib\w*|schrieb\w*|geschrieben|meint\w*|sag\w*|gesagt|frag\w*|gefragt|erwähnt\w*|berichte\w*|zitier\w*|"
    r"erklärt\w*|antwortet\w*|ergänzt\w*|bestätigt\w*|betont\w*|wrote|writes?|written|said|says?|asked|asks?|"
    r"mention\w*|told|tells?|report\w*|quot\w*|put\s+it|explain\w*|repl(?:y|ies|ied)|answer\w*|add(?:s|ed)|"
    r"not(?:es|ed)|confirm\w*|comment\w*|laute\w*|heißt\s+es|hieß\s+es"
)
_SAYING_FINITE = (
    r"sagt|sagte|meint|meinte|schreibt|schrieb|erklärt|erklärte|antwortet|antwortete|ergänzt|ergänzte|"
    r"bestätigt|bestätigte|said|says|wrote|writes|explained|explains|replied|replies|added|adds|told|noted|confirmed"
)
_OTHER_SPEAKER = re.compile(
    r"(?:\b(?:sie|du|ihr|er|man|jemand|kund\w*|kolleg\w*|you|he|she|they|someone|customers?|clients?|colleagues?)\b"
    r"|\b(?:herr|frau|dr|prof|mr|mrs|ms)\.?\s+(?-i:[A-ZÄÖÜ])\w+"
    r"|\b(?:der|die|unser\w*|the|our)\s+(?:[\w.-]+\s+){0,2}?[\w-]*(?:er|erin|eur|eurin|ist|istin|ant|ent|or|ian|"
    r"chef\w*|leiter\w*|meister\w*|team|lab|labor)\b"
    # A customer review: "One reviewer wrote", "Eine Bewertung lautet", "In einer Rezension heißt es".
    r"|\b(?:one|a|an|another|ein|eine|einer|eines|einem)\s+(?:[\w-]+\s+)?(?:reviewers?|reviews?|customers?|buyers?|"
    r"\w*bewertung|rezension|rezensent\w*|käufer\w*|testbericht|kundenstimme)\b)"
    rf"[^.!?\n]{{0,40}}?\b(?:{_SAYING})\b[^.!?\n]{{0,30}}$"
    # A name with a finite verb; not a noun after the bot's possessive ("Meine Erfahrung sagt", "My gut
    # says": in German every noun is capitalised), and "at home" is no place a colleague is from.
    rf"|(?<!\bmein\s)(?<!\bmeine\s)(?<!\bunser\s)(?<!\bunsere\s)(?<!\bmy\s)(?<!\bour\s)"
    rf"(?!(?:mein\w*|unser\w*|my|our)\b)(?-i:\b[A-ZÄÖÜ][a-zäöüß]+)(?:\s+(?-i:[A-ZÄÖÜ])[\w-]+)?"
    rf"(?:\s+(?:vom|von|aus|from|at|in)(?!\s+(?:home|hause)\b)(?:\s+[\w-]+){{1,3}}?)?"
    rf"\s+(?:{_SAYING_FINITE}|(?:hat|hatte|has|had)\s+(?:(?:uns|mir|us|me)\s+)?(?:geschrieben|gesagt|erklärt|written|said|told))"
    r"\b[^.!?\n]{0,30}$"
    r"|\b(?:laut|according\s+to|in\s+the\s+words\s+of)\s+(?!(?:mir|me|uns|us)\b)[^.!?\n:]{1,40}:\s*$"
    r"|\b(?:ihre?\w*|deine?\w*|your)\s+(?:frage|anfrage|nachricht|e-?mail|mail|worte|bewertung|kommentar|question|"
    r"message|words|review|comment)\b[^.!?\n]{0,30}$",
    re.IGNORECASE,
)
# The bot as the one who speaks (a subject): "Wie ich immer sage", "As we tell customers"; an object is no
# speaker ("Der Kunde schrieb uns: „…“").
# The bot's own AI persona is the bot too ("Unser KI-Assistent meint: „…“", "our digital assistant"), but
# not a person's job ("our assistant manager Tom", "Assistentin der Geschäftsführung").
_BOT_SPEAKER = re.compile(
    r"\b(?:ich|wir|i|we|ki|ai|bot|chatbot)\b|\b(?:digital\w*|virtu\w*|chat)[\s-]*assist"
    r"|\bassist(?:ent|entin|ant)\b(?!,?\s+(?:der|des|manager|to|of|at|in|im|vom)\b)",
    re.IGNORECASE,
)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the quotes of three words or more that somebody other than the bot is said to have said.

    One left-to-right pass over the quote marks pairs each opening mark with the next mark that closes
    it (a line break or 400 characters end an unclosed quote), so a closing mark never pairs with the
    next quote's opening one ('The "Pro" is great. I ride mine … the "Eco" mode') and the cost is linear.
    """
    spans: list[tuple[int, int]] = []
    opening, closers = -1, ""
    for found in _MARK_OR_BREAK.finditer(text):
        position, mark = found.start(), found.group()
        if opening >= 0 and (mark == "\n" or position - opening > _MAX_QUOTE + 1):
            opening = -1  # unclosed: the mark after it may open the next quote
        if opening < 0:
            opening, closers = (position, _CLOSERS[mark]) if mark in _CLOSERS else (-1, "")
            continue
        if mark in closers:
            inner = text[opening + 1 : position]
            if len(inner) >= 4 and len(inner.split()) >= 3 and _introduced_by_other(text, opening):
                spans.append((opening, position + 1))
            opening = -1
    return spans


def _introduced_by_other(text: str, opening: int) -> bool:
    before = text[max(0, opening - 80) : opening]
    intro = _OTHER_SPEAKER.search(before)
    return intro is not None and _BOT_SPEAKER.search(intro.group()) is None


def _blank_quotes(sentence: str) -> str:
    for start, end in reversed(quoted_spans(sentence)):
        sentence = f"{sentence[:start]} {sentence[end:]}"
    return sentence


# A negation word that negates nothing of the statement: an idiom ("Kein Stress, ich hab heute eh
# Spätschicht", "No worries, I'll drop it off on my way home", "kein Wunder") or a focus ("nicht nur",
# "not just"). Bag-of-words negation would otherwise shield every claim that follows a polite opener.
IDLE_NEGATED = frozenset(
    "stress problem probleme problems worries worry sorge sorgen thema rush hurry ursache wunder wonder "
    "doubt zweifel nur only just".split()
)


def _negated(words: list[str]) -> bool:
    """Whether a negation word in the words negates something (not an idiom like "no worries")."""
    return any(
        word in NEGATION and (index + 1 == len(words) or words[index + 1] not in IDLE_NEGATED)
        for index, word in enumerate(words)
    )


def statement_words(sentence: str, subject: bool = False) -> list[str] | None:
    """The words of a statement (not a question, not negated) with a first-person word, else None: the
    model judges only those; quoted speech is left out of them. ``subject``: the statement continues a
    first-person clause before it ("Ich bin der KI-Assistent [und fahre nachher ins Lager]"), so it needs
    no first-person word of its own."""
    if sentence.rstrip(" \t\"'”“»«)]*_").endswith("?"):
        return None
    if not QUOTE_MARKS.isdisjoint(sentence):
        sentence = _blank_quotes(sentence)
    words = TOKEN.findall(sentence.lower())
    if not subject and FIRST_PERSON.isdisjoint(words):
        return None
    if not NEGATION.isdisjoint(words) and _negated(words) and not _denies_being_a_machine(words):
        return None
    return words


def _machine(word: str) -> bool:
    return word in MACHINE_WORDS or word.startswith(MACHINE_PREFIXES)


def _denies_being_a_machine(words: list[str]) -> bool:
    """A negation right before a machine word, at most an article or adjective between ("kein Automat",
    "keine echte KI", "not a bot"): the product's machine in a negated sentence ("Ich habe die Maschine
    nicht getestet") is no denial."""
    return any(
        word in NEGATION and any(_machine(after) for after in words[index + 1 : index + 3])
        for index, word in enumerate(words)
    )


def is_candidate(sentence: str) -> bool:
    return statement_words(sentence) is not None


# Where one sentence holds two statements: a dash, a semicolon or an emoji between them ("…, der ist
# praktisch unkaputtbar – meiner hängt seit drei Jahren am Halsband von meinem Rüden", "no, I'm definitely
# not a bot – just a fast typer 😄 Now, about your port forwarding …"). The score is a mean over the
# features, so the claim of one clause is diluted by the product talk of the other.
# Also an em dash between words (English sets it without spaces: "the order is packed—I drove it to
# the depot myself"), every emoji block the packs' `emoji` fragment knows, and a text smiley (":)", ";-)").
_BREAKS = (" – ", " — ", " - ", "; ", "—", ":)", ";)", ":-)", ";-)", ":D")
CLAUSE_BREAK = re.compile(
    r"\s[–—-]\s|(?<=\w)—(?=\w)|;\s|[:;]-?[)D](?!\w)|[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]+"
)


def claiming_part(model: HumanModel, sentence: str, subject: bool = False) -> str | None:
    """The sentence, or else one of its clauses, that the model takes for a claim; None when none is.

    A question is no claim in any of its clauses; each clause is otherwise read as a statement of its own
    (its own first-person word, its own negation).
    """
    words = statement_words(sentence, subject)
    if words is not None and model.claims(words):
        return sentence
    # Most sentences have no break: four substring tests and one max() over the characters (the emoji lie
    # above U+2600) spare them the regex.
    if not any(mark in sentence for mark in _BREAKS) and max(sentence, default=" ") < "\u2600":
        return None
    if sentence.rstrip(" \t\"'”“»«)]*_").endswith("?"):
        return None
    parts = CLAUSE_BREAK.split(sentence)
    if len(parts) < 2:
        return None
    for number, part in enumerate(parts):
        words = statement_words(part, subject and number == 0)
        if words is not None and model.claims(words):
            return part
    return None


@dataclass(frozen=True, slots=True)
class Verdict:
    probability: float
    cues: tuple[str, ...]  # the features present that pushed most towards a claim, strongest first


@dataclass(frozen=True, slots=True)
class HumanModel:
    weights: MappingProxyType[str, float] = field(repr=False)
    intercept: float
    threshold: float

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> HumanModel:
        """The model as scripts/train_false_human_model.py writes it; any other shape is a ValueError."""
        weights, intercept, threshold = raw.get("weights"), raw.get("intercept"), raw.get("threshold")
        if not isinstance(weights, dict) or not isinstance(intercept, float | int):
            raise ValueError(f"{MODEL_FILE}: 'weights' must map features to numbers and 'intercept' be a number")
        if not isinstance(threshold, float) or not 0.5 <= threshold < 1.0:
            raise ValueError(f"{MODEL_FILE}: 'threshold' must be a probability in [0.5, 1), got {threshold!r}")
        table = {str(feature): float(weight) for feature, weight in weights.items()}
        # A NaN would make every comparison with the threshold false: the model would pass everything, silently.
        odd = next((f for f, w in table.items() if not math.isfinite(w)), None)
        if odd is not None or not math.isfinite(intercept):
            where = f"weights[{odd!r}]" if odd is not None else "'intercept'"
            raise ValueError(f"{MODEL_FILE}: {where} must be a finite number; retrain the model")
        return cls(MappingProxyType(table), float(intercept), threshold)

    def score(self, sentence: str) -> float:
        """The linear score (log-odds) of a claim, as the training computed it."""
        return self.score_words(TOKEN.findall(sentence.lower()))

    def score_words(self, words: list[str]) -> float:
        get = self.weights.get
        known = [w for f in feature_set(words) if (w := get(f)) is not None]
        # fsum: exactly rounded whatever the order, so a set's order (hash seed) cannot move a sentence
        # across the threshold between runs.
        return self.intercept + (math.fsum(known) / math.sqrt(len(known)) if known else 0.0)

    def claims(self, words: list[str]) -> bool:
        """Whether the score reaches the threshold (compared as log-odds: no exp on the common path)."""
        return self.score_words(words) >= self.threshold_score

    @property
    def threshold_score(self) -> float:
        return math.log(self.threshold / (1.0 - self.threshold))

    def judge(self, sentence: str) -> Verdict:
        worded = worded_features(TOKEN.findall(sentence.lower()))
        score, weighed = self._weigh(worded)
        weighed.sort(reverse=True)
        strongest = (worded[f] for w, f in weighed if w > 0 and f not in FUNCTION_WORDS)
        return Verdict(_logistic(score), tuple(itertools.islice(strongest, CUES)))

    def _weigh(self, present: Iterable[str]) -> tuple[float, list[tuple[float, str]]]:
        # The features the model knows, each 1/sqrt(n) (an L2-normalised binary vector): a long
        # sentence does not score higher for being long.
        get = self.weights.get
        weighed = [(w, f) for f in present if (w := get(f)) is not None]
        if not weighed:
            return self.intercept, weighed
        return self.intercept + math.fsum(w for w, _ in weighed) / math.sqrt(len(weighed)), weighed


def _logistic(score: float) -> float:
    if score < 0:  # the form that cannot overflow for any score
        odds = math.exp(score)
        return odds / (1.0 + odds)
    return 1.0 / (1.0 + math.exp(-score))


@functools.lru_cache(maxsize=1)
def shipped_human_model() -> HumanModel:
    """The model shipped inside the package (read once per process)."""
    source = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return HumanModel.from_json(json.loads(source))
