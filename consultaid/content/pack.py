"""What a loaded content pack holds: everything a patient or physician reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from consultaid.domain.checklist import Checklist
from consultaid.domain.consultation import FollowUpRow
from consultaid.domain.screening import RuleSet, Verdict
from consultaid.domain.translatable import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class PhysicianSide:
    talking_points: tuple[str, ...]
    screening_cautions: tuple[str, ...]
    measure: tuple[str, ...]


@dataclass(frozen=True)
class OptionRow:
    """One option of the options table, in the patient's words (Option Grid style)."""

    id: str
    name: str
    involves: str
    benefits: str
    risks: str
    cost: str


@dataclass(frozen=True)
class PatientSide:
    inflammation: str
    """What inflammation does in this condition."""
    aims: str
    """What MSC therapy aims to do, and how (signalling, immune modulation)."""
    benefits: tuple[str, ...]
    limitations: tuple[str, ...]
    """Limitations, uncertainties and risks: as much detail as the benefits."""
    other_options: tuple[str, ...]
    path: tuple[str, ...]
    """What the path looks like: assessment, procedure, recovery, follow-up."""
    evidence: str
    """The evidence for this condition, with numbers where sources give them. No approval
    sentences: those come from the jurisdiction's regulatory text."""
    decision: str = ""
    """The decision in one sentence ("You are deciding whether ...")."""
    key_facts: tuple[str, ...] = ()
    """Three to five facts for page 1: the evidence in numbers, the main risks."""
    options: tuple[OptionRow, ...] = ()
    """This condition's rows of the options table (MSC therapy, standard care ...)."""
    when_to_call: tuple[str, ...] = ()
    """Warning signs for this condition's route (joint, vein, spine), after the common ones."""
    icon_array: IconArray | None = None
    """The main harm as 100 figures, where a source gives its frequency; None where no
    source does (the comparison then says so in words)."""


@dataclass(frozen=True)
class IconArray:
    """The main harm of the treatment, drawn as ``count`` of 100 figures (page 1)."""

    count: int
    """How many of 100 people had the harm (a source's rate, rounded)."""
    label: str
    """What the marked figures mean, with the number in words and digits."""
    comparator: str
    """The same harm after the usual alternative, so the number is not read alone."""


@dataclass(frozen=True)
class ConditionPanel:
    id: str
    title: str
    physician: PhysicianSide
    patient: PatientSide
    follow_up: tuple[FollowUpRow, ...]
    file: str
    order: float = 0
    """Where the condition sits in lists (lower first)."""


@dataclass(frozen=True)
class ScriptPoint:
    id: str
    say: str
    """A short line for the physician to say in their own words."""
    takeaway: str
    """The point the patient should take away (patient-facing)."""


@dataclass(frozen=True)
class Script:
    points: tuple[ScriptPoint, ...]
    teach_back: tuple[str, ...]


@dataclass(frozen=True)
class VerdictText:
    label: str
    """Short physician-facing label, e.g. "Deferred"."""
    patient_label: str


@dataclass(frozen=True)
class Outcome:
    """Patient wording for one screening outcome on the handout."""

    heading: str
    text: str
    next: str
    means: tuple[str, ...] = ()
    """What the result means (not eligible, deferred)."""
    instead: tuple[str, ...] = ()
    """What to do instead, before the condition's standard care (not eligible, deferred)."""


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str


@dataclass(frozen=True)
class RegulatoryText:
    jurisdiction: str
    text: str
    checked_on: dt.date


@dataclass(frozen=True)
class StateNotice:
    """A notice a jurisdiction's law requires, quoted word for word with its citation."""

    jurisdiction: str
    """ISO 3166-2 code, e.g. "US-CA"."""
    citation: str
    source: str
    checked_on: dt.date
    text: str
    """The statute's words, exactly (in the law's language)."""
    translation: str = ""
    """In a translated pack: the notice in the patient's language, printed above the statute's
    own words (which are quoted as the law gives them, like a source's title)."""
    official_label: str = ""
    """In a translated pack: the words before the quoted statute ("Official text, in English:")."""
    patient_copy_points: float = 0
    """The type size the law asks for in the copy given to the patient (Utah: 40); 0 where
    it sets none. The handout then prints the notice on a page of its own at that size."""


