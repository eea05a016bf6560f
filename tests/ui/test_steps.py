"""Step states for the sidebar: plain functions of the consultation (no widgets)."""

from __future__ import annotations

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation, FollowUpRow
from consultaid.services import screen
from consultaid.ui.steps import Step, StepState, step_status, visible_items


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
    assert status.state is StepState.IN_PROGRESS and "1 item(s) not answered" in status.detail
