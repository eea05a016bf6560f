"""Who may do what, and where a save goes: one table, tested without a display."""

from __future__ import annotations

import pytest

from consultaid.session.access import Access, AccessState, Permissions, role_label
from consultaid.session.saving import SaveTarget, save_target, status_label

S = AccessState
NOTHING = Permissions()
FILES_ONLY = Permissions(edit_consultation=True, see_patient=True)
PHYSICIAN = Permissions(edit_consultation=True, open_records=True, manage_accounts=True,
                        review_others=True, change_own_pin=True, lock=True, sign_out=True,
                        see_patient=True)
PHYSICIAN_READ_ONLY = Permissions(edit_consultation=True, open_records=True, lock=True,
                                  sign_out=True, see_patient=True)
FRONT_DESK = Permissions(open_records=True, change_own_pin=True, lock=True, sign_out=True,
                         see_patient=True)
FRONT_DESK_READ_ONLY = Permissions(open_records=True, lock=True, sign_out=True, see_patient=True)


@pytest.mark.parametrize(("access", "expected"), [
    (Access(S.NO_RECORDS), FILES_ONLY),
    (Access(S.SIGNED_OUT), NOTHING),
    (Access(S.SIGNED_OUT, records_read_only=True), NOTHING),
    (Access(S.LOCKED, "physician"), NOTHING),
    (Access(S.LOCKED, "front_desk"), NOTHING),
    (Access(S.SIGNED_IN, "physician"), PHYSICIAN),
    (Access(S.SIGNED_IN, "physician", records_read_only=True), PHYSICIAN_READ_ONLY),
    (Access(S.SIGNED_IN, "front_desk"), FRONT_DESK),
    (Access(S.SIGNED_IN, "front_desk", records_read_only=True), FRONT_DESK_READ_ONLY),
    (Access(S.SIGNED_IN, "administrator"), FRONT_DESK),  # an unknown role gets no more
])
def test_permissions_table(access: Access, expected: Permissions) -> None:
    assert access.permissions == expected


@pytest.mark.parametrize(("access", "status", "target"), [
    (Access(S.NO_RECORDS), None, SaveTarget.FILE),
    (Access(S.SIGNED_OUT), None, SaveTarget.REFUSED),
    (Access(S.SIGNED_IN, "front_desk"), None, SaveTarget.REFUSED),
    (Access(S.SIGNED_IN, "front_desk"), "draft", SaveTarget.REFUSED),
    (Access(S.SIGNED_IN, "physician"), None, SaveTarget.DRAFT),
    (Access(S.SIGNED_IN, "physician"), "draft", SaveTarget.DRAFT),
    (Access(S.SIGNED_IN, "physician"), "completed", SaveTarget.AMENDMENT),
    (Access(S.SIGNED_IN, "physician"), "handout_given", SaveTarget.AMENDMENT),
    (Access(S.SIGNED_IN, "physician", records_read_only=True), "draft", SaveTarget.FILE),
    # Locking saves the physician's draft first; it never turns it into a file or a refusal.
    (Access(S.LOCKED, "physician"), "draft", SaveTarget.DRAFT),
    (Access(S.LOCKED, "front_desk"), None, SaveTarget.REFUSED),
])
def test_save_target(access: Access, status: str | None, target: SaveTarget) -> None:
    assert save_target(access, status) is target


def test_labels_are_words_not_keys() -> None:
    assert role_label("front_desk") == "Front desk"
    assert role_label("x_internal") == "Unknown role"
    assert status_label("handout_given") == "handout given"
    assert status_label("weird_state") == "stored"
