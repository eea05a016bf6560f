"""Printing from the app and reprinting from the records view go through one path to a real
CUPS queue, off the UI thread (issue 14)."""

from __future__ import annotations

import io
import subprocess
import time
from collections.abc import Callable

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.handout import build_handout
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.session.steps import Step
from consultaid.settings import ClinicSettings
from consultaid.ui import pdf_print
from consultaid.ui.main_window import MainWindow
from tests.servers.cups import CupsServer
from tests.ui.conftest import front_desk_on_a_given_handout, sign_in

MakeWindow = Callable[[RecordsService], MainWindow]


class StallMeter:
    """The longest the UI thread went without running a 10 ms timer."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def stop(self) -> float:
        self.timer.stop()
        return self.longest


class ChosenPrinter(QPrinter):
    """What the system print dialog returns when the user picks ``queue`` and presses Print.

    (Qt keeps the list of CUPS printers it saw first in the process; the tests' private server
    may start after that, so the queue's name is given here rather than looked up by Qt.)
    """

    def __init__(self, queue: str) -> None:
        super().__init__()
        self.queue = queue

    def printerName(self) -> str:
        return self.queue


def chosen(queue: str) -> Callable[..., QPrinter]:
    def ask(*_args: object) -> QPrinter:
        return ChosenPrinter(queue)
    return ask


def on_the_handout_step(qtbot: QtBot, service: RecordsService, make_window: MakeWindow,
                        consultation: Consultation) -> MainWindow:
    """A physician's window showing ``consultation``'s handout preview, ready to print."""
    win = make_window(service)
    sign_in(qtbot, win, "Dr Ada Test", "123456")
    win.state.replace(consultation)
    win.state.edit(lambda _c: None)
    win.go_to(int(Step.HANDOUT))
    page = win.handout_page
    qtbot.waitUntil(lambda: page.pdf_bytes is not None and not page.runner.busy
                    and page.document.status() == QPdfDocument.Status.Ready, timeout=15000)
    return win


def test_print_from_the_app_sends_the_pdf_without_freezing(
        qtbot: QtBot, cups_server: CupsServer, service: RecordsService, physician: User,
        pack: ContentPack, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_print, "ask_printer", chosen(cups_server.queue))
    example = example_consultation(pack)
    win = on_the_handout_step(qtbot, service, make_window, example)
    page = win.handout_page
    said: list[tuple[str, bool]] = []
    page.printer.finished.connect(lambda text, problem: said.append((text, problem)))
    with cups_server.catching() as printed_file:
        meter = StallMeter()
        page.print_button.click()
        page.print_button.click()  # a second click while the job is going starts nothing
        qtbot.waitUntil(lambda: any(t.startswith("Sent ") for t, _p in said), timeout=30000)
        longest = meter.stop()
        out = printed_file()
    assert said[0] == ("The handout is still being sent to the printer; wait a moment before "
                       "printing again.", True)
    pages = len(PdfReader(io.BytesIO(page.pdf_bytes or b"")).pages)
    plural = "page" if pages == 1 else "pages"
    assert said[1] == (f"Sent {pages} {plural} to {cups_server.queue}.", False)
    assert len(said) == 2
    assert longest < 0.5, f"the window froze for {longest * 1000:.0f} ms"  # (was seconds)
    assert out.read_bytes().startswith(b"%PDF")
    stored = service.latest_handout(example.consultation_id)
    assert stored is not None and stored.pdf == page.pdf_bytes  # what was printed is stored


def test_front_desk_reprint_goes_the_same_way(
        qtbot: QtBot, cups_server: CupsServer, service: RecordsService, physician: User,
        pack: ContentPack, make_window: MakeWindow) -> None:
    win = front_desk_on_a_given_handout(
        qtbot, service, physician, pack, make_window,
        lambda example: build_handout(example, pack, ClinicSettings()))
    page = win.records_page
    assert page is not None
    page.ask_printer = chosen(cups_server.queue)  # type: ignore[method-assign]
    with cups_server.catching() as printed_file:
        meter = StallMeter()
        with qtbot.waitSignal(page.printer.finished, timeout=30000) as done:
            page.print_button.click()
        longest = meter.stop()
        out = printed_file()
    text, problem = done.args
    assert not problem and "Sent" in text
    assert "exactly as given" in win.message_bar.text.text()
    assert longest < 0.5, f"the window froze for {longest * 1000:.0f} ms"  # (was seconds)
    assert out.read_bytes().startswith(b"%PDF")


def test_a_paused_printer_is_said_plainly(
        qtbot: QtBot, cups_server: CupsServer, service: RecordsService, physician: User,
        pack: ContentPack, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_print, "ask_printer", chosen(cups_server.queue))
    win = on_the_handout_step(qtbot, service, make_window, example_consultation(pack))
    page = win.handout_page
    subprocess.run(["cupsdisable", cups_server.queue], check=True, timeout=30)
    try:
        with qtbot.waitSignal(page.printer.finished, timeout=30000) as done:
            page.print_button.click()
    finally:
        subprocess.run(["cupsenable", cups_server.queue], check=True, timeout=30)
    text, problem = done.args
    assert problem and f"The printer {cups_server.queue} cannot print now: it is paused" in text
    assert text in win.message_bar.text.text()
    assert not win.state.overview.handout_given  # nothing was given
