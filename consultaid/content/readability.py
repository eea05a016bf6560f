"""Readability of the patient-facing text: Flesch-Kincaid grade, with our own syllable counter.

Why our own counter: textstat 0.7.4 and later download a pronunciation dictionary on first use,
and clinics run offline. The heuristic below (vowel groups, silent endings, a short list of
exceptions) is tested on known words in ``tests/content/test_readability.py``.

What is graded (``patient_blocks``) and how short text is handled:

* Each patient-facing prose field is one block: a condition's ``patient.inflammation``,
  ``patient.aims`` and ``patient.evidence``; the handout's ``intro``, ``signature_statement``,
  ``funding_placeholder``, ``review_due_notice`` and ``regulatory.text``; the rules'
  ``review_gate.patient`` and ``all_clear.patient``.
* A list is graded JOINED as one block, each item a sentence: a condition's ``patient.benefits``,
  ``patient.limitations``, ``patient.other_options``, ``patient.path`` and the follow-up
  ``what`` column; the handout's ``summary``, ``when_to_call``, ``urgent_care``, ``questions``,
  ``next_steps`` and glossary definitions; the script's takeaways and teach-back prompts; the
  rules' ``patient`` sentences and the verdicts' ``patient_label``. One item of five words says
  little about reading level; the list as the patient reads it does. So that one dense item
  cannot hide in an easy list, an item of ``MIN_WORDS_ALONE`` words or more is ALSO graded on
  its own (key e.g. ``glossary[5].definition``).
* A handout outcome (``outcome.<verdict>``) is graded as heading, text and next step together.
* Not graded: titles, headings, labels and glossary *terms* (they are medical words by design
  and each is defined), physician-facing text, source citations.

The whole-pack grade is Flesch-Kincaid over all blocks pooled (total words, sentences and
syllables), not an average of block grades.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any

from consultaid.content.citations import without_citations
from consultaid.content.problems import Problem

MAX_GRADE = 6.0
"""A patient-facing block above this Flesch-Kincaid grade is refused (issue 28: grade 6 per
block; CONTENT_GUIDE: aim 6, never above 8), unless :data:`GRADE_EXCEPTIONS` names it."""

GUIDE_CEILING = 8.0
"""CONTENT_GUIDE's hard ceiling: no block, not even an exception, may read above it."""

MIN_WORDS_ALONE = 20
"""A list item this long is long enough to be graded on its own as well as with its list."""

_EXCEPTIONS = {
    # Words the rules below get wrong, with their usual syllable count.
    "osteoarthritis": 6, "diabetes": 4, "people": 2, "area": 3, "areas": 3, "idea": 3,
    "ideas": 3, "being": 2, "doing": 2, "going": 2, "seeing": 2, "create": 2, "creates": 2,
    "created": 3, "react": 2, "reaction": 3, "reactions": 3, "real": 1, "really": 2,
    "every": 2, "everyone": 3, "everything": 3, "evening": 2, "business": 2, "fire": 1,
    "tired": 1, "tiredness": 2, "hour": 1, "hours": 1, "our": 1, "science": 2, "quiet": 2,
    "diet": 2, "mesenchymal": 4, "cytokine": 3, "cytokines": 3, "vehicle": 3, "vesicles": 3,
    "neuroinflammation": 6, "remestemcel": 4, "ryoncil": 3, "isscr": 5, "being's": 2,
    "poem": 2, "coordinate": 4, "cooperate": 4, "video": 3, "radio": 3, "stereo": 3,
    "recreate": 3, "theory": 3, "someone": 2, "somewhere": 2, "sometimes": 2, "something": 2,
    "lifestyle": 2, "whole": 1, "while": 1, "were": 1, "there": 1, "where": 1, "here": 1,
    "done": 1, "gone": 1, "come": 1, "some": 1, "one": 1, "once": 1, "give": 1, "live": 1,
    "have": 1, "move": 1, "above": 2, "alive": 2, "sure": 1, "mostly": 2, "eye": 1,
    "eyes": 1, "ryoncil's": 3, "naturally": 4, "business's": 3, "steroid": 2, "steroids": 2,
    "increase": 2, "increased": 2, "trial": 2, "trials": 2, "fatigue": 2, "ideal": 3,
    "vial": 2, "dial": 2, "via": 2, "fluid": 2, "fluids": 2, "reactive": 3, "lion": 2,
    "safety": 2, "tongue": 1, "tongues": 1, "vague": 1, "league": 1,
}



