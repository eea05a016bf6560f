"""Step states for the sidebar: plain functions of the consultation (no widgets)."""

from __future__ import annotations

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation, FollowUpRow
from consultaid.services import screen
from consultaid.session.steps import Step, StepState, step_status, visible_items


def states(c: Consultation, pack: ContentPack, made: bool = False) -> dict[Step, StepState]:
    result = screen(c, pack)
    return {s: step_status(s, c, pack, result, made).state for s in Step}


def test_new_consultation_is_not_started(pack: ContentPack) -> None:
    assert set(states(Consultation(), pack).values()) == {StepState.NOT_STARTED}


def test_example_is_done_and_handout_done_once_made(pack: ContentPack) -> None:
    c = example_consultation(pack)
    got = states(c, pack)
    assert all(got[s] is StepState.DONE for s in list(Step)[:-1])
    assert got[Step.HANDOUT] is StepState.NOT_STARTED
    assert states(c, pack, made=True)[Step.HANDOUT] is StepState.DONE


def test_partial_and_attention_states(pack: ContentPack) -> None:
    c = example_consultation(pack)
    c.physician = ""
    c.screening["crp"] = {"value": -1, "unit": "mg_per_l"}
    c.script_covered = c.script_covered[:1]
    c.follow_up.append(FollowUpRow("", "", "Nurse"))
    got = states(c, pack)
    assert got[Step.PATIENT] is StepState.IN_PROGRESS
    assert got[Step.SCREENING] is StepState.NEEDS_ATTENTION
    assert got[Step.EXPECTATIONS] is StepState.IN_PROGRESS
    assert got[Step.FOLLOW_UP] is StepState.NEEDS_ATTENTION
    c.condition_id = "no-such-condition"
    assert states(c, pack)[Step.CONDITION] is StepState.NEEDS_ATTENTION


def test_show_if_decides_which_items_count(pack: ContentPack) -> None:
    c = example_consultation(pack)
    assert "cancer_remission_years" not in visible_items(c, pack)
    c.screening["cancer_status"] = "remission"
    assert "cancer_remission_years" in visible_items(c, pack)
    result = screen(c, pack)
    status = step_status(Step.SCREENING, c, pack, result)
    assert status.state is StepState.IN_PROGRESS
    assert status.detail == "not answered: Years in remission"  # named, not counted


def test_steps_name_what_is_missing_and_count_only_what_is_needed(pack: ContentPack) -> None:
    """Issue 18: optional details never count; the patient step names what it needs."""
    c = example_consultation(pack)
    c.screening.pop("unstable_details", None)  # optional details left empty
    result = screen(c, pack)
    assert step_status(Step.SCREENING, c, pack, result).state is StepState.DONE
    c.physician = ""
    status = step_status(Step.PATIENT, c, pack, result)
    assert status.state is StepState.IN_PROGRESS and status.detail == "physician needed"


def test_a_plan_from_the_template_is_not_done_before_it_was_seen(pack: ContentPack) -> None:
    c = example_consultation(pack)
    result = screen(c, pack)
    unseen = step_status(Step.FOLLOW_UP, c, pack, result, seen=frozenset({Step.CONDITION}))
    assert unseen.state is StepState.IN_PROGRESS and "check it" in unseen.detail
    seen = step_status(Step.FOLLOW_UP, c, pack, result, seen=frozenset(Step))
    assert seen.state is StepState.DONE


def test_a_point_not_yet_understood_is_a_warning_on_the_handout_step(pack: ContentPack) -> None:
    c = example_consultation(pack)
    first = pack.script.points[0].id
    c.teach_back.set_point(first, outcome="not_yet_understood")
    result = screen(c, pack)
    handout = step_status(Step.HANDOUT, c, pack, result, False)
    assert handout.state is StepState.NOT_STARTED  # a warning, not a block
    assert "1 point(s) not yet understood" in handout.detail
    expectations = step_status(Step.EXPECTATIONS, c, pack, result, False)
    assert expectations.state is StepState.IN_PROGRESS
    assert "need attention" in expectations.detail
    c.teach_back.set_point(first, outcome="retaught_understood")
    assert step_status(Step.EXPECTATIONS, c, pack, result, False).state is StepState.DONE
