"""Honesty check: words that overpromise ("cure", "guaranteed", "FDA-approved" ...) are refused
unless the sentence negates them ("this is not a cure", "no result is guaranteed").

The negation rule, in full (tests in ``tests/content/test_honesty.py``):

1. Text is cut into clauses at . ! ? ; : , brackets, dashes and the words "but", "yet",
   "however", "although", "though", "instead", "rather", "except". A negation never reaches
   across a clause boundary, so "not a trial but a cure" and "No doubt, a cure" fail.
2. A claim word is negated when one of the six words before it, in its clause, is a negation
   cue: not, no, never, nor, neither, none, nothing, nobody, without, cannot, or a word ending
   in n't (don't, isn't, can't ...).
3. A cue does not count when the word after it turns it into something else: "not only",
   "not just", "no doubt", "no wonder", "don't miss", "don't wait", "never fails" ...
   ("Don't miss this miracle cure" fails.)
4. A claim word also counts as negated when it is the subject of a denial that follows it at
   once: "FDA-registered does not mean approved", "'guaranteed' is not the same as ...".
5. "FDA approved" may state the one approved MSC use as a fact: it passes when its own clause
   names that product or use (remestemcel-L, Ryoncil, graft-versus-host disease) or the cord
   blood products approved for blood disorders. "Our cells are FDA-approved" fails.
6. "no risk" is itself the claim; it needs a cue of its own before it ("it is not true that
   there is no risk"). "no risk-free" and "not risk-free" are honest and pass.

7. The check reads the text as the handout prints it (:func:`printed_form`): compatibility
   forms folded (NFKC: "ｃｕｒｅ" is "cure"), invisible characters removed (soft hyphens, zero-
   width spaces, bidi marks), and hyphen-like dashes read as "-". So "cu\u00adre" and
   "FDA\u2011approved" are found as the handout would show them.
8. Cues that do not negate the claim that follows are not negations: "nothing short of a
   miracle", "no one else has this cure", "none other than", "no other", "nothing but",
   "never before" ...
9. Letters from other scripts that look like Latin ones are read as the Latin letter they
   look like (:func:`reading_forms`): "сurе" with a Cyrillic с and е, "Ϲure", a Greek ο in
   "miracle". A letter that looks like more than one (Cyrillic у: "y", and "u" in some fonts)
   is read both ways.
10. Beside the overpromising words, claims a clinic's overlay must not slip in are refused the
   same way (negated, they pass): telling patients to stop their other medicines, "100% safe",
   "zero side effects", "works for everyone", "in every patient", "always works".

The check reads every text value in the parsed pack (physician and patient side). It skips
values that are identifiers (``id``, ``kind``, ``item``, option values in rules, ``url``) and
the ``title`` of a cited source, which must stay word for word as published.

Each language brings its own words (:class:`HonestyRules`): the claims, the negation cues, the
words that turn a cue into something else, the clause breaks and the approved-use names. The
English rules are :data:`ENGLISH` below; the Spanish ones live in ``content/spanish.py`` and
``content/languages.py`` picks the rules by the pack's ``language``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from consultaid.content.problems import Problem


@dataclass(frozen=True)
class HonestyRules:
    """One language's honesty words (see the module docstring for how they are used)."""

    claims: tuple[tuple[str, re.Pattern[str]], ...]
    """(label, pattern) of each overpromising word or phrase."""
    clause_break: re.Pattern[str]
    word: re.Pattern[str]
    """One word, lower case (the text is lowered before it is cut into words)."""
    cues: frozenset[str]
    """Words that negate a claim that follows them in the same clause."""
    cue_suffix: str
    """A word ending with this is a cue too (English "n't"); "" for none."""
    not_a_negation: frozenset[str]
    """A cue followed by one of these does not negate ("not only", "no doubt")."""
    denial_after: re.Pattern[str]
    """A denial right after the claim word ("FDA-registered does not mean approved")."""
    approved_uses: re.Pattern[str]
    """Names of the approved uses that an approval claim may state as a fact."""
    approval_label: str
    """The label of the claim that the approved uses exempt."""
    negation_advice: str = '"this is not a cure", "no result is guaranteed"'
    window: int = 6

    def __post_init__(self) -> None:
        any_claim = re.compile("|".join(f"(?:{p.pattern})" for _, p in self.claims),
                               re.IGNORECASE)
        object.__setattr__(self, "_any_claim", any_claim)

    def any_claim(self, text: str) -> bool:
        """One pass that rules out most text at once, so the check stays fast at every start."""
        return bool(self._any_claim.search(text))  # type: ignore[attr-defined]

    def is_cue(self, word: str) -> bool:
        return word in self.cues or bool(self.cue_suffix and word.endswith(self.cue_suffix))


