"""Issue 11.1 at the service: the second physician's review is a signed act the records enforce,
on SQLite and on PostgreSQL. Each refusal is the attack itself, made through the service."""

from __future__ import annotations

import copy

import pytest

from consultaid.domain.signed_review import answers_digest, review_state
from consultaid.records import audit
from consultaid.records.accounts import Accounts
from consultaid.records.pg_store import PgStore
from consultaid.records.service import PermissionDenied, RecordsService, SignInPaused
from consultaid.records.signing_in import MAX_PIN_FAILURES
from consultaid.records.store import Store
from consultaid.records.users import User
from tests.records.conftest import GUARD_ERRORS
from tests.records.test_service import example


def test_a_second_physician_signs_and_it_is_stamped_and_audited(
        service: RecordsService, physician: User, second: User, draft: str) -> None:
    signed = service.sign_review("Dr Second", "864213", draft, "agreed", "Fine by me.")
    assert signed.reviewer == "Dr Second" and signed.decision == "agreed"
    assert signed.signed_at  # stamped by the service, not typed
    assert service.signed_review(draft) == signed
    stored, _ = service.get(physician, draft)
    assert signed.answers_sha256 == answers_digest(stored)
    assert review_state(stored, signed, records=True).decision == "agreed"
    entries = [(e.actor, e.action, e.record_id) for e in audit.entries(service.db)]
    assert (second.actor, "review", draft) in entries
    assert service.verify() == []


def test_the_owner_cannot_review_their_own_consultation(
        service: RecordsService, physician: User, second: User, draft: str) -> None:
    with pytest.raises(PermissionDenied, match="created this consultation"):
        service.sign_review("Dr Rivera", "246810", draft, "agreed")
    assert service.signed_review(draft) is None


def test_the_physician_named_on_it_cannot_review_it(
        service: RecordsService, physician: User, second: User) -> None:
    c = example("r2", "Named Patient")
    c.physician = "dr second"  # created by Dr Rivera's account, naming Dr Second
    service.save_draft(physician, c)
    with pytest.raises(PermissionDenied, match="named on this consultation"):
        service.sign_review("Dr Second", "864213", "r2", "agreed")


def test_front_desk_and_inactive_accounts_cannot_review(
        service: RecordsService, physician: User, second: User, front_desk: User,
        draft: str) -> None:
    with pytest.raises(PermissionDenied):
        service.sign_review("Pat Desk", "135791", draft, "agreed")
    Accounts(service).deactivate(physician, second.id)
    with pytest.raises(PermissionDenied):
        service.sign_review("Dr Second", "864213", draft, "agreed")
    assert service.signed_review(draft) is None


def test_a_wrong_reviewer_pin_is_refused_and_counted(
        service: RecordsService, physician: User, second: User, draft: str) -> None:
    for _ in range(MAX_PIN_FAILURES):
        with pytest.raises(PermissionDenied, match="do not match"):
            service.sign_review("Dr Second", "000000", draft, "agreed")
    with pytest.raises(SignInPaused):  # the account's pause, as at sign-in
        service.sign_review("Dr Second", "864213", draft, "agreed")
    assert service.signed_review(draft) is None


def test_changed_answers_make_the_review_out_of_date(
        service: RecordsService, physician: User, second: User, draft: str) -> None:
    service.sign_review("Dr Second", "864213", draft, "agreed")
    stored, _ = service.get(physician, draft)
    changed = copy.deepcopy(stored)
    first = next(iter(changed.screening))
    changed.screening[first] = "something else"
    assert review_state(changed, service.signed_review(draft), True).status == "out_of_date"
    assert review_state(changed, service.signed_review(draft), True).decision == "pending"
    # A notes-only change is not what the review covers.
    notes = copy.deepcopy(stored)
    notes.notes = "A note"
    assert review_state(notes, service.signed_review(draft), True).status == "signed"
    # Without the records (a file), nothing is verified.
    assert review_state(stored, None, records=False).decision == "pending"


def test_a_review_in_a_file_is_not_a_signed_review(
        service: RecordsService, physician: User, second: User) -> None:
    c = example("r3", "File Review")
    c.review.reviewer, c.review.decision = "Dr Second", "agreed"  # typed, not signed
    service.save_draft(physician, c)
    assert service.signed_review("r3") is None
    assert review_state(c, service.signed_review("r3"), True).decision == "pending"


def test_signed_reviews_cannot_be_changed_or_removed(
        service: RecordsService, store: Store | PgStore, physician: User, second: User,
        draft: str) -> None:
    service.sign_review("Dr Second", "864213", draft, "not_agreed", "Check the CRP.")
    with pytest.raises(GUARD_ERRORS):
        store.db.execute("UPDATE reviews SET decision = 'agreed'")
    with pytest.raises(GUARD_ERRORS):
        store.db.execute("DELETE FROM reviews")
    assert service.signed_review(draft).decision == "not_agreed"  # type: ignore[union-attr]


def test_waiting_for_my_review(service: RecordsService, physician: User, second: User,
                               draft: str) -> None:
    assert [s.id for s in service.waiting_for_review(second)] == [draft]
    assert service.waiting_for_review(physician) == []  # their own
    service.sign_review("Dr Second", "864213", draft, "agreed")
    assert service.waiting_for_review(second) == []
