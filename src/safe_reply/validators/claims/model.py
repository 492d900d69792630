"""The claims second opinion: a sparse linear model over the words of a sentence, read from claims_model.json.

The rules find a claim by its words and frames; a claim in words nobody listed passes. So where the policy opts
in (`validators.claims.model: true`), every sentence that no claims rule matched is scored by this model (a
sentence a rule matched has been judged already: flagged, or backed by the facts). A sentence the model is sure
of becomes a finding of its own rule id, `claims.model`, unless the rules' reasons to stay quiet hold for it
(second_opinion.py). The finding names the words that weighed most ("cue words"), so a reviewer sees why.

Why this shape: deterministic, small, explains itself, no library at run time (scripts/train_claims_model.py
trains it with scikit-learn and writes the weights). A sentence's features are its words of three or more word
characters (lower case), each counted, times 1/sqrt(length in characters / 6): one sum per sentence. An L1
penalty in training leaves a few hundred words a weight; scoring a reply is then ONE Aho-Corasick pass over it
(in Rust, as the rule-pack scan) that finds those words, instead of a dictionary look-up per word of every
sentence (which cost more than the whole claims check). `score` is the same sum written plainly; a property
test checks the two agree.
"""

from __future__ import annotations

import functools
import json
import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Any

import ahocorasick_rs

MODEL_FILE = "claims_model.json"
RULE_ID = "claims.model"
# Words of three or more characters: one- and two-letter words ("a", "an", "zu") occur inside almost every longer
# word, and the automaton would report each of those places only for the whole-word check to reject it (700 raw
# hits per 2,000-character reply with them, 180 without). Words of four or more cost recall on r7/r8 (LOCO).
WORD = re.compile(r"\w{3,}")
LENGTH_UNIT = 6.0  # characters per word, roughly: keeps the features' scale near 1/sqrt(words)
FORMAT = "words/sqrt-length"


def words(sentence: str) -> list[str]:
    """The words the model reads (training and `score` share this)."""
    return WORD.findall(sentence.lower())


def scale(length: int) -> float:
    """What each word of a sentence of `length` characters counts."""
    return 1.0 / math.sqrt(max(1.0, length / LENGTH_UNIT))


@dataclass(frozen=True, slots=True)
class ClaimsModel:
    weights: MappingProxyType[str, float]  # word -> weight; a word not listed weighs nothing
    intercept: float
    threshold: float  # a probability
    # The threshold as a logit: scoring compares sums and never calls exp().
    cut: float = field(init=False)
    _automaton: Any = field(init=False, repr=False, compare=False)
    _by_index: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        terms = sorted(self.weights)
        odd = [t for t in terms if not WORD.fullmatch(t) or t != t.lower()]
        if odd:  # the automaton would count what `words` never reads
            raise ValueError(f"{MODEL_FILE}: weights[{odd[0]!r}] is not one word of 3+ characters in lower case")
        object.__setattr__(self, "cut", math.log(self.threshold / (1.0 - self.threshold)))
        kind = ahocorasick_rs.MatchKind.LeftmostLongest
        object.__setattr__(self, "_automaton", ahocorasick_rs.AhoCorasick(terms, matchkind=kind) if terms else None)
        object.__setattr__(self, "_by_index", tuple(self.weights[t] for t in terms))

    @classmethod
    def from_json(cls, raw: Any) -> ClaimsModel:
        """The model as scripts/train_claims_model.py writes it; any other shape is a ValueError naming the key."""
        if not isinstance(raw, dict):
            raise ValueError(f"{MODEL_FILE}: expected a JSON object, got {type(raw).__name__}")
        if raw.get("format") != FORMAT:
            raise ValueError(f"{MODEL_FILE}: 'format' must be {FORMAT!r}, got {raw.get('format')!r}; retrain")
        weights, intercept, threshold = raw.get("weights"), raw.get("intercept"), raw.get("threshold")
        if not isinstance(weights, dict) or not weights:
            raise ValueError(f"{MODEL_FILE}: 'weights' must map words to numbers")
        if isinstance(intercept, bool) or not isinstance(intercept, float | int) or not math.isfinite(intercept):
            raise ValueError(f"{MODEL_FILE}: 'intercept' must be a finite number, got {intercept!r}")
        if isinstance(threshold, bool) or not isinstance(threshold, float) or not 0.5 <= threshold < 1.0:
            raise ValueError(f"{MODEL_FILE}: 'threshold' must be a probability in [0.5, 1), got {threshold!r}")
        if intercept >= math.log(threshold / (1.0 - threshold)):
            raise ValueError(f"{MODEL_FILE}: 'intercept' {intercept} would flag a sentence without any cue word")
        table: dict[str, float] = {}
        for term, weight in weights.items():
            if isinstance(weight, bool) or not isinstance(weight, float | int) or not math.isfinite(weight):
                raise ValueError(f"{MODEL_FILE}: weights[{term!r}] must be a finite number, got {weight!r}")
            if not WORD.fullmatch(term) or term != term.lower():
                raise ValueError(f"{MODEL_FILE}: weights[{term!r}] is not one word of 3+ characters in lower case")
            table[term] = float(weight)
        return cls(MappingProxyType(table), float(intercept), threshold)

    def score(self, sentence: str) -> float:
        """The logit of P(the sentence is an unsupported claim), written plainly (the reference for `sure_in`)."""
        get = self.weights.get
        return self.intercept + sum(get(word, 0.0) for word in words(sentence)) * scale(len(sentence))

    def probability(self, sentence: str) -> float:
        score = self.score(sentence)
        if score < 0:  # the logistic function in the form that cannot overflow
            odds = math.exp(score)
            return odds / (1.0 + odds)
        return 1.0 / (1.0 + math.exp(-score))

    def cues(self, sentence: str, limit: int = 3) -> tuple[str, ...]:
        """The words that pushed the score up most, strongest first (ties: the order in the sentence)."""
        counted = Counter(w for w in words(sentence) if self.weights.get(w, 0.0) > 0)
        ranked = sorted(counted, key=lambda w: -self.weights[w] * counted[w])
        return tuple(ranked[:limit])

    def sure_in(self, lowered: str, starts: list[int], ends: list[int], skip: set[int]) -> list[int]:
        """The numbers of the sentences (`starts[i]:ends[i]` of the lower-cased reply) the model is sure of,
        leaving out those in `skip`: `score(sentence) >= cut`, computed from one pass over the reply."""
        if self._automaton is None:
            return []
        sums: dict[int, float] = {}
        by_index, length = self._by_index, len(lowered)
        for index, start, end in self._automaton.find_matches_as_indexes(lowered):
            # A whole word only: the automaton also finds the words inside longer ones ("preis" in "Preisliste").
            if start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
                continue
            if end < length and (lowered[end].isalnum() or lowered[end] == "_"):
                continue
            number = bisect_right(starts, start) - 1
            if number >= 0 and end <= ends[number]:
                sums[number] = sums.get(number, 0.0) + by_index[index]
        intercept, cut = self.intercept, self.cut
        return sorted(
            number
            for number, total in sums.items()
            if number not in skip and intercept + total * scale(ends[number] - starts[number]) >= cut
        )


@functools.lru_cache(maxsize=1)
def shipped_claims_model() -> ClaimsModel:
    """The model shipped inside the package (read once per process)."""
    source = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return ClaimsModel.from_json(json.loads(source))
