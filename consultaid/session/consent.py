"""State consent elements (issue 17.3): where the clinic's jurisdiction requires a signed consent
for stem cell therapy not approved by the FDA, which of the elements its statute names are on the
handout, and whether the patient's acknowledgement was signed.

Only statutes whose text was checked are listed (CONTENT_GUIDE.md): Utah Code §58-1-512 (SB 199,
2024, le.utah.gov) asks for a signed consent form stating the nature of the treatment, the
anticipated results, the alternatives and the risks. Florida (F.S. 458.3245, 2025) also asks for a
signed consent, but its wording was not verified here, so it is left out until it is.

Each element is found through content-pack keys: the heading of the part of the handout that
states it and the pack text printed under it. A key that is empty (a clinic's overlay may blank a
text) or a part the handout for this screening outcome does not print counts as missing. The
handout's story prints those parts on the full sheet only (outcome "may proceed"; see
consultaid.handout.story); a test builds the handouts and checks the headings are there.

consultaid gives no legal advice: the clinic stays responsible for its own compliance.
"""

from __future__ import annotations

from dataclasses import dataclass

from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.domain.screening import Verdict
from consultaid.domain.translatable import QT_TRANSLATE_NOOP, joined


@dataclass(frozen=True)
class Element:
    name: str
    """What the statute names, in the physician's words."""
    keys: tuple[str, ...]
    """Content-pack keys that must all hold text: ``headings.X``, ``labels.X``, a HandoutText
    field (``common_options``), or ``condition.patient.X`` for the consultation's condition."""


@dataclass(frozen=True)
class ConsentLaw:
    jurisdiction: str
    citation: str
    elements: tuple[Element, ...]


UTAH = ConsentLaw("US-UT", "Utah Code §58-1-512", (
    # The 2027.01 handout (issue 28) states these in the decision aid's comparison (one row
    # per option: how well it works, its harms) and the details' product and steps.
    Element(QT_TRANSLATE_NOOP("Consent", "the nature of the treatment"),
            ("headings.product", "product_fields", "headings.condition",
             "condition.patient.aims", "headings.path", "condition.patient.path")),
    Element(QT_TRANSLATE_NOOP("Consent", "the anticipated results"),
            ("headings.glance", "labels.option_benefits", "condition.patient.options")),
    Element(QT_TRANSLATE_NOOP("Consent", "the alternatives"),
            ("headings.glance", "labels.option", "condition.patient.options",
             "common_options")),
    Element(QT_TRANSLATE_NOOP("Consent", "the risks"),
            ("headings.glance", "labels.option_risks", "condition.patient.options")),
))

LAWS = {law.jurisdiction: law for law in (UTAH,)}

FULL_SHEET = (Verdict.MAY_PROCEED,)
"""The outcomes whose handout prints the treatment's parts (the story's full sheet). A handout
for a deferred or not-eligible outcome offers no treatment, so no consent applies to it."""


@dataclass(frozen=True)
class ConsentCheck:
    law: ConsentLaw
    missing: tuple[str, ...]
    """Elements the statute names that this handout does not state."""
    signed: bool
    """The patient's acknowledgement is on record, signed on paper or on screen."""
    partial: bool = False
    """The screening outcome's handout leaves out the treatment's details (needs review)."""

    @property
    def complete(self) -> bool:
        return not self.missing and self.signed

    def message(self) -> str:
        """Plain words for the physician: what is missing before the handout counts as given."""
        law = self.law.citation
        if self.complete:
            return QT_TRANSLATE_NOOP("Consent", "{law}: the handout states the elements a signed "
                                     "consent needs, and the acknowledgement is signed.").format(
                law=law)
        parts: list[str] = []
        if self.missing:
            parts.append((QT_TRANSLATE_NOOP(
                "Consent", "the handout does not state {elements} (a handout for an outcome that "
                "still needs review leaves the treatment's details out; give the full handout "
                "once the review agrees)") if self.partial else QT_TRANSLATE_NOOP(
                "Consent", "the handout does not state {elements}")).format(
                elements=_and(self.missing)))
        if not self.signed:
            parts.append(QT_TRANSLATE_NOOP(
                "Consent", "the patient's acknowledgement is not signed yet (sign on paper or on "
                "screen after giving the handout; a verbal one is not a signature)"))
        if len(parts) == 1:
            return QT_TRANSLATE_NOOP("Consent", "{law} requires a signed consent form: {what}."
                                     ).format(law=law, what=parts[0])
        return QT_TRANSLATE_NOOP("Consent", "{law} requires a signed consent form: {first}; and "
                                 "{second}.").format(law=law, first=parts[0], second=parts[1])


def _and(items: tuple[str, ...]) -> str:
    if len(items) == 1:
        return items[0]
    return QT_TRANSLATE_NOOP("Consent", "{items} and {last}").format(
        items=joined(", ", items[:-1]), last=items[-1])


def _value(key: str, consultation: Consultation, pack: ContentPack) -> object:
    text = pack.handout
    head, _, rest = key.partition(".")
    if head in ("headings", "labels"):
        return getattr(text, head).get(rest, "")
    if head == "condition":
        panel = pack.condition(consultation.condition_id)
        if panel is None:
            return ""
        value: object = panel
        for part in rest.split("."):
            value = getattr(value, part, "")
        return value
    return getattr(text, key, "")


def _holds_text(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, tuple | list):
        return any(_holds_text(v) or not isinstance(v, str) for v in value)
    return value is not None and value != ""


def consent_check(consultation: Consultation, pack: ContentPack, jurisdiction: str,
                  verdict: Verdict) -> ConsentCheck | None:
    """None when ``jurisdiction`` asks for no signed consent we know of, or the handout for
    ``verdict`` offers no treatment; otherwise what is there and what is missing."""
    law = LAWS.get(jurisdiction.strip())
    if law is None or verdict in (Verdict.DEFERRED, Verdict.NOT_ELIGIBLE):
        return None
    full = verdict in FULL_SHEET
    missing = tuple(
        element.name for element in law.elements
        if (not full and element.name != "the alternatives")
        or not all(_holds_text(_value(k, consultation, pack)) for k in element.keys))
    ack = consultation.acknowledgement
    return ConsentCheck(law, missing, ack is not None and ack.signed, partial=not full)


__all__ = ["LAWS", "UTAH", "ConsentCheck", "ConsentLaw", "Element", "consent_check"]
