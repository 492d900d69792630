"""Number words in a reply, read as digits for numbers.py: runs of German and English number words
("vierhundertzwölf", "one hundred eighty-six") become their digits in a view of the same length, and a
price spoken without its currency ("thirty-one eighty", "elf achtzig") becomes euros and cents.

Number words are read by text2num (a maintained parser for German and English number words), never by
hand tables; runs of number words are found first, so only they are handed to it.
"""

from __future__ import annotations

import re

__all__ = ["written_numbers"]

# Runs of number words ("vierhundertzwölf", "one hundred eighty-six", "drei Komma acht").
_DE_WORDS = (
    r"(?:einen|einem|ein|eins|eine|zwei|drei|vier|fünf|sechs|sech|sieben|sieb|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|"
    r"vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|hundert|tausend|und)+"
)
_EN_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)"
)
_WORD_RUN = re.compile(
    rf"(?<![^\W\d_])(?:{_DE_WORDS}|{_EN_WORDS}(?:(?:[\s-]+|\s+and\s+){_EN_WORDS})*)(?![^\W\d_])", re.IGNORECASE
)
_SCALE_WORDS = frozenset({"tausend", "thousand"})
_DIGIT_BEFORE = re.compile(r"\d[\s\u2007]$")
# "one" alone is no number to text2num (it is a pronoun too), nor is "ein": before a currency word it is one.
_ONE = frozenset({"one", "ein", "eins", "eine", "einen", "einem"})
_CURRENCY_AFTER = re.compile(r"[\s\u2007]+(?:euros?|dollars?|pounds?|franken)\b", re.IGNORECASE)
# A price spoken without its currency: whole euros (up to 999) and then the cents as a number of 10 to 99,
# one space apart ("thirty-one eighty", "elf achtzig"); text2num reads the English run as two numbers.
_SPOKEN_GAP = re.compile(r"[ \u00a0]")
_MAX_SPOKEN_WHOLE = 999
_CENTURIES = frozenset({19, 20})  # a year spoken in two halves


def written_numbers(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with every run of number words replaced by its digits, padded to the same length
    (so offsets stay valid): "vierhundertzwölf Euro" -> "412             Euro"; and the spans of the
    prices spoken without a currency ("thirty-one eighty" -> "31,80", Quantity.spoken)."""
    if not _WORD_RUN.search(text):
        return text, []
    runs: list[tuple[int, int, list[int]]] = []  # (start, end, the numbers the run reads as)
    for match in _WORD_RUN.finditer(text):
        if match.group().lower() in _SCALE_WORDS and _DIGIT_BEFORE.search(text, 0, match.start()):
            continue  # "12 Tausend": the scale of the number before it (_NUMBER)
        numbers = _run_numbers(match.group())
        if not numbers and _CURRENCY_AFTER.match(text, match.end()):
            # Before a currency word a small number is one too ("zwei Euro einunddreißig", "one euro fifty"):
            # text2num leaves numbers under 3 as words by default.
            numbers = [1] if match.group().lower() in _ONE else _run_numbers(match.group(), threshold=0)
        if numbers:
            runs.append((match.start(), match.end(), numbers))
    parts: list[str] = []
    spoken: list[tuple[int, int]] = []
    at = 0
    index = 0
    while index < len(runs):
        start, end, numbers = runs[index]
        # Two German runs one space apart are one spoken price ("elf achtzig") as the English run is.
        following = runs[index + 1] if index + 1 < len(runs) else None
        if (
            following is not None
            and len(numbers) == 1
            and len(following[2]) == 1
            and following[0] == end + 1
            and _SPOKEN_GAP.match(text, end)
            and _spoken_price([*numbers, *following[2]])
        ):
            end, numbers = following[1], [*numbers, *following[2]]
            index += 1
        index += 1
        if len(numbers) == 1:
            digits = str(numbers[0])
        elif _spoken_price(numbers):
            digits = f"{numbers[0]},{numbers[1]}"
            spoken.append((start, end))
        else:
            continue
        if len(digits) > end - start:
            continue
        parts.append(text[at:start])
        parts.append(digits.ljust(end - start, "\u2007"))
        at = end
    parts.append(text[at:])
    return "".join(parts), spoken


def _spoken_price(numbers: list[int]) -> bool:
    """Euros and cents as spoken ([31, 80]); not a year ("twenty twenty-seven", "neunzehn neunzig")."""
    return (
        len(numbers) == 2
        and 1 <= numbers[0] <= _MAX_SPOKEN_WHOLE
        and numbers[0] not in _CENTURIES
        and 10 <= numbers[1] <= 99
    )


def _run_numbers(run: str, threshold: float = 3.0) -> list[int]:
    """The numbers a run of number words reads as ("thirty-one eighty" -> [31, 80]); [] for "und", "ein"
    alone and the like (and for numbers under `threshold`, text2num's own default)."""
    from text_to_num import alpha2digit  # type: ignore[import-untyped]

    for language in ("de", "en"):
        parts = alpha2digit(run, language, threshold=threshold).split()
        if parts and all(p.isdigit() for p in parts):
            return [int(p) for p in parts]
    return []
