"""What the Handout step says above the preview: what is missing, and the outcome printed."""

from __future__ import annotations

from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.session.consent import consent_check
from consultaid.session.overview import Overview
from consultaid.settings import ClinicSettings
from consultaid.ui.translation import translate, translated


def handout_notes(c: Consultation, pack: ContentPack, settings: ClinicSettings,
                  seen: Overview) -> list[str]:
    """One line per thing the physician should know before giving the handout (never a
    block: the handout can still be made), then the screening outcome it will print.
    ``seen``: the overview of ``c`` (its verdict and uncovered points, worked out once)."""
    notes = []
    points = pack.script.points
    uncovered_ids = {p.id for p in seen.uncovered_points}
    uncovered = [str(n) for n, p in enumerate(points, 1) if p.id in uncovered_ids]
    if uncovered:
        notes.append(translate(
            "HandoutPage", "⚠ {count} of {total} expectations points are not covered yet (point "
            "{points}; see step 4). You can still make the handout.").format(
            count=len(uncovered), total=len(points), points=", ".join(uncovered)))
    missed = [str(n) for n, p in enumerate(points, 1)
              if c.teach_back.outcome(p.id) == "not_yet_understood"]
    if missed:
        notes.append(translate(
            "HandoutPage", "⚠ Teach-back: point {points} not yet understood (see step 4). The "
            "handout asks to go over it again at the next visit.").format(
            points=", ".join(missed)))
    result = seen.screening
    if result.problems:
        notes.append(translate("HandoutPage", "⚠ Some screening answers cannot be right: ")
                     + "; ".join(str(p) for p in result.problems))
    consent = consent_check(c, pack, settings.regulatory_jurisdiction, result.verdict)
    if consent is not None and not consent.complete:
        notes.append(f"⚠ {translated(consent.message())}")
    if not settings.phone.strip():
        notes.append(translate(
            "HandoutPage", "⚠ The clinic's phone number is not set (File > Settings…): the "
            "handout leaves a line to write it in by hand."))
    label = pack.verdicts[result.verdict].label
    notes.append(translate("HandoutPage", "Screening outcome on this handout: {label}").format(
        label=label))
    return notes
