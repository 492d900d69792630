"""The claims vocabulary (validators/claims/vocabulary.*.yaml) as compiled look-ups for the Python checks.

The rule packs use the vocabulary through `{{class}}` in their patterns; the backing checks need the
same words: which attribute a figure is about (`attribute` groups), which way it is better
(`lower_is_better`), whether a sentence is about an unreleased product (`unreleased`), which marks,
pathogens or service concepts a claim names. `Lexicon` compiles each class once per set of packs, for
both languages at once (a German reply may quote an English term), with the same inflected forms and
compounds the packs match. A company's own vocabulary file with the same class names extends it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from safe_reply.rulepacks import CompiledPacks, compiled_packs, shipped_pack_paths
from safe_reply.rulepacks.vocabulary import ClassWords, Vocabulary, forms_regex, number_marks
from safe_reply.types import Language
from safe_reply.validators.claims.glossary import Glossary

FAMILY = "claims"
_LANGUAGES: tuple[Language | None, ...] = (Language.DE, Language.EN, None)


@dataclass
class Lexicon:
    """Compiled word classes of the claims vocabulary; unknown class names match nothing.

    Every class and group is compiled when the lexicon is made, at policy load: compiling one on first
    use cost the first reply that needed it up to 300 ms (the attribute and disease classes are large),
    enough to push a reply on a busy machine over the validator's time budget.
    """

    vocabulary: Vocabulary
    _compiled: dict[str, re.Pattern[str] | None] = field(default_factory=dict)
    glossary: Glossary = field(init=False)

    def __post_init__(self) -> None:
        self.glossary = Glossary(self.vocabulary.glossary)
        for name in sorted({name for name, _ in self.vocabulary.classes}):
            self._compiled[name] = self._compile(name)

    def _compile(self, name: str) -> re.Pattern[str] | None:
        parts = [
            forms_regex(words.forms())
            for language in _LANGUAGES
            if (words := self.vocabulary.classes.get((name, language))) is not None and words.words
        ]
        return re.compile(number_marks(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)"), re.IGNORECASE) if parts else None

    def pattern(self, name: str) -> re.Pattern[str] | None:
        """One regex for every form of the class (or group, "attribute.noise") in every language."""
        return self._compiled.get(name)

    def has(self, name: str, text: str) -> bool:
        pattern = self.pattern(name)
        return pattern is not None and pattern.search(text) is not None

    def terms(self, name: str, text: str) -> list[str]:
        """The words of the class as they occur in `text`, lower-cased, in order."""
        pattern = self.pattern(name)
        return [m.group().lower() for m in pattern.finditer(text)] if pattern is not None else []

    def groups(self, name: str) -> list[str]:
        """The group names of a class ("attribute" -> ["attribute.noise", ...]), sorted."""
        prefix = f"{name}."
        return sorted({key for key, _ in self.vocabulary.classes if key.startswith(prefix)})

    def words(self, name: str) -> tuple[str, ...]:
        """The written words of a class over every language (for reports and derivations)."""
        found: list[str] = []
        for language in _LANGUAGES:
            words: ClassWords | None = self.vocabulary.classes.get((name, language))
            if words is not None:
                found.extend(words.words)
        return tuple(dict.fromkeys(found))


def lexicon_of(packs: CompiledPacks) -> Lexicon:
    """The lexicon of the claims vocabularies among `packs` (memoised per compiled pack set)."""
    return _lexicon(packs)


@functools.lru_cache(maxsize=16)
def _lexicon(packs: CompiledPacks) -> Lexicon:
    vocabulary = Vocabulary()
    for loaded in packs.vocabularies:
        if loaded.model.family == FAMILY:
            vocabulary.add(loaded.model)
    return Lexicon(vocabulary)


def shipped_lexicon() -> Lexicon:
    """The lexicon of the shipped claims vocabulary (for callers that build facts without a validator)."""
    return lexicon_of(compiled_packs(shipped_pack_paths(families=[FAMILY])))
