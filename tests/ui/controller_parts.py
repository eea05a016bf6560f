"""What a controller is built from, without the window (issue 27): scripted questions, and
small stand-ins for the parts of the window a controller reports to.

The records are real (a temporary SQLite database, see ``records_db``/``service``); only the
person answering questions and the window's chrome are stand-ins.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation, HandoutOptions
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.session.access import Access, AccessState
from consultaid.session.saving import SaveTarget, save_target
from consultaid.settings import ClinicSettings
from consultaid.ui.access.access_controller import AccessController
from consultaid.ui.access.access_model import AccessModel
from consultaid.ui.access.access_page import AccessPage
from consultaid.ui.actions import Slot, WindowActions
from consultaid.ui.documents import DocumentController
from consultaid.ui.live_text import LiveLabel
from consultaid.ui.messages import MessageBar
from consultaid.ui.records import kept_here, records_sync
from consultaid.ui.records.acknowledgement_sync import AcknowledgementController
from consultaid.ui.records.health_record_export import HealthRecordExport
from consultaid.ui.records.records_page import RecordsPage
from consultaid.ui.records.records_sync import RecordsController
from consultaid.ui.records.review_control import ReviewControl
from consultaid.ui.refresh_guard import CANNOT_SCREEN
from consultaid.ui.state import ConsultationState
from consultaid.ui.wizard.condition_page import ConditionPage
from consultaid.ui.wizard.expectations_page import ExpectationsPage
from consultaid.ui.wizard.follow_up_page import FollowUpPage
from consultaid.ui.wizard.handout_page import BuildPdf, HandoutPage
from consultaid.ui.wizard.patient_page import PatientPage
from consultaid.ui.wizard.screening_page import ScreeningPage
from consultaid.ui.wizard.wizard_view import WizardView
from tests.ui.fake_handout import fake_build_handout

T = TypeVar("T")


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
                 pack: ContentPack, wizard: WizardView | None = None) -> None:
        """``wizard``: the real steps (see :class:`WizardWindow`); without it the Patient step
        stands in for them."""
        self.access_model, self.state, self.pack = access, state, pack
        self.frame = QMainWindow()  # one top-level window, with the real menu actions
        qtbot.addWidget(self.frame)
        central = QWidget()
        self.frame.setCentralWidget(central)
        layout = QVBoxLayout(central)
        self.root = QStackedWidget()
        self.patient_page = (PatientPage(state, ["en"]) if wizard is None
                             else page_of(wizard, PatientPage))
        self.wizard: QWidget = self.patient_page if wizard is None else wizard
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


def build_controllers(window: FakeWindow, questions: FakeQuestions,
                      restart_steps: Callable[[bool], None],
                      settings: Callable[[], ClinicSettings] = ClinicSettings) -> Controllers:
    """The records and access controllers over ``window``'s state and access model, built as
    ``MainWindow.finish`` builds them; "Save changes?" goes to ``questions``."""
    state, access, pack = window.state, window.access_model, window.pack
    parent = window.frame  # the dialogs' parent, as the window is

    def unsaved_work_may_go() -> bool:
        return not state.dirty or questions.maybe_save()

    records = RecordsController(
        state, access, window, dialog_parent=parent, save_target=window.save_target,
        maybe_save=unsaved_work_may_go, restart_steps=restart_steps, pack=pack,
        settings=settings)

    class Documents:
        """All the access controller asks of the documents: may unsaved work be left?"""

        maybe_save = staticmethod(unsaved_work_may_go)

    page = AccessPage()
    window.root.addWidget(page)
    control = AccessController(window, access, page, state=state, records_sync=records,
                               documents=Documents(),  # type: ignore[arg-type]
                               lock_minutes=5, dialog_parent=parent)
    return Controllers(state, access, window, records, page, control)


def attach(qtbot: QtBot, parts: Controllers, service: RecordsService,
           slots: dict[str, Slot] | None = None) -> None:
    """The real menus (``slots`` besides the ones every controller test reaches) on the shown
    frame, then ``service`` attached: nobody signed in yet."""
    window, control = parts.window, parts.control
    every: dict[str, Slot] = defaultdict(lambda: lambda: None)
    every.update(records=window.show_records, accounts=control.show_accounts,
                 change_pin=control.change_own_pin, lock=control.lock,
                 sign_out=control.sign_out, **(slots or {}))
    window.menu_actions = WindowActions(window.frame, every)
    window.frame.show()
    qtbot.waitExposed(window.frame)
    control.attach_records(service)
    assert window.records_page is not None
    window.records_page.open_requested.connect(parts.records.open_record)
    qtbot.waitUntil(lambda: not control.checking)


def close(parts: Controllers) -> None:
    parts.records.autosave_timer.stop()
    parts.records.kept.retry_timer.stop()
    parts.state.mark_clean()
    parts.records.close()


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
        parts = build_controllers(FakeWindow(qtbot, access, state, pack), questions,
                                  restart_steps=lambda _seen: None)
        attach(qtbot, parts, service)
        made.append(parts)
        return made[-1]

    yield make
    for parts in made:
        close(parts)


# The steps and the controllers together, without the window -----------------------------------
def new_state(pack: ContentPack, settings: ClinicSettings | None = None) -> ConsultationState:
    """A blank consultation's state, as the window starts one (``new_consultation_value``)."""
    settings = settings or ClinicSettings()
    state = ConsultationState(Consultation(handout=HandoutOptions(
        language=settings.default_language or pack.language, paper=settings.paper)), pack=pack)
    state.jurisdiction = lambda: settings.regulatory_jurisdiction
    return state


