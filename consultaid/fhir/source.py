"""What a bundle is made of, as the records or a consultation file give it."""

from __future__ import annotations

from dataclasses import dataclass, field

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
