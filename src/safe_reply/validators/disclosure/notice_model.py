"""The AI-notice second opinion: a linear model over words and word pairs, read from notice_model.json.

The rules recognise a notice by its grammar (ai_notice, ai_label). A bot writes notices in forms nobody
listed; each one the rules miss would get a second notice inserted. So when the rules find none where the
policy requires one, the disclosure validator asks this model, and inserts the notice only when the model
is not sure the reply already has one. It never decides that a notice is missing, so it cannot make a
reply less compliant than the rules alone; the threshold keeps it from taking a reply without a notice
for one (none in any company left out in training: scripts/train_notice_model.py --check).

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

MODEL_FILE = "notice_model.json"


@dataclass(frozen=True, slots=True)
class NoticeModel:
    token: re.Pattern[str]
    features: MappingProxyType[str, tuple[float, float]]  # word or "word pair" -> (idf, weight)
    intercept: float
    threshold: float

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> NoticeModel:
        features = raw["features"]
        assert isinstance(features, dict)
        ngram = raw.get("ngram_range")
        if ngram != [1, 2] or raw.get("sublinear_tf") is not True:
            raise ValueError(f"{MODEL_FILE}: expected words and word pairs with sublinear tf, got {ngram!r}")
        return cls(
            re.compile(str(raw["token_pattern"])),
            MappingProxyType({str(k): (float(v[0]), float(v[1])) for k, v in features.items()}),
            float(str(raw["intercept"])),
            float(str(raw["threshold"])),
        )

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
        return 1.0 / (1.0 + math.exp(-score))

    def has_notice(self, text: str) -> bool:
        return self.probability(text) >= self.threshold


@functools.lru_cache(maxsize=1)
def shipped_notice_model() -> NoticeModel:
    """The model shipped inside the package (read once per process, ~40 ms)."""
    source = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return NoticeModel.from_json(json.loads(source))
