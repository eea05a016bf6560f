"""The screening as a QuestionnaireResponse: every answer, the verdict with its reasons, the
second physician's review as the verdict used it, and teach-back point by point.

The questionnaire is the content pack's checklist, named by canonical URL with the pack's
version (``...|2026.12.1``): the answers mean what that version of the checklist asked.
Item ``linkId``s are the pack's own IDs (checklist items, script points), so an EHR that maps
them once keeps them across versions. Numbers are ``valueQuantity`` with UCUM units where the
pack gives a unit (see :mod:`consultaid.fhir.units`); choices are ``valueCoding``.
"""

from __future__ import annotations

from typing import Any

from fhirclient.models.quantity import Quantity
from fhirclient.models.questionnaireresponse import (
    QuestionnaireResponse,
    QuestionnaireResponseItem,
    QuestionnaireResponseItemAnswer,
)

from consultaid.content.pack import ContentPack
from consultaid.domain.checklist import ChecklistItem
from consultaid.domain.consultation import Consultation
from consultaid.domain.screening import ScreeningResult
from consultaid.domain.teach_back import OUTCOME_LABELS
from consultaid.fhir import uris
from consultaid.fhir.elements import coding, date_time, identifier, reference
from consultaid.fhir.units import ucum_for_label, ucum_for_unit

REVIEW_STATES = {
    "signed": "Signed in consultaid by a second physician, covering these answers",
    "out_of_date": "A signed review exists, but the answers changed after it",
    "pending": "No signed review on record",
    "not_verified": "Taken from a consultation file as typed; not checked against a "
                    "signed review",
}
"""The review state (consultaid.domain.signed_review.ReviewStatus) in words."""


def _item(link_id: str, text: str, answers: list[QuestionnaireResponseItemAnswer] | None = None,
          items: list[QuestionnaireResponseItem] | None = None) -> QuestionnaireResponseItem:
    made = QuestionnaireResponseItem()
    made.linkId, made.text = link_id, text or None
    made.answer = answers or None
    made.item = items or None
    return made


def _answer(**value: Any) -> QuestionnaireResponseItemAnswer:
    made = QuestionnaireResponseItemAnswer()
    for name, v in value.items():
        setattr(made, name, v)
    return made


def _quantity(value: int | float, label: str, ucum: str) -> Quantity:
    made = Quantity()
    made.value = value
    made.unit = label or None
    if ucum:
        made.system, made.code = uris.UCUM, ucum
    return made


def answers_of(item: ChecklistItem, raw: Any) -> list[QuestionnaireResponseItemAnswer]:
    """The FHIR answers to one checklist item (none when it was not answered)."""
    if raw is None or raw == "" or raw == []:
        return []
    system = f"{uris.ANSWERS}/{item.id}"
    if item.kind == "text":
        return [_answer(valueString=str(raw))] if str(raw).strip() else []
    if item.kind == "yes_no":
        return [_answer(valueBoolean=bool(raw))]
    if item.kind in ("choice", "multi"):
        chosen = raw if isinstance(raw, list) else [raw]
        return [_answer(valueCoding=coding(system, o.id, o.label))
                for o in item.options if o.id in chosen]
    if item.kind == "number":
        value = raw  # as entered: 4 stays 4, not 4.0 (a decimal's digits are its precision)
        if not item.unit_label:
            return [_answer(valueDecimal=value)]
        return [_answer(valueQuantity=_quantity(value, item.unit_label,
                                                ucum_for_label(item.unit_label)))]
    unit = item.unit(raw["unit"])  # a measurement: {"value": ..., "unit": ...}
    label = unit.label if unit else str(raw["unit"])
    return [_answer(valueQuantity=_quantity(raw["value"], label,
                                            ucum_for_unit(str(raw["unit"]))))]


def _screening_items(consultation: Consultation, pack: ContentPack
                     ) -> list[QuestionnaireResponseItem]:
    groups = []
    for group in pack.checklist.groups:
        items = []
        for item in group.items:
            answers = answers_of(item, consultation.screening.get(item.id))
            if answers:
                items.append(_item(item.id, item.label, answers))
        if items:
            groups.append(_item(f"group.{group.id}", group.title, items=items))
    return groups


def _verdict_items(result: ScreeningResult, pack: ContentPack, review_decision: str,
                   review_status: str) -> list[QuestionnaireResponseItem]:
    label = pack.verdicts[result.verdict].label
    reasons = []
    for reason in result.reasons:
        answer = _answer(valueCoding=coding(uris.RULE, reason.rule_id, reason.physician))
        answer.item = [_item("verdict.reason.verdict", "Verdict this reason gives", [
            _answer(valueCoding=coding(uris.VERDICT, reason.verdict.value,
                                       pack.verdicts[reason.verdict].label))])]
        reasons.append(answer)
    review = [
        _item("review.decision", "Second physician's decision the verdict used",
              [_answer(valueCoding=coding(uris.REVIEW, review_decision))]),
        _item("review.state", "Second physician's review",
              [_answer(valueCoding=coding(uris.REVIEW, review_status,
                                          REVIEW_STATES.get(review_status, "")))]),
    ]
    return [
        _item("verdict", "Screening verdict",
              [_answer(valueCoding=coding(uris.VERDICT, result.verdict.value, label))]),
        _item("verdict.reasons", "Reasons, most restrictive first", reasons),
        _item("review", "Second physician's review", items=review),
    ]


def _teach_back_items(consultation: Consultation, pack: ContentPack
                      ) -> list[QuestionnaireResponseItem]:
    covered = set(consultation.script_covered)
    items = []
    for point in pack.script.points:
        parts = [_item(f"script.{point.id}.covered", "Covered in the consultation",
                       [_answer(valueBoolean=point.id in covered)])]
        outcome = consultation.teach_back.outcome(point.id)
        if outcome:
            parts.append(_item(f"teach-back.{point.id}.outcome", "Teach-back outcome", [
                _answer(valueCoding=coding(uris.TEACH_BACK, outcome, OUTCOME_LABELS[outcome]))]))
        found = consultation.teach_back.point(point.id)
        if found is not None and found.patient_words.strip():
            parts.append(_item(f"teach-back.{point.id}.words", "The patient's own words",
                               [_answer(valueString=found.patient_words)]))
        items.append(_item(f"teach-back.{point.id}", point.say, items=parts))
    teach_back = consultation.teach_back
    for link_id, text, value in (("teach-back.questions", "The patient's questions",
                                  teach_back.questions),
                                 ("teach-back.note", "Teach-back note", teach_back.note)):
        if value.strip():
            items.append(_item(link_id, text, [_answer(valueString=value)]))
    return [_item("teach-back", "Expectations script and teach-back", items=items)]


def questionnaire_response(resource_id: str, consultation: Consultation, pack: ContentPack,
                           result: ScreeningResult, *, review_status: str, draft: bool,
                           patient_id: str, encounter_id: str,
                           physician_id: str) -> QuestionnaireResponse:
    made = QuestionnaireResponse()
    made.id = resource_id
    made.identifier = identifier(uris.RECORD_ID, consultation.consultation_id)
    made.questionnaire = f"{uris.QUESTIONNAIRE}|{pack.version}"
    made.status = "in-progress" if draft else "completed"
    made.subject = reference(patient_id)
    made.encounter = reference(encounter_id)
    made.authored = date_time(consultation.visit_date)
    made.author = reference(physician_id)
    made.item = [
        *_screening_items(consultation, pack),
        *_verdict_items(result, pack, consultation.review.decision, review_status),
        *_teach_back_items(consultation, pack),
    ]
    return made
