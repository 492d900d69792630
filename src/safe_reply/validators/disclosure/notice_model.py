"""The AI-notice second opinion: a linear model over words and word pairs, read from notice_model.json.

The rules recognise a notice by its grammar (ai_notice, ai_label). A bot writes notices in forms nobody
listed; each one the rules miss would get a second notice inserted. So when the rules find none where the
policy requires one, and the policy opted in (`notice_model: true`), the disclosure validator asks this
model, and inserts the notice only when the model is not sure the reply already has one. Opt-in, because
words alone also take an AI feature or somebody else's assistant for a notice ("Die App hat einen
KI-Assistenten für Rezepte", "Our AI assistant is currently offline"). It never decides that a notice
is missing and never speaks for the false-human check (it is not asked when a false-human or persona
rule fired: a bag of words cannot read "not"). On the labelled corpora the threshold kept it from
taking any reply without a notice for one (scripts/train_notice_model.py --check).

The reader is exactly scikit-learn's TfidfVectorizer (lower case, its token pattern, words and word pairs,
1 + log(tf), idf, L2 norm) and LogisticRegression, in plain Python: the file holds the training's own
probabilities for a few replies, and a test checks the reader reproduces them.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

MODEL_FILE = "notice_model.json"


@dataclass(frozen=True, slots=True)
class NoticeModel:
    token: re.Pattern[str]
    features: MappingProxyType[str, tuple[float, float]]  # word or "word pair" -> (idf, weight)
    intercept: float
    threshold: float

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> NoticeModel:
        """The model as scripts/train_notice_model.py writes it; any other shape is a ValueError."""
        ngram = raw.get("ngram_range")
        if ngram != [1, 2] or raw.get("sublinear_tf") is not True:
            raise ValueError(f"{MODEL_FILE}: expected words and word pairs with sublinear tf, got {ngram!r}")
        features, intercept, threshold = raw.get("features"), raw.get("intercept"), raw.get("threshold")
        if not isinstance(features, dict) or not isinstance(intercept, float | int):
            raise ValueError(f"{MODEL_FILE}: 'features' must map terms to [idf, weight] and 'intercept' be a number")
        if not isinstance(threshold, float) or not 0.5 <= threshold < 1.0:
            raise ValueError(f"{MODEL_FILE}: 'threshold' must be a probability in [0.5, 1), got {threshold!r}")
        table = {str(term): (float(pair[0]), float(pair[1])) for term, pair in features.items()}
        return cls(re.compile(str(raw["token_pattern"])), MappingProxyType(table), float(intercept), threshold)

    def probability(self, text: str) -> float:
        """P(the reply carries an AI notice), as the training computed it."""
        tokens = self.token.findall(text.lower())
        counts = Counter(tokens)
        counts.update(map(" ".join, itertools.pairwise(tokens)))
        get = self.features.get
        dot = norm = 0.0
        for term, count in counts.items():
            known = get(term)
            if known is not None:
                value = (1.0 + math.log(count)) * known[0]
                dot += value * known[1]
                norm += value * value
        score = self.intercept + (dot / math.sqrt(norm) if norm else 0.0)
        if score < 0:  # the logistic function, in the form that cannot overflow for any score
            odds = math.exp(score)
            return odds / (1.0 + odds)
        return 1.0 / (1.0 + math.exp(-score))

    def has_notice(self, text: str) -> bool:
        return self.probability(text) >= self.threshold


@functools.lru_cache(maxsize=1)
def shipped_notice_model() -> NoticeModel:
    """The model shipped inside the package (read once per process, ~40 ms)."""
    source = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return NoticeModel.from_json(json.loads(source))
