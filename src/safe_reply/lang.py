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


_ABBREVIATION = re.compile(r"\.\s?[^\W\d_]\.")


def detect_language(text: str, default: Language) -> Language:
    german = english = 0
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if len(word) == 1 and _ABBREVIATION.match(text, match.end()):
            continue  # a letter of an abbreviation: "I.E." (internationale Einheiten) is no English "I"
        if word in _GERMAN:
            german += 1
        elif word in _ENGLISH:
            english += 1
    if german == english:
        # Umlauts and ß are a strong German signal in short replies with few function words.
        if any(ch in text for ch in "äöüÄÖÜß"):
            return Language.DE
        return default
    return Language.DE if german > english else Language.EN


def reply_language(text: str, hint: Language | None, default: Language) -> Language:
    """The language the guard answers in: the caller's hint (the customer's language) wins, else the
    reply's own language. One rule for fallbacks, placeholders and replacement claims, so a rewritten
    or blocked reply stays in one language."""
    return hint or detect_language(text, default)
