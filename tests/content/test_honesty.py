"""The honesty check: overpromising words are refused unless plainly negated."""

from __future__ import annotations

from pathlib import Path

import pytest

from consultaid.content.honesty import check_honesty, find_claims
from consultaid.content.loader import load_content, load_pack_dir
from consultaid.content.problems import ContentError
from consultaid.resources import content_dir
from tests.content.conftest import replace_in

CLAIMS = [
    ("A cure for arthritis.", "cure"),
    ("MSC therapy cures knee pain.", "cure"),
    ("Many patients were cured.", "cure"),
    ("Curing inflammation at its root.", "cure"),
    ("Guaranteed results.", "guarantee"),
    ("We guarantee you will feel better.", "guarantee"),
    ("Results are guaranteed or your money back.", "guarantee"),
    ("Our cells are proven to rebuild cartilage.", "proven to"),
    ("This treatment is FDA approved.", "FDA approved"),
    ("Our FDA-approved stem cell therapy.", "FDA approved"),
    ("Our cells are FDA-approved, like Ryoncil.", "FDA approved"),
    ("We are an FDA-registered clinic.", "FDA registered"),
    ("The lab is FDA registered.", "FDA registered"),
    ("A miracle for your joints.", "miracle"),
    ("There is no risk.", "no risk"),
    ("No risks, no side effects.", "no risk"),
    ("A risk-free treatment.", "risk-free"),
    # The negation stays in its clause.
    ("It is not a trial but a cure.", "cure"),
    ("Not invasive, and a cure.", "cure"),
    ("No doubt about it: a cure.", "cure"),
    ("No waiting lists; guaranteed appointments and results.", "guarantee"),
    ("Do not wait - this is a cure.", "cure"),
    ("Nothing else works - it is a miracle.", "miracle"),
    # Cues that do not negate the claim.
    ("Don't miss this miracle cure.", "miracle"),
    ("Not only safe but a cure.", "cure"),
    ("It is not just a treatment, it is a cure.", "cure"),
    ("Never fails: guaranteed.", "guarantee"),
    ("No doubt a cure for pain.", "cure"),
    ("Don't hesitate to ask about our guaranteed results.", "guarantee"),
    # A negation after the claim word does not save it.
    ("We guarantee you will not be disappointed.", "guarantee"),
    ("A cure that is not expensive.", "cure"),
    ("Proven to work, not just hype.", "proven to"),
    # A reply in the next sentence does not negate a question.
    ("Is it a cure? No.", "cure"),
    ("No, it is a cure.", "cure"),
    # Too far from the cue (more than six words).
    ("Do not let anyone tell you otherwise about this wonderful amazing cure.", "cure"),
]

HONEST = [
    "This is not a cure.",
    "MSC therapy is not a cure for arthritis.",
    "It does not cure diabetes.",
    "There is no cure for osteoarthritis yet.",
    "No result is guaranteed.",
    "We cannot guarantee a result.",
    "We can't guarantee that it will help.",
    "There is no guarantee that it will work.",
    "Results are not guaranteed.",
    "It has not been proven to rebuild cartilage.",
    "It is not proven to help.",
    "No stem cell product is FDA-approved for osteoarthritis.",
    "It is not FDA approved for knee pain.",
    "'FDA-registered' does not mean approved.",
    "FDA-registered does not mean that a treatment is approved.",
    "Being 'FDA-registered' doesn't mean a clinic's treatment is approved.",
    "A clinic that is FDA registered is not the same as an approved treatment.",
    "This is not a miracle.",
    "There are no miracles here.",
    "No treatment is risk-free.",
    "This treatment is not risk-free.",
    "There is no risk-free option.",
    "It is not true that there is no risk.",
    "Nobody can promise a cure.",
    "Neither cure nor guarantee is offered.",
    "Never call it a cure.",
    "Without any guarantee of benefit.",
    "On 18 December 2024, the FDA approved remestemcel-L (Ryoncil).",
    "Ryoncil is FDA-approved for steroid-refractory acute graft-versus-host disease.",
    "Cord blood products are FDA approved for some blood disorders.",
    "A secure place for your records.",
    "We use procured cells and curettage is not used.",
]


@pytest.mark.parametrize(("sentence", "label"), CLAIMS)
def test_claims_are_found(sentence: str, label: str) -> None:
    assert label in find_claims(sentence)


@pytest.mark.parametrize("sentence", HONEST)
def test_negated_or_harmless_sentences_pass(sentence: str) -> None:
    assert find_claims(sentence) == []


def test_the_rule_reads_words_not_context() -> None:
    # It cannot tell food from medicine: any 'curing' that is not negated is refused.
    assert find_claims("The curing of meat is unrelated.") == ["cure"]


