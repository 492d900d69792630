"""What the claims check needs to know about a reply beyond one sentence, each found in one pass.

- `ReplyView.products_before`: the products a reply has talked about up to a sentence ("Der Duo ...
  Er verstärkt ..."), from one scan of the whole reply (a per-sentence look at the prefix made long
  replies quadratic);
- `ReplyView.unreleased`: the sentence is about an unreleased product or an internal matter;
- `quoted`: a rule match inside quotation marks that report someone else's words;
- `mentioned`: a quoted word the sentence rejects ("„Made in Germany“ wäre nicht korrekt") or names as an
  example ("Aussagen wie klimaneutral");
- `condition_of_previous`: a sentence that only states the conditions of the sentence before it.
"""

from __future__ import annotations

import bisect
import re

from safe_reply.negation import negation_regex
from safe_reply.rulepacks.sentences import SentenceIndex, sentence_spans
from safe_reply.types import Span
from safe_reply.validators.claims.facts import FactBase
from safe_reply.validators.claims.lexicon import Lexicon


class ReplyView:
    """One reply, with the product mentions and sentence facts the checks share (computed lazily)."""

    __slots__ = ("_cumulative", "_index_of", "_offsets", "_sentences", "_unreleased", "base", "lexicon", "text")

    def __init__(self, text: str, base: FactBase, lexicon: Lexicon, sentences: SentenceIndex | None = None) -> None:
        self.text = text
        self.base = base
        self.lexicon = lexicon
        self._offsets: list[int] | None = None
        self._cumulative: list[frozenset[int]] = []
        self._unreleased: dict[Span, bool] = {}
        self._sentences: list[Span] | None = None
        # The rule-pack scan's own split of this reply, when it has one: the reply is not split twice.
        self._index_of = sentences if sentences is not None and sentences.text is text else None

    def products_before(self, sentence: Span) -> set[int]:
        """Every product named in the reply up to the end of `sentence`."""
        if self._offsets is None:
            self._index()
        assert self._offsets is not None
        position = bisect.bisect_left(self._offsets, sentence.end)
        return set(self._cumulative[position - 1]) if position else set()

    def before(self, sentence: Span) -> str:
        """The sentence (or list heading) before `sentence`, "" at the start of the reply."""
        return self._neighbour(sentence, -1)

    def after(self, sentence: Span) -> str:
        """The sentence after `sentence`, "" at the end of the reply."""
        return self._neighbour(sentence, 1)

    def sentences(self) -> list[Span]:
        """The reply's sentences, split once for every check that reads them all (counts, denied properties) and
        for the neighbours of a sentence."""
        if self._sentences is None:
            self._sentences = self._index_of.spans if self._index_of is not None else sentence_spans(self.text)
        return self._sentences

    def _neighbour(self, sentence: Span, step: int) -> str:
        spans = self.sentences()
        starts = [s.start for s in spans]
        # The sentence that holds `sentence.start` (the scan's sentences and these may differ slightly).
        current = bisect.bisect_right(starts, sentence.start) - 1
        index = current + step
        return spans[index].of(self.text) if 0 <= index < len(spans) else ""

    def _index(self) -> None:
        mentions = self.base.products.positions(self.text)
        self._offsets = [offset for offset, _ in mentions]
        union: frozenset[int] = frozenset()
        for _, products in mentions:
            union = union | products
            self._cumulative.append(union)

    def unreleased(self, sentence: Span) -> bool:
        if sentence not in self._unreleased:
            # A word inside a host name or address is no cue: "plm.brandl-grp.internal" names a system
            # (the secrets check's finding), it does not make the rest of the sentence internal.
            text = _DOTTED_NAME.sub(" ", sentence.of(self.text))
            products = self.base.products
            self._unreleased[sentence] = (
                self.lexicon.has("unreleased", text) or products.unreleased_named(text) or products.unknown_model(text)
            )
        return self._unreleased[sentence]


_DOTTED_NAME = re.compile(r"(?<![\w.])[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w.])")

# Opening quotation marks and what closes each: the German „…“ closes with the character that opens an
# English quotation, so the pairs are tracked in order, not counted.
_CLOSERS = {"„": "“”", "“": "”", "‚": "‘’", "»": "«", "«": "»", '"': '"'}
_MIN_QUOTED_WORDS = 6