def build_wizard(state: ConsultationState, pack: ContentPack, settings: ClinicSettings,
                 languages: Sequence[str] = ("en",),
                 build_pdf: BuildPdf = fake_build_handout) -> WizardView:
    """The six steps and their step list over ``state``, built as ``MainWindow`` builds them
    (the handout made by ``build_pdf``, the fake builder unless told), the Condition step
    telling the Follow-up step."""
    handout = HandoutPage(state, pack, settings, build_pdf, list(languages))
    pages: list[QWidget] = [PatientPage(state, list(languages)), ScreeningPage(state, pack),
                            ConditionPage(state, pack), ExpectationsPage(state, pack),
                            FollowUpPage(state, pack), handout]
    view = WizardView(state, pack, pages)
    condition, follow_up = pages[2], pages[4]
    assert isinstance(condition, ConditionPage) and isinstance(follow_up, FollowUpPage)
    condition.condition_chosen.connect(follow_up.offer_template)  # (the window's wiring)
    return view


def page_of(wizard: WizardView, page_class: type[T]) -> T:
    """The step of the wizard that is a ``page_class``."""
    return next(page for page in wizard.pages if isinstance(page, page_class))


class WizardWindow(FakeWindow):
    """The window's chrome with the real steps in it: going to a step, saying a record was
    opened and showing the steps are the window's (``MainWindow.go_to``, ``say_opened``,
    ``show_wizard``...)."""

    def __init__(self, qtbot: QtBot, access: AccessModel, state: ConsultationState,
                 pack: ContentPack, wizard: WizardView) -> None:
        super().__init__(qtbot, access, state, pack, wizard)
        self.steps_view = wizard

    def go_to(self, index: int) -> None:
        super().go_to(index)
        self.steps_view.go_to(index)

    def say_opened(self, text: str) -> None:
        failed = self.steps_view.any_failed()
        self.show_message(CANNOT_SCREEN if failed else text, error=failed)

    def show_wizard(self) -> None:
        model = self.access_model
        if model.locked:
            return
        if model.physician or model.records is None:
            self.root.setCurrentWidget(self.steps_view)
            self.steps_view.pages[self.steps_view.stack.currentIndex()].setFocus()

    def focus_first_field(self) -> None:
        self.patient_page.name.setFocus()

    def focus_next_patient(self) -> None:
        if not self.state.consultation.patient.name and self.steps_view.stack.currentIndex() == 0:
            self.patient_page.name.setFocus()

    def chosen_in_records(self) -> str | None:
        """The record chosen in the records list, while that list is on screen."""
        page = self.records_page
        chosen = page.selected() if page is not None and self.root.currentWidget() is page else None
        return chosen.id if chosen is not None else None

    def page_problem(self, text: str) -> None:
        """A step could not show the consultation: no handout is shown, the problem is said."""
        page_of(self.steps_view, HandoutPage).clear_shown()
        self.show_message(text, error=True)


