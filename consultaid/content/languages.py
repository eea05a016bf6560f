"""Which checks each pack language gets: its honesty words and its readability measure.

A new language is added here with its own rules (see README, "Adding a language"): a pack whose
``language`` has no entry is refused, because its honesty and reading level could not be checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from consultaid.content.honesty import ENGLISH, HonestyRules, check_honesty
from consultaid.content.problems import Problem
from consultaid.content.readability import FLESCH_KINCAID, ReadabilityMeasure, check_readability
from consultaid.content.spanish import INFLESZ, SPANISH


@dataclass(frozen=True)
class LanguageChecks:
    code: str
    """ISO 639-1 code, as in pack.toml's ``language``."""
    name: str
    """The language's name in itself ("Español"), as a patient would look for it."""
    honesty: HonestyRules
    readability: ReadabilityMeasure


LANGUAGES: dict[str, LanguageChecks] = {
    "en": LanguageChecks("en", "English", ENGLISH, FLESCH_KINCAID),
    "es": LanguageChecks("es", "Español", SPANISH, INFLESZ),
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
    problems = check_honesty(data, checks.honesty)
    if checks.honesty is not ENGLISH:
        # English claims slip into translations ("FDA-approved", a pasted sentence): they are
        # refused in every pack, whatever its language.
        seen = {(p.file, p.key) for p in problems}
        problems += [p for p in check_honesty(data, ENGLISH) if (p.file, p.key) not in seen]
    return [*problems, *check_readability(data, measure=checks.readability)]
