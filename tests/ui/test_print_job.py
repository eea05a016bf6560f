"""The print job's harder cases: Cancel while the print server does not answer, and the drawn
fallback for systems without a PDF print system (issue 14)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest
from PIL import ImageStat
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from consultaid import printing
from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.handout import build_handout
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.settings import ClinicSettings
from consultaid.ui import pdf_print
from consultaid.ui.main_window import MainWindow
from tests.servers.cups import CupsServer
from tests.ui.conftest import front_desk_on_a_given_handout
from tests.ui.test_print_gui import MakeWindow, StallMeter, chosen, on_the_handout_step


def job_ids() -> set[str]:
    """The IDs of the jobs in the test queue now."""
    return {line.split()[0] for line in queued_jobs().splitlines() if line.strip()}


def queued_jobs() -> str:
    return subprocess.run(["lpstat", "-o"], capture_output=True, text=True, check=False,
                          timeout=30).stdout.strip()


def test_cancel_while_the_print_server_does_not_answer(
        qtbot: QtBot, cups_server: CupsServer, service: RecordsService, physician: User,
        pack: ContentPack, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scheduler is frozen (SIGSTOP): the window keeps running, the progress window offers
    Cancel, and a cancelled job is taken off the queue, so nothing prints and nothing is
    recorded as given."""
    # The dialog was answered while the server still answered (Qt asks CUPS for its printers on
    # the UI thread, in the dialog); then the server stops answering.
    answered = chosen(cups_server.queue)()
    monkeypatch.setattr(pdf_print, "ask_printer", lambda *_a: answered)
    example = example_consultation(pack)
    win = on_the_handout_step(qtbot, service, make_window, example)
    page = win.handout_page
    said: list[tuple[str, bool]] = []
    page.printer.finished.connect(lambda text, problem: said.append((text, problem)))
    hold = ["lpadmin", "-p", cups_server.queue, "-o"]
    # Jobs wait in the queue, so a job that Cancel failed to remove would still be there.
    subprocess.run([*hold, "job-hold-until-default=indefinite"], check=True, timeout=30)
    try:
        with cups_server.catching() as _:
            before = cups_server.printed()
            os.kill(cups_server.process.pid, signal.SIGSTOP)
            try:
                meter = StallMeter()
                page.print_button.click()
                # it shows once sending takes longer than 0.3 s (not after Qt's default 4 s)
                qtbot.waitUntil(lambda: page.printer.progress is not None
                                and page.printer.progress.isVisible(), timeout=2000)
                progress = page.printer.progress
                assert progress is not None
                cancel = progress.findChild(QPushButton)
                assert cancel is not None and cancel.text() == "Cancel"
                QTest.mouseClick(cancel, Qt.MouseButton.LeftButton)
                longest = meter.stop()
            finally:
                os.kill(cups_server.process.pid, signal.SIGCONT)
            qtbot.waitUntil(lambda: bool(said), timeout=30000)
            assert cups_server.printed() == before
        assert queued_jobs() == ""
    finally:
        subprocess.run([*hold, "job-hold-until-default=no-hold"], check=True, timeout=30)
    assert said == [(f"Printing was cancelled; nothing should come out of {cups_server.queue}.",
                     False)]
    assert longest < 0.5, f"the window froze for {longest * 1000:.0f} ms"  # (was seconds)
    assert not win.state.overview.handout_given
    assert service.latest_handout(example.consultation_id) is None


def test_a_cancelled_reprint_does_not_say_it_was_printed(
        qtbot: QtBot, cups_server: CupsServer, service: RecordsService, physician: User,
        pack: ContentPack, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    win = front_desk_on_a_given_handout(
        qtbot, service, physician, pack, make_window,
        lambda example: build_handout(example, pack, ClinicSettings()))
    page = win.records_page
    assert page is not None
    answered = chosen(cups_server.queue)()
    page.ask_printer = lambda _record: answered  # type: ignore[method-assign, assignment]
    ours: list[str] = []  # the job Cancel took off (the real cancel runs)
    real_cancel = printing.cancel_job

    def cancel(job: str) -> bool:
        ours.append(job)
        return real_cancel(job)

    monkeypatch.setattr(printing, "cancel_job", cancel)
    hold = ["lpadmin", "-p", cups_server.queue, "-o"]
    subprocess.run([*hold, "job-hold-until-default=indefinite"], check=True, timeout=30)
    try:
        os.kill(cups_server.process.pid, signal.SIGSTOP)
        try:
            QTest.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: page.printer.progress is not None
                            and page.printer.progress.isVisible(), timeout=2000)
            progress = page.printer.progress
            assert progress is not None
            with qtbot.waitSignal(page.printer.finished, timeout=30000) as said:
                QTest.keyClick(progress, Qt.Key.Key_Escape)  # Esc cancels like the button
                os.kill(cups_server.process.pid, signal.SIGCONT)
        finally:
            os.kill(cups_server.process.pid, signal.SIGCONT)
        # Our job is taken off the queue (CUPS does it a moment after `cancel` returns); a job
        # another test's print thread sends late to this shared test queue is not ours to judge.
        assert len(ours) == 1, said.args
        qtbot.waitUntil(lambda: ours[0] not in job_ids(), timeout=15000)
    finally:
        subprocess.run([*hold, "job-hold-until-default=no-hold"], check=True, timeout=30)
    shown = win.message_bar.text.text()
    assert "Printing was cancelled; nothing should come out of" in shown
    assert "printed" not in shown.replace("Printing was cancelled", "")


