"""GUI test set-up: QSettings in a temp folder, a temporary records database, a window with a
test builder (the bundled ``pack`` fixture is in ``tests/conftest.py``)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol, TypeVar

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation, Review
from consultaid.records.service import RecordsService
from consultaid.records.store import Store
from consultaid.records.users import User
from consultaid.settings import ClinicSettings
from consultaid.ui.access.access_controller import AccessController
from consultaid.ui.access.access_page import AccessPage
from consultaid.ui.main_window import MainWindow
from consultaid.ui.records.records_ops import RecordsOps
from consultaid.ui.records.records_page import RecordsPage
from consultaid.ui.records.records_sync import RecordsController
from consultaid.ui.records.review_control import ReviewControl
from consultaid.ui.state import ConsultationState
from consultaid.ui.wizard.condition_page import ConditionPage
from consultaid.ui.wizard.expectations_page import ExpectationsPage
from consultaid.ui.wizard.follow_up_page import FollowUpPage
from consultaid.ui.wizard.handout_page import HandoutPage
from consultaid.ui.wizard.patient_page import PatientPage
from consultaid.ui.wizard.screening_page import ScreeningPage
from consultaid.ui.wizard.wizard_view import WizardView
from tests.ui.controller_parts import (
    build_wizard,
    controllers,
    enter_pin,
    make_controllers,
    make_wizard_controllers,
    new_state,
    page_of,
    questions,
)
from tests.ui.driving import choose, click
from tests.ui.fake_handout import fake_build_handout

# Controllers and steps built without the window (fixtures, and how to sign in on them):
__all__ = ["controllers", "enter_pin", "make_controllers", "make_wizard_controllers",
           "new_state", "page_of", "questions"]

W = TypeVar("W", bound=QWidget)
T = TypeVar("T")


@pytest.fixture(autouse=True)
def temp_qsettings(tmp_path: Path, qapp: QCoreApplication) -> Iterator[Path]:
    """Recent files and other QSettings go to a temp INI folder, never the real profile."""
    folder = tmp_path / "qsettings"
    QCoreApplication.setOrganizationName("consultaid-tests")
    QCoreApplication.setApplicationName("consultaid-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
    QSettings().clear()


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal box nobody answers would hang the run: fail instead (tests patch theirs)."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("question", "warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse)


def window_at_once(qtbot: QtBot, pack: ContentPack) -> MainWindow:
    """A window with every step built at once and no records, shown; closed after the test
    without asking about changes."""
    win = MainWindow(pack, ClinicSettings(clinic_name="Riverside Joint Clinic"),
                     build_pdf=fake_build_handout, languages=["en"])

    def forget_changes(w: MainWindow) -> None:
        w.handout_page.runner.wait(10000)
        w.state.mark_saved(w.state.path or Path("unused.json"))

    qtbot.addWidget(win, before_close_func=forget_changes)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot: QtBot, pack: ContentPack) -> MainWindow:
    return window_at_once(qtbot, pack)


# Records: every test gets its own temporary database ----------------------------------------
@pytest.fixture
def records_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``CONSULTAID_DB`` points at a fresh file in the test's temporary folder."""
    path = tmp_path / "records" / "consultaid.sqlite3"
    monkeypatch.setenv("CONSULTAID_DB", str(path))
    return path


@pytest.fixture
def service(records_db: Path) -> Iterator[RecordsService]:
    svc = RecordsService(Store(records_db))
    yield svc
    svc.store.close()


@pytest.fixture
def physician(service: RecordsService) -> User:
    return service.create_user(None, "Dr Ada Test", "physician", "123456")


@pytest.fixture
def make_window(qtbot: QtBot, pack: ContentPack) -> Callable[..., MainWindow]:
    """A window that starts on the sign-in page, attached to ``service`` (no one signed in),
    built as the app builds it: the shell, then the rest with the steps between the first and
    the last built in idle moments once the records have answered (issue 29). (The ``window``
    fixture builds every step at once.)"""
    def make(service: RecordsService, languages: tuple[str, ...] = ("en",)) -> MainWindow:
        win = MainWindow(None, sign_in_required=True)
        win.finish(pack, ClinicSettings(clinic_name="Riverside Joint Clinic"),
                   build_pdf=fake_build_handout, languages=list(languages), pages_later=True)

        def forget_changes(w: MainWindow) -> None:
            w.records_sync.autosave_timer.stop()
            w.handout_page.runner.wait(10000)
            w.state.mark_saved(w.state.path or Path("unused.json"))

        qtbot.addWidget(win, before_close_func=forget_changes)
        win.show()
        qtbot.waitExposed(win)
        win.attach_records(service)
        settle(qtbot, win)  # (who may sign in is asked on the records thread)
        win.build_pages()  # (as the app does once the records answered)
        return win
    return make


class Consulting(Protocol):
    """The window, or the steps with their controllers (``make_wizard_controllers``): what the
    helpers below use of either."""

    @property
    def state(self) -> ConsultationState: ...
    @property
    def access_page(self) -> AccessPage: ...
    @property
    def access_control(self) -> AccessController: ...
    @property
    def records_sync(self) -> RecordsController: ...
    @property
    def screening_page(self) -> ScreeningPage: ...
    @property
    def review_control(self) -> ReviewControl: ...
    def go_to(self, index: int) -> None: ...
    def show_records(self) -> None: ...


