"""Signed reviews in the records (issue 11.1): the rules are the service's, not a widget's.

A review is refused when its reviewer is the consultation's owner (the physician account that
created it), the physician named on it, a front-desk account, an inactive account, or gives a
wrong PIN (which counts toward that account's pause, as at sign-in). It covers the answers as
the records hold them (the window saves first), is stamped here, audited ("review"), and kept
for good (the table is append-only; a later review adds a row).

A review row counts only when the audit log vouches for it (issue 25.1): its "review" entry,
written by the service in the same transaction and keyed under the installation key, names the
review, its reviewer, decision and answers, and the digest of the whole row. A row inserted with
an SQL tool has no such entry and is never shown as a review; ``records verify`` names it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from consultaid.domain.consultation import consultation_from_json
from consultaid.domain.errors import ConsultaidError
from consultaid.domain.signed_review import DECISIONS, SignedReview, answers_digest
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.records import accounts, audit, finding, server_calls, signing_in
from consultaid.records.base import Backend, PermissionDenied, RecordNotFound, RecordSummary
from consultaid.records.users import User

_SELECT = ("SELECT r.id, r.consultation_id, r.reviewer_id, u.name, r.decision, r.comment, "
           "r.answers_sha256, r.signed_at FROM reviews r JOIN users u ON u.id = r.reviewer_id ")


def owner(service: Backend, consultation_id: str) -> str:
    """The audit actor that created the consultation ("user:3"; "" if unknown)."""
    row = service.db.execute(
        "SELECT actor FROM audit WHERE record_id = ? AND action IN ('create', 'import') "
        "ORDER BY seq LIMIT 1", (consultation_id,)).fetchone()
    return str(row[0]) if row else ""


def sign(service: Backend, reviewer_name: str, pin: str, consultation_id: str,
         decision: str, comment: str) -> SignedReview:
    """Record ``reviewer_name``'s review of the stored consultation; see the module."""
    if decision not in DECISIONS:
        raise ConsultaidError(QT_TRANSLATE_NOOP(
            "Records", "Choose the review's decision: agreed or not agreed."))
    if len(comment) > 2_000:
        raise ConsultaidError(QT_TRANSLATE_NOOP(
            "Records", "The review's comment is longer than 2,000 characters."))
    service.store.ensure_writable()
    row = service.db.execute(
        "SELECT c.status, d.json FROM consultations c JOIN consultation_data d ON d.id = c.id "
        "WHERE c.id = ?", (consultation_id,)).fetchone()
    if row is None:
        raise RecordNotFound(QT_TRANSLATE_NOOP(
            "Records", "Save the consultation in the records first; a review is given to a "
            "stored consultation."))
    reviewer = signing_in.confirm_pin(service, reviewer_name, pin)
    accounts.require(service, reviewer, "physician")
    consultation = consultation_from_json(row["json"])
    if owner(service, consultation_id) == reviewer.actor:
        raise PermissionDenied(QT_TRANSLATE_NOOP(
            "Records", "The physician who created this consultation cannot review it; the "
            "review is given by another physician."))
    if consultation.physician.strip().casefold() == reviewer.name.strip().casefold():
        raise PermissionDenied(QT_TRANSLATE_NOOP(
            "Records", "The physician named on this consultation cannot review it; the review "
            "is given by another physician."))
    if row["status"] != "draft":
        raise ConsultaidError(QT_TRANSLATE_NOOP(
            "Records", "This consultation is completed; a review is given before the "
            "handout."))
    digest = answers_digest(consultation)
    again = latest(service, consultation_id) if service.retrying else None
    if (again is not None and again.reviewer_id == reviewer.id and again.decision == decision
            and again.comment == comment and again.answers_sha256 == digest):
        return again  # signed by an attempt whose answer was lost (records.retry)
    with service.store.transaction() as db:
        signed_at = audit.now_utc()
        session = None
        if server_calls.enforced(db):  # the server checks the PIN and the rules again
            review_id, session = server_calls.sign_review(
                db, reviewer.id, pin, consultation_id, decision, comment, digest, signed_at)
        else:
            review_id = int(db.execute(
                "INSERT INTO reviews (consultation_id, reviewer_id, decision, comment, "
                "answers_sha256, signed_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                (consultation_id, reviewer.id, decision, comment, digest, signed_at)
            ).fetchone()[0])
        row = (review_id, consultation_id, reviewer.id, decision, comment, digest, signed_at)
        audit.append(db, reviewer.actor, "review", consultation_id, server_session=session,
                     review=review_id, decision=decision, answers_sha256=digest,
                     review_sha256=row_digest(row))
    return SignedReview(review_id, consultation_id, reviewer.id, reviewer.name, decision,
                        comment, digest, signed_at)


_ROW = ("SELECT id, consultation_id, reviewer_id, decision, comment, answers_sha256, signed_at "
        "FROM reviews ")


