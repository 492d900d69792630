"""Names a reply introduces as a project's or an internal name, listed or not.

"Project Breeze", "codenamed Swallow", "intern läuft er unter dem Namen Zaunkönig": what such a phrase
introduces is a codename even when no list has it (translated, or new), and a listed ordinary word right
after it is used as a name (context.py asks INTERNALLY_NAMED_BEFORE).
"""

from __future__ import annotations

import re

__all__ = ["INTERNALLY_NAMED_BEFORE", "NAMED_AFTER", "NAMING_MARKERS", "unlisted_names"]

# English phrases that introduce a project's name ("Project Breeze", "codenamed Swallow", "it goes by
# Beaver"): what follows is a codename even when it is on no list (translated, or new). Their skeleton
# forms are marker keys of the term automaton, so only replies that contain one pay for the regex.
NAMING_MARKERS = (
    "project", "codename", "workingtitle", "goesby", "intern", "inhouse", "unterdemnamen", "underthename",
    "arbeitsnamen", "projektnamen", "workingname",
)
_NAMING = re.compile(
    r"\b(?:[Pp]roject|[Cc]ode[ -]?name[ds]?|[Ww]orking title|goes by|went by)\s+[\"'“‘„«]?([A-Z][a-z]{2,})\b"
)
# A name said to be used inside the company, in German or English ("intern läuft er unter dem Namen
# Zaunkönig", "internally it's called 'Wren'", "in-house we call it Blue Heron"): an internal name is a
# codename even when it is an ordinary word, so only the company's public words pass. The naming verb
# must follow the secrecy word within the clause; "intern als …" is left out ("intern als Reklamation
# erfasst" files a case, it names nothing).
_INTERNAL_NAMED = (
    r"\b(?:[Ii]nternally|[Ii]n-house|(?:[Hh]aus|[Ff]irmen|[Kk]onzern|[Bb]etriebs)?[Ii]ntern)\b"
    r"[^.!?;:\n]{0,40}?\b(?:called|named|known as|referred to as"
    r"|call(?:s|ing)? (?:it|them)|unter dem (?:Arbeits|Code|Projekt)?[Nn]amen|genannt|namens"
    r"|hei(?:ß|ss)t (?:es|das|er|sie)|nennen (?:wir )?(?:es|das|ihn|sie))\s+[\"'“‘„«]?"
    # The verb first: "Der Nachfolger heißt intern 'Funke'", "it's known internally as Spark".
    r"|\b(?:hei(?:ß|ss)t|hie(?:ß|ss)|known)\s+(?:bei uns\s+)?(?:intern|internally|in-house)(?:\s+as)?\s+[\"'“‘„«]?"
    # A working name is internal by what it is ("unter dem Arbeitsnamen Seerose", "under the code name Wren"),
    # and so is the name of what the company is working on ("daran arbeiten wir unter dem Namen Seerose",
    # "we're developing it under the name Wren"): not yet a product's public name.
    r"|\b(?:unter dem (?:Arbeits|Code|Projekt)namen|under the (?:working|code|project) name)\s+[\"'“‘„«]?"
    r"|\b(?:arbeiten|entwickeln|testen)\s+wir\b[^.!?;:\n]{0,60}?\bunter dem Namen\s+[\"'“‘„«]?"
    r"|\b[Ww]e(?:'re|’re|\s+are)\s+(?:working on|developing|testing)\b[^.!?;:\n]{0,60}?\bunder the name\s+[\"'“‘„«]?"
)
_INTERNAL_NAMING = re.compile(r"(?:" + _INTERNAL_NAMED + r")([A-Z][a-z]{2,})\b")
# The same construction right before a listed term: its ordinary-word rule sees a name.
INTERNALLY_NAMED_BEFORE = re.compile(r"(?:" + _INTERNAL_NAMED + r")$")
# A name glossed right after it, in a clause of its own, as what something is called ("des Falken – so heißt
# der Nachfolger intern", "Falcon, as we call the successor internally", "Kompass (unser Arbeitstitel)"): the
# gloss names the word. context.py counts it where the gloss holds a naming cue ("Nachfolger", "intern",
# "project"): "Falke – so heißt der Vogel auf Latein ..." glosses the bird.
NAMED_AFTER = re.compile(
    r"[\"'”“»]?\s*(?:[–—(,:]|-\s)\s*"
    r"(?:so\s+(?:hei(?:ß|ss)t|hie(?:ß|ss)|nennen|nennt|läuft)|wie\s+(?:\w+\s+){0,4}?(?:hei(?:ß|ss)t|nennen|nennt|genannt)"
    r"|(?:as|what)\s+we(?:'re|’re|\s+are)?\s+(?:\w+\s+)?(?:call(?:ing)?|nam(?:e|ing)|refer(?:ring)?\s+to)"
    r"|(?:that'?s|that’s|that\s+is|it'?s|it’s)\s+(?:what\s+we\s+call|(?:our|the)\s+)"
    r"|(?:unser|our)\s+|(?:the|der|das|die)\s+(?:interne\w*\s+|internal\s+|neue\w*\s+|new\s+)?"
    r"(?:projekt\w*|project|arbeitstitel|code\s*name|codename|working\s+title|nachfolger\w*|successor|prototyp\w*)\b)"
    r"[^.!?;:()–—\n]{0,60}",
    re.IGNORECASE,
)
# Words that follow "project" in ordinary support English ("Project Manager", "project team").
_PROJECT_WORDS = frozenset(
    "manager management lead leader team plan planning owner phase scope status update work details page file "
    "folder number code support office partner budget deadline".split()
)


def unlisted_names(text: str, public: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, name) of names introduced as a project's or an internal name that are no public word."""
    found = []
    match = _NAMING.search(text)
    while match is not None:  # overlapping: 'goes by "Project Breeze"' names "Breeze", not "Project"
        name = match.group(1)
        nested = _NAMING.match(text, match.start(1)) is not None
        if name.lower() not in public and name.lower() not in _PROJECT_WORDS and not nested:
            found.append((match.start(1), match.end(1), name))
        match = _NAMING.search(text, match.start(1))
    named = {start for start, _, _ in found}
    for match in _INTERNAL_NAMING.finditer(text):
        name = match.group(1)
        if match.start(1) not in named and name.lower() not in public:
            found.append((match.start(1), match.end(1), name))
    return sorted(found)