def test_one_sentence_with_two_claims_reports_both() -> None:
    assert sorted(find_claims("A guaranteed cure.")) == ["cure", "guarantee"]


def test_negation_covers_only_its_own_clause() -> None:
    assert find_claims("This is not a cure, and results are guaranteed.") == ["guarantee"]


def test_curly_apostrophes_count_as_negation() -> None:
    assert find_claims("We can’t guarantee a result.") == []


def test_check_honesty_names_file_and_key_on_physician_text_too() -> None:
    data = {
        "conditions/x.toml": {
            "id": "no-guarantee",  # identifiers are not text
            "physician": {"talking_points": ["Fine.", "Tell them it is a miracle."]},
            "patient": {"aims": "It is not a cure."},
        },
        "sources.toml": {"source": [{"id": "s", "title": "A Cure Is Near (a real title)"}]},
    }
    problems = check_honesty(data)
    assert [(p.file, p.key) for p in problems] == [
        ("conditions/x.toml", "physician.talking_points[1]")]
    assert "miracle" in problems[0].message


def test_bundled_pack_is_honest() -> None:
    from consultaid.content.loader import read_pack_data

    data, problems = read_pack_data(content_dir() / "en")
    assert problems == []
    assert check_honesty(data) == []


def test_planted_guaranteed_cure_is_refused_with_file_and_key(pack_copy: Path) -> None:
    replace_in(pack_copy / "conditions" / "osteoarthritis.toml",
               '"Some small studies found less knee pain for a time.",',
               '"A guaranteed cure for knee pain.",')
    with pytest.raises(ContentError) as caught:
        load_pack_dir(pack_copy)
    found = {(p.file, p.key) for p in caught.value.problems}
    assert ("conditions/osteoarthritis.toml", "patient.benefits[0]") in found
    messages = " ".join(p.message for p in caught.value.problems)
    assert "'cure'" in messages and "'guarantee'" in messages
    assert "conditions/osteoarthritis.toml: patient.benefits[0]" in str(caught.value)


def test_planted_claim_in_script_is_refused(pack_copy: Path) -> None:
    replace_in(pack_copy / "script.toml", 'takeaway = "It may not work for me. It is not a cure."',
               'takeaway = "It is proven to work."')
    with pytest.raises(ContentError) as caught:
        load_pack_dir(pack_copy)
    assert [(p.file, p.key) for p in caught.value.problems] == [
        ("script.toml", "point[no-guarantee].takeaway")]


def test_overlay_with_a_claim_is_refused_and_bundled_pack_used(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay" / "en"
    overlay.mkdir(parents=True)
    text = (content_dir() / "en" / "handout.toml").read_text(encoding="utf-8")
    text = text.replace(
        "You can say no, now or later. You do not have to decide today.",
        "MSC therapy is a miracle.")
    (overlay / "handout.toml").write_text(text, encoding="utf-8")
    result = load_content("en", overlay_root=tmp_path / "overlay")
    assert result.pack.overlay_files == ()
    assert len(result.warnings) == 1
    assert "handout.toml: summary[1]" in result.warnings[0]
    assert "miracle" in result.warnings[0]


# Issue 10.4: the check reads what the handout prints, and the negation loopholes are closed.
@pytest.mark.parametrize("text", [
    "This is a cu\u00adre for pain.",             # soft hyphen
    "It is a cu\u200bre.",                         # zero-width space
    "Our cells are FDA\u2011approved.",            # non-breaking hyphen
    "A risk\u2011free treatment.",
    "Results are guaran\u00adteed.",
    "A \uff43\uff55\uff52\uff45 for all.",         # full-width letters
    "Nothing short of a miracle.",
    "No one else has this cure.",
    "None other than a cure.",
    "Nobody else offers this miracle.",
])
def test_hidden_and_disguised_claims_are_found(text: str) -> None:
    assert find_claims(text), text


def test_invisible_text_and_future_dates_are_refused(tmp_path: Path) -> None:
    from consultaid.content.loader import load_content
    from consultaid.resources import content_dir

    bundled = (content_dir() / "en" / "handout.toml").read_text(encoding="utf-8")
    start = bundled.index('text = """- No stem cell')
    end = bundled.index('"""', start + 10) + 3
    emptied = bundled[:start] + 'text = "\u200b"' + bundled[end:]
    root = tmp_path / "overlay"
    (root / "en").mkdir(parents=True)
    (root / "en" / "handout.toml").write_text(emptied, encoding="utf-8")
    result = load_content("en", overlay_root=root)
    assert result.pack.overlay_files == ()
    assert "regulatory.text: must be non-empty text" in result.warnings[0]
    future = bundled.replace("checked_on = 2026-12-05", "checked_on = 2999-01-01")
    (root / "en" / "handout.toml").write_text(future, encoding="utf-8")
    result = load_content("en", overlay_root=root)
    assert result.pack.overlay_files == ()
    assert "regulatory.checked_on: is in the future" in result.warnings[0]


def test_settings_refuse_a_regulatory_check_in_the_future() -> None:
    import datetime as dt

    from consultaid.settings import ClinicSettings, validate_settings

    settings = ClinicSettings(regulatory_text="Clinic text.",
                              regulatory_checked_on=dt.date(2999, 1, 1))
    assert any("in the future" in p for p in validate_settings(settings))


# Issue 28: letters from other scripts that look Latin are read as the letter they look like.
@pytest.mark.parametrize(("text", "label"), [
    ("This is a c\u0443re.", "cure"),                 # Cyrillic у where the u is
    ("This is a \u0441ur\u0435.", "cure"),            # Cyrillic с and е
    ("This is a \u03f9ure.", "cure"),                 # Greek lunate sigma, printed as C
    ("A mir\u0430cle for your knee.", "miracle"),      # Cyrillic а
    ("Guar\u0430nteed results.", "guarantee"),
    ("Our cells are FD\u0410 \u0430pproved.", "FDA approved"),
    ("There is n\u03bf risk.", "no risk"),              # Greek omicron
])
def test_look_alike_letters_are_folded_before_matching(text: str, label: str) -> None:
    assert label in find_claims(text)


def test_look_alike_letters_are_folded_in_spanish_too() -> None:
    from consultaid.content.spanish import SPANISH

    assert "cura" in find_claims("Es una \u0441ura.", SPANISH)
    assert "milagro" in find_claims("Un mil\u0430gro.", SPANISH)


# Issue 28: what an overlay must not slip in, refused like any claim (negated, it passes).
@pytest.mark.parametrize(("text", "label"), [
    ("You can stop your other medicines.", "stop your medicines"),
    ("Stop taking your usual medications after the shot.", "stop your medicines"),
    ("The treatment is 100% safe.", "100% safe"),
    ("It is completely safe.", "100% safe"),
    ("Zero side effects.", "zero side effects"),
    ("There are no side effects.", "zero side effects"),
    ("It works for everyone.", "works for everyone"),
    ("We saw less pain in every patient.", "in every patient"),
    ("It always works.", "always works"),
])
def test_overpromising_phrases_are_refused(text: str, label: str) -> None:
    assert label in find_claims(text)


@pytest.mark.parametrize("text", [
    "Do not stop your other medicines on your own.",
    "Ask your doctor before you stop your medicines.",
    "It is not 100% safe.",
    "No treatment is completely safe.",
    "Tell us about any side effects.",
    "It does not work for everyone.",
    "Experts advise exercise for everyone with knee arthritis.",
    "Keep taking your usual medicines.",
])
def test_honest_sentences_with_those_words_pass(text: str) -> None:
    assert find_claims(text) == []


@pytest.mark.parametrize(("text", "label"), [
    ("Deje sus otras medicinas.", "deje sus medicinas"),
    ("Es 100 % seguro.", "100 % seguro"),
    ("Sin efectos secundarios.", "cero efectos secundarios"),
    ("Funciona para todos.", "funciona para todos"),
    ("Vimos menos dolor en todos los pacientes.", "en todos los pacientes"),
    ("Siempre funciona.", "siempre funciona"),
])
def test_overpromising_phrases_are_refused_in_spanish(text: str, label: str) -> None:
    from consultaid.content.spanish import SPANISH

    assert label in find_claims(text, SPANISH)
    assert find_claims("No deje sus medicinas por su cuenta.", SPANISH) == []


@pytest.mark.parametrize("claim", ["Stop your other medicines before the shot.",
                                   "MSC therapy is 100% safe.",
                                   "It is a c\u0443re."])
def test_an_overlay_that_slips_a_claim_in_is_refused(tmp_path: Path, claim: str) -> None:
    overlay = tmp_path / "overlay" / "en"
    overlay.mkdir(parents=True)
    text = (content_dir() / "en" / "handout.toml").read_text(encoding="utf-8")
    text = text.replace('say_no = "You can say no. You do not have to decide today."',
                        f'say_no = "{claim}"')
    assert claim in text
    (overlay / "handout.toml").write_text(text, encoding="utf-8")
    result = load_content("en", overlay_root=tmp_path / "overlay")
    assert result.pack.overlay_files == ()
    assert len(result.warnings) == 1 and "handout.toml: say_no" in result.warnings[0]