@dataclass(frozen=True)
class HandoutText:
    title: str
    intro: str
    headings: dict[str, str]
    labels: dict[str, str]
    summary: tuple[str, ...]
    when_to_call: tuple[str, ...]
    urgent_care: tuple[str, ...]
    questions: tuple[str, ...]
    next_steps: tuple[str, ...]
    signature_statement: str
    funding_placeholder: str
    review_due_notice: str
    outcomes: dict[Verdict, Outcome]
    regulatory: RegulatoryText
    glossary: tuple[GlossaryEntry, ...]
    cost: tuple[str, ...] = ()
    """Cost facts every clinic shares: insurance, the clinic's financial interest."""
    common_options: tuple[OptionRow, ...] = ()
    """Options-table rows after the condition's own (a registered trial, no MSC therapy)."""
    product_fields: tuple[str, ...] = ()
    """The lines of "the treatment we propose" that the physician fills in."""
    months: tuple[str, ...] = ()
    """Month names for dates written for people; empty means ISO dates."""
    date_format: str = "{day} {month} {year}"
    notices: tuple[StateNotice, ...] = ()
    say_no: str = ""
    interest: str = ""
    """Page 1, under the price: the clinic gains if the patient chooses the treatment."""
    """Page 1: the patient may say no and need not decide today."""
    values: tuple[str, ...] = ()
    """Page 1, "What matters most to you?": four things to tick."""
    values_how: str = ""
    """One line on how to use the ticks with the comparison."""
    if_go_ahead: str = ""
    """One line with the visits after a treatment; ``{visits}`` is the condition's plan."""
    urgent_short: tuple[str, ...] = ()
    """The three-line urgent-care box of the sheets printed before any treatment."""
    another_clinic: str = ""
    """Not eligible / deferred: the same reason applies at another clinic."""
    msc_definition: str = ""
    """One line on what MSC therapy is (the short sheets)."""
    us_product_line: str = ""
    """Under the product fill-in where the jurisdiction is the US: donor or lab-grown cells
    need an FDA permit (IND) or approval."""
    about_sheet: tuple[str, ...] = ()
    """Who wrote and paid for the content, and how it is kept up to date (IPDAS)."""
    meanwhile: tuple[str, ...] = ()
    """Needs review: what to do while the checks are done."""
    after: tuple[str, ...] = ()
    """The "After your treatment" sheet: its opening lines."""
    patient_copy: str = ""
    """Where the law asks for the notice on paper in large type (Utah): the line telling the
    clinic to give it, with the separate consent form the law asks for."""

    def notice(self, jurisdiction: str) -> StateNotice | None:
        """The notice the law of ``jurisdiction`` requires, or None."""
        return next((n for n in self.notices if n.jurisdiction == jurisdiction.strip()), None)

    def date(self, value: dt.date | None) -> str:
        """``value`` written for people ("16 November 2026"), as the pack's language writes it."""
        if value is None:
            return ""
        if len(self.months) != 12:
            return value.isoformat()
        return self.date_format.format(day=value.day, month=self.months[value.month - 1],
                                       year=value.year)


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: str
    url: str = ""
    note: str = ""
    conditions: tuple[str, ...] = ()
    """The condition panels whose text relies on this source; empty: every handout."""
    patient: bool = True
    """Printed on the patient's sheet; False for background the pack rests on."""

    def used_by(self, condition_id: str) -> bool:
        return self.patient and (not self.conditions or condition_id in self.conditions)


@dataclass(frozen=True)
class Translation:
    """Who translated a pack, who reviewed it and when (pack.toml ``[translation]``).

    Section 1557 guidance (HHS, 2024): a machine-made translation of a critical document is
    reviewed by a qualified human translator. Until ``status`` is "reviewed", every handout
    from the pack says so, in the pack's language and in the source language.
    """

    status: str
    """"draft" or "reviewed"."""
    source_language: str
    source_version: str
    """The version of the source pack this translation follows."""
    translator: str
    translated_on: dt.date
    notice: str
    """The not-yet-reviewed notice, in the pack's language."""
    notice_source: str
    """The same notice in the source language."""
    reviewer: str = ""
    reviewer_qualification: str = ""
    reviewed_on: dt.date | None = None
    method: str = ""
    """How the translation was made ("machine-assisted draft", "human translation")."""

    @property
    def reviewed(self) -> bool:
        return self.status == "reviewed"

    @property
    def summary(self) -> str:
        """One line for people: "draft translation of en 2026.12.0 by X; not yet reviewed"."""
        head = f"{self.status} translation of {self.source_language} {self.source_version} " \
               f"by {self.translator} ({self.translated_on.isoformat()})"
        if self.reviewed and self.reviewed_on is not None:
            return (f"{head}; reviewed by {self.reviewer}, {self.reviewer_qualification}, "
                    f"on {self.reviewed_on.isoformat()}")
        return f"{head}; not yet reviewed by a qualified medical translator"


@dataclass(frozen=True)
class ContentPack:
    language: str
    version: str
    title: str
    last_reviewed: dt.date
    review_by: dt.date
    checklist: Checklist
    rules: RuleSet
    verdicts: dict[Verdict, VerdictText]
    conditions: dict[str, ConditionPanel]
    script: Script
    handout: HandoutText
    sources: tuple[Source, ...]
    root: Path
    overlay_files: tuple[str, ...] = field(default=())
    """Files that came from a clinic's overlay folder rather than the bundled pack."""
    translation: Translation | None = None
    """For a translated pack: its translation and review on record; None for the source."""

    @property
    def translation_pending(self) -> bool:
        """True when this pack is a translation that no qualified translator has reviewed."""
        return self.translation is not None and not self.translation.reviewed

    @property
    def clinic_changes(self) -> str:
        """"" for the bundled pack as shipped; otherwise which files the clinic changed."""
        if not self.overlay_files:
            return ""
        return ("wording or rules changed by the clinic (" + ", ".join(self.overlay_files) + ")")

    @property
    def provenance(self) -> str:
        """The pack's version, and the clinic's changes if any: what a record and handout say."""
        changes = self.clinic_changes
        return f"{self.version} + {changes}" if changes else self.version

    def is_due_for_review(self, today: dt.date | None = None) -> bool:
        return (today or dt.date.today()) > self.review_by

    def condition(self, condition_id: str) -> ConditionPanel | None:
        return self.conditions.get(condition_id)

    def condition_problem(self, condition_id: str) -> str:
        """"" when a handout can be made for ``condition_id``; otherwise why not, for people."""
        if condition_id in self.conditions:
            return ""
        if not condition_id.strip():
            return QT_TRANSLATE_NOOP("Content", "no condition is chosen for this consultation "
                                     "yet. Choose the patient's condition in step 3 (Condition) "
                                     "first.")
        return QT_TRANSLATE_NOOP("Content", "this record names a condition ({condition}) that "
                                 "this content pack does not have. Choose the patient's "
                                 "condition in step 3 (Condition).").format(
            condition=condition_id)