@dataclass(frozen=True)
class BlockException:
    """A block allowed past its measure's limit, up to ``limit``, for a ``reason`` a reviewer
    can check (a trial's name, a phone number, words the issue prescribes...)."""

    limit: float
    reason: str


GRADE_EXCEPTIONS: Mapping[tuple[str, str], BlockException] = MappingProxyType({
    ("conditions/neurological.toml", "patient.evidence"): BlockException(
        7.5, "names the trial (MESEMS, read as six letters), the disease (multiple sclerosis) "
        "and its numbers (2021, 144 people): the words a patient needs to find the study"),
    ("handout.toml", "us_product_line"): BlockException(
        7.0, "issue 28 prescribes these words: 'US law requires an FDA permit (IND) or "
        "approval'"),
    ("handout.toml", "regulatory.text"): BlockException(
        7.5, "the approval status in four lines with what a patient must be able to act on: "
        "FDA-registered, ClinicalTrials.gov, MedWatch, 1-800-FDA-1088 and its web address"),
})
"""English blocks that cannot reach grade 6 without losing a name, a number or words the
issue prescribes (2026-12-07); each has its own ceiling, not a loose global one."""

_VOWEL_GROUP = re.compile(r"[aeiouy]+")
# Vowel pairs that are usually two syllables (ri-o, di-a, u-al ...), not one.
_SPLIT_PAIRS = re.compile(
    r"(?<![cgst])ia|(?<![cgst])io(?!ns?$)|(?<!q)ua|[iu]um|uo|(?<!g)eo(?!u)|ie(?=t|r$|st$)")