ENGLISH = HonestyRules(
    claims=tuple(
        (label, re.compile(pattern, re.IGNORECASE)) for label, pattern in (
            ("cure", r"\bcur(?:e|es|ed|ing)\b"),
            ("guarantee", r"\bguarantee(?:s|d)?\b"),
            ("proven to", r"\bproven\s+to\b"),
            ("FDA approved", r"\bFDA[\s-]+approved\b"),
            ("FDA registered", r"\bFDA[\s-]+registered\b"),
            ("miracle", r"\bmiracles?\b"),
            ("no risk", r"\bno\s+risks?\b(?![\s-]+free)"),
            ("risk-free", r"\brisk[\s-]+free\b"),
            # "Ask your doctor before you stop your medicines" is advice, not the claim.
            ("stop your medicines", r"(?<!before )(?<!before you )(?<!before they )"
                                    r"\bstops?\s+(?:taking\s+|using\s+)?(?:all\s+)?"
                                    r"(?:of\s+)?(?:your|other|the\s+other)\s+(?:other\s+|"
                                    r"usual\s+|current\s+)?(?:medicines?|medications?|drugs|"
                                    r"pills|treatments?)\b"),
            ("100% safe", r"\b100\s*(?:%|percent|per\s+cent)\s+safe\b|"
                          r"\b(?:completely|totally|perfectly|entirely|absolutely)\s+safe\b"),
            ("zero side effects", r"\b(?:zero|no)\s+side[\s-]+effects?\b"),
            ("works for everyone", r"\bworks?\s+(?:for|in|on)\s+(?:everyone|everybody|all\s+"
                                   r"(?:patients|people))\b"),
            ("in every patient", r"\b(?:in|for|with)\s+(?:every|each\s+and\s+every)\s+"
                                 r"(?:single\s+)?(?:patient|person|case)\b"),
            ("always works", r"\balways\s+(?:works?|helps?|succeeds?)\b|"
                             r"\b(?:100\s*%|never\s+fails?\s+to)\s+(?:effective|works?|helps?)\b"),
        )
    ),
    clause_break=re.compile(
        r"[.!?;:,()\[\]{}—–]|\s-\s|\b(?:but|yet|however|although|though|instead|rather|"
        r"except)\b",
        re.IGNORECASE,
    ),
    word=re.compile(r"[a-z]+(?:'[a-z]+)?"),
    cues=frozenset({"not", "no", "never", "nor", "neither", "none", "nothing", "nobody",
                    "without", "cannot"}),
    cue_suffix="n't",
    not_a_negation=frozenset({
        "only", "just", "doubt", "wonder", "miss", "wait", "delay", "hesitate", "worry", "fail",
        "fails", "failed", "matter", "longer", "less", "more", "need", "needs", "question",
        # "nothing short of a miracle", "no one else has this cure", "none other than" ...
        "short", "one", "else", "other", "others", "than", "but", "before", "better",
        "greater", "bigger", "finer", "stronger", "like", "compares", "compare", "beats",
        "equal", "rival",
    }),
    denial_after=re.compile(
        r"^[\s'\"’”]*(?:(?:does|do|did)\s+not|doesn't|don't|didn't|is\s+not|isn't|are\s+not|"
        r"aren't)\s+(?:mean|imply|make|the\s+same\s+as|a\s+sign|proof)\b",
        re.IGNORECASE,
    ),
    approved_uses=re.compile(
        r"remestemcel|ryoncil|graft[\s-]+versus[\s-]+host|cord[\s-]+blood", re.IGNORECASE),
    approval_label="FDA approved",
)

CLAIMS = ENGLISH.claims
"""The English claims (kept under this name for callers that list them)."""

_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2043\ufe63\uff0d\u2212"), "-")


def printed_form(text: str) -> str:
    """``text`` as a reader sees it on the handout, for checking (see rule 7)."""
    text = unicodedata.normalize("NFKC", text).translate(_HYPHENS)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


