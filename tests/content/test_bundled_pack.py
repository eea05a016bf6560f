"""The bundled English pack: every condition complete, balanced and honest about options."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from consultaid.content.example import example_consultation
from consultaid.content.loader import load_pack_dir
from consultaid.content.pack import ContentPack
from consultaid.domain.screening import Verdict
from consultaid.resources import content_dir
from consultaid.services import screen

CONDITIONS = ("osteoarthritis", "autoimmune", "diabetes", "neurological", "stroke", "wounds",
              "fatigue", "general")


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_pack_dir(content_dir() / "en")


def test_eight_conditions_in_their_order(pack: ContentPack) -> None:
    assert tuple(pack.conditions) == CONDITIONS
    titles = [c.title for c in pack.conditions.values()]
    assert titles[0] == "Osteoarthritis and knee pain"
    assert "Recovery after stroke" in titles and "Other inflammatory conditions" in titles


@pytest.mark.parametrize("condition_id", CONDITIONS)
def test_condition_has_every_section(pack: ContentPack, condition_id: str) -> None:
    c = pack.conditions[condition_id]
    assert c.physician.talking_points and c.physician.screening_cautions and c.physician.measure
    p = c.patient
    for text in (p.inflammation, p.aims, p.evidence):
        assert len(text.split()) >= 20
    assert "inflam" in p.inflammation.lower()
    assert "signal" in p.aims.lower() and "immune modulation" in p.aims.lower()
    assert p.benefits and p.limitations and p.other_options
    steps = [s.split(":")[0] for s in p.path]
    assert steps == ["Assessment", "Procedure", "Recovery", "Follow-up"]
    assert "second doctor" in p.path[0]


@pytest.mark.parametrize("condition_id", CONDITIONS)
def test_limits_and_risks_get_at_least_as_much_room_as_benefits(
        pack: ContentPack, condition_id: str) -> None:
    p = pack.conditions[condition_id].patient
    assert len(p.limitations) >= len(p.benefits)
    assert sum(len(x.split()) for x in p.limitations) >= sum(len(x.split()) for x in p.benefits)
    assert any("may not help" in x for x in p.limitations)
    assert any("risk" in x.lower() for x in p.limitations)
    assert any("not approved by the US FDA" in x for x in p.limitations)


@pytest.mark.parametrize("condition_id", CONDITIONS)
def test_benefits_are_stated_with_uncertainty(pack: ContentPack, condition_id: str) -> None:
    for benefit in pack.conditions[condition_id].patient.benefits:
        assert re.search(r"\b(some|may|might|if)\b", benefit, re.IGNORECASE), benefit
        assert not re.search(r"\d+ ?%|\bpercent\b", benefit), "no numbers without a source"


@pytest.mark.parametrize("condition_id", CONDITIONS)
def test_other_options_name_standard_care_and_no_msc_therapy(
        pack: ContentPack, condition_id: str) -> None:
    options = pack.conditions[condition_id].patient.other_options
    assert options[0].startswith("Standard care:")
    assert any(o.startswith("Not having MSC therapy") for o in options)
    assert any("clinical trial" in o for o in options)


@pytest.mark.parametrize("condition_id", CONDITIONS)
def test_evidence_states_the_us_status(pack: ContentPack, condition_id: str) -> None:
    evidence = pack.conditions[condition_id].patient.evidence
    assert "In the US" in evidence and "approved" in evidence


@pytest.mark.parametrize("condition_id", CONDITIONS)
def test_follow_up_template(pack: ContentPack, condition_id: str) -> None:
    rows = pack.conditions[condition_id].follow_up
    assert [r.when for r in rows] == ["2 weeks", "6 weeks", "3 months", "6 months"]
    assert all(r.what and r.who for r in rows)


@pytest.mark.parametrize("condition_id", CONDITIONS)
def test_example_for_each_condition_may_proceed(pack: ContentPack, condition_id: str) -> None:
    result = screen(example_consultation(pack, condition_id), pack)
    assert result.verdict is Verdict.MAY_PROCEED
    assert pack.verdicts[result.verdict].label == "May proceed to evaluation"


def test_script_points_in_order(pack: ContentPack) -> None:
    ids = [p.id for p in pack.script.points]
    assert len(ids) >= 8
    assert ids == ["inflammation", "modulation", "nk-cells", "responses-vary", "no-guarantee",
                   "adjunct", "screening-first", "follow-up", "questions"]
    nk = pack.script.points[2]
    assert "natural killer" in nk.say and "cytotoxicity" in nk.say
    assert len(pack.script.teach_back) >= 3


def test_handout_text(pack: ContentPack) -> None:
    h = pack.handout
    assert 3 <= len(h.summary) <= 5
    terms = {g.term for g in h.glossary}
    assert {"MSC", "Inflammation", "CRP", "ESR", "NK cell", "Cytotoxicity",
            "Paracrine signalling", "Immune modulation", "Adjunct"} <= terms
    questions = " ".join(h.questions)
    for part in ("routine care", "other options", "joining a trial later", "measure it",
                 "cells come from", "published studies", "Who pays", "second opinion"):
        assert part in questions
    assert h.urgent_care and h.when_to_call
    assert h.outcomes[Verdict.DEFERRED].text != h.outcomes[Verdict.NOT_ELIGIBLE].text
    assert "infection has cleared" in h.outcomes[Verdict.DEFERRED].next
    assert "usual care" in h.outcomes[Verdict.NOT_ELIGIBLE].next
    assert "fault" in h.outcomes[Verdict.NOT_ELIGIBLE].text


def test_regulatory_default_is_dated_and_exact(pack: ContentPack) -> None:
    reg = pack.handout.regulatory
    assert reg.jurisdiction == "United States"
    assert isinstance(reg.checked_on, dt.date)
    for fact in ("June 2021", "18 December 2024", "remestemcel-L (Ryoncil)",
                 "children 2 months and older", "graft-versus-host disease",
                 "'FDA-registered' does not mean", "blindness, tumours and infections"):
        assert fact in reg.text


def test_sources_cited(pack: ContentPack) -> None:
    ids = {s.id for s in pack.sources}
    assert {"fda-consumer-2021", "fda-ryoncil-2024", "isscr-2021", "spaggiari-2006"} <= ids
    assert all(s.title and s.publisher and s.date for s in pack.sources)


def test_pack_dates(pack: ContentPack) -> None:
    assert pack.version
    assert pack.last_reviewed <= pack.review_by
    assert pack.review_by - pack.last_reviewed <= dt.timedelta(days=366)
