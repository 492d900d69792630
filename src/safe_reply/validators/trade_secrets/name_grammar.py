"""Grammar that shows a word is used as a name where no cue word says so.

Capitals inside an English sentence ("The next headset, Ember, ..."), a German word standing before an
English noun ("the Ostwind thermometer"), each weighed against the determiners that make the same word a
common noun. (A firm's name standing as itself, and the person guard, are organisation.py's.)
NameRule.evidence (context.py) asks these after its cue words; they stand alone because they read only
the sentence around a hit, know nothing of cues or rules, and are the part to extend when a new pattern
of names in running text comes up.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from safe_reply.lang import reply_language
from safe_reply.types import Language
from safe_reply.validators.trade_secrets.organisation import SENTENCE_OPENERS

__all__ = ["DETERMINER", "attributive", "capitalised_in_english", "is_english"]

# A word after one of these is a common noun in English ("a Föhn", "your Zaunkönig"), not a name.
DETERMINER = re.compile(r"\b(?:a|an|the|my|your|our|his|her|their|this|that|these|those|some|any)\W*$", re.IGNORECASE)
# A German word before an English noun names the thing ("the Ostwind thermometer", "the Maulwurf
# module"): a borrowed common noun is followed by a verb or a function word ("a Föhn and a brush").
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")
_FUNCTION_WORDS = frozenset(
    "a an the and or but nor is are was were be been being will would can could should shall may might must has "
    "have had does do did to of in on at for with from by as that which who whom if then so too also here there "
    "now again not it its you your we our they their he she his her i me my this these those when where while "
    "because since after before until about into over under up down out off just only still yet very really "
    "than like how what why all some any each every no more most less such".split()
)


def attributive(after: str) -> bool:
    """Does an English noun follow the word (no punctuation between)? A function word, an adverb or a
    verb form ("-ly", "-ed", "-ing") does not count."""
    match = _NEXT_WORD.match(after)
    if match is None:
        return False
    word = match.group(1)
    return word not in _FUNCTION_WORDS and len(word) > 2 and not word.endswith(("ly", "ed", "ing"))


_POSSESSIVE = re.compile(r"['’]s\s+[a-z]")


def capitalised_in_english(
    text: str, start: int, end: int, before: str, english_reply: Callable[[], bool] | None
) -> bool:
    """English capitalises names, not nouns: a capital inside an English sentence marks a name
    ("The next headset, Ember, ..."). German capitalises every noun, so there it proves nothing."""
    if not text[start].isupper():
        return False
    preceding = before.rstrip()
    if not preceding or preceding[-1] in SENTENCE_OPENERS or preceding[-1].isdigit():
        # At a sentence start every word has a capital; a possessive there still marks a name: a common
        # noun would need its article ("Ember's drivers" but "An ember's glow").
        return _POSSESSIVE.match(text, end) is not None and is_english(text, english_reply)
    return is_english(text, english_reply)


def is_english(text: str, english_reply: Callable[[], bool] | None) -> bool:
    if english_reply is not None:
        return english_reply()
    return reply_language(text, None, Language.DE) is Language.EN
