"""A rule's `requires` words: the one-regex lookup answers exactly as reading the sentence word by word."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply.rulepacks.anchors import Anchor, SentenceWords, needles_of
from safe_reply.rulepacks.sentences import SentenceIndex

_WORD = re.compile(r"[\w']+")


def word_by_word(anchors: list[Anchor], sentence: str) -> bool:
    """The definition: a closed anchor is a whole word, `x*` starts one, `*x` ends one, `*x*` lies in
    one; a phrase (with a space) is a substring of the lower-cased sentence."""
    part = sentence.lower().replace("’", "'")
    words = _WORD.findall(part)
    for anchor in anchors:
        literal = anchor.literal.replace("’", "'")
        if " " in literal:
            found = literal in part
        elif anchor.open_left and anchor.open_right:
            found = any(literal in word for word in words)
        elif anchor.open_right:
            found = any(word.startswith(literal) for word in words)
        elif anchor.open_left:
            found = any(word.endswith(literal) for word in words)
        else:
            found = literal in words
        if found:
            return True
    return False


def within(anchors: list[Anchor], sentence: str) -> bool:
    index = SentenceIndex(sentence)
    assert index.number_at(0) == 0
    return SentenceWords(sentence.lower(), index).within(needles_of(anchors), 0)


def test_each_kind_of_needle() -> None:
    sentence = "Ich habe den Akkuwechsel z.B. selbst gemacht, it’s fine"
    assert within([Anchor.of("akku*")], sentence)  # starts a word
    assert not within([Anchor.of("wechsel*")], sentence)  # only inside one
    assert within([Anchor.of("*wechsel")], sentence)  # ends one
    assert within([Anchor.of("*kuwech*")], sentence)  # inside one
    assert not within([Anchor.of("*kuwech")], sentence)
    assert within([Anchor.of("it's")], sentence)  # the typographic apostrophe is read as "'"
    # A needle with a character no word holds is read word by word, as before: it never lies in one.
    assert not within([Anchor.of("z.b*")], sentence)
    assert not word_by_word([Anchor.of("z.b*")], sentence)
    assert within([Anchor.of("selbst gemacht")], sentence)
    assert not within([Anchor.of("habe")], "Ich habensagen")


LETTERS = st.sampled_from(list("abekuäß'’.- "))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.text(LETTERS, min_size=1, max_size=4), st.booleans(), st.booleans()), min_size=1, max_size=4),
    st.text(st.sampled_from(list("abekuäß'’,- XY")), min_size=1, max_size=30),  # one sentence: no full stop
)
def test_same_answer_as_word_by_word(written: list[tuple[str, bool, bool]], sentence: str) -> None:
    anchors = [Anchor(text.strip().lower(), left, right) for text, left, right in written if text.strip()]
    if not anchors or not sentence.strip() or sentence != sentence.strip():
        return
    assert within(anchors, sentence) == word_by_word(anchors, sentence)


def test_hundreds_of_phrases_are_one_automaton() -> None:
    # A class of periods expands to hundreds of phrases; each one must still be found, anywhere.
    phrases = [Anchor.of(f"in {n} weeks") for n in range(300)] + [Anchor.of("end of this month")]
    assert within(phrases, "The A3 will be out by the end of this month, we hope.")
    assert within(phrases, "Es dauert in 299 weeks, sagt er.")
    assert not within(phrases, "The A3 will be out in 300 days.")
    assert not within(phrases, "end of this mont")
