"""Spanish checks: syllables, INFLESZ (Szigriszt-Pazos) on worked examples, honesty words, and
the per-language choice of checks."""

from __future__ import annotations

import pytest

from consultaid.content.honesty import ENGLISH, find_claims
from consultaid.content.languages import LANGUAGES, check_language, language_name
from consultaid.content.readability import FLESCH_KINCAID, check_readability, readability_report
from consultaid.content.spanish import (
    INFLESZ,
    SPANISH,
    count_syllables_es,
    inflesz,
    inflesz_band,
)

KNOWN_WORDS = {
    # hand-syllabified (RAE rules): diphthongs, hiatus, silent u, final y, h between vowels
    "y": 1, "muy": 1, "hoy": 1, "que": 1, "sol": 1, "pie": 1, "dos": 1,
    "usted": 2, "agua": 2, "ciudad": 2, "huevo": 2, "guerra": 2, "guiso": 2, "leer": 2,
    "día": 2, "país": 2, "oír": 2, "búho": 2, "maíz": 2, "baúl": 2, "creer": 2,
    "rodilla": 3, "células": 3, "artrosis": 3, "ahora": 3, "poeta": 3, "pingüino": 3,
    "cigüeña": 3, "ayuda": 3, "diabetes": 3, "médico": 3, "riesgos": 2, "heridas": 3,
    "frío": 2,
    "inflamación": 4, "tratamiento": 4, "paracrina": 4, "aéreo": 4, "prohibido": 4,
    "mesenquimales": 5, "citotoxicidad": 6,
    "autoinmunitaria": 6,  # au-toin-mu-ni-ta-ria: the prefix's o-i is read as a diphthong
    # acronyms read letter by letter in Spanish letter names
    "MSC": 5, "FDA": 4, "NK": 3, "PCR": 4,
}


@pytest.mark.parametrize(("word", "syllables"), sorted(KNOWN_WORDS.items()))
def test_spanish_syllables_on_known_words(word: str, syllables: int) -> None:
    assert count_syllables_es(word) == syllables


def test_inflesz_formula_on_a_worked_example() -> None:
    # Hand-counted: "La inflamación ayuda al cuerpo a sanar. A veces no se apaga."
    # La(1) in-fla-ma-ción(4) a-yu-da(3) al(1) cuer-po(2) a(1) sa-nar(2): 7 words, 14 syllables
    # A(1) ve-ces(2) no(1) se(1) a-pa-ga(3): 5 words, 8 syllables.  12 words, 22 syllables,
    # 2 sentences: 206.835 - 62.3 * 22 / 12 - 12 / 2 = 86.618...
    text = "La inflamación ayuda al cuerpo a sanar. A veces no se apaga."
    stats = INFLESZ.stats(text)
    assert (stats.words, stats.sentences, stats.syllables) == (12, 2, 22)
    assert INFLESZ.score(text) == pytest.approx(206.835 - 62.3 * 22 / 12 - 6, abs=1e-9)
    assert INFLESZ.score(text) == pytest.approx(86.62, abs=0.01)
    assert inflesz_band(INFLESZ.score(text)) == "very easy"


def test_inflesz_second_worked_example_with_questions_and_abbreviations() -> None:
    # ¿Tie-ne fie-bre? (2+2: 2 words, 4 syllables) Lla-me al Dr. Ruiz hoy. (2+1+1+1+1: 5
    # words, 6 syllables; "Dr." does not end a sentence). 7 words, 10 syllables, 2 sentences:
    # 206.835 - 62.3 * 10 / 7 - 7 / 2 = 206.835 - 89 - 3.5 = 114.335 (very easy).
    text = "¿Tiene fiebre? Llame al Dr. Ruiz hoy."
    stats = INFLESZ.stats(text)
    assert (stats.words, stats.sentences, stats.syllables) == (7, 2, 10)
    assert INFLESZ.score(text) == pytest.approx(206.835 - 62.3 * 10 / 7 - 3.5)


def test_inflesz_separates_plain_from_dense_spanish() -> None:
    plain = "Las células envían señales. Pueden calmar la hinchazón. Puede que no le ayuden."
    dense = ("La administración de células estromales mesenquimales alogénicas demuestra una "
             "inmunomodulación heterogénea condicionada por la microambientación inflamatoria "
             "preexistente y la farmacocinética intraarticular de los productos celulares.")
    assert INFLESZ.score(plain) >= 65
    assert INFLESZ.score(dense) < 40
    assert inflesz_band(INFLESZ.score(dense)) == "very hard"


@pytest.mark.parametrize(("score", "band"), [
    (39.9, "very hard"), (40, "somewhat hard"), (54.9, "somewhat hard"), (55, "normal"),
    (64.9, "normal"), (65, "fairly easy"), (80, "fairly easy"), (80.1, "very easy")])
def test_inflesz_scale_of_barrio_cantalejo(score: float, band: str) -> None:
    assert inflesz_band(score) == band


def test_inflesz_of_nothing_is_not_an_error() -> None:
    assert inflesz(0, 0, 0) == 100.0


def _spanish_pack(**handout: object) -> dict[str, object]:
    return {"pack.toml": {"language": "es"}, "handout.toml": dict(handout)}


