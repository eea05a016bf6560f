"""Issue 27: every records call runs on one background thread, in order, with its outcome back
on the UI thread. Tested on the runner alone (a real temporary database), then in the window
with a store that answers slowly: the UI thread never runs a records call, the lock screen
shows at once, and the window says when a call is tried again."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressDialog
from pytestqt.qtbot import QtBot

from consultaid.domain.errors import ConsultaidError
from consultaid.records.service import RecordsService
from consultaid.records.store import Store
from consultaid.records.users import User
from consultaid.ui.access.access_page import Mode
from consultaid.ui.main_window import MainWindow
from consultaid.ui.records.records_ops import NOTE_AFTER_MS, RecordsOps, Unexpected
from tests.ui.conftest import settle, sign_in
from tests.ui.driving import type_into
from tests.ui.test_print_gui import StallMeter

MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def ops(qtbot: QtBot, service: RecordsService) -> Iterator[RecordsOps]:
    runner = RecordsOps(service)
    yield runner
    runner.close()


def test_calls_run_in_order_off_the_ui_thread(qtbot: QtBot, ops: RecordsOps,
                                               physician: User) -> None:
    ran_on: list[int] = []
    got: list[tuple[str, object]] = []
    delivered_on: list[int] = []

    def op(n: int) -> Callable[[RecordsService], int]:
        def call(records: RecordsService) -> int:
            ran_on.append(threading.get_ident())
            time.sleep(0.02)
            return n + len(records.users())
        return call

    for n in range(5):
        ops.run(op(n), lambda v: (got.append(("ok", v)),
                                  delivered_on.append(threading.get_ident())))
    assert ops.busy
    qtbot.waitUntil(lambda: not ops.busy)
    assert got == [("ok", n + 1) for n in range(5)]  # in the order asked
    assert threading.get_ident() not in ran_on and len(set(ran_on)) == 1
    assert set(delivered_on) == {threading.get_ident()}
    assert not ops.ui_thread_ran_a_call


def test_failures_come_back_as_consultaid_errors(qtbot: QtBot, ops: RecordsOps,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    failed: list[ConsultaidError] = []

    def wrong_pin(records: RecordsService) -> User:
        return records.sign_in("Dr Nobody", "000000")

    def broken(_records: RecordsService) -> None:
        raise OverflowError("Maria Example 1961-03-15")  # never shown, never logged

    ops.run(wrong_pin, failure=failed.append)
    ops.run(broken, failure=failed.append, name="broken")
    ops.settle()
    assert len(failed) == 2
    assert not isinstance(failed[0], Unexpected)
    assert isinstance(failed[1], Unexpected) and "did not expect" in str(failed[1])
    err = capsys.readouterr().err
    assert "OverflowError" in err and "1961" not in err and "Maria" not in err


def test_a_write_says_the_records_changed(qtbot: QtBot, ops: RecordsOps,
                                          physician: User) -> None:
    with qtbot.waitSignal(ops.records_changed) as changed:
        ops.run(lambda records: records.log(physician, "lock"), writes=True, name="lock")
    assert changed.args == ["lock"]
    with qtbot.assertNotEmitted(ops.records_changed, wait=100):
        ops.run(lambda records: records.users())
        ops.settle()


def test_a_retry_is_said(qtbot: QtBot, ops: RecordsOps) -> None:
    def retried(records: RecordsService) -> None:
        for listener in records.reconnecting:  # what records.retry does before a retry
            listener()

    with qtbot.waitSignal(ops.reconnecting) as said:
        ops.run(retried)
    assert said.args == ["Reconnecting to the records server…"]


# In the window, with records that answer slowly ---------------------------------------------
SLOW = 0.4


@pytest.fixture
def slow_records(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every call the window makes sleeps; which thread ran it is written down."""
    calls: list[tuple[str, int]] = []
    for name in ("has_users", "users", "sign_in", "log", "save_draft", "summary", "get"):
        real = getattr(RecordsService, name)

        def slow(*args: object, _real: Callable[..., object] = real, _name: str = name,
                 **kwargs: object) -> object:
            calls.append((_name, threading.get_ident()))
            time.sleep(SLOW)
            return _real(*args, **kwargs)

        monkeypatch.setattr(RecordsService, name, slow)
    return calls


