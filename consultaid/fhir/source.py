"""What a bundle is made of, as the records or a consultation file give it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from consultaid.domain.consultation import Consultation
from consultaid.domain.screening import ScreeningResult
from consultaid.domain.signed_review import SignedReview


@dataclass(frozen=True)
class GivenHandout:
    """One handout as given, as the records keep it."""

    id: int
    pdf: bytes
    sha256: str
    created_at: str
    pack_version: str


@dataclass(frozen=True)
class AuditRecord:
    """One entry of the records' audit log about the record (never patient data)."""

    seq: int
    at: str
    actor: str
    """"user:<account number>" or "cli:<name>", as the log has it."""
    actor_name: str
    """The account's name ("" when not known)."""
    action: str
    detail: dict[str, Any]


@dataclass
class BundleSource:
    """Everything a bundle is made of; the records or a consultation file fill it."""

    consultation: Consultation
    """With ``review`` as the verdict is to use it (a signed, current review's, or pending)."""
    result: ScreeningResult
    review_status: str
    """signed, out_of_date, pending or not_verified (domain.signed_review.ReviewStatus)."""
    signed_review: SignedReview | None = None
    """Exported as a Provenance when ``review_status`` is "signed"."""
    handouts: list[GivenHandout] = field(default_factory=list)
    """Oldest first."""
    draft: bool = False
    audit: list[AuditRecord] = field(default_factory=list)
    """The record's audit entries, oldest first (a stored record's export only)."""
