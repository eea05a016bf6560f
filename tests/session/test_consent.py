"""State consent elements (issue 17.3): the Utah statute's elements on the handout, the
acknowledgement signed, and plain words for what is missing."""

from __future__ import annotations

import copy
import dataclasses
import io

import pypdf

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_content
from consultaid.domain.acknowledgement import Acknowledgement, clean_strokes, stamp
from consultaid.domain.consultation import Consultation
from consultaid.domain.screening import Verdict
from consultaid.handout import build_handout
from consultaid.services import screen
from consultaid.session.consent import UTAH, consent_check
from consultaid.settings import ClinicSettings

PACK = load_content("en").pack


def consultation() -> Consultation:
    return copy.deepcopy(example_consultation(PACK))


def test_no_check_where_no_signed_consent_is_known_or_no_treatment_is_offered() -> None:
    c = consultation()
    assert consent_check(c, PACK, "", Verdict.MAY_PROCEED) is None
    assert consent_check(c, PACK, "US-CA", Verdict.MAY_PROCEED) is None  # a notice, no form
    assert consent_check(c, PACK, "US-FL", Verdict.MAY_PROCEED) is None  # not verified here
    assert consent_check(c, PACK, "US-UT", Verdict.DEFERRED) is None


def test_utah_full_handout_states_every_element_and_asks_for_the_signature() -> None:
    c = consultation()
    check = consent_check(c, PACK, "US-UT", Verdict.MAY_PROCEED)
    assert check is not None and check.missing == () and not check.signed
    assert check.message() == (
        "Utah Code §58-1-512 requires a signed consent form: the patient's acknowledgement is "
        "not signed yet (sign on paper or on screen after giving the handout; a verbal one is "
        "not a signature).")
    c.acknowledgement = Acknowledgement(method="verbal", witness="Nurse Lee", at=stamp())
    assert not consent_check(c, PACK, "US-UT", Verdict.MAY_PROCEED).signed  # type: ignore[union-attr]
    c.acknowledgement = Acknowledgement(method="drawn", at=stamp(),
                                        strokes=clean_strokes([[(1, 1), (9, 9)]]))
    done = consent_check(c, PACK, "US-UT", Verdict.MAY_PROCEED)
    assert done is not None and done.complete and "states the elements" in done.message()


def test_a_blanked_text_or_a_short_handout_names_the_missing_elements() -> None:
    c = consultation()
    # (the comparison's "how well it works" column states the anticipated results, 2027.01)
    blank = dataclasses.replace(PACK.handout,
                                labels={**PACK.handout.labels, "option_benefits": ""})
    pack = dataclasses.replace(PACK, handout=blank)
    check = consent_check(c, pack, "US-UT", Verdict.MAY_PROCEED)
    assert check is not None and check.missing == ("the anticipated results",)
    assert "does not state the anticipated results;" in check.message()
    review = consent_check(c, PACK, "US-UT", Verdict.NEEDS_REVIEW)
    assert review is not None
    assert review.missing == ("the nature of the treatment", "the anticipated results",
                              "the risks")
    assert ("does not state the nature of the treatment, the anticipated results and the "
            "risks (a handout for an outcome that still needs review") in review.message()


def test_the_headings_the_check_relies_on_are_printed_on_the_full_handout() -> None:
    """The check reads pack keys; the handout must really print those parts."""
    c = consultation()
    assert screen(c, PACK).verdict is Verdict.MAY_PROCEED
    built = build_handout(c, PACK, ClinicSettings(regulatory_jurisdiction="US-UT"))
    pdf = built if isinstance(built, bytes) else built[0]
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    for element in UTAH.elements:
        for key in element.keys:
            head, _, name = key.partition(".")
            if head in ("headings", "labels"):
                words = getattr(PACK.handout, head)[name]
                assert words in flat, (element.name, words)


def test_the_sidebar_says_what_the_state_still_needs_and_marks_a_given_handout() -> None:
    """Issue 17.3 in the steps list: Utah's signed consent missing shows beside Handout (a
    warning: the handout can still be made); once given without it the step needs attention;
    a drawn signature clears it; a clinic elsewhere sees nothing."""
    from consultaid.session.steps import Step, StepState, step_status
    c = consultation()
    result = screen(c, PACK)
    assert result.verdict is Verdict.MAY_PROCEED
    before = step_status(Step.HANDOUT, c, PACK, result, False, jurisdiction="US-UT")
    assert before.state is StepState.NOT_STARTED
    assert "Utah Code §58-1-512: signed acknowledgement missing" in before.detail
    given = step_status(Step.HANDOUT, c, PACK, result, True, jurisdiction="US-UT")
    assert given.state is StepState.NEEDS_ATTENTION
    elsewhere = step_status(Step.HANDOUT, c, PACK, result, True, jurisdiction="US-NY")
    assert elsewhere.state is StepState.DONE and "Utah" not in elsewhere.detail
    c.acknowledgement = Acknowledgement(method="drawn", at=stamp(),
                                        strokes=clean_strokes([[(1, 1), (9, 9)]]))
    signed = step_status(Step.HANDOUT, c, PACK, result, True, jurisdiction="US-UT")
    assert signed.state is StepState.DONE and "Utah" not in signed.detail