def test_a_dense_spanish_block_is_refused_below_the_floor() -> None:
    dense = ("La administración de células estromales mesenquimales alogénicas demuestra "
             "inmunomodulación heterogénea condicionada por microambientación inflamatoria.")
    problems = check_readability(_spanish_pack(intro=dense), measure=INFLESZ)
    keys = [(p.file, p.key) for p in problems]
    assert ("handout.toml", "intro") in keys
    assert "INFLESZ" in problems[0].message and "65" in problems[0].message


def test_the_whole_spanish_pack_must_reach_65() -> None:
    # Issue 28: each block 65 or more, and the pack as a whole: a "normal" text (55-65) is
    # refused in every block and for the whole pack.
    normal = "El médico revisa su diagnóstico y sus análisis antes de decidir con usted."
    score = INFLESZ.score(normal)
    assert 55 <= score < 65
    problems = check_readability(_spanish_pack(intro=normal, signature_statement=normal),
                                 measure=INFLESZ)
    assert [(p.file, p.key) for p in problems] == [
        ("handout.toml", "intro"), ("handout.toml", "signature_statement"), ("(whole pack)", "")]
    assert all("65" in p.message for p in problems)
    report = readability_report(_spanish_pack(intro=normal), INFLESZ)
    assert report.overall == pytest.approx(score)


def test_plain_spanish_passes() -> None:
    plain = "La inflamación ayuda al cuerpo a sanar. A veces no se apaga. Eso puede doler."
    assert check_readability(_spanish_pack(intro=plain), measure=INFLESZ) == []


@pytest.mark.parametrize(("sentence", "label"), [
    ("Esta terapia es una cura.", "cura"),
    ("Las células pueden curar su artrosis.", "cura"),
    ("Un tratamiento curativo.", "cura"),
    ("El resultado está garantizado.", "garantía"),
    ("Le garantizamos una mejoría.", "garantía"),
    ("Con garantía de resultados.", "garantía"),
    ("Un milagro para sus rodillas.", "milagro"),
    ("Una terapia milagrosa.", "milagro"),
    ("Nuestras células están aprobadas por la FDA.", "aprobado por la FDA"),
    ("Es un producto registrado ante la FDA.", "registrado ante la FDA"),
    ("Es un tratamiento sin riesgos.", "sin riesgo"),
    ("Un método libre de riesgos.", "libre de riesgo"),
    ("Su eficacia probada le ayudará.", "probado para"),
    # cues that do not negate
    ("No solo alivia: es una cura.", "cura"),
    ("No hay nada mejor que este milagro.", "milagro"),
    ("Sin duda es un milagro.", "milagro"),
    ("No es un ensayo sino una cura.", "cura"),
    ("No dude: es una cura.", "cura"),
])
def test_spanish_claims_are_found(sentence: str, label: str) -> None:
    assert label in find_claims(sentence, SPANISH)


@pytest.mark.parametrize("sentence", [
    "Esto no es una cura.",
    "Nadie puede garantizar un resultado.",
    "No se garantiza ningún resultado.",
    "No hay garantía de que funcione.",
    "Ningún tratamiento está libre de riesgos.",
    "No existe un tratamiento sin riesgos.",
    "Registrado ante la FDA no significa aprobado.",
    "No es un milagro ni una cura.",
    "La terapia con MSC nunca cura la artrosis.",
    # the one approved use, stated as a fact
    "El remestemcel-L (Ryoncil) fue aprobado por la FDA para la enfermedad de injerto contra "
    "huésped en niños.",
    "Los productos de sangre del cordón umbilical aprobados por la FDA tratan enfermedades "
    "de la sangre.",
    # words that only look like claims
    "Procure descansar. Siga el curso de ejercicios. Está seguro de su decisión.",
])
def test_spanish_honest_sentences_pass(sentence: str) -> None:
    assert find_claims(sentence, SPANISH) == []


def test_each_pack_language_has_its_own_checks() -> None:
    assert LANGUAGES["en"].readability is FLESCH_KINCAID
    assert LANGUAGES["en"].honesty is ENGLISH
    assert LANGUAGES["es"].readability is INFLESZ
    assert LANGUAGES["es"].honesty is SPANISH
    assert language_name("es") == "Español"
    assert language_name("xx") == "xx"


def test_a_spanish_pack_is_checked_in_spanish_and_for_english_claims() -> None:
    problems = check_language({"pack.toml": {"language": "es"}, "handout.toml": {
        "intro": "Es una cura.", "title": "An FDA-approved therapy",
        "signature_statement": "This is a miracle."}})
    found = {(p.key, p.message.split("'")[1]) for p in problems}
    assert ("intro", "cura") in found
    assert ("title", "FDA approved") in found
    assert ("signature_statement", "miracle") in found


def test_an_english_pack_is_not_read_with_spanish_words() -> None:
    # "cura" is not an English claim; "cure" is.
    assert check_language({"pack.toml": {"language": "en"},
                           "handout.toml": {"title": "Cura Clinic"}}) == []


def test_a_language_without_checks_is_refused() -> None:
    problems = check_language({"pack.toml": {"language": "xx"}, "handout.toml": {}})
    assert [(p.file, p.key) for p in problems] == [("pack.toml", "language")]
    assert "no honesty and readability checks" in problems[0].message
