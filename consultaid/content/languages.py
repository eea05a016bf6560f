"""Which checks each pack language gets: its honesty words and its readability measure.

A new language is added here with its own rules (see README, "Adding a language"): a pack whose
``language`` has no entry is refused, because its honesty and reading level could not be checked.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from consultaid.content.problems import Problem

if TYPE_CHECKING:
    from consultaid.content.honesty import HonestyRules
    from consultaid.content.readability import ReadabilityMeasure


@dataclass(frozen=True)
class LanguageChecks:
    """A language's checks, named as ``module:attribute`` and imported when first used: the
    rules compile ~150 regular expressions, which only a pack that is checked needs (a pack
    taken from the cache, at every start and every ``consultaid handout``, does not; issue 29).
    """

    code: str
    """ISO 639-1 code, as in pack.toml's ``language``."""
    name: str
    """The language's name in itself ("Español"), as a patient would look for it."""
    honesty_at: str
    readability_at: str

    @property
    def honesty(self) -> HonestyRules:
        return cast("HonestyRules", _attribute(self.honesty_at))

    @property
    def readability(self) -> ReadabilityMeasure:
        return cast("ReadabilityMeasure", _attribute(self.readability_at))


def _attribute(where: str) -> object:
    module, _, name = where.partition(":")
    return getattr(importlib.import_module(module), name)


LANGUAGES: dict[str, LanguageChecks] = {
    "en": LanguageChecks("en", "English", "consultaid.content.honesty:ENGLISH",
                         "consultaid.content.readability:FLESCH_KINCAID"),
    "es": LanguageChecks("es", "Español", "consultaid.content.spanish:SPANISH",
                         "consultaid.content.spanish:INFLESZ"),
}


def pack_language(data: dict[str, Any]) -> str:
    """The ``language`` that pack.toml declares ("en" when it declares none)."""
    meta = data.get("pack.toml")
    language = meta.get("language") if isinstance(meta, dict) else None
    return language.strip() if isinstance(language, str) and language.strip() else "en"


def checks_for(language: str) -> LanguageChecks | None:
    return LANGUAGES.get(language)


def language_name(language: str) -> str:
    """"Español" for "es"; the code itself for a language without checks."""
    checks = LANGUAGES.get(language)
    return checks.name if checks else language


def check_language(data: dict[str, Any]) -> list[Problem]:
    """Honesty and readability of a parsed pack, by the rules of its own language."""
    language = pack_language(data)
    checks = checks_for(language)
    if checks is None:
        known = ", ".join(sorted(LANGUAGES))
        return [Problem("pack.toml", "language", f"{language!r} has no honesty and readability "
                        f"checks yet (known: {known}); add them in consultaid/content/"
                        "languages.py before shipping a pack in this language")]
    from consultaid.content.honesty import ENGLISH, check_honesty
    from consultaid.content.readability import check_readability

    problems = check_honesty(data, checks.honesty)
    if checks.honesty is not ENGLISH:
        # English claims slip into translations ("FDA-approved", a pasted sentence): they are
        # refused in every pack, whatever its language.
        seen = {(p.file, p.key) for p in problems}
        problems += [p for p in check_honesty(data, ENGLISH) if (p.file, p.key) not in seen]
    return [*problems, *check_readability(data, measure=checks.readability)]
