"""Spanish checks: syllables, the INFLESZ reading ease (Szigriszt-Pazos) and the honesty words.

**Syllables.** Spanish spelling follows its sound closely, so syllables are counted as vowel
nuclei: each run of vowels is one syllable, plus one for each hiatus inside it. Two strong
vowels (a, e, o) side by side are a hiatus (le-er, po-e-ta); a weak vowel (i, u) beside
another vowel makes a diphthong (ciu-dad, a-gua) unless it carries an accent (dí-a, pa-ís).
The u of que, qui, gue, gui is silent; final y is a vowel (hoy, muy) and the word "y" is one
syllable. An h between vowels does not join them (pro-hi-bir). An acronym is read letter by
letter in Spanish letter names (MSC: e-me e-se ce, five syllables); a number is counted as in
the English measure (about one syllable per digit, at most four).

**INFLESZ.** Szigriszt-Pazos's reading ease (Perspicuidad, 1993):
``206.835 - 62.3 * syllables / words - words / sentences``, read on the INFLESZ scale of
Barrio-Cantalejo et al. (2008): below 40 very hard, 40-55 somewhat hard, 55-65 normal, 65-80
fairly easy, over 80 very easy. Higher is easier. Issue 28: each patient block at least 65
(a few named exceptions, none below CONTENT_GUIDE.md's floor of 55); the whole pack 65 or more.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from types import MappingProxyType

from consultaid.content.honesty import HonestyRules
from consultaid.content.readability import BlockException, ReadabilityMeasure, TextStats

INFLESZ_BLOCK_FLOOR = 65.0
"""Each patient block: at least "fairly easy" (bastante fácil) on the INFLESZ scale (issue 28),
unless :data:`INFLESZ_EXCEPTIONS` names it; never below :data:`INFLESZ_GUIDE_FLOOR`."""
INFLESZ_GUIDE_FLOOR = 55.0
"""CONTENT_GUIDE's floor per block ("normal"): no block, not even an exception, goes below."""
INFLESZ_PACK_AIM = 65.0
"""The pack's patient text pooled: "fairly easy" (bastante fácil) or easier."""

_STRONG = set("aeoáéó")
_ACCENTED_WEAK = set("íú")
_VOWELS = set("aeiouáéíóúü")
_LETTER_SYLLABLES = {
    # Spanish letter names: efe, hache, jota, ele, eme, ene, eñe, erre, ese, uve, equis, zeta.
    "F": 2, "H": 2, "J": 2, "L": 2, "M": 2, "N": 2, "Ñ": 2, "R": 2, "S": 2, "V": 2, "X": 2,
    "Z": 2, "W": 4,
}


def _nuclei(run: str) -> int:
    """Syllables in one run of vowels: one, plus one for each hiatus."""
    count = 1
    for first, second in pairwise(run):
        if (first in _STRONG and second in _STRONG) or first in _ACCENTED_WEAK \
                or second in _ACCENTED_WEAK:
            count += 1
    return count


@cache
def count_syllables_es(word: str) -> int:
    """Syllables in one Spanish word (see the module docstring for the rules)."""
    if word[:1].isdigit():
        return max(1, min(len(re.sub(r"\D", "", word)), 4))
    if len(word) > 1 and word.isupper() and len(word) <= 6:
        return sum(_LETTER_SYLLABLES.get(c, 1) for c in word if c.isalpha())
    w = word.lower().replace("'", "")
    if not w:
        return 0
    if w == "y":
        return 1
    # The u of que, qui, gue, gui is not spoken (ü in güe, güi is).
    w = re.sub(r"([qg])u(?=[eiéí])", r"\1", w)
    # y before a vowel is a consonant (ya, mayo); elsewhere (hoy, muy, rey) a weak vowel.
    w = re.sub(r"y(?=[aeiouáéíóú])", "_", w).replace("y", "i")
    count = 0
    run = ""
    for ch in w + " ":
        if ch in _VOWELS:
            run += ch
        elif run:
            count += _nuclei(run)
            run = ""
    return max(1, count)