def test_slow_records_never_run_on_the_ui_thread(
        qtbot: QtBot, records_db: Path, physician: User, make_window: MakeWindow,
        slow_records: list[tuple[str, int]]) -> None:
    service = RecordsService(Store(records_db))
    win = make_window(service)
    stalls: dict[str, float] = {}
    meter = StallMeter()
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    assert win.user is not None
    stalls["sign-in"] = meter.stop()
    meter = StallMeter()
    type_into(qtbot, win.patient_page.name, "Dana Slow")
    qtbot.waitUntil(lambda: not win.state.dirty, timeout=10000)  # autosaved
    stalls["autosave"] = meter.stop()
    started = time.perf_counter()
    win.menu_actions.lock_action.trigger()
    # The lock screen is up at once, before the records have answered anything.
    assert win.locked and win.access_page.mode is Mode.LOCKED
    assert win.root.currentWidget() is win.access_page
    assert "Dana" not in win.windowTitle()
    stalls["lock (the call)"] = time.perf_counter() - started
    meter = StallMeter()
    sign_in(qtbot, win, "", "123456")
    assert not win.locked
    stalls["unlock"] = meter.stop()
    meter = StallMeter()
    cid = win.state.consultation.consultation_id
    assert win.records_sync.open_record(cid, ask=False)
    settle(qtbot, win)
    stalls["open a record"] = meter.stop()
    meter = StallMeter()
    type_into(qtbot, win.patient_page.name, " Saved")
    QTest.keyClick(win, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # File > Save
    assert not win.state.dirty  # it returned once saved (the records thread did the work)
    stalls["File > Save"] = meter.stop()
    ui = threading.get_ident()
    assert {name for name, _ in slow_records} >= {"has_users", "users", "sign_in", "log",
                                                   "save_draft", "get"}
    assert all(thread != ui for _name, thread in slow_records), slow_records
    ops = win.records_sync.ops
    assert ops is not None and not ops.ui_thread_ran_a_call
    print(f"longest UI stall with {SLOW * 1000:.0f} ms records calls: " + ", ".join(
        f"{what} {seconds * 1000:.0f} ms" for what, seconds in stalls.items()))
    win.records_sync.settle()
    service.store.close()


def test_a_retry_is_said_in_the_window(qtbot: QtBot, service: RecordsService,
                                       physician: User, make_window: MakeWindow) -> None:
    win = make_window(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    ops = win.records_sync.ops
    assert ops is not None

    def retried(records: RecordsService) -> None:
        for listener in records.reconnecting:
            listener()

    ops.run(retried)
    qtbot.waitUntil(lambda: "Reconnecting to the records server…"
                    in win.statusBar().currentMessage())


def test_a_plain_text_server_is_said_in_the_status_bar(
        qtbot: QtBot, service: RecordsService, physician: User,
        make_window: MakeWindow) -> None:
    service.store.transport_warning = (  # type: ignore[union-attr]
        "the records server is reached without TLS, as [records] allow_plaintext asks")
    win = make_window(service)
    label = win.transport_label
    assert label.isVisible() and "without TLS" in label.text()
    assert win.statusBar().isAncestorOf(label)


def test_wait_returns_the_value_here_while_timers_run_and_a_note_shows(
        qtbot: QtBot, ops: RecordsOps, physician: User) -> None:
    """``wait`` (File > Save, an amendment, a review's PIN): the call runs on the records
    thread; the UI thread keeps running its timers (so the window paints), and a slow call
    shows a note, gone when it returns. (Keys and clicks from the window system wait in Qt's
    queue meanwhile: ``ExcludeUserInputEvents``; a test cannot post such native events.)"""
    ran_on: list[int] = []
    ticks: list[float] = []
    seen: dict[str, object] = {}
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)

    def look_for_note() -> None:
        seen["note"] = [w.labelText() for w in QApplication.topLevelWidgets()
                        if isinstance(w, QProgressDialog) and w.isVisible()]

    def slow(records: RecordsService) -> int:
        ran_on.append(threading.get_ident())
        time.sleep(NOTE_AFTER_MS / 1000 + 0.4)
        return len(records.users())

    QTimer.singleShot(NOTE_AFTER_MS + 200, look_for_note)
    started = time.perf_counter()
    assert ops.wait(slow, name="slow") == 1
    waited = time.perf_counter() - started
    timer.stop()
    assert ran_on and ran_on[0] != threading.get_ident()
    assert len([t for t in ticks if t > started]) >= 10, "the UI thread kept running"
    assert seen["note"] == ["Waiting for the records…"]
    assert waited >= NOTE_AFTER_MS / 1000
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QProgressDialog) and w.isVisible()], "the note is gone"


def test_wait_raises_the_calls_error_and_a_quick_call_shows_no_note(
        qtbot: QtBot, ops: RecordsOps) -> None:
    def refused(_records: RecordsService) -> None:
        raise ConsultaidError("refused by the records")

    with pytest.raises(ConsultaidError, match="refused by the records"):
        ops.wait(refused)
    assert ops.wait(lambda records: len(records.users())) == 0
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)
                and w.isVisible()]
    assert not ops.ui_thread_ran_a_call and not ops.busy
