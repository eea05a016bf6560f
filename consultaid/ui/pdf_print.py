"""Qt's side of printing: the system print dialog, and drawing PDF pages for a printer.

Drawing is only the fallback where the system cannot print PDF itself (see ``print_job``):
``draw_pages`` draws at 300 dpi in grey, never at the printer's maximum, and runs on a worker
thread (Qt paints into a QPrinter from any thread; the document is opened in that thread).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEventLoop,
    QIODevice,
    QObject,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from consultaid import printing


def render_document(document: QPdfDocument, printer: QPrinter) -> bool:
    """Draw every page of ``document`` into ``printer``, scaled to its page; False if it failed."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        target = printer.pageLayout().paintRectPixels(printer.resolution())
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            scale = min(target.width() / points.width(), target.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            image = document.render(page, size)
            painter.drawImage(QRectF(QPointF(0, 0), size.toSizeF()), image)
    finally:
        painter.end()
    return True


DRAW_DPI = 300
BAND = 256
"""Pixel rows drawn per call: short calls keep the UI thread's Python slots running."""
YIELD_S = 0.001
"""A pause after each band: without it this thread takes the GIL straight back after each Qt
call and the UI thread waits 100-250 ms for it (measured); 84 pauses cost 84 ms a handout."""


def draw_pages(pdf: bytes, printer: QPrinter, cancelled: Callable[[], bool]) -> int | None:
    """Draw ``pdf`` for ``printer`` at 300 dpi in grey, page by page (off the UI thread).

    Returns the pages drawn, 0 when the printer could not be started or the PDF not read,
    None when ``cancelled()`` turned true (the job is then aborted, nothing comes out).
    """
    printer.setResolution(DRAW_DPI)
    printer.setColorMode(QPrinter.ColorMode.GrayScale)
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if not wait_until_loaded(document) or document.pageCount() == 0:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        target = printer.pageLayout().paintRectPixels(printer.resolution())
        chosen = choices_of(printer).pages or (1, document.pageCount())
        numbers = range(chosen[0] - 1, min(chosen[1], document.pageCount()))
        for page in numbers:
            if cancelled():
                printer.abort()
                return None
            if page != numbers.start:
                printer.newPage()
            points = document.pagePointSize(page)
            scale = min(target.width() / points.width(), target.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            for top in range(0, size.height(), BAND):
                band = QRect(0, top, size.width(), min(BAND, size.height() - top))
                options = QPdfDocumentRenderOptions()
                options.setScaledSize(size)
                options.setScaledClipRect(band)
                painter.drawImage(QRectF(band), _grey(document.render(page, band.size(), options)))
                time.sleep(YIELD_S)
        return len(numbers)
    finally:
        if painter.isActive():
            painter.end()
        document.close()
        buffer.close()


def _grey(image: QImage) -> QImage:
    """``image`` on white paper, in grey (pdfium leaves the paper transparent)."""
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(Qt.GlobalColor.white)
    on_paper = QPainter(paper)
    on_paper.drawImage(0, 0, image)
    on_paper.end()
    return paper.convertToFormat(QImage.Format.Format_Grayscale8)


def wait_until_loaded(document: QPdfDocument, timeout_ms: int = 10000) -> bool:
    """Let an in-memory PDF finish loading; True when it is ready to show or print."""
    if document.status() == QPdfDocument.Status.Loading:
        loop = QEventLoop()
        document.statusChanged.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
    return document.status() == QPdfDocument.Status.Ready


def load_pdf(pdf: bytes, parent: QObject) -> tuple[QPdfDocument, QBuffer]:
    """A document reading ``pdf`` from memory (keep the buffer alive as long as the document)."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    return document, buffer


def choices_of(printer: QPrinter) -> printing.Choices:
    """Copies, page range, two-sided and grey as chosen in the print dialog."""
    pages = None
    if (printer.printRange() == QPrinter.PrintRange.PageRange
            and 0 < printer.fromPage() <= printer.toPage()):
        pages = (printer.fromPage(), printer.toPage())
    sides = {QPrinter.DuplexMode.DuplexNone: "one-sided",
             QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
             QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge"}.get(printer.duplex())
    grey = printer.colorMode() == QPrinter.ColorMode.GrayScale or None
    return printing.Choices(max(1, printer.copyCount()), pages, sides, grey)


def ask_printer(parent: QWidget, doc_name: str) -> QPrinter | None:
    """The system print dialog; None when the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(doc_name)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer
