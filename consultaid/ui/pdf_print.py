"""Printing a PDF as it is: every page of a loaded :class:`QPdfDocument` drawn onto a printer.

Shared by the handout page (a new handout) and the records view (a reprint of stored bytes), so
both print the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPointF, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget


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


def load_pdf(pdf: bytes, parent: QObject) -> tuple[QPdfDocument, QBuffer]:
    """A document reading ``pdf`` from memory (keep the buffer alive as long as the document)."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    return document, buffer


def ask_printer(parent: QWidget, doc_name: str) -> QPrinter | None:
    """The system print dialog; None when the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(doc_name)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer
