"""The validator refuses a panel that names a regulator and a state notice that is not the
statute word for word (issue 15, items 5 and 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from consultaid.content.loader import load_pack_dir
from consultaid.content.notices import CHECKED_NOTICES
from consultaid.content.problems import ContentError
from consultaid.content.regulators import check_no_regulator_in_panels
from tests.content.conftest import replace_in


@pytest.mark.parametrize("sentence", [
    "It is not approved by the US FDA for osteoarthritis.",
    "The European Medicines Agency has not authorised it.",
    "The Food and Drug Administration has not approved it.",
])
def test_a_panel_that_names_a_regulator_is_refused(pack_copy: Path, sentence: str) -> None:
    replace_in(pack_copy / "conditions" / "osteoarthritis.toml",
               '"Some small studies found less knee pain for a time.",',
               f'"Some small studies found less knee pain for a time. {sentence}",')
    with pytest.raises(ContentError) as caught:
        load_pack_dir(pack_copy)
    # (The longer list may also read above grade 6: only the regulator problems are asked.)
    named = [p for p in caught.value.problems if "names a regulator" in p.message]
    assert [(p.file, p.key) for p in named] == [
        ("conditions/osteoarthritis.toml", "patient.benefits[0]")]


def test_physician_side_and_regulatory_text_may_name_the_regulator() -> None:
    data = {"conditions/x.toml": {"physician": {"talking_points": ["Not FDA-approved."]},
                                  "patient": {"evidence": "Studies are small."}},
            "handout.toml": {"regulatory": {"text": "In the US, the FDA decides."}}}
    assert check_no_regulator_in_panels(data) == []


def test_a_paraphrased_state_notice_is_refused(pack_copy: Path) -> None:
    replace_in(pack_copy / "handout.toml", "You are encouraged to consult with your primary care "
               "physician prior to", "Please talk to your doctor before")
    with pytest.raises(ContentError) as caught:
        load_pack_dir(pack_copy)
    assert [(p.file, p.key) for p in caught.value.problems] == [
        ("handout.toml", "state_notice[0].text")]
    assert "word for word" in caught.value.problems[0].message


def test_the_bundled_notices_are_the_checked_statute_texts(pack_copy: Path) -> None:
    pack = load_pack_dir(pack_copy)
    for code, text in CHECKED_NOTICES.items():
        notice = pack.handout.notice(code)
        assert notice is not None and notice.text == text


def test_a_notice_needs_an_iso_code(pack_copy: Path) -> None:
    replace_in(pack_copy / "handout.toml", 'jurisdiction = "US-UT"', 'jurisdiction = "Utah"')
    with pytest.raises(ContentError) as caught:
        load_pack_dir(pack_copy)
    assert ("handout.toml", "state_notice[1].jurisdiction") in [
        (p.file, p.key) for p in caught.value.problems]
