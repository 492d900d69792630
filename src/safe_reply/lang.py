"""Which language a reply is in: German or English, the two we write fallbacks and notices for.

A function-word count, not a language-identification model: we only ever choose between two
languages, the decision is needed only when a reply is blocked or a notice is inserted, and this
costs microseconds with no model to ship. Ties fall back to the product line's default language.
"""

from __future__ import annotations

import re

from safe_reply.types import Language

_WORD = re.compile(r"[^\W\d_]+")

# Frequent, short, unambiguous function words. Words both languages share ("in", "so", "was", "an",
# "die" as the English verb is rare in support replies) are left out or kept only on one side.
_GERMAN = frozenset(
    """
    der die das den dem des ein eine einen einem einer und oder nicht ist sind wir sie ihnen ihr
    ihre ich mit von für auf bei zu zum zur auch noch nur wie wird werden kann können gerne gern
    bitte danke hallo dass wenn aber schon sehr ihrem ihren ihres haben hat hier gibt es uns
    """.split()
)
_ENGLISH = frozenset(
    """
    the a and or not is are we you your i with of for on at to also only how will can could
    please thanks thank hello that if but very have has here there it us this our be my
    """.split()
)


def only_language_of(words: frozenset[str]) -> Language | None:
    """The language a sentence is written in ONLY, given its distinct lower-case words: two or more
    function words of one language and none of the other. None for a mixed sentence ("ich geh kurz
    rüber and check") or one that does not tell. Two set intersections: cheap enough for every sentence."""
    german = len(words & _GERMAN)
    english = len(words & _ENGLISH)
    if german >= 2 and not english:
        return Language.DE
    if english >= 2 and not german:
        return Language.EN
    return None


def detect_language(text: str, default: Language) -> Language:
    # The validators of one reply (and the fallback, and the notice) ask about the same text object:
    # the last answer is kept for that object (identity, not equality; one tuple swap, thread-safe).
    last = _last
    if last[0] is text and last[1] is default:
        return last[2]
    # Distinct function words are the signal; the first few hundred characters hold enough of them
    # (the whole reply is read only when they do not tell), so a long reply costs no more than a short one.
    german, english = _counts(text[:_SAMPLE])
    if german + english < _ENOUGH and len(text) > _SAMPLE:
        german, english = _counts(text)
    if german == english:
        # Umlauts and ß are a strong German signal in short replies with few function words.
        language = Language.DE if any(ch in text for ch in "äöüÄÖÜß") else default
    else:
        language = Language.DE if german > english else Language.EN
    globals()["_last"] = (text, default, language)
    return language


_last: tuple[str | None, Language | None, Language] = (None, None, Language.DE)
_SAMPLE = 600
_ENOUGH = 4


# A letter of an abbreviation ("1.200 I.E.", internationale Einheiten) is no English "I" or "a".
_ABBREVIATION_LETTER = re.compile(r"(?<![^\W_])[^\W\d_]\.(?=\s?[^\W\d_]\.)")


# What every abbreviation match leaves in the text, found from its full stop (a literal: the regex
# engine skips ahead to full stops, where the look-behind above is tried at every position).
_ABBREVIATION_HINT = re.compile(r"\.\s?[^\W\d_]\.")


def _counts(text: str) -> tuple[int, int]:
    if "." in text and _ABBREVIATION_HINT.search(text):
        text = _ABBREVIATION_LETTER.sub(" ", text)
    words = frozenset(_WORD.findall(text.lower()))
    return len(words & _GERMAN), len(words & _ENGLISH)


def reply_language(text: str, hint: Language | None, default: Language) -> Language:
    """The language the guard answers in: the caller's hint (the customer's language) wins, else the
    reply's own language. One rule for fallbacks, placeholders and replacement claims, so a rewritten
    or blocked reply stays in one language."""
    return hint or detect_language(text, default)