def row_digest(row: Any) -> str:
    """SHA-256 of a review row (``_ROW``'s columns, in order), the same on both backends."""
    r = tuple(row)
    values = [int(r[0]), str(r[1]), int(r[2]), str(r[3]), str(r[4]), str(r[5]), str(r[6])]
    return hashlib.sha256(json.dumps(values, ensure_ascii=False).encode("utf-8")).hexdigest()


def _vouched(entry: audit.AuditEntry, row: Any) -> bool:
    """Whether a genuine "review" entry states exactly this review row."""
    r = tuple(row)
    detail = entry.detail
    if (detail.get("review") != int(r[0]) or entry.record_id != str(r[1])
            or entry.actor != f"user:{int(r[2])}" or detail.get("decision") != r[3]
            or detail.get("answers_sha256") != r[5]):
        return False
    stated = detail.get("review_sha256")  # reviews signed before 0.2.0 stated the fields above
    return stated is None or stated == row_digest(row)


def _entries(db: Any, consultation_id: str) -> list[audit.AuditEntry]:
    """The genuine "review" entries of one consultation."""
    rows = db.execute(audit.ENTRY + "WHERE action = 'review' AND record_id = ? ORDER BY seq",
                      (consultation_id,)).fetchall()
    found = []
    for row in rows:
        if not audit.genuine(db, row):
            continue
        try:
            detail = json.loads(row[5])
        except ValueError:
            continue
        if isinstance(detail, dict):
            found.append(audit.AuditEntry(int(row[0]), row[1], row[2], row[3], row[4], detail))
    return found


def trusted(db: Any, row: Any, entries: list[audit.AuditEntry] | None = None) -> bool:
    """Whether the audit log vouches for this review row (see the module)."""
    found = _entries(db, str(tuple(row)[1])) if entries is None else entries
    return any(_vouched(entry, row) for entry in found)


def latest(service: Backend, consultation_id: str) -> SignedReview | None:
    """The newest review of a consultation that the audit log vouches for; rows it does not
    vouch for (inserted outside consultaid) are passed over, never shown."""
    db = service.db
    rows = db.execute(_ROW + "WHERE consultation_id = ? ORDER BY id DESC",
                      (consultation_id,)).fetchall()
    if not rows:
        return None
    entries = _entries(db, consultation_id)
    for row in rows:
        if trusted(db, row, entries):
            named = db.execute(_SELECT + "WHERE r.id = ?", (int(row[0]),)).fetchone()
            return _review(named) if named else None
    return None


def problems(db: Any) -> list[str]:
    """Each review row against the audit log, and each audited review present."""
    found: list[str] = []
    rows = db.execute(_ROW + "ORDER BY id").fetchall()
    by_consultation: dict[str, list[audit.AuditEntry]] = {}
    seen: set[int] = set()
    for row in rows:
        cid = str(row[1])
        if cid not in by_consultation:
            by_consultation[cid] = _entries(db, cid)
        seen.add(int(row[0]))
        if not trusted(db, row, by_consultation[cid]):
            found.append(f"review {row[0]} of consultation {cid} is not the one the audit log "
                         "records (added or changed outside consultaid); it does not count")
    for entry in audit.entries_of(db, "review"):
        review_id = entry.detail.get("review")
        if isinstance(review_id, int) and review_id not in seen:
            found.append(f"review {review_id} of consultation {entry.record_id} is in the audit "
                         "log but was deleted from the records")
    return found


def _review(row: Any) -> SignedReview:
    r = tuple(row)
    return SignedReview(int(r[0]), str(r[1]), int(r[2]), str(r[3]), str(r[4]), str(r[5]),
                        str(r[6]), str(r[7]))


def waiting_for(service: Backend, user: User,
                limit: int = 200) -> list[RecordSummary]:
    """Drafts another physician created whose answers no signed review covers yet — the
    consultations ``user`` could review now (newest first)."""
    drafts = service.db.execute(
        "SELECT c.id, d.json FROM consultations c JOIN consultation_data d ON d.id = c.id "
        "WHERE c.status = 'draft' ORDER BY c.visit_date DESC, c.id LIMIT ?", (limit * 5,))
    waiting: list[RecordSummary] = []
    for cid, text in drafts.fetchall():
        try:
            consultation = consultation_from_json(text)
        except (ConsultaidError, ValueError, json.JSONDecodeError):
            continue  # a damaged record is named by `records verify`, not offered here
        if owner(service, cid) == user.actor or (
                consultation.physician.strip().casefold() == user.name.strip().casefold()):
            continue
        signed = latest(service, cid)
        if signed is not None and signed.answers_sha256 == answers_digest(consultation):
            continue
        summary = finding.summary(service, cid)
        if summary is not None:
            waiting.append(summary)
        if len(waiting) >= limit:
            break
    return waiting
