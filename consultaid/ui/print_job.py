"""The one print path of the app: the physician's Print and the front desk's reprint.

After the system print dialog:

* "Print to file" writes the handout's own bytes to that file (never a re-drawn copy);
* where the system prints PDF (CUPS), the bytes go to the chosen queue as they are, off the UI
  thread (``consultaid.printing``), with a progress window and Cancel;
* elsewhere (Windows without CUPS) the pages are drawn for the printer at 300 dpi in grey
  (``pdf_print.draw_pages``), never at the printer's maximum resolution, also off the UI
  thread, with the same progress window and Cancel.

While one job is being sent a second click starts nothing. ``finished`` says what happened in
words ("Sent 6 pages to Front-Desk", "Saved to …", or the printer's own problem).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from consultaid.domain.errors import ConsultaidError
from consultaid.fileio import atomic_write_bytes
from consultaid.ui.worker import LatestOnlyRunner

if TYPE_CHECKING:  # imported on the first print (start-up stays fast)
    from PySide6.QtPrintSupport import QPrinter

    from consultaid import printing

Ask: TypeAlias = "Callable[[QWidget, str], QPrinter | None]"


class PrintJob(QObject):
    """Prints one PDF at a time for ``parent``'s window; see the module docstring."""

    finished = Signal(str, bool)
    """What happened, and whether it is a problem."""
    delivered = Signal(bytes)
    """The bytes that went to the printer or the file (after success only)."""

    def __init__(self, parent: QWidget, ask: Ask | None = None) -> None:
        super().__init__(parent)
        self.window = parent
        self.ask = ask
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)
        self.runner = LatestOnlyRunner(self, pool=pool)
        self.runner.succeeded.connect(self._sent)
        self.runner.failed.connect(self._failed)
        self.progress: QProgressDialog | None = None
        self._pdf = b""
        self._printer = ""
        self._cancelled = False
        self._qprinter: QPrinter | None = None
        self._choices: printing.Choices | None = None

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def start(self, pdf: bytes | Callable[[], bytes]) -> None:
        """Ask for a printer and print ``pdf`` (returns at once; ``finished`` tells the end).

        ``pdf`` may be a function giving the bytes once a printer was chosen (a reprint is
        fetched, and audited, only when it is really printed).
        """
        if self.busy:
            self.finished.emit(self.tr(
                    "The handout is still being sent to the printer; wait a moment before "
                    "printing again."), True)
            return
        from consultaid import printing
        from consultaid.ui import pdf_print

        ask = self.ask or pdf_print.ask_printer
        printer = ask(self.window, printing.JOB_TITLE)
        if printer is None:
            return
        if callable(pdf):
            try:
                pdf = pdf()
            except ConsultaidError as exc:
                self.finished.emit(self.tr("The handout was not printed: {exc}").format(exc=exc),
                        True)
                return
        if printer.outputFileName():
            self._to_file(pdf, Path(printer.outputFileName()))
        elif not printer.printerName():
            self.finished.emit(self.tr(
                    "No printer was chosen, or the chosen printer is not set up on this "
                    "computer; nothing was printed."), True)
        elif printing.can_print_pdf():
            self._to_queue(pdf, printer.printerName(), pdf_print.choices_of(printer))
        else:
            self._drawn(pdf, printer)

    def _to_file(self, pdf: bytes, path: Path) -> None:
        try:
            atomic_write_bytes(path, pdf)
        except ConsultaidError as exc:
            self.finished.emit(self.tr("The handout was not saved: {exc}").format(exc=exc), True)
            return
        self.delivered.emit(pdf)
        self.finished.emit(self.tr("Saved to {path}.").format(path=path), False)

    def _to_queue(self, pdf: bytes, name: str, choices: printing.Choices) -> None:
        from consultaid import printing

        self._begin(pdf, name)
        self._choices = choices
        copies = choices.copies
        self.runner.submit(lambda: ("queued", printing.submit_pdf(
            pdf, name, copies, choices=choices), copies))

    def _drawn(self, pdf: bytes, printer: QPrinter) -> None:
        """No PDF-capable print system: draw the pages, at 300 dpi in grey, on the worker."""
        from consultaid.ui import pdf_print

        self._begin(pdf, printer.printerName())
        self._qprinter = printer  # alive until the worker is done with it
        cancelled = self._was_cancelled
        self.runner.submit(lambda: ("drawn", pdf_print.draw_pages(pdf, printer, cancelled), 1))

    def _begin(self, pdf: bytes, name: str) -> None:
        self._pdf, self._printer, self._cancelled = pdf, name, False
        progress = QProgressDialog(self.tr("Sending the handout to {name}…").format(name=name),
                self.tr("Cancel"), 0, 0,
                                   self.window)
        progress.setWindowTitle(self.tr("Printing"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setValue(0)  # (else the busy bar's value is -1 and the window waits 4 s)
        progress.setMinimumDuration(300)  # a quick job never flashes a window
        progress.canceled.connect(self._cancel)
        progress.rejected.connect(self._cancel)  # Esc (some Qt versions skip "canceled")
        self.progress = progress

    def _was_cancelled(self) -> bool:
        return self._cancelled

    def _cancel(self) -> None:
        self._cancelled = True

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self._cancel)
            self.progress.rejected.disconnect(self._cancel)
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _sent(self, result: object) -> None:
        from consultaid import printing

        self._close_progress()
        self._qprinter = None
        assert isinstance(result, tuple)
        how, outcome, copies = result
        if how == "queued" and self._cancelled:
            if not printing.cancel_job(str(outcome)):
                self.finished.emit(self.tr(
                        "Printing was cancelled, but the print system did not take job "
                        "{outcome} off {printer}; it may still print. Remove it from the "
                        "printer's queue if it should not.").format(
                        outcome=outcome, printer=self._printer), True)
                return
            outcome = None
        if outcome is None:
            self.finished.emit(self.tr(
                    "Printing was cancelled; nothing should come out of {printer}.").format(
                    printer=self._printer), False)
            return
        if how == "drawn" and not outcome:
            self.finished.emit(self.tr("The printer could not be started; nothing was printed."),
                    True)
            return
        pages = outcome if how == "drawn" else (self._choices or printing.Choices()).pages_of(
            printing.page_count(self._pdf))
        what = (self.tr("the handout") if not pages else self.tr("1 page") if pages == 1
                else self.tr("{pages} pages").format(pages=pages))
        times = self.tr(", {copies} copies").format(copies=copies) if copies > 1 else ""
        self.delivered.emit(self._pdf)
        self.finished.emit(self.tr("Sent {what}{times} to {printer}.").format(
                what=what, times=times, printer=self._printer), False)

    def _failed(self, message: str) -> None:
        self._close_progress()
        self._qprinter = None
        self.finished.emit(self.tr("The handout was not printed: {message}").format(
                message=message), True)