_LOOK_ALIKES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
    "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ӏ": "l", "һ": "h", "ԛ": "q", "ԝ": "w",
    "к": "k", "м": "m", "н": "h", "т": "t", "ь": "b", "п": "n", "г": "r",
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ї": "I", "Ј": "J", "Ѕ": "S", "Ԁ": "D",
    "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I",
    # Greek
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "γ": "y", "ϲ": "c", "ϳ": "j", "ω": "w",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "Ϲ": "C",
    # Armenian and Latin look-alikes
    "օ": "o", "ս": "u", "ց": "g", "ı": "i", "ɑ": "a", "ɡ": "g", "ʏ": "y", "ᴄ": "c", "ᴜ": "u",
}
"""Letters of other scripts that print like a Latin letter (after Unicode's confusables);
NFKC has already folded the compatibility forms (fullwidth, mathematical letters)."""
_OTHER_READING = {"у": "u", "У": "U", "υ": "u", "ν": "v", "н": "n", "г": "r"}
"""Letters read as another Latin letter too, depending on the font (Cyrillic у as "u")."""
_FOLD = str.maketrans(_LOOK_ALIKES)
_FOLD_OTHER = str.maketrans({**_LOOK_ALIKES, **_OTHER_READING})


def reading_forms(text: str) -> tuple[str, ...]:
    """``text`` as printed (:func:`printed_form`), with letters of other scripts that look
    Latin read as the Latin letter (rule 9): one form, or two where a letter reads two ways."""
    if text.isascii():
        return (printed_form(text),)
    # Folded before NFKC too: NFKC turns a lunate sigma that prints as "C" into a "Σ".
    forms = dict.fromkeys(printed_form(text.translate(table)).translate(table)
                          for table in (_FOLD, _FOLD_OTHER))
    return tuple(forms)


_SKIP_KEYS = frozenset({"id", "kind", "item", "url", "verdict", "language", "version", "in",
                        "not_in", "equals", "not_equals", "includes_any", "unit"})


def is_negated(clause_before: str, after: str, rules: HonestyRules = ENGLISH) -> bool:
    """Whether a claim word, with ``clause_before`` before it in its clause, is negated.

    A cue counts unless the word after it makes it something else; a later cue that is
    something else ("no hay nada mejor que ...") undoes an earlier one.
    """
    if rules.denial_after.match(after):
        return True
    words = rules.word.findall(clause_before.lower().replace("’", "'"))
    recent = words[-rules.window:]
    negated = False
    for i, word in enumerate(recent):
        if not rules.is_cue(word):
            continue
        following = recent[i + 1] if i + 1 < len(recent) else ""
        negated = following not in rules.not_a_negation
    return negated


def find_claims(text: str, rules: HonestyRules = ENGLISH) -> list[str]:
    """The claim words in ``text`` that are not negated, as labels ("cure", "guarantee" ...)."""
    found: list[str] = []
    for form in reading_forms(text):
        found += [label for label in _claims_in(form, rules) if label not in found]
    return found


def _claims_in(text: str, rules: HonestyRules) -> list[str]:
    found: list[str] = []
    if not rules.any_claim(text):
        return found
    for label, pattern in rules.claims:
        for match in pattern.finditer(text):
            start = match.start()
            clause_start = 0
            for brk in rules.clause_break.finditer(text, 0, start):
                clause_start = brk.end()
            clause_end = len(text)
            brk_after = rules.clause_break.search(text, match.end())
            if brk_after is not None:
                clause_end = brk_after.start()
            if label == rules.approval_label and rules.approved_uses.search(
                    text, clause_start, clause_end):
                continue
            if not is_negated(text[clause_start:start], text[match.end():clause_end], rules):
                found.append(label)
    return found


def _strings(value: Any, key: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            sub = f"{key}[{item['id']}]" if isinstance(item, dict) and isinstance(
                item.get("id"), str) else f"{key}[{i}]"
            yield from _strings(item, sub)
    elif isinstance(value, dict):
        for name, item in value.items():
            if name in _SKIP_KEYS:
                continue
            yield from _strings(item, f"{key}.{name}" if key else name)


def check_honesty(data: dict[str, Any], rules: HonestyRules = ENGLISH) -> list[Problem]:
    """A problem for every overpromising word in any text of the parsed pack files."""
    problems = []
    for file, table in data.items():
        for key, text in _strings(table, ""):
            if file == "sources.toml" and key.endswith(".title"):
                continue
            for label in find_claims(text, rules):
                problems.append(Problem(
                    file, key, f"says {label!r} as a claim; reword it, or negate it plainly "
                    f"(e.g. {rules.negation_advice})"))
    return problems
