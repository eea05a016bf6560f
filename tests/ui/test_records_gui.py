"""Records in the window: accounts and sign-in, roles, drafts and recovery, handouts as given,
amendments, the lock, and a damaged database."""

from __future__ import annotations

import copy
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation, Review
from consultaid.records import audit
from consultaid.records.service import PermissionDenied, RecordsService
from consultaid.records.store import Store
from consultaid.records.users import User
from consultaid.session.steps import Step
from consultaid.ui.access.access_page import Mode
from consultaid.ui.main_window import MainWindow
from consultaid.ui.records.records_sync import UNFINISHED_KEY
from tests.ui.conftest import settle, show_records, sign_in
from tests.ui.driving import type_into

MakeWindow = Callable[[RecordsService], MainWindow]


def actions(service: RecordsService) -> list[tuple[str, str]]:
    return [(e.action, e.record_id) for e in audit.entries(service.db)]


def visible_texts(win: MainWindow) -> str:
    """Everything a passer-by could read on the window right now."""
    parts = [win.windowTitle(), win.statusBar().currentMessage()]
    for widget in win.findChildren(QWidget):
        if not widget.isVisible():
            continue
        plain = (isinstance(widget, QLineEdit)
                 and widget.echoMode() == QLineEdit.EchoMode.Normal)
        if isinstance(widget, QLabel) or plain:
            parts.append(widget.text())
    return "\n".join(parts)


def test_first_account_then_sign_in_and_sign_out(qtbot: QtBot, service: RecordsService,
                                                 make_window: MakeWindow) -> None:
    win = make_window(service)
    page = win.access_page
    assert page.mode is Mode.FIRST_ACCOUNT and win.root.currentWidget() is page
    assert not win.menuBar().isEnabled()
    page.name.setText("Dr Ada Test")
    qtbot.keyClicks(page.pin, "246810")
    qtbot.keyClicks(page.pin_again, "2469")
    page.go_button.click()
    assert "not the same" in page.error.text() and not service.has_users()
    qtbot.keyClicks(page.pin, "246810")
    qtbot.keyClicks(page.pin_again, "246810")
    page.go_button.click()
    qtbot.waitUntil(lambda: not win.access_control.checking)  # (created on the records thread)
    assert [u.name for u in service.users()] == ["Dr Ada Test"]
    assert win.user is not None and win.user.role == "physician"
    assert win.root.currentWidget() is win.wizard
    assert win.user_label.text() == "Signed in: Dr Ada Test (Physician)"
    # Its first session is a sign-in like any other (seen: File > Accounts… said "never").
    assert ("sign-in", str(win.user.id)) in actions(service)
    assert service.all_accounts()[0].last_sign_in is not None

    win.menu_actions.sign_out_action.trigger()
    assert win.user is None and page.mode is Mode.SIGN_IN
    assert win.root.currentWidget() is page
    sign_in(qtbot, win, "Dr Ada Test", "9999")
    assert win.user is None and "do not match" in page.error.text()
    sign_in(qtbot, win, "Dr Ada Test", "246810")
    assert win.user is not None and win.root.currentWidget() is win.wizard
    assert "sign-in-failed" in [a for a, _ in actions(service)]


def test_front_desk_gets_only_the_records_view(qtbot: QtBot, service: RecordsService,
                                               physician: User, pack: ContentPack,
                                               make_window: MakeWindow) -> None:
    stored = example_consultation(pack)
    service.save_draft(physician, stored)
    service.create_user(physician, "Fran Desk", "front_desk", "567890")
    win = make_window(service)
    sign_in(qtbot, win, "Fran Desk", "567890")
    assert win.user is not None and win.user.role == "front_desk"
    assert win.root.currentWidget() is win.records_page
    assert win.records_page is not None
    assert not win.records_page.open_button.isVisible()
    assert not win.records_page.back_button.isVisible()
    acts = win.menu_actions
    for action in (acts.new_action, acts.open_action, acts.save_action, acts.save_as_action,
                   acts.import_action, acts.settings_action):
        assert not action.isEnabled(), action.text()
    win.show_wizard()
    assert win.root.currentWidget() is win.records_page  # no way into the wizard
    assert win.records_page.model.rowCount() == 1
    win.records_page.select_row(0)
    assert not win.records_sync.open_record(stored.consultation_id)
    assert not win.documents.save()
    assert "Front desk cannot" in win.message_bar.text.text()
    with pytest.raises(PermissionDenied):
        service.save_draft(win.user, stored)
    assert service.versions(stored.consultation_id) == []