def inflesz(words: int, sentences: int, syllables: int) -> float:
    """Szigriszt-Pazos reading ease: 206.835 - 62.3 (syllables/words) - (words/sentences)."""
    if words == 0:
        return 100.0
    return 206.835 - 62.3 * syllables / words - words / max(1, sentences)


def _inflesz_of(stats: TextStats) -> float:
    return inflesz(stats.words, stats.sentences, stats.syllables)


def inflesz_band(score: float) -> str:
    """The INFLESZ scale's name for ``score`` (Barrio-Cantalejo et al. 2008), in English."""
    if score < 40:
        return "very hard"
    if score < 55:
        return "somewhat hard"
    if score < 65:
        return "normal"
    if score <= 80:
        return "fairly easy"
    return "very easy"


_CLAIMS_ES = (
    ("cura", r"\bcur(?:a|as|an|ar|arse|arlo|arla|arle|ará|arán|aría|ado|ada|ados|adas|"
             r"amos|e|en|ación|aciones|ativ[oa]s?)\b"),
    ("garantía", r"\bgaranti(?:z\w*|as?)\b|\bgarantías?\b"),
    ("probado para", r"\b(?:probad|demostrad|comprobad)[oa]s?\s+para\b|"
                     r"\beficacia\s+(?:probada|demostrada|comprobada)\b"),
    ("aprobado por la FDA", r"\baprobad[oa]s?\s+por\s+la\s+FDA\b|"
                            r"\baprobaci[oó]n\s+de\s+la\s+FDA\b|\bFDA\s+(?:lo|la|los|las)\s+"
                            r"aprob[oó]\b"),
    ("registrado ante la FDA", r"\bregistrad[oa]s?\s+(?:ante|en|por)\s+la\s+FDA\b"),
    ("milagro", r"\bmilagr(?:o|os|osa|osas|oso|osos)\b"),
    ("sin riesgo", r"\bsin\s+(?:ningún\s+)?riesgos?\b"),
    ("libre de riesgo", r"\b(?:libres?|exent[oa]s?)\s+de\s+riesgos?\b"),
    # What a clinic's overlay must not slip in (honesty.py, rule 10).
    ("deje sus medicinas", r"\b(?:deje|suspenda|abandone)\s+(?:de\s+tomar\s+)?"
                           r"(?:todas\s+)?(?:sus|otras)\s+(?:otras\s+)?(?:medicinas|"
                           r"medicamentos|pastillas|tratamientos)\b"),
    ("100 % seguro", r"\b100\s*(?:%|por\s+ciento)\s+segur[oa]s?\b|\b(?:completamente|"
                     r"totalmente|absolutamente|perfectamente)\s+segur[oa]s?\b"),
    ("cero efectos secundarios", r"\b(?:cero|sin|ningún)\s+efectos?\s+(?:secundarios?|"
                                 r"adversos?)\b"),
    ("funciona para todos", r"\bfuncionan?\s+(?:para|en|con)\s+(?:todos|todas|todo\s+el\s+"
                            r"mundo|cualquier\s+persona)\b"),
    ("en todos los pacientes", r"\b(?:en|para|con)\s+(?:todos\s+los\s+pacientes|cada\s+"
                               r"paciente|todas\s+las\s+personas)\b"),
    ("siempre funciona", r"\bsiempre\s+(?:funciona|ayuda|sirve)n?\b"),
)

