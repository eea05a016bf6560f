"""Provenance for the two acts the record attests: the second physician's signed review, and
the patient's acknowledgement of receiving and discussing the handout (not consent).

A review is signed in consultaid with the reviewer's own PIN (a physician account other than
the consultation's owner, stamped by the records service, audited under the installation key).
FHIR's ``Signature`` carries that as its type: ASTM's verification signature, and consultaid's
own code saying how it was made. It has no ``data``: a PIN confirmation is not a cryptographic
signature, and the bundle does not pretend otherwise.
"""

from __future__ import annotations

from fhirclient.models.fhirreference import FHIRReference
from fhirclient.models.identifier import Identifier
from fhirclient.models.provenance import Provenance, ProvenanceAgent, ProvenanceEntity
from fhirclient.models.signature import Signature

from consultaid.domain.acknowledgement import METHOD_LABELS, Acknowledgement
from consultaid.domain.signed_review import SignedReview
from consultaid.fhir import uris
from consultaid.fhir.elements import (
    coding,
    concept,
    date_time,
    display_only,
    identifier,
    instant,
    reference,
)

DECISION_WORDS = {"agreed": "Agreed", "not_agreed": "Not agreed"}


def _agent(who: FHIRReference, system: str, code: str, display: str) -> ProvenanceAgent:
    made = ProvenanceAgent()
    made.type = concept(coding(system, code, display))
    made.who = who
    return made


def _entity(what: Identifier) -> ProvenanceEntity:
    made = ProvenanceEntity()
    made.role = "source"
    made.what = FHIRReference()
    made.what.identifier = what
    return made


def _signature(when: str, who: FHIRReference, astm: tuple[str, str],
               method: tuple[str, str]) -> Signature:
    made = Signature()
    made.type = [coding(uris.ASTM_SIGNATURE, *astm), coding(uris.SIGNATURE_METHOD, *method)]
    made.when = instant(when)
    made.who = who
    return made


def review(resource_id: str, signed: SignedReview, target_id: str,
           reviewer_id: str) -> Provenance:
    """The review: who (the reviewer), when (stamped by the records), the decision (its
    activity), what it covered (the screening answers' digest), and how it was signed."""
    made = Provenance()
    made.id = resource_id
    made.target = [reference(target_id)]
    made.occurredDateTime = date_time(signed.signed_at)
    made.recorded = instant(signed.signed_at)
    decision = DECISION_WORDS.get(signed.decision, signed.decision)
    made.activity = concept(coding(uris.REVIEW, signed.decision, decision),
                            text=f"Second physician's review of the screening: {decision}"
                            + (f". {signed.comment}" if signed.comment.strip() else ""))
    made.agent = [_agent(reference(reviewer_id, signed.reviewer), uris.PROVENANCE_PARTICIPANT,
                         "verifier", "Verifier")]
    made.entity = [_entity(identifier(uris.ANSWERS_SHA256, signed.answers_sha256))]
    made.signature = [_signature(
        signed.signed_at, reference(reviewer_id, signed.reviewer),
        ("1.2.840.10065.1.12.1.5", "Verification Signature"),
        ("consultaid-pin", "Signed in consultaid with the reviewer's own PIN"))]
    return made


def acknowledgement(resource_id: str, ack: Acknowledgement, target_id: str, signer_id: str,
                    signer_name: str) -> Provenance:
    """The acknowledgement: who (the patient or their representative; a verbal one's staff
    witness), when, how (on paper, on screen, verbally), which handout (its SHA-256)."""
    made = Provenance()
    made.id = resource_id
    made.target = [reference(target_id)]
    made.occurredDateTime = date_time(ack.at)
    made.recorded = instant(ack.at)
    how = METHOD_LABELS.get(ack.method, ack.method)
    made.activity = concept(
        coding(uris.ACTIVITY, "acknowledged-handout", "Acknowledged receiving and discussing "
               "the handout"),
        text=f"The patient's acknowledgement of receiving and discussing the handout (not "
             f"consent to treatment): {how}")
    signer = reference(signer_id, signer_name)
    made.agent = [_agent(signer, uris.PROVENANCE_PARTICIPANT, "author", "Author")]
    if ack.method == "verbal" and ack.witness.strip():
        made.agent.append(_agent(display_only(ack.witness), uris.V3_PARTICIPATION, "WIT",
                                 "witness"))
    made.entity = [_entity(identifier(uris.HANDOUT_SHA256, ack.handout_sha256))]
    if ack.method in ("paper", "drawn"):
        made.signature = [_signature(
            ack.at, reference(signer_id, signer_name),
            ("1.2.840.10065.1.12.1.3", "Co-participant's Signature"),
            (f"acknowledgement-{ack.method}", how))]
    return made
