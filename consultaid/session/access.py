"""Who is at the screen and what they may use: one table instead of booleans in the window."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.domain.vocabulary import Role


class AccessState(enum.Enum):
    NO_RECORDS = "no records"
    """Records not in use (not set up, or the user chose JSON files only)."""
    SIGNED_OUT = "signed out"
    """Records in use and nobody signed in (opening, first account, sign-in, unavailable)."""
    SIGNED_IN = "signed in"
    LOCKED = "locked"


ROLE_LABELS: dict[str, str] = {Role.PHYSICIAN: QT_TRANSLATE_NOOP("Roles", "Physician"),
               Role.FRONT_DESK: QT_TRANSLATE_NOOP("Roles", "Front desk")}
"""How a role is named to people (the records store the key)."""


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, QT_TRANSLATE_NOOP("Roles", "Unknown role"))


@dataclass(frozen=True)
class Permissions:
    """What the menus and shortcuts allow right now."""

    edit_consultation: bool = False
    """New, Open, Save, Import, Export, Settings and the wizard itself."""
    open_records: bool = False
    manage_accounts: bool = False
    """File > Accounts…: list, add, deactivate, reset another account's PIN (physicians)."""
    change_own_pin: bool = False
    review_others: bool = False
    """File > Waiting for my review…: consultations other physicians made (physicians)."""
    lock: bool = False
    sign_out: bool = False
    see_patient: bool = False
    """A patient's name may be on screen (window title included)."""


@dataclass(frozen=True)
class Access:
    state: AccessState
    role: str | None = None
    records_read_only: bool = False

    @property
    def physician(self) -> bool:
        """A physician is signed in (the screen may be locked: their draft is still theirs)."""
        return (self.state in (AccessState.SIGNED_IN, AccessState.LOCKED)
                and self.role == Role.PHYSICIAN)

    @property
    def records_writable(self) -> bool:
        """Drafts, amendments and handouts go to the records."""
        return self.physician and not self.records_read_only

    @property
    def permissions(self) -> Permissions:
        if self.state is AccessState.NO_RECORDS:
            return Permissions(edit_consultation=True, see_patient=True)
        if self.state is not AccessState.SIGNED_IN:
            return Permissions()
        # Front desk: the records view only (summaries and stored handouts).
        return Permissions(edit_consultation=self.physician, open_records=True,
                           manage_accounts=self.physician and not self.records_read_only,
                           change_own_pin=not self.records_read_only,
                           review_others=self.physician and not self.records_read_only,
                           lock=True, sign_out=True, see_patient=True)