def _sign_in_physician(qtbot: QtBot, service: RecordsService,
                       make_window: MakeWindow) -> MainWindow:
    win = make_window(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    assert win.user is not None
    return win


def test_draft_is_kept_and_offered_back_after_a_crash(
        qtbot: QtBot, records_db: Path, service: RecordsService, physician: User,
        make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    win = _sign_in_physician(qtbot, service, make_window)
    type_into(qtbot, win.patient_page.name, "Maria Nunez")
    with qtbot.waitSignal(win.records_sync.draft_saved, timeout=4000):
        pass
    win.go_to(int(Step.EXPECTATIONS))
    win.expectations_page.teach_back.setFocus()
    qtbot.keyClicks(win.expectations_page.teach_back, "It may help, no promise.")
    qtbot.waitUntil(lambda: not win.state.dirty and not win.records_sync.autosave_timer.isActive(),
                    timeout=4000)
    before = copy.deepcopy(win.state.consultation)
    summary = service.summary(before.consultation_id)
    assert summary is not None and summary.status == "draft"
    # The process dies: no clean close, the recovery note stays in QSettings.
    assert QSettings().value(UNFINISHED_KEY) == f"{before.consultation_id}|{physician.id}"

    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_a: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    fresh = RecordsService(Store(records_db))  # a new process opens the database again
    again = make_window(fresh)
    sign_in(qtbot, again, "Dr Ada Test", "123456")
    assert len(asked) == 1
    assert asked[0].startswith("You have an unfinished consultation for Maria Nunez from ")
    assert asked[0].endswith(". Open it?")
    assert again.state.consultation == before
    assert again.patient_page.name.text() == "Maria Nunez"
    fresh.store.close()


def test_clean_close_and_new_consultation_forget_the_draft(
        qtbot: QtBot, service: RecordsService, physician: User,
        make_window: MakeWindow) -> None:
    win = _sign_in_physician(qtbot, service, make_window)
    type_into(qtbot, win.patient_page.name, "Li Wei")
    with qtbot.waitSignal(win.records_sync.draft_saved, timeout=4000):
        pass
    assert QSettings().value(UNFINISHED_KEY)
    win.menu_actions.new_action.trigger()
    assert not QSettings().value(UNFINISHED_KEY)
    type_into(qtbot, win.patient_page.name, "Sam Smith")
    win.close()  # flushes the pending draft, then a clean close
    assert not QSettings().value(UNFINISHED_KEY)
    names = {s.patient_name for s in service.search(service_query())}
    assert names == {"Li Wei", "Sam Smith"}


def service_query() -> object:
    from consultaid.records.service import SearchQuery

    return SearchQuery()


def _open_example(win: MainWindow, pack: ContentPack) -> Consultation:
    example = example_consultation(pack)
    win.state.replace(example)
    win.state.edit(lambda _c: None)
    assert win.records_sync.autosave_now()
    return example


def test_saved_handout_is_stored_byte_for_byte(qtbot: QtBot, tmp_path: Path,
                                               service: RecordsService, physician: User,
                                               pack: ContentPack,
                                               make_window: MakeWindow) -> None:
    win = _sign_in_physician(qtbot, service, make_window)
    example = _open_example(win, pack)
    win.go_to(int(Step.HANDOUT))
    target = tmp_path / "handout.pdf"
    with qtbot.waitSignal(win.records_sync.handout_recorded, timeout=10000) as blocker:
        win.handout_page.save_pdf(target)
    written = hashlib.sha256(target.read_bytes()).hexdigest()
    stored = service.latest_handout(example.consultation_id)
    assert stored is not None
    assert blocker.args == [written]
    assert hashlib.sha256(stored.pdf).hexdigest() == written == stored.sha256
    summary = service.summary(example.consultation_id)
    assert summary is not None and summary.status == "handout_given"
    assert ("save-pdf", example.consultation_id) in actions(service)
    assert not QSettings().value(UNFINISHED_KEY)  # finished: nothing to offer back


def _open_completed_record(qtbot: QtBot, service: RecordsService, physician: User,
                           make_window: MakeWindow, example: Consultation) -> MainWindow:
    """A completed record in the store, opened from the records view by a physician."""
    service.save_draft(physician, example)
    service.complete(physician, example.consultation_id)
    win = _sign_in_physician(qtbot, service, make_window)
    show_records(qtbot, win)
    assert win.records_page is not None
    win.records_page.select_row(0)
    win.records_page.open_button.click()
    settle(qtbot, win)  # (read on the records thread)
    return win


def test_completed_record_changes_only_by_an_amendment(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    example = copy.deepcopy(example_consultation(pack))
    example.review = Review()  # (only a signed review is shown: none here)
    win = _open_completed_record(qtbot, service, physician, make_window, example)
    assert win.state.consultation == example and win.records_sync.record_status == "completed"
    assert not win.state.dirty  # opening is not a change
    type_into(qtbot, win.patient_page.name, "Corrected Name")
    qtbot.wait(1800)
    assert win.state.dirty  # no draft write over a completed record
    assert "amendment" in win.message_bar.text.text()
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *_a, **_k: ("Name was misspelt", True))
    assert win.documents.save()
    assert not win.state.dirty
    assert [v[3] for v in service.versions(example.consultation_id)] == [
        "completed", "Name was misspelt"]
    # The number a person reads counts amendments, not the database's saves (issue 18).
    assert "Amendment 1 saved" in win.message_bar.text.text()
    stored, _summary = service.get(physician, example.consultation_id)
    assert stored.patient.name == "Corrected Name"


def test_closing_while_locked_keeps_an_unsaved_amendment(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_window: MakeWindow) -> None:
    win = _open_completed_record(qtbot, service, physician, make_window,
                                 example_consultation(pack))
    type_into(qtbot, win.patient_page.name, "Corrected Name")
    win.access_control.lock()
    assert win.locked and win.state.dirty
    assert not win.close()  # refused: the amendment is not in the records yet
    assert "Unlock first" in win.access_page.error.text()
    assert "Corrected" not in visible_texts(win)
    sign_in(qtbot, win, "", "123456")
    assert win.patient_page.name.text() == "Corrected Name"


def test_lock_hides_patient_data_until_the_pin(qtbot: QtBot, service: RecordsService,
                                               physician: User, make_window: MakeWindow) -> None:
    win = _sign_in_physician(qtbot, service, make_window)
    type_into(qtbot, win.patient_page.name, "Olga Ivanova")
    win.show_message("Opened Olga Ivanova's record.")
    assert "Olga Ivanova" in visible_texts(win)
    win.access_control.idle.timer.setInterval(200)  # the real default is 5 minutes
    win.access_control.idle.start()
    qtbot.waitUntil(lambda: win.locked, timeout=3000)
    assert win.root.currentWidget() is win.access_page
    assert win.access_page.mode is Mode.LOCKED
    assert "Olga" not in visible_texts(win)
    assert not win.menuBar().isEnabled()
    acts = win.menu_actions
    assert not any(a.isEnabled() for a in (acts.records_action, acts.save_action,
                                            acts.open_action, acts.lock_action))
    win.show_records()  # e.g. a shortcut: still nothing but the lock screen
    win.show_wizard()
    assert win.root.currentWidget() is win.access_page
    # the pending draft is kept, on the records thread (the lock never waits for it)
    qtbot.waitUntil(lambda: summary_name(service) == "Olga Ivanova")
    sign_in(qtbot, win, "", "000000")
    assert win.locked and "not right" in win.access_page.error.text()
    sign_in(qtbot, win, "", "123456")
    assert not win.locked and win.root.currentWidget() is win.wizard
    assert win.menu_actions.records_action.isEnabled() and win.menu_actions.save_action.isEnabled()
    assert win.patient_page.name.text() == "Olga Ivanova"
    names = [a for a, _ in actions(service)]
    assert names.index("lock") < names.index("unlock")


def summary_name(service: RecordsService) -> str:
    from consultaid.records.service import SearchQuery

    found = service.search(SearchQuery())
    return found[0].patient_name if found else ""


def test_records_view_front_desk_reprints_the_stored_bytes(
        qtbot: QtBot, tmp_path: Path, service: RecordsService, physician: User,
        pack: ContentPack, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from tests.ui.fake_handout import tiny_pdf

    example = example_consultation(pack)
    service.save_draft(physician, example)
    given = tiny_pdf(["Stored handout"])
    service.record_handout(physician, example.consultation_id, given, pack.version,
                           win_settings())
    desk = service.create_user(physician, "Fran Desk", "front_desk", "567890")
    win = make_window(service)
    sign_in(qtbot, win, "Fran Desk", "567890")
    page = win.records_page
    assert page is not None
    page.select_row(0)
    page.view_button.click()
    assert page.viewer is not None and page.viewer.pdf == given
    out = tmp_path / "reprint.pdf"

    def printer(_record: object) -> QPrinter:
        p = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(out))
        return p

    monkeypatch.setattr(page, "ask_printer", printer)
    page.print_button.click()
    assert out.read_bytes() == given  # "print to file" writes the handout's own bytes
    assert "exactly as given" in win.message_bar.text.text()
    log = [(e.action, e.actor) for e in audit.entries(service.db)]
    assert ("view-handout", desk.actor) in log and ("reprint", desk.actor) in log


def win_settings() -> object:
    from consultaid.settings import ClinicSettings

    return ClinicSettings()


def _corrupt(path: Path) -> None:
    """Scramble one page near the end of the file (the users table stays readable)."""
    size = path.stat().st_size
    data = bytearray(path.read_bytes())
    start = 4096 * (size // 4096 - 3)
    data[start + 100:start + 4000] = os.urandom(3900)
    path.write_bytes(bytes(data))


def test_damaged_database_is_named_and_never_written(
        qtbot: QtBot, records_db: Path, service: RecordsService, physician: User,
        pack: ContentPack, make_window: MakeWindow) -> None:
    base = example_consultation(pack)
    for number in range(60):
        c = copy.deepcopy(base)
        c.consultation_id = f"c{number}"
        service.save_draft(physician, c)
    backup = records_db.parent / "backups" / "consultaid-2026-11-20.sqlite3"
    service.store.backup_to(backup)
    service.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    service.store.close()
    _corrupt(records_db)
    damaged = records_db.read_bytes()

    broken = RecordsService(Store(records_db))
    assert broken.store.read_only
    win = make_window(broken)
    message = win.message_bar.text.text()
    assert "failed its check" in message and str(backup) in message
    assert "JSON" in message
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    assert win.user is not None and win.root.currentWidget() is win.wizard
    type_into(qtbot, win.patient_page.name, "Kofi Okafor")
    qtbot.wait(1800)
    assert not win.records_sync.autosave_now()
    assert win.state.dirty  # still unsaved: nothing pretended to keep it
    win.documents.save_to(records_db.parent / "kofi.json")  # JSON still works
    assert (records_db.parent / "kofi.json").is_file()
    broken.store.close()
    assert records_db.read_bytes() == damaged
    wal = Path(f"{records_db}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_physician_adds_a_front_desk_account(qtbot: QtBot, service: RecordsService,
                                             physician: User) -> None:
    from consultaid.ui.access.accounts_dialog import AddAccountDialog

    dialog = AddAccountDialog(service, physician)
    qtbot.addWidget(dialog)
    dialog.name.setText("Fran Desk")
    dialog.pin.setText("567890")
    dialog.pin_again.setText("567891")
    dialog.create_account()
    assert "not the same" in dialog.error.text() and dialog.created is None
    dialog.pin_again.setText("567890")
    dialog.create_account()
    assert dialog.created is not None and dialog.created.role == "front_desk"
    assert service.sign_in("Fran Desk", "567890").role == "front_desk"
    desk = dialog.created
    again = AddAccountDialog(service, desk)
    qtbot.addWidget(again)
    again.name.setText("Someone")
    again.pin.setText("111111")
    again.pin_again.setText("111111")
    again.create_account()
    assert again.created is None and "physician" in again.error.text()


def test_printed_handout_is_stored_byte_for_byte(qtbot: QtBot, tmp_path: Path,
                                                 service: RecordsService, physician: User,
                                                 pack: ContentPack, make_window: MakeWindow,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from consultaid.ui import pdf_print

    out = tmp_path / "printed.pdf"

    def printer(_parent: object, _name: str) -> QPrinter:
        p = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(out))
        return p

    monkeypatch.setattr(pdf_print, "ask_printer", printer)
    win = _sign_in_physician(qtbot, service, make_window)
    example = _open_example(win, pack)
    win.go_to(int(Step.HANDOUT))
    page = win.handout_page
    qtbot.waitUntil(lambda: page.pdf_bytes is not None and not page.runner.busy
                    and not page.timer.isActive()
                    and page.document.status() == QPdfDocument.Status.Ready, timeout=10000)
    shown = page.pdf_bytes
    assert shown is not None
    with qtbot.waitSignal(win.records_sync.handout_recorded, timeout=10000):
        page.print_button.click()
    assert out.read_bytes() == shown  # "print to file" writes the handout's own bytes
    stored = service.latest_handout(example.consultation_id)
    assert stored is not None and stored.pdf == shown
    assert ("print", example.consultation_id) in actions(service)


def test_lock_screen_says_when_the_account_is_paused(qtbot: QtBot, service: RecordsService,
                                                     physician: User,
                                                     make_window: MakeWindow) -> None:
    from consultaid.records.service import MAX_PIN_FAILURES

    win = _sign_in_physician(qtbot, service, make_window)
    win.access_control.lock()
    for _ in range(MAX_PIN_FAILURES):
        sign_in(qtbot, win, "", "000000")
        assert "not right" in win.access_page.error.text()
    sign_in(qtbot, win, "", "123456")
    assert win.locked and "Too many wrong PINs" in win.access_page.error.text()


def test_the_lock_fails_closed_when_the_database_is_busy(
        qtbot: QtBot, service: RecordsService, physician: User, make_window: MakeWindow,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12.7: a busy database made lock() die on its save, leaving the patient on screen."""
    import sqlite3

    win = _sign_in_physician(qtbot, service, make_window)
    type_into(qtbot, win.patient_page.name, "Olga Ivanova")

    def busy(*_args: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    # (on the class: the records thread's own connection is busy too)
    monkeypatch.setattr(RecordsService, "save_draft", busy)
    monkeypatch.setattr(RecordsService, "log", busy)
    win.menu_actions.lock_action.trigger()
    assert win.locked and win.root.currentWidget() is win.access_page
    assert "Olga" not in visible_texts(win) and "Olga" not in win.windowTitle()
    assert win.state.consultation.patient.name == "Olga Ivanova"  # kept in the window
    ops = win.records_sync.ops
    assert ops is not None
    qtbot.waitUntil(lambda: not ops.busy)  # the save and the audit entry failed, after
    assert win.locked and win.root.currentWidget() is win.access_page
    assert "Olga" not in visible_texts(win) and "Olga" not in win.windowTitle()
