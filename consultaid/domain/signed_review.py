"""The second physician's review as a signed act (issue 11.1), as the core sees it.

A review is given by a physician account other than the one that created the consultation,
confirmed with its own PIN, and stamped by the records service. It covers the screening answers
it saw: :func:`answers_digest` is their hash, kept with the review. When the answers change
afterwards, the review no longer covers them ("out of date") and the verdict goes back to
"needs review". Only a signed, current review counts; a review typed into a file does not.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Literal

from consultaid.domain.consultation import Consultation, consultation_to_dict

DECISIONS = ("agreed", "not_agreed")


@dataclass(frozen=True)
class SignedReview:
    id: int
    consultation_id: str
    reviewer_id: int
    reviewer: str
    """The reviewer account's name (as the records have it now)."""
    decision: str
    comment: str
    answers_sha256: str
    signed_at: str
    """UTC, ISO 8601, stamped by the records service."""


def answers_digest(consultation: Consultation) -> str:
    """SHA-256 of what a review covers: the screening answers (the verdict rests on them
    alone; the condition is chosen on a later step and does not change the verdict)."""
    body = consultation_to_dict(consultation).get("screening")
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


ReviewStatus = Literal["signed", "out_of_date", "pending", "not_verified"]


@dataclass(frozen=True)
class ReviewState:
    """What the window and the handout may rely on."""

    status: ReviewStatus
    signed: SignedReview | None = None

    @property
    def decision(self) -> str:
        """The decision the verdict uses: a signed, current review's; else "pending"."""
        return self.signed.decision if self.status == "signed" and self.signed else "pending"


def review_state(consultation: Consultation, signed: SignedReview | None,
                 records: bool) -> ReviewState:
    """``signed``: the latest signed review in the records (``records``: whether the
    consultation is read from them at all — a file opened without them cannot be verified)."""
    if not records:
        return ReviewState("not_verified")
    if signed is None:
        return ReviewState("pending")
    if signed.answers_sha256 != answers_digest(consultation):
        return ReviewState("out_of_date", signed)
    return ReviewState("signed", signed)