@dataclass
class WizardControllers(Controllers):
    """The six steps with the records, access, review, acknowledgement, export and file
    controllers over one state, wired as ``MainWindow`` wires them, in a frame with the real
    menus but none of the window's own (title, close, geometry). Its parts go by the window's
    names (``records_sync``, ``handout_page``, ``message_bar``...), so a test reads as it did
    on the window."""

    window: WizardWindow
    wizard: WizardView
    settings: ClinicSettings
    review_control: ReviewControl
    acknowledging: AcknowledgementController
    documents: DocumentController
    health_record: HealthRecordExport

    @property
    def records_sync(self) -> RecordsController:
        return self.records

    @property
    def access_control(self) -> AccessController:
        return self.control

    @property
    def access_page(self) -> AccessPage:
        return self.page

    @property
    def frame(self) -> QMainWindow:
        return self.window.frame

    @property
    def root(self) -> QStackedWidget:
        return self.window.root

    @property
    def message_bar(self) -> MessageBar:
        return self.window.message_bar

    @property
    def menu_actions(self) -> WindowActions:
        actions = self.window.menu_actions
        assert actions is not None
        return actions

    @property
    def records_page(self) -> RecordsPage | None:
        return self.window.records_page

    @property
    def user(self) -> User | None:
        return self.access.user

    @property
    def patient_page(self) -> PatientPage:
        return page_of(self.wizard, PatientPage)

    @property
    def screening_page(self) -> ScreeningPage:
        return page_of(self.wizard, ScreeningPage)

    @property
    def follow_up_page(self) -> FollowUpPage:
        return page_of(self.wizard, FollowUpPage)

    @property
    def handout_page(self) -> HandoutPage:
        return page_of(self.wizard, HandoutPage)

    def go_to(self, index: int) -> None:
        self.window.go_to(index)

    def show_records(self) -> None:
        self.window.show_records()


MakeWizardControllers = Callable[..., WizardControllers]


def wire(parts: WizardControllers) -> None:
    """The connections ``MainWindow._connect_signals`` makes between the steps and the
    controllers (the condition's to the follow-up is ``build_wizard``'s)."""
    window, records, review = parts.window, parts.records, parts.review_control
    handout = parts.handout_page
    parts.wizard.add_shortcuts(parts.frame)
    parts.wizard.problem.connect(window.page_problem)
    handout.message.connect(window.show_message)
    handout.handout_given.connect(records.record_handout)
    handout.before_giving = records.prepare_to_give
    parts.screening_page.review_requested.connect(review.ask)
    review.said.connect(lambda text, error: window.show_message(text, error, source="review"))
    review.unsaid.connect(lambda: window.message_bar.retract("review"))
    parts.state.changed.connect(review.show)
    review.show()
    for button in parts.frame.findChildren(QPushButton):
        button.setAutoDefault(True)  # Enter presses the focused button, as in the window


@pytest.fixture
def make_wizard_controllers(qtbot: QtBot, pack: ContentPack,
                            questions: FakeQuestions) -> Iterator[MakeWizardControllers]:
    """The steps and the controllers as ``MainWindow.finish`` builds and wires them, without
    the window, over the given records with nobody signed in yet (``languages``: the handout
    languages offered; ``build_pdf``: the handout's builder, the fake one unless told; a
    second call: the app started again)."""
    made: list[WizardControllers] = []

    def make(service: RecordsService, languages: Sequence[str] = ("en",),
             build_pdf: BuildPdf = fake_build_handout) -> WizardControllers:
        settings = ClinicSettings(clinic_name="Riverside Joint Clinic")
        access = AccessModel()
        state = new_state(pack, settings)
        wizard = build_wizard(state, pack, settings, languages, build_pdf)
        window = WizardWindow(qtbot, access, state, pack, wizard)
        window.frame.resize(1100, 800)
        # First, so that what the others say about the new consultation stays.
        state.replaced.connect(window.message_bar.forget_consultation)
        base = build_controllers(window, questions, restart_steps=wizard.restart,
                                 settings=lambda: settings)
        records, frame = base.records, window.frame
        handout = page_of(wizard, HandoutPage)
        parts = WizardControllers(
            state, access, window, base.records, base.page, base.control, wizard=wizard,
            settings=settings,
            review_control=ReviewControl(
                state, access, page_of(wizard, ScreeningPage).review_status,
                save_target=window.save_target, save_draft_now=records.autosave_now,
                open_record=records.open_record, dialog_parent=frame),
            acknowledging=AcknowledgementController(
                state, access, handout.acknowledgement, pack, settings=lambda: settings,
                builder=lambda: handout.build_pdf, say=window.show_message, parent=frame),
            documents=DocumentController(
                state, window, save_target=window.save_target, flush=records.flush,
                discard_kept=records.kept.discard, save_to_records=records.save_to_records,
                dialog_parent=frame),
            health_record=HealthRecordExport(
                state, access, window, frame, pack, lambda: settings, lambda: None,
                window.chosen_in_records, records.autosave_in_background))
        wire(parts)
        window.go_to(0)
        wizard.update_steps()
        attach(qtbot, parts, service, {
            "save": parts.documents.save, "health_record": parts.health_record.start,
            "waiting": parts.review_control.show_waiting})
        made.append(parts)
        return parts

    yield make
    for parts in made:
        parts.handout_page.runner.wait(10000)
        close(parts)


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
