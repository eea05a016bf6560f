"""The bundled English pack: every condition complete, balanced and honest about options."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.screening import Verdict
from consultaid.services import screen

CONDITIONS = ("osteoarthritis", "autoimmune", "diabetes", "neurological", "stroke", "wounds",
              "fatigue", "general")


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
    assert "signal" in p.aims.lower()
    assert "immune modulation" not in p.aims.lower(), "a mechanism word, not explained: dropped"
    assert p.benefits and p.limitations and p.other_options
    steps = [s.split(":")[0] for s in p.path]
    assert [s for s in steps if s != "Collection"] == [
        "Assessment", "Procedure", "Recovery", "Follow-up"]
    assert "second doctor" in p.path[0]
    assert p.decision.startswith("You are deciding whether "), p.decision
    assert 3 <= len(p.key_facts) <= 5
    assert [o.id for o in p.options] == ["msc", "standard"]


@pytest.mark.parametrize("condition_id", CONDITIONS)
def test_limits_and_risks_get_at_least_as_much_room_as_benefits(
        pack: ContentPack, condition_id: str) -> None:
    p = pack.conditions[condition_id].patient
    assert len(p.limitations) >= len(p.benefits)
    assert sum(len(x.split()) for x in p.limitations) >= sum(len(x.split()) for x in p.benefits)
    assert any("may not help" in x for x in p.limitations)
    limits = " ".join(p.limitations).lower()
    assert "infection" in limits, "every route carries a risk of infection"
    assert "not made safely" in limits, "contaminated products (CDC 2018)"
    assert "long-term effects are not known" in limits


IV_PANELS = ("autoimmune", "diabetes", "neurological", "stroke", "fatigue", "general")


@pytest.mark.parametrize("condition_id", IV_PANELS)
def test_iv_panels_state_fever_and_clots(pack: ContentPack, condition_id: str) -> None:
    p = pack.conditions[condition_id].patient
    text = " ".join((*p.limitations, *p.key_facts))
    assert "Fever for a day or two is common after cells are given into a vein." in text
    assert "blood clots" in " ".join((*p.limitations, *(o.risks for o in p.options)))


@pytest.mark.parametrize("condition_id", CONDITIONS)
def test_benefits_are_stated_with_uncertainty(pack: ContentPack, condition_id: str) -> None:
    for benefit in pack.conditions[condition_id].patient.benefits:
        assert re.search(r"\b(some|may|might|if|nobody knows|did not)\b", benefit,
                         re.IGNORECASE), benefit
        assert not re.search(r"\d+ ?%|\bpercent\b", benefit), "no numbers without a source"


def test_evidence_with_numbers_where_sources_give_them(pack: ContentPack) -> None:
    """HANDOUT_REVIEW.md section 3-4: the best trials, in words and numbers."""
    oa = pack.conditions["osteoarthritis"].patient
    assert "480 people" in oa.evidence and "steroid shot" in oa.evidence
    assert "strongly advises against stem cell shots" in " ".join(oa.key_facts)
    # Issue 28: benefit and harm in one format ("N in 100"), the harm beside its comparator.
    assert "25 in 100" in " ".join(oa.key_facts)
    msc = next(o for o in oa.options if o.id == "msc")
    assert "25 in 100" in msc.risks and "12 in 100" in msc.risks
    assert "480 people" in msc.benefits and "steroid" in msc.benefits
    assert "regrows cartilage" in msc.benefits and "Long-term effects are not known" in msc.risks
    assert oa.icon_array is not None and oa.icon_array.count == 25
    assert "25 in 100" in oa.icon_array.label
    assert "including a steroid shot" in oa.icon_array.comparator
    assert "$1,000 to $12,000" in msc.cost and "$5,000" in msc.cost
    standard = next(o for o in oa.options if o.id == "standard")
    assert "if you are overweight" in standard.involves
    assert "often helps only for a short time" in standard.benefits
    harvest = " ".join(oa.path)
    assert "bleeding or infection" in harvest and "nerve or organ injury" in harvest
    assert "206 people" in pack.conditions["stroke"].patient.evidence
    assert "144 people" in pack.conditions["neurological"].patient.evidence
    for cid in ("stroke", "neurological", "fatigue", "autoimmune", "general", "diabetes",
                "wounds"):
        p = pack.conditions[cid].patient
        assert "Nobody knows how many" in " ".join((p.evidence, *p.key_facts)), cid


@pytest.mark.parametrize("condition_id", CONDITIONS)
def test_other_options_name_standard_care_and_no_msc_therapy(
        pack: ContentPack, condition_id: str) -> None:
    options = pack.conditions[condition_id].patient.other_options
    assert options[0].startswith("Standard care:")
    assert any(o.startswith("Not having MSC therapy") for o in options)
    assert any("clinical trial" in o for o in options)


@pytest.mark.parametrize("condition_id", CONDITIONS)
def test_panels_leave_approval_to_the_jurisdiction_text(pack: ContentPack,
                                                        condition_id: str) -> None:
    p = pack.conditions[condition_id].patient
    text = " ".join((p.evidence, *p.limitations, *p.key_facts, *p.benefits))
    assert "FDA" not in text and "approved" not in text


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
                   "adjunct", "screening-first", "follow-up", "approval-context", "questions"]
    nk = pack.script.points[2]
    assert "natural killer" in nk.say and "cytotoxicity" in nk.say
    assert len(pack.script.teach_back) >= 3


def test_handout_text(pack: ContentPack) -> None:
    h = pack.handout
    assert 3 <= len(h.summary) <= 5
    terms = {g.term for g in h.glossary}
    assert {"MSC", "Inflammation", "CRP", "ESR"} <= terms
    assert "Immune modulation" not in terms, "HANDOUT_REVIEW §7: drop the word, do not define it"
    assert "Paracrine signalling" not in terms, "no mechanism jargon on the patient copy"
    questions = " ".join(h.questions)
    for part in ("routine care", "joining a trial later", "measure it", "cells come from",
                 "how were they tested", "Who pays for care if something goes wrong",
                 "second opinion"):
        assert part in questions
    assert h.urgent_care and h.when_to_call
    assert h.outcomes[Verdict.DEFERRED].text != h.outcomes[Verdict.NOT_ELIGIBLE].text
    assert "infection has cleared" in h.outcomes[Verdict.DEFERRED].next
    assert "fault" in h.outcomes[Verdict.NOT_ELIGIBLE].text
    assert "right path" not in h.outcomes[Verdict.NOT_ELIGIBLE].next
    for verdict in (Verdict.DEFERRED, Verdict.NOT_ELIGIBLE):
        assert h.outcomes[verdict].means and h.outcomes[verdict].instead
    assert "Insurance usually does not pay for MSC therapy." in h.cost
    assert "clinic gains" in h.interest
    # Issue 28: three rows (cell treatment, usual care, a trial); "no MSC therapy" is usual care.
    assert [o.id for o in h.common_options] == ["trial"]
    assert "placebo" in h.common_options[0].benefits
    assert h.say_no == "You can say no. You do not have to decide today."
    assert len(h.values) == 4 and h.values_how
    assert len(h.urgent_short) <= 3
    assert "{visits}" in h.if_go_ahead
    assert "blood thinner" in " ".join(h.meanwhile)
    assert "the same reason applies" in h.another_clinic
    assert h.msc_definition.startswith("MSC therapy means")
    assert h.us_product_line == ("If the cells come from a donor or are grown in a lab, US law "
                                 "requires an FDA permit (IND) or approval. If the answer above "
                                 "is 'none', ask why.")
    about = " ".join(h.about_sheet)
    for part in ("Who wrote it", "Who paid for it", "kept up to date", "every 6 months"):
        assert part in about  # IPDAS: who wrote and funded the content, the update policy
    assert h.date(dt.date(2026, 11, 16)) == "16 November 2026"


def test_regulatory_default_is_dated_and_exact(pack: ContentPack) -> None:
    reg = pack.handout.regulatory
    assert reg.jurisdiction == "United States"
    assert isinstance(reg.checked_on, dt.date)
    # Issue 28: four lines (no product approved for this use; registered or listed is not
    # approval; charged outside a trial, the FDA says likely illegal; how to report harm).
    lines = reg.text.splitlines()
    assert len(lines) == 4 and all(line.startswith("- ") for line in lines)
    for line, facts in zip(lines, (
            ("No stem cell product is approved", "joint pain", "stroke", "(FDA, 2021)"),
            ('"FDA-registered" does not mean approved', "ClinicalTrials.gov is not approved"),
            ("outside a trial", "likely being misled", "against the law"),
            ("report harm", "MedWatch", "1-800-FDA-1088")), strict=True):
        for fact in facts:
            assert fact in line, fact
    # Ryoncil and Alofisel move to the physician's script.
    say = next(p.say for p in pack.script.points if p.id == "approval-context")
    for fact in ("remestemcel-L (Ryoncil)", "18 December 2024", "children 2 months and older",
                 "graft-versus-host disease", "Alofisel", "13 December 2024", "568 patients",
                 "no better than a dummy treatment (placebo)", "blindness"):
        assert fact in say, fact


def test_sources_cited(pack: ContentPack) -> None:
    ids = {s.id for s in pack.sources}
    assert {"fda-consumer-2021", "fda-ryoncil-2024", "isscr-2021", "isscr-consent-2019",
            "mautner-2023", "treasure-2024", "mesems-2021", "ema-alofisel-2024",
            "cdc-2018"} <= ids
    assert "isscr-patient-handbook" not in ids, "the 2008 handbook is replaced"
    assert all(s.title and s.publisher and s.date for s in pack.sources)
    assert all(s.url.startswith("https://") for s in pack.sources if s.patient and s.url)
    ryoncil = next(s for s in pack.sources if s.id == "fda-ryoncil-2024")
    assert ryoncil.url != "https://www.fda.gov/news-events/press-announcements"


def test_sources_are_filtered_per_condition(pack: ContentPack) -> None:
    on_stroke = {s.id for s in pack.sources if s.used_by("stroke")}
    assert "acr-oa-2019" not in on_stroke and "treasure-2024" in on_stroke
    assert "acr-oa-2019" in {s.id for s in pack.sources if s.used_by("osteoarthritis")}
    assert "spaggiari-2006" not in on_stroke, "background is not printed for patients"


def test_state_notices_are_the_statutes_word_for_word(pack: ContentPack) -> None:
    ca = pack.handout.notice("US-CA")
    ut = pack.handout.notice("US-UT")
    assert ca is not None and ut is not None and pack.handout.notice("US-NY") is None
    assert ca.text.startswith("THIS NOTICE MUST BE PROVIDED TO YOU UNDER CALIFORNIA LAW.")
    assert "primary care physician prior to undergoing" in ca.text
    assert ut.text.startswith("THIS NOTICE MUST BE PROVIDED TO YOU UNDER UTAH LAW.")
    assert "have not yet been approved" in ut.text
    assert "684" in ca.citation and "58-1-512" in ut.citation


def test_pack_dates(pack: ContentPack) -> None:
    assert pack.version == "2027.01"  # issue 28
    assert pack.last_reviewed <= pack.review_by
    assert pack.review_by - pack.last_reviewed <= dt.timedelta(days=366)