def quoted(text: str, match: Span, sentence: Span, lexicon: Lexicon) -> bool:
    """Whether the match stands inside a quotation of someone else's words.

    Inside quotation marks alone is not enough: bots quote the labels they claim ("ist „LGA tested“").
    The quotation counts as someone else's words when the sentence introduces it with a reporting word
    ("Sie schreiben", "auf der Verpackung steht", "you asked") or it is a long passage.
    """
    opened = _open_quote(text, sentence.start, match.start)
    if opened is None:
        return False
    if lexicon.has("reported_speech", text[sentence.start : opened]):
        return True
    closer = _CLOSERS[text[opened]]
    end = next((i for i in range(match.start, sentence.end) if text[i] in closer), sentence.end)
    return len(text[opened + 1 : end].split()) >= _MIN_QUOTED_WORDS


# A sentence that rejects or declines what it quotes: "„Made in Germany“ wäre nicht korrekt", "Aussagen wie
# „klimaneutral“ kann ich nicht machen", "we can't call it 'eco-friendly'".
_REJECTING = negation_regex(
    r"weder|neither|nor|falsch|unzutreffend|irreführend|unzulässig|incorrect|wrong|misleading|untrue"
)
# A word named as an example of a kind of statement: "Aussagen wie klimaneutral", "terms such as eco".
_MENTION_FRAME = re.compile(
    r"\b(?:aussagen?|begriffen?|begriffe|bezeichnungen?|angaben?|werbeaussagen?|versprechen|formulierungen?|wörter|"
    r"worte|label\w*|siegel|claims?|terms?|statements?|labels?|words?|phrases?|promises?)\s+(?:wie|like|such\s+as)\s*"
    r"[„“\"'‚‘»«]?\s*$",
    re.IGNORECASE,
)


def mentioned(text: str, match: Span, sentence: Span) -> bool:
    """Whether the match is a word the bot talks about rather than a claim it makes: quoted in a
    sentence that rejects it, or named as an example of a kind of statement."""
    if _MENTION_FRAME.search(text[max(sentence.start, match.start - 60) : match.start]):
        return True
    opened = _open_quote(text, sentence.start, match.start)
    if opened is None:
        return False
    closer = _CLOSERS[text[opened]]
    end = next((i for i in range(match.start, sentence.end) if text[i] in closer), sentence.end)
    outside = text[sentence.start : opened] + " " + text[end + 1 : sentence.end]
    return _REJECTING.search(outside) is not None


def unquoted(text: str, sentence: Span, lexicon: Lexicon) -> str:
    """The sentence with every quotation of someone else's words blanked out (same offsets): a figure a
    customer or a review is quoted with ("„100 % wasserdicht für immer“") is not the bot's claim."""
    chars = list(sentence.of(text))
    index = sentence.start
    while index < sentence.end:
        closer = _CLOSERS.get(text[index])
        if closer is None:
            index += 1
            continue
        end = next((i for i in range(index + 1, sentence.end) if text[i] in closer), sentence.end)
        if end > index + 1 and quoted(text, Span(index + 1, end), sentence, lexicon):
            for i in range(index, min(end + 1, sentence.end)):
                chars[i - sentence.start] = " "
        index = end + 1
    return "".join(chars)


def _open_quote(text: str, start: int, end: int) -> int | None:
    """Offset of the quotation mark that is still open at `end`, or None."""
    opened: int | None = None
    for index in range(start, end):
        char = text[index]
        if opened is None:
            if char in _CLOSERS:
                opened = index
        elif char in _CLOSERS[text[opened]]:
            opened = None
    return opened


_CONDITION_START = re.compile(
    r"^\W*(?:voraussetzung|bedingung(?:en)?|das\s+gilt\s+nur|dies\s+gilt\s+nur|gilt\s+nur|nur\s+wenn|allerdings\s+nur|"
    r"ausgenommen|ausgeschlossen\s+sind|provided\s+that|this\s+(?:only\s+)?applies\s+only|only\s+if|conditions?\s*:|"
    r"it\s+only\s+applies|excluded\s+are)\b",
    re.IGNORECASE,
)
_WINDOW = 2000


def condition_of_previous(text: str, span: Span) -> Span:
    """`span` widened to the sentence before it when `span` only states that sentence's conditions."""
    if not _CONDITION_START.search(span.of(text)):
        return span
    start = max(0, span.start - _WINDOW)
    before = [s for s in sentence_spans(text[start : span.start]) if s.end + start <= span.start]
    if not before:
        return span
    return Span(before[-1].start + start, span.end)
