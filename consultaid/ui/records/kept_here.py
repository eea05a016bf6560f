"""Work kept on this computer until the records have it (:mod:`consultaid.records.pending`).

Two kinds: a *draft* the records did not take (server away, file busy) — offered to them again
every 10 s; and an *amendment in progress* — changes to a completed record, kept while they are
made, because an amendment is only saved when the physician gives its reason (a crash before
that would lose them). Whatever is still here is offered back at the next sign-in.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from consultaid.domain.consultation import Consultation
from consultaid.domain.errors import ConsultaidError
from consultaid.domain.vocabulary import RecordStatus
from consultaid.records import pending
from consultaid.ui.access.access_model import AccessModel
from consultaid.ui.messages import ask_yes
from consultaid.ui.state import ConsultationState

if TYPE_CHECKING:  # the records layer loads on the records thread once the window is built
    from consultaid.records.errors import StoreUnavailable

RETRY_MS = 10_000
"""How often a draft kept on this computer is offered to the records again."""


class DraftSync(Protocol):
    """What is kept here is kept for (the records controller)."""

    state: ConsultationState
    record_version: int | None

    def autosave_in_background(self) -> None: ...
    def autosave_now(self) -> bool: ...


class KeptView(Protocol):
    """What the offers and messages need of the window."""

    def show_message(self, text: str, error: bool = False, source: str = "",
                     lasting: bool = False) -> None: ...
    def show_wizard(self) -> None: ...
    def go_to(self, index: int) -> None: ...


class KeptHere(QObject):
    def __init__(self, sync: DraftSync, access: AccessModel, window: KeptView,
                 dialog_parent: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sync, self.access, self.window = sync, access, window
        self.dialog_parent = dialog_parent
        self.retry_timer = QTimer(self)
        """Runs while a draft waits on this computer for the records to answer again."""
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(sync.autosave_in_background)

    @property
    def waiting(self) -> bool:
        """A draft is kept here and the records are tried again soon."""
        return self.retry_timer.isActive()

    def keep_draft(self, problem: StoreUnavailable | None,
                   consultation: Consultation | None = None,
                   version: int | None = None) -> None:
        """The records did not answer: keep the draft (``consultation`` as it was sent, else
        the screen's) here and try again later."""
        self.retry_timer.setInterval(RETRY_MS)
        try:
            if consultation is None:
                self._keep(RecordStatus.DRAFT)
            elif self.access.user is not None:
                pending.keep(self.access.user.id, consultation, version, RecordStatus.DRAFT)
        except ConsultaidError as exc:
            self.window.show_message(
                self.tr("The draft could not be kept in the records (they do not answer) "
                        "nor on this computer ({exc}). Keep this window open, or keep the "
                        "consultation as a file with File > Save As….").format(exc=exc), error=True)
            self.retry_timer.start()
            return
        self.retry_timer.start()
        if problem is None:
            return  # already said; the retry timer is running
        from consultaid.records.errors import StoreBusy

        why = (self.tr("The records are busy (another workstation or program is writing them)")
               if isinstance(problem, StoreBusy) else self.tr(
                       "The records server cannot be reached"))
        self.window.show_message(
            self.tr("{why}, so this draft is kept on this computer for now. It is saved to "
                    "the records by itself as soon as they answer; you can go on working.").format(
                    why=why), error=True)

    def keep_amendment(self) -> None:
        """Changes to a completed record, kept while they are made (silently: a disk that
        refuses is said when the amendment is saved, and the changes are still on screen)."""
        with contextlib.suppress(ConsultaidError):
            self._keep("amendment")

    def _keep(self, kind: str) -> None:
        user = self.access.user
        assert user is not None
        pending.keep(user.id, self.sync.state.consultation, self.sync.record_version, kind)

    def saved(self, consultation_id: str) -> bool:
        """The records have it now: drop the copy here; whether there was one."""
        self.retry_timer.stop()
        return pending.forget(consultation_id)

    def discard(self) -> None:
        """The physician discarded the unsaved changes: the copy kept here goes with them."""
        self.saved(self.sync.state.consultation.consultation_id)

    def offer(self) -> bool:
        """At sign-in: open what is kept here for this user (the latest), and save a draft to
        the records (from the version it was edited from: never over a newer one). Whether
        anything was offered."""
        user = self.access.user
        kept = pending.for_user(user.id) if user is not None else []
        if not kept or self.access.records is None:
            return False
        item = kept[-1]
        who = item.consultation.patient.name.strip() or self.tr("a patient without a name yet")
        stamp = item.kept_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if item.kind == "amendment":
            what, title = self.tr("An amendment to the consultation for {who}").format(
                    who=who), self.tr(
                    "Unsaved amendment")
            question = (self.tr(
                    "{what}, begun at {stamp}, was not saved when consultaid closed. Open "
                    "it to finish it?").format(what=what, stamp=stamp))
        else:
            what, title = self.tr("A draft for {who}").format(who=who), self.tr(
                    "Draft kept on this computer")
            question = (self.tr(
                    "{what} from {stamp} was kept on this computer while the records could "
                    "not be reached. Open it and save it to the records?").format(
                    what=what, stamp=stamp))
        if not ask_yes(self.dialog_parent, title, question):
            self._declined(item, what, title)
            return True
        sync = self.sync
        sync.state.replace(item.consultation)
        sync.record_version = item.expected_version
        self.window.show_wizard()
        self.window.go_to(0)
        if item.kind == "amendment":
            sync.state.edit(lambda _c: None)  # unsaved again: File > Save asks its reason
        else:
            sync.autosave_now()
        return True

    def _declined(self, item: pending.PendingDraft, what: str, title: str) -> None:
        if ask_yes(self.dialog_parent, title, self.tr(
                "Delete it? {what} was never saved to the records.").format(what=what)):
            pending.forget(item.consultation.consultation_id)
        else:
            self.window.show_message(self.tr(
                    "It stays on this computer and is offered again at the next sign-in."))
