"""Trade-secret validator: finds protected terms (codenames, suppliers, purchase prices, internal
systems, ...) in a bot reply in any spelling, and proposes to redact them.

Once a bot tells a customer a codename or a purchase price, the information may no longer be a
trade secret (GeschGehG §2 Nr. 1). Findings carry the term's kind and a keyed hash, never the term.

Pipeline per reply: a cheap check decides between the fast skeleton (lower-case letters and digits
only) and the full normalisation (secrets_normalise); one automaton over every variant of every
term finds candidates (secrets_variants, secrets_automaton); word-boundary rules and allowed terms
decide; terms that are also ordinary words count only where used as a name (secrets_context);
regex patterns run over a lightly normalised view; base64-looking tokens are decoded and
scanned. Everything costly is built once, when the policy loads.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import dataclasses
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from safe_reply.keys import KeyedHasher
from safe_reply.lang import reply_language
from safe_reply.types import Category, Context, Edit, Finding, Language, Message, Severity, Span
from safe_reply.validators.trade_secrets.automaton import Automaton, Hit, Slots, match_skeleton
from safe_reply.validators.trade_secrets.config import Kind, kind_labels
from safe_reply.validators.trade_secrets.context import NameRule
from safe_reply.validators.trade_secrets.credentials import may_hold_credential
from safe_reply.validators.trade_secrets.decode import Decoded, decode, spells_dots
from safe_reply.validators.trade_secrets.facts import FactScanner
from safe_reply.validators.trade_secrets.fastpath import FastView, fast_view, hit_windows, text_windows
from safe_reply.validators.trade_secrets.matters import MatterScanner
from safe_reply.validators.trade_secrets.name_ends import LETTERS, as_preposition, counted
from safe_reply.validators.trade_secrets.naming import unlisted_names
from safe_reply.validators.trade_secrets.normalise import Skeleton, full_skeleton
from safe_reply.validators.trade_secrets.regexes import PatternGate, TextPattern
from safe_reply.validators.trade_secrets.spelling import (
    MaskIndex,
    acrostic,
    masked_words,
    spelled_words,
    truncated_words,
)
from safe_reply.validators.trade_secrets.tricks import describe_tricks
from safe_reply.validators.trade_secrets.views import (
    has_spaced_characters,
    has_split_token,
    has_token_markup,
    pattern_view,
)

__all__ = ["LEGAL_BASIS", "NAME", "Leak", "ProtectedPattern", "ProtectedTerm", "TradeSecretValidator"]

NAME = "trade_secrets"
LEGAL_BASIS = "GeschGehG §2 Nr. 1 a, b (Offenlegung hebt den Geheimnisschutz auf; angemessene Geheimhaltungsmaßnahmen)"

# Base64 of anything worth hiding has at least 8 characters ("Eos" -> "RW9z" is caught as well:
# shorter tokens are decoded too, but only accepted when they decode to printable text).
_BASE64 = re.compile(r"(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{4,}={0,2}(?![A-Za-z0-9+/=])")
_BASE64_HINT = re.compile(r"[0-9+/=]|[a-z][A-Z]")
# A capital first, so the regex engine skips ahead to capitals (a look-behind in front was tried at every
# position: ~40 µs a reply); the look-behind after it says the word starts there.
# A word of letters and digits ("LW14HT", "14HT", "X2Pro"): leetspeak to the full skeleton.
_DIGIT_WORD = re.compile(r"(?<![^\W_])(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])[^\W_]+")
_CAPITAL_CODE_WORD = re.compile(r"[A-Z](?<![^\W_][A-Z])[A-Z]+[0-9][A-Z0-9]*(?![^\W_])")


@dataclass(frozen=True, slots=True)
class ProtectedTerm:
    """A term or alias as the validator keeps it: kind, keyed hash, and what trick labels need."""

    kind: str
    entry: str  # the entry as written; its keyed hash names it in a finding (hashed per finding, not at load)
    key: str  # plain skeleton key (lower-case letters and digits)
    upper: bool  # written in capitals in the config (then capitals are no trick)
    hyphen: bool  # written with a hyphen in the config (then a hyphen is no trick)
    alias: bool
    name_rule: NameRule | None  # an ordinary word too: a leak only where used as a name
    english: bool = False  # an ordinary English word: a capital in an English sentence marks a name


@dataclass(frozen=True, slots=True)
class ProtectedPattern:
    regex: TextPattern  # RE2 (linear time) or a safe Python pattern (regexes.py)
    kind: str
    term_hash: str


@dataclass(frozen=True, slots=True)
class Leak:
    """One leak in a reply: original offsets plus what may be logged about it."""

    start: int
    end: int
    kind: str
    term_hash: str
    trick: str
    evidence: str | None = None  # ordinary-word terms only: why the hit is a name (secrets_context)


@dataclass(eq=False)
class TradeSecretValidator:
    """The compiled validator: pure, thread-safe (never mutated after build), no I/O in `detect`."""

    placeholders: dict[Language, str]  # never mutated after build
    default_language: Language
    terms: tuple[ProtectedTerm, ...]
    patterns: tuple[ProtectedPattern, ...]
    automaton: Automaton | None
    slots: Slots  # per automaton key: what it stands for (never mutated after build)
    term_lens: list[int]  # per protected term: skeleton length (short terms match whole words only)
    hasher: KeyedHasher  # the keyed hash of a term or an unlisted name for the finding (never the name itself)
    facts: FactScanner | None = None  # internal facts, fixed amounts, purchase prices (facts.py)
    matters: MatterScanner | None = None  # entries revealed by what they are (matters.py)
    fact_entries: tuple[tuple[str, str], ...] = ()  # (kind, term hash) per fact and matter entry index
    credentials: tuple[ProtectedPattern, ...] = ()  # the built-in credential pack, when enabled
    pattern_gate: PatternGate | None = None  # one RE2 search for all RE2 patterns (regexes.py)
    markers: frozenset[int] = frozenset()  # automaton keys that gate a decoder (below), maybe terms too
    pure_markers: frozenset[int] = frozenset()  # of those, the keys that stand for no term at all
    spelling_markers: frozenset[int] = frozenset()  # of the markers, the spelling-alphabet words
    # Of the markers, the skeleton forms of the fact cue words (None: the facts have no gate).
    fact_markers: frozenset[int] | None = None
    naming: frozenset[int] = frozenset()  # of those, "project", "codename"...: an unlisted name may follow
    public: frozenset[str] = frozenset()  # public words (allowed terms, product names): no unlisted name
    masks: MaskIndex | None = None  # term keys by length, for masked words ("P*g*de")
    # How far a term may reach in a reply around one of its words: twice its skeleton (spaces, hyphens).
    term_reach: int = 0
    hosts: bool = True  # an entry looks like a host or address: spelled-out dots are decoded too
    leet_keys: bool = False  # some term has digits and letters: its key may read the digits as letters
    name: str = NAME

    def detect(self, text: str, ctx: Context) -> Sequence[Finding]:
        leaks = self.scan(text)
        if not leaks:
            return []
        # The same language choice as the policy's fallback, so a rewritten reply stays in one language.
        language = reply_language(text, ctx.language, self.default_language)
        placeholder = self.placeholders[language]
        return [self._finding(leak, placeholder) for leak in leaks]

    def scan(self, text: str, *, decode_base64: bool = True, name_rule: bool = True) -> list[Leak]:
        """Every leak in `text`, sorted by position.

        `name_rule=False` ignores the ordinary-word setting (every hit counts): used for decoded
        base64, where the encoding itself is the disguise, and for checking the placeholders.
        """
        decoded = decode(text, hosts=self.hosts)
        fast: FastView | None = None  # the reply's fast view, when it has one (shared with the facts)
        if decoded is not None:
            inner, markers, _ = self._scan_plain(decoded.text, decode_base64=decode_base64, name_rule=name_rule)
            leaks = [_remap(leak, text, decoded) for leak in inner]
            # A spelled-out dot is also a word ("die Kette Vet Punkt hat" is no "vet.hat"): such a reply is read
            # as written too, and a term the decoding hid is still found. Tags and escapes hide no word.
            if spells_dots(text):
                plain, plain_markers, _ = self._scan_plain(text, decode_base64=decode_base64, name_rule=name_rule)
                leaks += _not_overlapping(plain, leaks)
                markers |= plain_markers
        else:
            leaks, markers, fast = self._scan_plain(text, decode_base64=decode_base64, name_rule=name_rule)
        if decode_base64:  # the first, outer scan: also the spelling decoders
            leaks += self._decoder_leaks(text, markers)
            if markers & self.naming:  # a listed term at the same place says it better
                leaks += _not_overlapping(self._unlisted_names(text), leaks)
        if self.facts:
            # A clean reply (fast view) without a cue word (marker keys of the term automaton) and without
            # a currency mark holds no fact: the fact scan, with its lower() and cue pass, is skipped.
            gated = (
                fast is not None
                and self.fact_markers is not None
                and not markers & self.fact_markers
                and not self.facts.may_hold_amount(text, fast)
            )
            if not gated:
                # An entry named by its term is not reported again by the sentence that states it as a fact.
                spans = [(leak.start, leak.end, leak.term_hash) for leak in leaks]
                leaks += [
                    fact
                    for fact in self._fact_leaks(text)
                    if not any(h == fact.term_hash and s < fact.end and fact.start < e for s, e, h in spans)
                ]
        if self.matters is not None:
            # An entry the reply names (or states by its value) is reported there: its description adds nothing.
            named = {leak.term_hash for leak in leaks}
            described = (
                Leak(m.start, m.end, *self.fact_entries[m.entry], "described") for m in self.matters.scan(text)
            )
            leaks += [leak for leak in described if leak.term_hash not in named]
        if self.credentials and may_hold_credential(text):
            leaks += [
                Leak(m.start(), m.end(), p.kind, p.term_hash, "credential")
                for p in self.credentials
                for m in p.regex.finditer(text)
                if m.end() > m.start()
            ]
        return sorted(set(leaks), key=lambda leak: (leak.start, leak.end, leak.term_hash))

    def _fact_leaks(self, text: str) -> list[Leak]:
        """Facts, amounts and purchase prices; in a reply with spaced letters or digits also in its
        pattern view, where "K u l a n z g r e n z e ... 9 0 €" reads "Kulanzgrenze ... 90 €"."""
        assert self.facts is not None
        leaks = [Leak(m.start, m.end, *self.fact_entries[m.entry], "fact") for m in self.facts.scan(text)]
        if has_spaced_characters(text):
            view, starts, ends = pattern_view(text)
            seen = {(leak.start, leak.end, leak.term_hash) for leak in leaks}
            for m in self.facts.scan(view):
                leak = Leak(starts[m.start], ends[m.end - 1], *self.fact_entries[m.entry], "fact+spaced")
                if (leak.start, leak.end, leak.term_hash) not in seen:
                    leaks.append(leak)
        return leaks

    def _unlisted_names(self, text: str) -> list[Leak]:
        """A name introduced as a project name in English ("Project Breeze", "codenamed Swallow")
        that is on no list: a translated or a new codename. Public words pass."""
        return [
            Leak(start, end, Kind.CODENAME.value, self.hasher(name), "unlisted_name")
            for start, end, name in unlisted_names(text, self.public)
        ]

    def _decoder_leaks(self, text: str, markers: frozenset[int]) -> list[Leak]:
        """Spelled-out words, acrostics and masked words (spelling.py); each gated by a cheap test."""
        leaks: list[Leak] = []
        spelled = spelled_words(text, len(markers & self.spelling_markers))
        poem = acrostic(text)
        for word, trick in (*((s, "spelled") for s in spelled), *(((poem, "acrostic"),) if poem else ())):
            for inner in self.scan(word.letters, decode_base64=False, name_rule=False):
                leaks.append(Leak(word.start, word.end, inner.kind, inner.term_hash, trick))
        if self.masks is not None:
            for start, end, masked in masked_words(text):
                for index in self.masks.match(masked):
                    term = self.terms[index]
                    leaks.append(Leak(start, end, term.kind, self.hasher(term.entry), "mask"))
            for start, end, prefix in truncated_words(text):
                for index in self.masks.match_truncated(prefix):
                    term = self.terms[index]
                    leaks.append(Leak(start, end, term.kind, self.hasher(term.entry), "mask"))
        return leaks

    def _scan_plain(
        self, text: str, *, decode_base64: bool, name_rule: bool
    ) -> tuple[list[Leak], frozenset[int], FastView | None]:
        """Term and pattern leaks, the spelling-alphabet words the automaton saw, and the fast view."""
        fast = fast_view(text)
        if fast is not None:
            leaks, markers = self._term_leaks(text, fast, name_rule)
            # Cheap gates first: the policy has such terms, the reply has two letters before a digit.
            if self.leet_keys and fast.capital_digits:
                leaks += self._capital_code_leaks(text, leaks, name_rule)
            if self.patterns and (fast.has_spaced_letters() or has_token_markup(text) or has_split_token(text)):
                view, starts, ends = pattern_view(text)
                leaks += self._pattern_leaks(text, view, starts, ends)
            elif self.patterns:
                leaks += self._pattern_leaks(text, text, None, None)
        else:
            skeleton = full_skeleton(text)
            leaks, markers = self._term_leaks(text, skeleton, name_rule)
            if self.term_reach and self.automaton is not None:
                leaks += self._digit_word_leaks(text, leaks, name_rule)
            if self.patterns:
                view, starts, ends = pattern_view(text)
                leaks += self._pattern_leaks(text, view, starts, ends)
            if decode_base64:
                leaks += self._base64_leaks(text)
        return leaks, markers, fast

    def _term_leaks(
        self, text: str, skeleton: Skeleton | FastView, name_rule: bool
    ) -> tuple[list[Leak], frozenset[int]]:
        """Term leaks, and the marker keys the automaton saw (gates of the decoders)."""
        if self.automaton is None:
            return [], frozenset()
        find = self.automaton.find
        if isinstance(skeleton, FastView):
            # Fast path: most replies stop here, after byte operations and one automaton pass, which
            # finds the reversed and ROT13-encoded forms of every term too.
            raw = self.automaton.find_latin1(skeleton.skeleton)
            markers = frozenset(key for key, _, _ in raw if key in self.markers)
            if not any(key not in self.pure_markers for key, _, _ in raw):
                return [], markers
            # The boundary rules need offsets and gaps: built for the words around the automaton's matches
            # only. Every match gets its window, not only the candidates: an allowed term ("Schwarze
            # Elster") must be seen whole to cover the candidate inside it.
            spans = [(start, end) for _, start, end in raw]
            parts = [(window, find(window.text)) for window in hit_windows(text, skeleton, spans)]
        else:
            raw = find(skeleton.text)
            markers = frozenset(key for key, _, _ in raw if key in self.markers)
            parts = [(skeleton, raw)]
        return self._leaks_in(text, parts, name_rule), markers

    def _leaks_in(
        self, text: str, parts: Sequence[tuple[Skeleton, Sequence[tuple[int, int, int]]]], name_rule: bool
    ) -> list[Leak]:
        """The leaks of the automaton's matches in skeletons of `text` (the whole reply's or windows)."""
        # Each hit is judged on the skeleton it was found in (its window's); equal hits are one leak.
        found = {
            hit: part for part, part_raw in parts for hit in match_skeleton(part, part_raw, self.slots, self.term_lens)
        }
        memo = _ReplyMemo(text, self.hasher)
        leaks = [self._leak(hit, found[hit], name_rule, memo) for hit in _outermost(list(found), self._entry_of)]
        return [leak for leak in leaks if leak is not None]

    def _capital_code_leaks(self, text: str, leaks: list[Leak], name_rule: bool) -> list[Leak]:
        """The leaks of words written in capitals with digits ("ZORVAK4821"): the fast view keeps their
        digits (a code to it), while a term such as "Zorvak4821" is keyed as the full skeleton reads it,
        digits as letters. Those words are scanned once more in lower case (same length, same offsets)."""
        assert self.automaton is not None
        codes = [m.span() for m in _CAPITAL_CODE_WORD.finditer(text)]
        # The reply with its code words in lower case (one search for both).
        cuts = [0, *(at for span in codes for at in span), len(text)]
        lowered = "".join(
            text[a:b].lower() if i % 2 else text[a:b] for i, (a, b) in enumerate(itertools.pairwise(cuts))
        )
        # Only the words around the codes, as far as a term of several words reaches ("Velo ZORVAK4821"):
        # the whole reply's full skeleton cost ~400 µs for every reply with a voucher code ("SOMMER25") once
        # a list holds more than MAX_AS_WRITTEN_KEYS digit terms.
        reach = self.term_reach
        around = [(max(0, start - reach), min(len(text), end + reach)) for start, end in codes]
        find = self.automaton.find
        parts = [(window, find(window.text)) for window in text_windows(lowered, around, leet=True)]
        inner = self._leaks_in(lowered, parts, name_rule)
        changed = [Leak(start, end, "", "", "") for start, end in codes]
        # The inner leaks that touch a changed word: those that _not_overlapping would drop (linear).
        untouched = set(_not_overlapping(inner, changed))
        found = [
            dataclasses.replace(leak, trick="+".join(sorted({*leak.trick.split("+"), "case"} - {"literal"})))
            for leak in inner
            if leak not in untouched
        ]
        return _not_overlapping(found, leaks)

    def _digit_word_leaks(self, text: str, leaks: list[Leak], name_rule: bool) -> list[Leak]:
        """Words of letters and digits read as written: the full skeleton reads "LW14HT" as leetspeak, while a
        term of several words with digits ("SonnTherm LW 14 HT") keeps its digits. Only the words around
        them are read again, as far as such a term reaches (term_reach: a policy that has such terms)."""
        assert self.automaton is not None
        spans = [m.span() for m in _DIGIT_WORD.finditer(text)]
        if not spans:
            return []
        reach = self.term_reach
        around = [(max(0, start - reach), min(len(text), end + reach)) for start, end in spans]
        find = self.automaton.find
        parts = [(window, find(window.text)) for window in text_windows(text, around)]
        return _not_overlapping(self._leaks_in(text, parts, name_rule), leaks)

    def _entry_of(self, term: int) -> str:
        return self.terms[term].entry

    def _leak(self, hit: Hit, skeleton: Skeleton, name_rule: bool, memo: _ReplyMemo) -> Leak | None:
        """The leak of one hit, or None for an ordinary-word term used in its ordinary sense."""
        term = self.terms[hit.term]
        if counted(skeleton.original, hit.start, hit.end) and self._public_without_number(term.entry):
            return None  # "Gläser LO Vario Pro 2 Stück": the number counts the public product, no "Pro 2"
        if as_preposition(skeleton.original, hit.start, hit.end, term.entry):
            return None  # "einen Glanzwerk All-in-1 pro Spülgang": "pro" is "per", no "All-in-1 Pro"
        trick = describe_tricks(
            skeleton, hit, term.key, upper_term=term.upper, term_hyphen=term.hyphen, alias=term.alias
        )
        if term.name_rule is None or not name_rule:
            return Leak(hit.start, hit.end, term.kind, memo.hash(term.entry), trick)
        evidence = term.name_rule.evidence(
            skeleton.original,
            hit.start,
            hit.end,
            trick,
            english=term.english,
            # Aliases and partial mentions are often English words themselves ("Crane" of "Kranich").
            foreign=not term.english and not term.alias,
            english_reply=memo.english,
        )
        if evidence is None:
            return None
        return Leak(hit.start, hit.end, term.kind, memo.hash(term.entry), trick, evidence.value)

    def _public_without_number(self, entry: str) -> bool:
        """The entry without its last number is a public name, or made of public words only ("LO Vario Pro")."""
        head = entry.rstrip("0123456789").rstrip(" -").lower()
        words = LETTERS.findall(head)
        return bool(words) and (head in self.public or all(word in self.public for word in words))

    def _pattern_leaks(
        self, text: str, view: str, starts: Sequence[int] | None, ends: Sequence[int] | None
    ) -> list[Leak]:
        leaks = []
        gate = self.pattern_gate
        skip = gate.gated if gate is not None and not gate.matches(view) else frozenset()
        for index, pattern in enumerate(self.patterns):
            if index in skip:
                continue
            for match in pattern.regex.finditer(view):
                if match.end() == match.start():
                    continue
                start, end = match.start(), match.end()
                trick = "literal"
                if starts is not None and ends is not None:
                    start, end = starts[start], ends[end - 1]
                    trick = "literal" if match.group() == text[start:end] else "normalised"
                leaks.append(Leak(start, end, pattern.kind, pattern.term_hash, trick))
        return leaks

    def _base64_leaks(self, text: str) -> list[Leak]:
        leaks = []
        for match in _BASE64.finditer(text):
            token = match.group()
            if not _BASE64_HINT.search(token):
                continue
            decoded = _decode_base64(token)
            if decoded is None:
                continue
            for inner in self.scan(decoded, decode_base64=False, name_rule=False):
                leaks.append(Leak(match.start(), match.end(), inner.kind, inner.term_hash, "base64"))
        return leaks

    def _finding(self, leak: Leak, placeholder: str) -> Finding:
        de, en = kind_labels(leak.kind)
        span = Span(leak.start, leak.end)
        return Finding(
            rule_id=f"{NAME}.{leak.kind}",
            category=Category.TRADE_SECRET,
            span=span,
            message=Message(
                f"Vertrauliche Information ({de}, Schlüssel-Hash {leak.term_hash}) in der Antwort: einmal "
                f"offengelegt, kann sie ihren Schutz als Geschäftsgeheimnis verlieren.",
                f"Confidential information ({en}, keyed hash {leak.term_hash}) in the reply: once disclosed it may "
                f"lose its trade-secret protection.",
            ),
            legal_basis=LEGAL_BASIS,
            severity=Severity.HIGH,
            validator=NAME,
            fix=Edit(span, placeholder),
            details=_details(leak),
        )


def _details(leak: Leak) -> dict[str, str]:
    details = {"kind": leak.kind, "term_hash": leak.term_hash, "trick": leak.trick}
    if leak.evidence is not None:
        details["evidence"] = leak.evidence
    return details


def _remap(leak: Leak, original: str, decoded: Decoded) -> Leak:
    """A leak found in the decoded reply, with offsets into the original and the decoding named."""
    start, end = decoded.starts[leak.start], decoded.ends[leak.end - 1]
    trick = leak.trick
    if original[start:end] != decoded.text[leak.start : leak.end]:
        trick = "+".join(sorted({*trick.split("+"), "decoded"} - {"literal"}))
    return dataclasses.replace(leak, start=start, end=end, trick=trick)


class _ReplyMemo:
    """What the leaks of one reply share: the keyed hash per term (a reply full of one term hashes
    it once) and whether the reply is English (guessed once, only if an English ordinary word asks)."""

    def __init__(self, text: str, hasher: KeyedHasher) -> None:
        self._text = text
        self._hasher = hasher
        self._hashes: dict[str, str] = {}
        self._english: bool | None = None

    def hash(self, entry: str) -> str:
        found = self._hashes.get(entry)
        if found is None:
            found = self._hashes[entry] = self._hasher(entry)
        return found

    def english(self) -> bool:
        if self._english is None:
            self._english = reply_language(self._text, None, Language.DE) is Language.EN
        return self._english


def _not_overlapping(candidates: list[Leak], leaks: list[Leak]) -> list[Leak]:
    """The candidates that overlap no leak (sorted starts and a running maximum of ends: linear)."""
    spans = sorted((leak.start, leak.end) for leak in leaks)
    starts = [start for start, _ in spans]
    max_ends = list(itertools.accumulate((end for _, end in spans), max))
    kept = []
    for candidate in candidates:
        before = bisect.bisect_left(starts, candidate.end) - 1  # the leaks that start before it ends
        if before < 0 or max_ends[before] <= candidate.start:
            kept.append(candidate)
    return kept


def _outermost(hits: list[Hit], entry_of: Callable[[int], str]) -> list[Hit]:
    """Drop a hit that lies inside another hit of the same entry (two variants, or a partial mention
    such as "Tianjin" inside "Tianjin Powercell": one leak).

    In (start, -end) order, a hit lies inside an earlier one of its entry exactly when its end does not
    pass the furthest end seen for that entry: one pass, not a comparison with every kept hit.
    """
    hits.sort(key=lambda h: (h.start, -h.end))
    kept: list[Hit] = []
    furthest: dict[str, int] = {}
    for hit in hits:
        entry = entry_of(hit.term)
        if hit.end > furthest.get(entry, -1):
            kept.append(hit)
            furthest[entry] = hit.end
    return kept


def _decode_base64(token: str) -> str | None:
    stripped = token.rstrip("=")
    padded = stripped + "=" * (-len(stripped) % 4)
    try:
        decoded = base64.b64decode(padded, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    printable = sum(c.isprintable() or c.isspace() for c in decoded)
    return decoded if decoded and printable == len(decoded) else None
