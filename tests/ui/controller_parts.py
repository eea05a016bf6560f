"""What a controller is built from, without the window (issue 27): scripted questions, and
small stand-ins for the parts of the window a controller reports to.

The records are real (a temporary SQLite database, see ``records_db``/``service``); only the
person answering questions and the window's chrome are stand-ins.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QStackedWidget,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.session.access import Access, AccessState
from consultaid.session.saving import SaveTarget, save_target
from consultaid.settings import ClinicSettings
from consultaid.ui.access.access_controller import AccessController
from consultaid.ui.access.access_model import AccessModel
from consultaid.ui.access.access_page import AccessPage
from consultaid.ui.actions import WindowActions
from consultaid.ui.live_text import LiveLabel
from consultaid.ui.messages import MessageBar
from consultaid.ui.records import kept_here, records_sync
from consultaid.ui.records.records_page import RecordsPage
from consultaid.ui.records.records_sync import RecordsController
from consultaid.ui.state import ConsultationState
from consultaid.ui.wizard.patient_page import PatientPage


@dataclass
class FakeQuestions:
    """The person at the screen, scripted: each question takes the next prepared answer and
    is remembered; a question with no answer prepared fails the test."""

    yes: list[bool] = field(default_factory=list)
    reasons: list[str | None] = field(default_factory=list)
    save_changes: list[bool] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)

    def ask_yes(self, _parent: object, _title: str, text: str) -> bool:
        self.asked.append(text)
        assert self.yes, f"unexpected question: {text}"
        return self.yes.pop(0)

    def ask_amendment_reason(self, _parent: object) -> str | None:
        self.asked.append("Reason for the amendment")
        assert self.reasons, "unexpected question: the amendment's reason"
        return self.reasons.pop(0)

    def maybe_save(self) -> bool:
        """Save changes? (Cancel: False); asked, as the window asks, only of unsaved work —
        see ``controllers``."""
        self.asked.append("Save changes?")
        assert self.save_changes, "unexpected question: save changes?"
        return self.save_changes.pop(0)


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> FakeQuestions:
    """Questions the records controller asks go to a scripted :class:`FakeQuestions`."""
    fake = FakeQuestions()
    for module in (records_sync, kept_here):
        monkeypatch.setattr(module, "ask_yes", fake.ask_yes)
    monkeypatch.setattr(records_sync, "ask_amendment_reason", fake.ask_amendment_reason)
    return fake


class FakeWindow:
    """The window's chrome as the records and access controllers see it
    (``RecordsView`` and ``AccessWindow``): a stack with the access page, a stand-in for the
    wizard and, once records are attached, the real records view; what it is told to say is
    kept in ``messages`` and shown in a real message bar."""

    def __init__(self, qtbot: QtBot, access: AccessModel, state: ConsultationState,
                 pack: ContentPack) -> None:
        self.access_model, self.state, self.pack = access, state, pack
        self.frame = QMainWindow()  # one top-level window, with the real menu actions
        qtbot.addWidget(self.frame)
        central = QWidget()
        self.frame.setCentralWidget(central)
        layout = QVBoxLayout(central)
        self.root = QStackedWidget()
        self.patient_page = PatientPage(state, ["en"])  # the wizard's first step stands in
        self.wizard: QWidget = self.patient_page
        self.root.addWidget(self.wizard)
        self.records_page: RecordsPage | None = None
        self.user_label = LiveLabel("Signed-in user")
        self.message_bar = MessageBar()
        self.status_bar = QStatusBar()
        for widget in (self.root, self.message_bar, self.user_label):
            layout.addWidget(widget)
        self.frame.setStatusBar(self.status_bar)
        self.menu_actions: WindowActions | None = None
        self.messages: list[tuple[str, bool]] = []
        self.steps: list[int] = []
        self.opened_pending = 0

    # RecordsView ------------------------------------------------------------------------
    def show_message(self, text: str, error: bool = False, source: str = "",
                     lasting: bool = False) -> None:
        self.messages.append((text, error))
        self.status_bar.clearMessage()  # as the window: never the same sentence twice
        self.message_bar.show_message(text, error, source, lasting)

    def statusBar(self) -> QStatusBar:
        return self.status_bar

    def show_wizard(self) -> None:
        self.root.setCurrentWidget(self.wizard)

    def go_to(self, index: int) -> None:
        self.steps.append(index)

    def say_opened(self, text: str) -> None:
        self.show_message(text)  # (the window's wizard has no page that failed here)

    def say_reconnecting(self, text: str) -> None:
        self.messages.append((text, False))

    # AccessWindow -----------------------------------------------------------------------
    def dialogs(self) -> list[QDialog]:
        return self.frame.findChildren(QDialog)  # as the window: the dialogs it parents

    def access(self) -> Access:
        """As the window works it out, from the access model (records are always attached)."""
        model = self.access_model
        user = model.user
        now = (AccessState.LOCKED if model.locked else
               AccessState.SIGNED_IN if user is not None else AccessState.SIGNED_OUT)
        records = model.records
        return Access(now, None if user is None else user.role,
                      records is not None and records.health().read_only)

    def save_target(self) -> SaveTarget:
        return save_target(self.access(), self.state.record_status)

    def apply_access(self) -> None:
        """As the window: the menu actions follow what the access allows."""
        access = self.access()
        if self.menu_actions is not None:
            self.menu_actions.apply(access.permissions, menus=access.state in (
                AccessState.NO_RECORDS, AccessState.SIGNED_IN))

    def update_title(self) -> None:
        pass

    def show_transport_warning(self, text: str) -> None:
        self.messages.append((text, True))

    def add_records_page(self, service: RecordsService) -> None:
        """As the window adds it: searching through the records runner, saying through the
        message bar (opening a record is the records controller's: see ``Controllers``)."""
        ops = self.access_model.ops
        self.records_page = RecordsPage(ops if ops is not None else service, self.pack)
        self.records_page.back_requested.connect(self.show_wizard)
        self.records_page.message.connect(self.show_message)
        self.root.addWidget(self.records_page)

    def show_records(self) -> None:
        """As the window shows it: a new search, the cursor in the search field."""
        page = self.records_page
        if page is None or self.access_model.user is None or self.access_model.locked:
            return
        self.root.setCurrentWidget(page)
        page.start_new_search()
        page.search.setFocus()

    def open_pending(self) -> None:
        self.opened_pending += 1

    def new_consultation_value(self) -> Consultation:
        return Consultation()

    def focus_next_patient(self) -> None:
        if not self.state.consultation.patient.name:
            self.patient_page.name.setFocus()  # the next patient's name goes here

    def texts(self) -> list[str]:
        return [text for text, _error in self.messages]


@dataclass
class Controllers:
    """The records and access controllers over one state, access model and records."""

    state: ConsultationState
    access: AccessModel
    window: FakeWindow
    records: RecordsController
    page: AccessPage
    control: AccessController


MakeControllers = Callable[[RecordsService], Controllers]


@pytest.fixture
def make_controllers(qtbot: QtBot, pack: ContentPack,
                     questions: FakeQuestions) -> Iterator[MakeControllers]:
    """Controllers built as ``MainWindow.finish`` builds them, from their collaborators only,
    with the given records attached and nobody signed in yet (a second call: the app started
    again, e.g. after a crash)."""
    made: list[Controllers] = []

    def make(service: RecordsService) -> Controllers:
        access = AccessModel()
        state = ConsultationState(pack=pack)
        window = FakeWindow(qtbot, access, state, pack)
        parent = window.frame  # the dialogs' parent, as the window is

        def unsaved_work_may_go() -> bool:
            return not state.dirty or questions.maybe_save()

        records = RecordsController(
            state, access, window, dialog_parent=parent, save_target=window.save_target,
            maybe_save=unsaved_work_may_go, restart_steps=lambda _seen: None, pack=pack,
            settings=ClinicSettings)

        class Documents:
            """All the access controller asks of the documents: may unsaved work be left?"""

            maybe_save = staticmethod(unsaved_work_may_go)

        page = AccessPage()
        window.root.addWidget(page)
        control = AccessController(window, access, page, state=state, records_sync=records,
                                   documents=Documents(),  # type: ignore[arg-type]
                                   lock_minutes=5, dialog_parent=parent)
        slots: dict[str, Callable[[], object]] = defaultdict(lambda: lambda: None)
        slots.update(records=window.show_records, accounts=control.show_accounts,
                     change_pin=control.change_own_pin, lock=control.lock,
                     sign_out=control.sign_out)  # what these tests reach through the menus
        window.menu_actions = WindowActions(window.frame, slots)
        window.frame.show()
        qtbot.waitExposed(window.frame)
        control.attach_records(service)
        assert window.records_page is not None
        window.records_page.open_requested.connect(records.open_record)
        qtbot.waitUntil(lambda: not control.checking)
        made.append(Controllers(state, access, window, records, page, control))
        return made[-1]

    yield make
    for parts in made:
        parts.records.autosave_timer.stop()
        parts.records.kept.retry_timer.stop()
        parts.state.mark_clean()
        parts.records.close()


@pytest.fixture
def controllers(make_controllers: MakeControllers, service: RecordsService,
                physician: User) -> Controllers:
    """The controllers over ``service``, which holds the ``physician``'s account."""
    return make_controllers(service)


def sign_in(qtbot: QtBot, parts: Controllers, name: str = "Dr Ada Test",
            pin: str = "123456") -> None:
    """Name (where asked) and PIN typed on the access page; the records have answered all."""
    enter_pin(qtbot, parts.page, parts.control, name, pin)
    settle(qtbot, parts)


def enter_pin(qtbot: QtBot, page: AccessPage, control: AccessController, name: str,
              pin: str) -> None:
    """Type name (where asked) and PIN on ``page`` and press Enter; wait for the answer."""
    qtbot.waitUntil(lambda: not control.checking)  # the records' first answer
    if not page.name.isReadOnly() and page.name.isVisible():
        page.name.setText(name)
    page.pin.setFocus()
    qtbot.keyClicks(page.pin, pin)
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)
    # The PIN is checked on the records thread; its answer arrives as an event, and so does
    # what signing in asks next (an unfinished draft opened again).
    qtbot.waitUntil(lambda: not control.checking)


def settle(qtbot: QtBot, parts: Controllers) -> None:
    """Wait until the records thread has answered every call made."""
    ops = parts.access.ops
    assert ops is not None
    qtbot.waitUntil(lambda: not ops.busy, timeout=30000)