class DrawnTo(QPrinter):
    """A printer chosen in the dialog on a system without CUPS; what Qt would send to it goes
    to ``path`` so the test can read it (the app sees a printer, not "print to file")."""

    def __init__(self, path: Path) -> None:
        super().__init__(QPrinter.PrinterMode.HighResolution)
        self.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.setOutputFileName(str(path))

    def outputFileName(self) -> str:
        return ""

    def printerName(self) -> str:
        return "Front-Desk"


def test_without_cups_the_pages_are_drawn_at_300_dpi_in_grey_off_the_ui_thread(
        qtbot: QtBot, service: RecordsService, physician: User, pack: ContentPack,
        make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The drawing (every page, band by band) happens on the print worker, never on the UI
    thread: it froze the window for seconds when it did. Which thread drew is recorded rather
    than how long the window waited, which a loaded machine makes flaky (issue 32)."""
    job = tmp_path / "job.pdf"
    monkeypatch.setattr(pdf_print, "ask_printer", lambda *_a: DrawnTo(job))
    monkeypatch.setattr(printing, "can_print_pdf", lambda: False)  # as on Windows
    ui_thread = threading.get_ident()
    drawn_on: list[int] = []
    bands_on: list[int] = []
    draw_pages, grey = pdf_print.draw_pages, pdf_print._grey

    def recorded_draw_pages(*args: Any) -> int | None:
        drawn_on.append(threading.get_ident())
        return draw_pages(*args)

    def recorded_grey(image: QImage) -> QImage:
        bands_on.append(threading.get_ident())
        return grey(image)

    monkeypatch.setattr(pdf_print, "draw_pages", recorded_draw_pages)
    monkeypatch.setattr(pdf_print, "_grey", recorded_grey)

    def with_the_real_handout(records: RecordsService) -> MainWindow:
        win = make_window(records)
        win.handout_page.build_pdf = build_handout  # six pages to draw, not the tests' one
        return win

    win = on_the_handout_step(qtbot, service, with_the_real_handout,
                              example_consultation(pack))
    page = win.handout_page
    with qtbot.waitSignal(page.printer.finished, timeout=60000) as done:
        page.print_button.click()
    pages = len(PdfReader(job).pages)
    plural = "page" if pages == 1 else "pages"
    assert done.args == [f"Sent {pages} {plural} to Front-Desk.", False]
    assert pages == len(PdfReader(io.BytesIO(page.pdf_bytes or b"")).pages)
    qtbot.waitUntil(lambda: win.state.overview.handout_given)  # (stored on the records thread)
    assert len(drawn_on) == 1 and drawn_on[0] != ui_thread, "the pages were drawn on the UI thread"
    # every page is drawn in several bands, each on the worker
    assert len(bands_on) > pages and set(bands_on) == set(drawn_on)
    first = PdfReader(job).pages[0]
    width_inches = float(first.mediabox.width) / 72
    images = [image.image for image in first.images]
    assert images and all(image is not None and image.mode == "L" for image in images)
    dpi = max(image.width for image in images if image is not None) / width_inches
    assert 250 < dpi <= 300  # never the printer's maximum (1200 dpi for HighResolution)
    # about 30 times the handout; drawn at the printer's 1200 dpi in colour it was 860 times
    assert pages > 1 and job.stat().st_size < 50 * len(page.pdf_bytes or b"")
    band = images[0]
    assert band is not None
    assert ImageStat.Stat(band).mean[0] > 200  # white paper with dark text, not black


def test_the_pages_chosen_in_the_dialog_are_the_pages_printed(
        qtbot: QtBot, cups_server: CupsServer, service: RecordsService, physician: User,
        pack: ContentPack, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Page 2 alone of the handout the window shows (the needs-review sheet, two pages in
    2027.01: a typed review is not taken): CUPS prints that page, and the message says so."""
    answered = chosen(cups_server.queue)()
    answered.setPrintRange(QPrinter.PrintRange.PageRange)
    answered.setFromTo(2, 2)
    monkeypatch.setattr(pdf_print, "ask_printer", lambda *_a: answered)

    def with_the_real_handout(records: RecordsService) -> MainWindow:
        win = make_window(records)
        win.handout_page.build_pdf = build_handout
        return win

    win = on_the_handout_step(qtbot, service, with_the_real_handout,
                              example_consultation(pack))
    page = win.handout_page
    with cups_server.catching() as printed_file:
        with qtbot.waitSignal(page.printer.finished, timeout=30000) as done:
            QTest.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
        out = printed_file()
    assert done.args == [f"Sent 1 page to {cups_server.queue}.", False]
    assert len(PdfReader(out).pages) == 1
    assert len(PdfReader(io.BytesIO(page.pdf_bytes or b"")).pages) > 1


def test_without_cups_only_the_chosen_pages_are_drawn(qtbot: QtBot, tmp_path: Path,
                                                      pack: ContentPack) -> None:
    pdf = build_handout(example_consultation(pack), pack, ClinicSettings())
    printer = DrawnTo(tmp_path / "job.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(3, 99)  # "to" past the end: up to the last page
    total = len(PdfReader(io.BytesIO(pdf)).pages)
    assert total >= 4  # (the 2027.01 may-proceed sheet: four pages on A4)
    assert pdf_print.draw_pages(pdf, printer, lambda: False) == total - 2
    assert len(PdfReader(tmp_path / "job.pdf").pages) == total - 2