_Y_CONSONANT = re.compile(r"y(?=[aeiou])")
_SILENT_E_SUFFIX = re.compile(r"[^aeiouy]e(?:ly|ment|ments|ful|less|ness)$")
_WORD = re.compile(r"[A-Za-z][A-Za-z']*|\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_ABBREVIATIONS = re.compile(r"\b(?:[eE]\.g|[iI]\.e|etc|Dr|Mr|Mrs|Ms|vs)\.")


def _silent_endings(w: str) -> int:
    """Vowel groups at the end of ``w`` (three letters or more) that are not spoken."""
    # Silent final e (make, immune), but not in -le after a consonant (table, able).
    silent_e = (w.endswith("e") and not w.endswith(("ee", "ie", "oe", "ue", "ye"))
                and not (w.endswith("le") and w[-3] not in "aeiouy"))
    # Silent -es / -ed after a consonant (makes, walked), but not after s, x, z, c, g, sh, ch
    # (uses, changes) nor t, d (needed, started).
    silent_es = (w.endswith("es") and w[-3] not in "aeiouysxzcg"
                 and not w.endswith(("shes", "ches")))
    silent_ed = w.endswith("ed") and w[-3] not in "aeiouytd"
    silent = 1 if silent_e or silent_es or silent_ed else 0
    # Silent e inside -ely, -ement, -eful, -eless, -eness (likely, completely).
    if _SILENT_E_SUFFIX.search(w):
        silent += 1
    return silent


@cache
def count_syllables(word: str) -> int:
    """Syllables in one English word, by heuristic: vowel groups, less silent endings."""
    if word[:1].isdigit():
        # Read aloud, a number is roughly one syllable per digit ("18" = eigh-teen).
        return max(1, min(len(re.sub(r"\D", "", word)), 4))
    if len(word) > 1 and word.isupper() and len(word) <= 6:
        # An acronym is spelled out: M-S-C is three syllables, W is three on its own.
        return sum(3 if c == "W" else 1 for c in word if c.isalpha())
    w = word.lower().replace("'", "")
    if w.endswith("s") and w[:-1] in _EXCEPTIONS and w not in _EXCEPTIONS:
        return _EXCEPTIONS[w[:-1]]
    if w in _EXCEPTIONS:
        return _EXCEPTIONS[w]
    if not w:
        return 0
    # y is a consonant at the start and before a vowel (you, yes, staying, beyond).
    core = _Y_CONSONANT.sub("_", w[1:] if w.startswith("y") else w)
    count = len(_VOWEL_GROUP.findall(core))
    count += len(_SPLIT_PAIRS.findall(core))
    if len(w) > 2:
        count -= _silent_endings(w)
    return max(1, count)


@dataclass(frozen=True)
class TextStats:
    words: int
    sentences: int
    syllables: int

    def __add__(self, other: TextStats) -> TextStats:
        return TextStats(self.words + other.words, self.sentences + other.sentences,
                         self.syllables + other.syllables)

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level: 0.39 (words/sentences) + 11.8 (syllables/words) - 15.59."""
        if self.words == 0:
            return 0.0
        sentences = max(1, self.sentences)
        return (0.39 * self.words / sentences + 11.8 * self.syllables / self.words - 15.59)


def text_stats(text: str, syllables: Callable[[str], int] | None = None,
               word: re.Pattern[str] | None = None,
               abbreviations: re.Pattern[str] | None = None) -> TextStats:
    """Words, sentences and syllables of a piece of text (a sentence ends at . ! or ?).

    English by default; a language's measure passes its own syllable counter, word pattern
    and abbreviations.
    """
    text = (abbreviations or _ABBREVIATIONS).sub(lambda m: m.group(0).replace(".", ""), text)
    words = (word or _WORD).findall(text)
    sentences = len(_SENTENCE_END.findall(text))
    if words and not _SENTENCE_END.search(text.rstrip()[-1:] + " "):
        sentences += 1  # the last sentence has no full stop
    count = syllables or count_syllables
    return TextStats(len(words), max(1, sentences) if words else 0,
                     sum(count(w) for w in words))


@dataclass(frozen=True)
class ReadabilityMeasure:
    """One language's reading measure: how text is counted, scored and judged.

    ``block_limit`` applies to every patient block; ``pack_limit`` (if any) to the pack's
    patient text pooled. With ``higher_is_easier`` (reading-ease scores) a limit is a floor,
    otherwise (grade levels) a ceiling.
    """

    name: str
    formula: Callable[[TextStats], float]
    higher_is_easier: bool
    block_limit: float
    pack_limit: float | None = None
    syllables: Callable[[str], int] = count_syllables
    word: re.Pattern[str] = _WORD
    abbreviations: re.Pattern[str] = _ABBREVIATIONS
    aim: str = ""
    """The aim, for people ("ceiling 8, aim 6")."""
    advice: str = "shorter sentences, shorter words"
    band: Callable[[float], str] | None = None
    """The scale's name for a score ("fairly easy"), if the measure has one."""
    exceptions: Mapping[tuple[str, str], BlockException] = field(
        default_factory=lambda: MappingProxyType({}))
    """(file, key) -> the block's own limit and why; a key may be a list item's."""

    def limit_for(self, file: str, key: str, default: float | None = None) -> float:
        """The limit of one block: its exception's, else ``default`` or the block limit."""
        exception = self.exceptions.get((file, key))
        if exception is not None:
            return exception.limit
        return self.block_limit if default is None else default

    def stats(self, text: str) -> TextStats:
        return text_stats(text, self.syllables, self.word, self.abbreviations)

    def score(self, text: str) -> float:
        return self.formula(self.stats(text))

    def too_hard(self, score: float, limit: float) -> bool:
        return score < limit if self.higher_is_easier else score > limit

    def describe(self, score: float) -> str:
        """"Flesch-Kincaid grade 9.1" / "INFLESZ 52.0 (somewhat hard)"."""
        band = f" ({self.band(score)})" if self.band else ""
        return f"{self.name} {score:.1f}{band}"

    def problem(self, score: float, limit: float, what: str = "patient text") -> str:
        bound = "or more" if self.higher_is_easier else "or lower"
        return (f"reads at {self.describe(score)}; {what} must be {self.name} {limit:g} "
                f"{bound} ({self.advice})")


FLESCH_KINCAID = ReadabilityMeasure(
    name="Flesch-Kincaid grade", formula=lambda stats: stats.grade, higher_is_easier=False,
    block_limit=MAX_GRADE, aim=f"{MAX_GRADE:g} or lower per block (a few named exceptions)",
    exceptions=GRADE_EXCEPTIONS)
"""English: Flesch-Kincaid grade, 6 or lower per block (issue 28), except the blocks of
:data:`GRADE_EXCEPTIONS`, each under its own ceiling."""


def fk_grade(text: str) -> float:
    return text_stats(text).grade


def join_items(items: list[str]) -> str:
    """List items read as sentences: each ends with a full stop unless it ends a sentence."""
    parts = []
    for item in items:
        item = item.strip()
        if item and item[-1] not in ".!?":
            item += "."
        parts.append(item)
    return " ".join(parts)


@dataclass(frozen=True)
class Block:
    """One patient-facing block: where it is and its text."""

    file: str
    key: str
    text: str
    items: tuple[tuple[str, str], ...] = ()
    """For a joined list: (key, text) of each item, so a long item is also graded alone."""

    @property
    def stats(self) -> TextStats:
        return text_stats(self.text)

    @property
    def grade(self) -> float:
        return self.stats.grade


_Found = tuple[str, tuple[tuple[str, str], ...]] | None
"""The text of a block and its items (key, text), or None when there is nothing to grade."""


def _text(value: Any, key: str) -> _Found:
    if isinstance(value, str) and value.strip():
        return without_citations(value), ()
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        value = [without_citations(v) for v in value]
        return join_items(value), tuple((f"{key}[{i}]", v) for i, v in enumerate(value))
    return None


def _column(rows: Any, table_key: str, field: str) -> _Found:
    if not isinstance(rows, list):
        return None
    items = []
    for i, row in enumerate(rows):
        if isinstance(row, dict) and isinstance(row.get(field), str):
            name = row["id"] if isinstance(row.get("id"), str) else str(i)
            items.append((f"{table_key}[{name}].{field}", without_citations(row[field])))
    if not items:
        return None
    return join_items([t for _, t in items]), tuple(items)


def _get(data: Any, *path: str) -> Any:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _option_rows(rows: Any, key: str) -> list[tuple[str, _Found]]:
    """An options table: each column (involves, benefits, risks, cost) read as one block."""
    return [(f"{key}[*].{name}", _column(rows, key, name))
            for name in ("involves", "benefits", "risks", "cost")]


def patient_blocks(data: dict[str, Any]) -> Iterator[Block]:
    """Every patient-facing block in parsed pack files (file name -> TOML table)."""
    for file, table in data.items():
        if not isinstance(table, dict):
            continue
        candidates: list[tuple[str, _Found]] = []
        if file.startswith("conditions/"):
            for name in ("inflammation", "aims", "benefits", "limitations", "other_options",
                         "path", "evidence", "decision", "key_facts", "when_to_call"):
                key = f"patient.{name}"
                candidates.append((key, _text(_get(table, "patient", name), key)))
            candidates += _option_rows(_get(table, "patient", "options"), "patient.options")
            icons = _get(table, "patient", "icon_array")
            if isinstance(icons, dict):
                parts = [icons.get(k) for k in ("label", "comparator")]
                key = "patient.icon_array"
                candidates.append((key, _text([p for p in parts if isinstance(p, str)] or None,
                                              key)))
            candidates.append(("follow_up[*].what",
                               _column(table.get("follow_up"), "follow_up", "what")))
        elif file == "script.toml":
            candidates.append(("point[*].takeaway",
                               _column(table.get("point"), "point", "takeaway")))
            candidates.append(("teach_back", _text(table.get("teach_back"), "teach_back")))
        elif file == "handout.toml":
            for name in ("intro", "summary", "when_to_call", "urgent_care", "questions",
                         "next_steps", "signature_statement", "funding_placeholder",
                         "review_due_notice", "cost", "say_no", "interest", "values", "values_how",
                         "if_go_ahead", "urgent_short", "another_clinic", "msc_definition",
                         "us_product_line", "about_sheet", "meanwhile", "after",
                         "patient_copy"):
                candidates.append((name, _text(table.get(name), name)))
            candidates += _option_rows(table.get("common_options"), "common_options")
            outcomes = table.get("outcome")
            if isinstance(outcomes, dict):
                for verdict, outcome in outcomes.items():
                    if isinstance(outcome, dict):
                        parts = [outcome.get(k) for k in ("heading", "text", "next")]
                        key = f"outcome.{verdict}"
                        candidates.append((key, _text(
                            [p for p in parts if isinstance(p, str)] or None, key)))
                        for extra in ("means", "instead"):
                            candidates.append((f"{key}.{extra}", _text(
                                outcome.get(extra), f"{key}.{extra}")))
            candidates.append(("regulatory.text",
                               _text(_get(table, "regulatory", "text"), "regulatory.text")))
            candidates.append(("glossary[*].definition",
                               _column(table.get("glossary"), "glossary", "definition")))
        elif file == "pack.toml":
            key = "translation.notice"
            candidates.append((key, _text(_get(table, "translation", "notice"), key)))
        elif file == "rules.toml":
            candidates.append(("rule[*].patient", _column(table.get("rule"), "rule", "patient")))
            for name in ("review_gate", "all_clear"):
                key = f"{name}.patient"
                candidates.append((key, _text(_get(table, name, "patient"), key)))
            verdicts = table.get("verdicts")
            if isinstance(verdicts, dict):
                rows = [dict(v, id=k) for k, v in verdicts.items() if isinstance(v, dict)]
                candidates.append(("verdicts[*].patient_label",
                                   _column(rows, "verdicts", "patient_label")))
        for key, found in candidates:
            if found is not None:
                yield Block(file, key, found[0], found[1])


@dataclass(frozen=True)
class ReadabilityReport:
    blocks: tuple[tuple[Block, float], ...]
    overall: float
    measure: ReadabilityMeasure = FLESCH_KINCAID

    @property
    def highest(self) -> tuple[Block, float] | None:
        """The hardest block (highest grade, or lowest reading ease)."""
        if not self.blocks:
            return None
        if self.measure.higher_is_easier:
            return min(self.blocks, key=lambda bg: bg[1])
        return max(self.blocks, key=lambda bg: bg[1])


def readability_report(data: dict[str, Any],
                       measure: ReadabilityMeasure = FLESCH_KINCAID) -> ReadabilityReport:
    """Score every patient-facing block, and the pack's patient text as a whole."""
    graded = []
    total = TextStats(0, 0, 0)
    for block in patient_blocks(data):
        stats = measure.stats(block.text)
        total = total + stats
        graded.append((block, measure.formula(stats)))
    return ReadabilityReport(tuple(graded), measure.formula(total), measure)


def check_readability(data: dict[str, Any], max_grade: float | None = None,
                      measure: ReadabilityMeasure = FLESCH_KINCAID) -> list[Problem]:
    """A problem for every patient-facing block beyond the measure's limit, naming file and key;
    and one for the pack as a whole when the measure sets a limit for it.

    ``max_grade`` overrides the block limit (kept for the English grade's callers); a block
    the measure names as an exception keeps its own limit.
    """
    problems = []
    report = readability_report(data, measure)
    for block, score in report.blocks:
        limit = measure.limit_for(block.file, block.key, max_grade)
        if measure.too_hard(score, limit):
            problems.append(Problem(block.file, block.key, measure.problem(score, limit)))
        for key, text in block.items:
            if len(text.split()) < MIN_WORDS_ALONE:
                continue
            stats = measure.stats(text)
            alone = measure.formula(stats)
            limit = measure.limit_for(block.file, key, max_grade)
            if stats.words >= MIN_WORDS_ALONE and measure.too_hard(alone, limit):
                problems.append(Problem(block.file, key, measure.problem(alone, limit)))
    if (measure.pack_limit is not None and report.blocks
            and measure.too_hard(report.overall, measure.pack_limit)):
        problems.append(Problem("(whole pack)", "", measure.problem(
            report.overall, measure.pack_limit, "the patient text as a whole")))
    return problems