def sign_in(qtbot: QtBot, win: Consulting, name: str, pin: str) -> None:
    """Type name and PIN on the access page and press Enter, as a person does."""
    enter_pin(qtbot, win.access_page, win.access_control, name, pin)
    settle(qtbot, win)


def settle(qtbot: QtBot, win: Consulting) -> None:
    """Wait until the records thread has answered every call the window made."""
    ops = win.records_sync.ops
    if ops is not None:
        qtbot.waitUntil(lambda: not ops.busy, timeout=30000)


def sign_review(qtbot: QtBot, window: Consulting, reviewer: str, pin: str) -> None:
    """The second physician clicks Review…, picks their name, types their PIN and signs."""
    click(qtbot, window.screening_page.review_button)
    dialog = window.review_control.dialog
    assert dialog is not None and dialog.isVisible()
    choose(qtbot, dialog.reviewer, reviewer)
    choose(qtbot, dialog.decision, "Agreed")  # never agreed by default (issue 26.9)
    dialog.pin.setFocus()
    qtbot.keyClicks(dialog.pin, pin)
    click(qtbot, dialog.sign_button)


class ShowsState(Protocol):
    """The window, or a page: anything that shows a consultation's state."""

    @property
    def state(self) -> ConsultationState: ...


def choose_condition(window: ShowsState, condition_id: str = "osteoarthritis") -> None:
    """Arrange a consultation with a condition: without one no handout is made (issue 18)."""
    window.state.edit(lambda c: setattr(c, "condition_id", condition_id))


# One page or part on its own, without the window ----------------------------------------------
def shown_alone(qtbot: QtBot, widget: W, size: tuple[int, int] = (1100, 800),
                before_close: Callable[[W], object] | None = None) -> W:
    """``widget`` as its own top-level window, shown and registered with ``qtbot``
    (``before_close``: what to wait for before it closes, e.g. a preview being built)."""
    qtbot.addWidget(widget, before_close_func=before_close)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    activate(qtbot, widget)  # keys and Alt+letter shortcuts go to the active window
    return widget


@pytest.fixture
def patient_page(qtbot: QtBot, pack: ContentPack) -> PatientPage:
    """The Patient step alone, over a new consultation's state."""
    return shown_alone(qtbot, PatientPage(new_state(pack), ["en"]))


P = TypeVar("P", ConditionPage, ExpectationsPage, FollowUpPage, ScreeningPage)


def page_alone(qtbot: QtBot, page_class: type[P], pack: ContentPack,
               state: ConsultationState | None = None) -> P:
    """A step's page built as the window builds it, ``(state, pack)``, shown on its own."""
    return shown_alone(qtbot, page_class(state or new_state(pack), pack))


def activate(qtbot: QtBot, win: QWidget) -> None:
    """The window has the keyboard, as on a desk (offscreen windows do not get it by showing)."""
    handle = win.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(win.isActiveWindow)


def show_records(qtbot: QtBot, win: Consulting) -> None:
    """The records view, once its first search has come back from the records thread."""
    win.show_records()
    settle(qtbot, win)


def front_desk_on_a_given_handout(qtbot: QtBot, service: RecordsService, physician: User,
                                  pack: ContentPack, make_window: Callable[..., MainWindow],
                                  build: Callable[[Consultation], bytes]) -> MainWindow:
    """The example consultation stored with the handout ``build`` makes of it, as given; the
    front desk signed in, its records view on that record."""
    example = example_consultation(pack)
    service.save_draft(physician, example)
    service.record_handout(physician, example.consultation_id, build(example), pack.version,
                           ClinicSettings())
    service.create_user(physician, "Fran Desk", "front_desk", "567890")
    win = make_window(service)
    sign_in(qtbot, win, "Fran Desk", "567890")
    page = win.records_page
    assert page is not None
    page.select_row(0)
    return win


@pytest.fixture
def wizard(qtbot: QtBot, pack: ContentPack) -> WizardView:
    """The six steps and their step list, built as the window builds them, without the
    window's menus, records or access; Ctrl+PgDown and the other step keys work in it."""
    state = new_state(pack)
    view = build_wizard(state, pack, ClinicSettings(clinic_name="Riverside Joint Clinic"))
    view.add_shortcuts(view)
    view.go_to(0)
    view.update_steps()
    handout = page_of(view, HandoutPage)

    def forget_changes(_view: WizardView) -> None:
        handout.runner.wait(10000)
        state.mark_clean()

    return shown_alone(qtbot, view, before_close=forget_changes)


@pytest.fixture
def records_page(qtbot: QtBot, service: RecordsService, physician: User,
                 pack: ContentPack) -> Iterator[RecordsPage]:
    """The records view alone, for the ``physician``, searching on the records thread as the
    window's does (through a ``RecordsOps`` runner)."""
    ops = RecordsOps(service)
    page = shown_alone(qtbot, RecordsPage(ops, pack))
    page.set_user(physician)
    search_again(qtbot, page)
    yield page
    ops.close()


def search_again(qtbot: QtBot, page: RecordsPage) -> None:
    """Records (Ctrl+R), as the window shows the view: a new search, answered."""
    page.start_new_search()
    page.search.setFocus()
    ops = page.service
    assert isinstance(ops, RecordsOps)
    qtbot.waitUntil(lambda: not ops.busy, timeout=30000)


def needing_review(pack: ContentPack) -> Consultation:
    """The example consultation by Dr Ada Test, its answers needing a second physician's
    review and none signed yet."""
    example = copy.deepcopy(example_consultation(pack))
    example.review = Review()
    example.physician = "Dr Ada Test"
    return example