SPANISH = HonestyRules(
    claims=tuple((label, re.compile(p, re.IGNORECASE)) for label, p in _CLAIMS_ES),
    clause_break=re.compile(
        r"[.!?¡¿;:,()\[\]{}—–]|\s-\s|\b(?:pero|sino|aunque|mientras|excepto|salvo|"
        r"en\s+cambio|sin\s+embargo)\b",
        re.IGNORECASE,
    ),
    word=re.compile(r"[a-zñáéíóúü]+"),
    cues=frozenset({"no", "nunca", "jamás", "ni", "ningún", "ninguno", "ninguna", "nada",
                    "nadie", "sin", "tampoco"}),
    cue_suffix="",
    not_a_negation=frozenset({
        # "no solo", "no dude", "sin duda", "nada como", "ningún otro", "nunca antes",
        # "no hay nada mejor", "nada menos que", "no falla", "sin igual" ...
        "solo", "sólo", "solamente", "únicamente", "dude", "dudes", "duda", "espere",
        "esperes", "pierda", "pierdas", "deje", "dejes", "tarde", "falla", "fallan", "falle",
        "antes", "igual", "otro", "otra", "otros", "otras", "mejor", "mejores", "menos",
        "más", "como", "compara", "iguala", "supera",
    }),
    denial_after=re.compile(
        r"^[\s'\"»”’]*no\s+(?:significa|quiere\s+decir|implica|es\s+lo\s+mismo|"
        r"es\s+(?:una\s+)?(?:prueba|señal)|equivale)\b",
        re.IGNORECASE,
    ),
    approved_uses=re.compile(
        r"remestemcel|ryoncil|injerto\s+contra\s+(?:el\s+)?(?:huésped|receptor)|"
        r"sangre\s+(?:del\s+|de\s+)?cordón|cordón\s+umbilical", re.IGNORECASE),
    approval_label="aprobado por la FDA",
    negation_advice='"esto no es una cura", "no se garantiza ningún resultado"',
)
"""Spanish honesty words (CONTENT_GUIDE.md, "Translations")."""


_WORD_ES = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+(?:[.,]\d+)*")
_ABBREVIATIONS_ES = re.compile(
    r"\b(?:p\.\s?ej|[eE]tc|[dD]ra?|[sS]ra?|[aA]prox|[nN]\.º|[nN]úm|[pP]ág|[vV]s|[uU]ds?|"
    r"EE\.\s?UU)\.")

_NAMED_TESTS = ("names the blood tests a patient will see on a report, spelled out as issue 28 "
                "asks (\"proteína C reactiva\", VSG) in short list items")
INFLESZ_EXCEPTIONS = MappingProxyType({
    ("conditions/autoimmune.toml", "follow_up[*].what"): BlockException(55.0, _NAMED_TESTS),
    ("conditions/general.toml", "follow_up[*].what"): BlockException(55.0, _NAMED_TESTS),
    ("conditions/neurological.toml", "patient.evidence"): BlockException(
        55.0, "names the trial (MESEMS, read letter by letter: ten syllables), the disease "
        "(esclerosis múltiple) and its numbers (2021, 144 personas)"),
    ("conditions/osteoarthritis.toml", "patient.options[*].cost"): BlockException(
        60.0, "the survey's prices (2017, 5000, 1000 a 12 000 dólares) count as long words"),
    ("conditions/osteoarthritis.toml", "patient.options[msc].cost"): BlockException(
        57.0, "the survey's prices (2017, 5000, 1000 a 12 000 dólares) count as long words"),
    ("handout.toml", "regulatory.text"): BlockException(
        60.0, "the approval status in four lines with what a patient must be able to act on: "
        "«registrado ante la FDA», ClinicalTrials.gov, MedWatch, 1-800-FDA-1088 and its web "
        "address"),
})
"""Spanish blocks that cannot reach 65 without losing a name, a number or a prescribed word
(2026-12-07); each has its own floor, not a loose global one."""

INFLESZ = ReadabilityMeasure(
    name="INFLESZ", formula=_inflesz_of, higher_is_easier=True,
    block_limit=INFLESZ_BLOCK_FLOOR, pack_limit=INFLESZ_PACK_AIM,
    syllables=count_syllables_es, word=_WORD_ES, abbreviations=_ABBREVIATIONS_ES,
    aim=f"floor {INFLESZ_BLOCK_FLOOR:g} per block (a few named exceptions), whole pack "
        f"{INFLESZ_PACK_AIM:g} or more",
    advice="shorter sentences, shorter words", band=inflesz_band,
    exceptions=INFLESZ_EXCEPTIONS)
"""Spanish: Szigriszt-Pazos reading ease on the INFLESZ scale."""
