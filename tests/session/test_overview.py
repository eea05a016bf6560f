"""The Overview: everything derived about the consultation, worked out once (no widgets)."""

from __future__ import annotations

import pytest

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.domain.screening import Verdict
from consultaid.session import overview as overview_module
from consultaid.session.overview import overview
from consultaid.session.steps import Step, StepState


def counted_evaluations(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Each evaluation of the screening rules the Overview makes, from now on."""
    calls: list[object] = []
    real = overview_module.evaluate_screening

    def counted(*args: object) -> object:
        calls.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(overview_module, "evaluate_screening", counted)
    return calls


def test_the_screening_is_evaluated_once(pack: ContentPack,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counted_evaluations(monkeypatch)
    seen = overview(example_consultation(pack), pack)
    assert len(calls) == 1
    assert seen.screening.verdict is Verdict.MAY_PROCEED
    assert seen.steps[Step.SCREENING].state is StepState.DONE


@pytest.mark.parametrize(("status", "given"), [
    (None, False), ("draft", False), ("completed", True), ("handout_given", True)])
def test_given_comes_from_the_record_status_alone(pack: ContentPack, status: str | None,
                                                  given: bool) -> None:
    seen = overview(example_consultation(pack), pack, record_status=status)
    assert seen.handout_given is given
    assert (seen.steps[Step.HANDOUT].state is StepState.DONE) is given


def test_items_and_points_of_a_new_consultation(pack: ContentPack) -> None:
    seen = overview(Consultation(), pack)
    required = [i.id for i in pack.checklist.items
                if i.show_if is None and not getattr(i, "optional", False)]
    assert set(required) <= seen.applicable_items
    assert set(required) <= set(seen.unanswered_items)
    assert seen.uncovered_points == tuple(pack.script.points)
    assert all(s.state is StepState.NOT_STARTED for s in seen.steps.values())


def test_a_covered_script_leaves_no_points(pack: ContentPack) -> None:
    c = example_consultation(pack)
    assert overview(c, pack).uncovered_points == ()
    c.script_covered = c.script_covered[1:]
    assert [p.id for p in overview(c, pack).uncovered_points] == [pack.script.points[0].id]
