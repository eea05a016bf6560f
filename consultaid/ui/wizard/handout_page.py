"""Step 6: the patient handout — a live preview of the real PDF, saved or printed from here.

The PDF comes from the injected builder (``build_handout(consultation, pack, settings)``), run
off the UI thread about 400 ms after the last change (at once when the step opens); stale builds
are dropped. :meth:`HandoutPage.warm_up` builds one handout nobody sees while the app is idle,
so that the first preview does not wait for the PDF library, its fonts and hyphenation.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.domain.errors import ConsultaidError
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.domain.vocabulary import HandoutDelivery, PaperSize
from consultaid.fileio import atomic_write_bytes
from consultaid.settings import ClinicSettings
from consultaid.ui import forms, plain_text, wheel_guard
from consultaid.ui.languages import language_name
from consultaid.ui.live_text import LiveLabel
from consultaid.ui.print_job import PrintJob
from consultaid.ui.refresh_guard import guarded, log_failure
from consultaid.ui.state import ConsultationState
from consultaid.ui.translation import translated
from consultaid.ui.wizard.acknowledgement_panel import AcknowledgementPanel
from consultaid.ui.wizard.handout_notes import handout_notes
from consultaid.ui.worker import LatestOnlyRunner

if TYPE_CHECKING:  # (QtPdf loads with the viewer, when a preview is first needed)
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

BuildResult = bytes | tuple[bytes, list[str]]
BuildPdf = Callable[[Consultation, ContentPack, ClinicSettings], BuildResult]
"""PDF bytes, or PDF bytes plus notes for the user (e.g. "the logo was left out")."""
DEBOUNCE_MS = 400
PAPERS = ((PaperSize.A4, "A4"), (PaperSize.LETTER, QT_TRANSLATE_NOOP("HandoutPage", "US Letter")))


class HandoutPage(QWidget):
    """Preview, options, Save PDF… and Print…; reports results through ``message``."""

    preview_ready = Signal(int)
    """The preview shows the latest PDF (its page count)."""
    build_failed = Signal(str)
    saved = Signal(str)
    """A PDF was written (its path)."""
    handout_given = Signal(object, str)
    """(the exact PDF bytes written or printed, a :class:`HandoutDelivery`) for the records."""
    message = Signal(str, bool)
    """(text, is_error) for the window's message bar."""

    def __init__(self, state: ConsultationState, pack: ContentPack, settings: ClinicSettings,
                 build_pdf: BuildPdf | None, languages: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        state.read_with(pack)
        self.pack = pack
        self.settings = settings
        self.build_pdf = build_pdf
        self.pdf_bytes: bytes | None = None
        self.before_giving: Callable[[], bool] = lambda: True
        """Asked before a handout is written or printed (the window asks for an amendment
        first when a completed record's clinical content changed); False stops it."""
        self._stale = True
        self._pending_save: Path | None = None
        self._buffer: QBuffer | None = None
        self.build_notes: list[str] = []

        layout = QVBoxLayout(self)
        layout.addWidget(plain_text.heading(self.tr("Patient handout")))
        options = QHBoxLayout()
        self.large_print = QCheckBox(self.tr("&Large print"))
        self.large_print.setAccessibleName(self.tr("Large print"))
        options.addWidget(self.large_print)
        language_label = QLabel(self.tr("Lan&guage:"))
        self.language = QComboBox()
        for lang in languages:
            self.language.addItem(language_name(lang), lang)
        self.language.setAccessibleName(self.tr("Handout language"))
        language_label.setBuddy(self.language)
        options.addWidget(language_label)
        options.addWidget(self.language)
        paper_label = QLabel(self.tr("Pape&r:"))
        self.paper = QComboBox()
        for value, text in ((v, translated(t)) for v, t in PAPERS):
            self.paper.addItem(text, value.value)  # (Qt keeps the plain string)
        self.paper.setAccessibleName(self.tr("Paper size"))
        paper_label.setBuddy(self.paper)
        for setting in (self.language, self.paper):  # print settings, not answers
            wheel_guard.wheel_when_focused(setting)
        options.addWidget(paper_label)
        options.addWidget(self.paper)
        options.addStretch(1)
        self.save_button = QPushButton(self.tr("&Save PDF…"))
        self.print_button = QPushButton(self.tr("&Print…"))
        options.addWidget(self.save_button)
        options.addWidget(self.print_button)
        layout.addLayout(options)

        self.warning = LiveLabel(self.tr("Handout warning"), announce_changes=False)
        self.warning.setObjectName("handoutWarning")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.status = LiveLabel(self.tr("Preview status"))
        self.status.setWordWrap(True)  # a long problem must not widen the window off screen
        layout.addWidget(self.status)
        self.acknowledgement = AcknowledgementPanel()

        # The PDF viewer (QtPdf: about 7 MiB and 20 ms) is made when a preview is first
        # needed (see :attr:`view`), not with the window.
        self._document: QPdfDocument | None = None
        self._view: QPdfView | None = None
        self._preview_label = QLabel(self.tr(
                "Pre&view (the PDF exactly as it will be saved or printed):"))
        # The acknowledgement and the preview share the height (the splitter resizes them), so
        # the page asks no more room of a small screen than before.
        preview = QWidget()
        self._preview_layout = QVBoxLayout(preview)
        self._preview_layout.setContentsMargins(0, 0, 0, 0)
        self._preview_layout.addWidget(self._preview_label)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(forms.scrolling(self.acknowledgement))
        self.splitter.addWidget(preview)
        self.splitter.setStretchFactor(1, 1)
        layout.addWidget(self.splitter, 1)
        self.acknowledgement.fields_shown.connect(self._room_for_acknowledgement)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.rebuild_now)
        builds = QThreadPool(self)  # one build at a time: stale ones wait, then are skipped
        builds.setMaxThreadCount(1)
        self._builds = builds
        self.runner = LatestOnlyRunner(self, pool=builds)
        self.printer = PrintJob(self)
        self.printer.finished.connect(self.message.emit)
        self.printer.delivered.connect(self._printed)
        self.runner.succeeded.connect(self._on_built)
        self.runner.failed.connect(self._on_failed)

        self.large_print.toggled.connect(lambda on: self.state.edit(
            lambda c: setattr(c.handout, "large_print", on)))
        self.language.currentIndexChanged.connect(lambda _i: self.state.edit(
            lambda c: setattr(c.handout, "language", self.language.currentData())))
        self.paper.currentIndexChanged.connect(lambda _i: self.state.edit(
            lambda c: setattr(c.handout, "paper", self.paper.currentData())))
        self.save_button.clicked.connect(self.ask_save_pdf)
        self.print_button.clicked.connect(self.print_handout)
        state.changed.connect(self._on_changed)
        self._on_changed()

    @property
    def document(self) -> QPdfDocument:
        """The PDF on show."""
        return self._viewer()[0]

    @property
    def view(self) -> QPdfView:
        """The preview."""
        return self._viewer()[1]

    def _viewer(self) -> tuple[QPdfDocument, QPdfView]:
        """The PDF and its view, made on first use (the step opened, a PDF built)."""
        if self._document is not None and self._view is not None:
            return self._document, self._view
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        document = QPdfDocument(self)
        view = QPdfView(self)
        view.setDocument(document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setAccessibleName(self.tr("Handout preview"))
        view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._preview_label.setBuddy(view)
        self._preview_layout.addWidget(view, 1)
        QWidget.setTabOrder(self.print_button, view)  # where it was when made with the page
        document.statusChanged.connect(self._on_document_status)
        self._document, self._view = document, view
        return document, view

    # State -> widgets ---------------------------------------------------------------------
    @guarded
    def _on_changed(self) -> None:
        c = self.state.consultation
        forms.set_checked(self.large_print, c.handout.large_print)
        forms.select_or_add(self.language, c.handout.language)
        forms.set_combo_data(self.paper, c.handout.paper)
        self._update_warning()
        if self._can_make():
            self.mark_stale()

    def _update_warning(self) -> None:
        self.warning.setText("\n".join(handout_notes(self.state.consultation, self.pack,
                                                      self.settings, self.state.overview)))

    def _room_for_acknowledgement(self) -> None:
        """The form appeared: as much height as it asks, up to two thirds (the preview keeps
        the rest; while the patient signs, the form matters more than the preview)."""
        total = sum(self.splitter.sizes())
        if total > 0:
            want = min(self.acknowledgement.sizeHint().height() + 4, total * 2 // 3)
            self.splitter.setSizes([want, total - want])

    def set_settings(self, settings: ClinicSettings) -> None:
        self.settings = settings
        self._update_warning()
        self.mark_stale()

    # Building -----------------------------------------------------------------------------
    def mark_stale(self) -> None:
        """The preview no longer matches; rebuild shortly if the page is on screen."""
        self._stale = True
        if self.isVisible():
            self.status.setText(self.tr("Updating preview…"))
            self.timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._viewer()
        if self._stale:  # nobody is typing here yet: no reason to wait (issue 29: <= 300 ms)
            self.timer.start(0)

    def warm_up(self) -> None:
        """Build the example handout off the UI thread and drop it: the PDF library, the fonts
        and the hyphenation are loaded before the physician first opens this step (the first
        build of a session takes about three times as long as the next ones). It shares the
        one build thread, so a real build waits for it rather than running beside it."""
        builder = self.build_pdf
        if builder is None or self.pdf_bytes is not None or self.runner.busy:
            return
        pack, settings = self.pack, copy.deepcopy(self.settings)

        def build() -> None:
            try:
                builder(example_consultation(pack), pack, settings)
            except ConsultaidError:
                pass  # (a pack with no condition, say: the real build says so, in words)
            except Exception:
                log_failure("handout warm-up")

        self._builds.start(build)

    def _can_make(self) -> bool:
        """Whether a handout can be made now; if not, say why and offer no Save or Print."""
        problem = translated(self.pack.condition_problem(self.state.consultation.condition_id))
        for button in (self.save_button, self.print_button):
            button.setEnabled(not problem)
            button.setToolTip(plain_text.tooltip(self.tr("No handout yet: {problem}").format(
                    problem=problem)) if problem else "")
        if problem:
            self.clear_shown()
            self.status.setText(self.tr("No handout yet: {problem}").format(problem=problem))
        return not problem

    def rebuild_now(self) -> None:
        """Start a build of the current consultation in the thread pool."""
        self.timer.stop()
        if not self._can_make():
            return
        builder = self.build_pdf
        if builder is None:
            message = (self.tr(
                    "The handout builder is not installed in this version, so no PDF can "
                    "be made."))
            self._on_failed(message)
            return
        snapshot = copy.deepcopy(self.state.consultation)
        pack, settings = self.pack, copy.deepcopy(self.settings)
        self._stale = False
        self.status.setText(self.tr("Building the handout…"))
        self.runner.submit(lambda: builder(snapshot, pack, settings))

    def _on_built(self, data: object) -> None:
        notes: list[str] = []
        if isinstance(data, tuple) and len(data) == 2:
            pdf, raw_notes = data
            notes = [str(n) for n in raw_notes]
            data = pdf
        if not isinstance(data, bytes | bytearray):
            self._on_failed(self.tr("the handout builder returned no PDF"))
            return
        self.build_notes = notes
        self.pdf_bytes = bytes(data)
        if self._pending_save is not None and not self._stale:
            path, self._pending_save = self._pending_save, None
            self._write_pdf(path)
        old = self._buffer
        buffer = QBuffer(self)
        buffer.setData(QByteArray(self.pdf_bytes))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.document.load(buffer)
        if old is not None:
            old.close()
            old.deleteLater()
        self._on_document_status(self.document.status())

    def _on_document_status(self, status: QPdfDocument.Status) -> None:
        from PySide6.QtPdf import QPdfDocument

        if status == QPdfDocument.Status.Ready:
            pages = self.document.pageCount()
            size = len(self.pdf_bytes or b"") // 1024
            notes = "".join(f"\n⚠ {translated(note)}" for note in self.build_notes)
            self.status.setText(self.tr(
                    "✓ Preview up to date: {pages} page(s), {size} kB{notes}").format(
                    pages=pages, size=size, notes=notes))
            self.preview_ready.emit(pages)
        elif status == QPdfDocument.Status.Error:
            self._on_failed(self.tr("the PDF could not be shown ({name})").format(
                    name=self.document.error().name))

    def clear_shown(self) -> None:
        """This consultation cannot be shown: drop any PDF so that none can be saved or printed."""
        self.timer.stop()
        self.runner.cancel_pending()  # a build already under way is not shown either
        self._pending_save = None
        self.pdf_bytes = None
        self._stale = True
        if self._document is not None:
            self._document.close()
        self.status.setText(self.tr("No handout can be made from this record."))

    def _on_failed(self, message: str) -> None:
        # Never leave an older PDF on show (or ready to save) once the current one failed.
        self._pending_save = None
        self.pdf_bytes = None
        if self._document is not None:
            self._document.close()
        self.status.setText(self.tr("⚠ The handout could not be made: {message}").format(
                message=message))
        self.build_failed.emit(message)
        self.message.emit(self.tr("The handout could not be made: {message}").format(
                message=message), True)

    # Save and print -----------------------------------------------------------------------
    def ask_save_pdf(self) -> None:
        if not self.before_giving():
            return  # (an amendment's reason is asked before anything else, even the file)
        suggested = self.suggested_file_name()
        start = str((self.state.path.parent if self.state.path else Path.home()) / suggested)
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save handout PDF"), start, self.tr(
                "PDF (*.pdf)"))
        self.window().activateWindow()  # the keyboard comes back (no window manager: Xvfb)
        if name:
            self.save_pdf(Path(name))

    def suggested_file_name(self) -> str:
        """What Save PDF… offers: the word in the app's language, the visit date and the
        record's first characters. No patient's name: folders, backups and recent lists show
        file names."""
        c = self.state.consultation
        # The start of a file name: one word, no spaces or slashes.
        word = self.tr("handout").strip().replace(" ", "-").replace("/", "-") or "handout"
        return f"{word}-{c.visit_date.isoformat()}-{c.consultation_id[:8]}.pdf"

    def save_pdf(self, path: Path) -> None:
        """Write the PDF of the current consultation (building it first if needed)."""
        if not self.before_giving():
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        if self.pdf_bytes is not None and not self._stale and not self.timer.isActive():
            self._write_pdf(path)
            return
        self._pending_save = path
        self.rebuild_now()

    def _write_pdf(self, path: Path) -> None:
        assert self.pdf_bytes is not None
        pdf = self.pdf_bytes
        try:
            atomic_write_bytes(path, pdf)
        except ConsultaidError as exc:
            self.message.emit(self.tr("The handout was not saved: {exc}").format(exc=exc), True)
            return
        uncovered = len(self.state.overview.uncovered_points)
        note = self.tr(" Note: {uncovered} expectations point(s) were not covered.").format(
                uncovered=uncovered) if uncovered else ""
        self.message.emit(self.tr("Handout saved to {path}.{note}").format(path=path, note=note),
                False)
        self.saved.emit(str(path))
        self.handout_given.emit(pdf, HandoutDelivery.SAVE_PDF)

    def print_handout(self) -> None:
        """Print the previewed PDF itself (the app's one print path, off the UI thread)."""
        from PySide6.QtPdf import QPdfDocument

        if (self.pdf_bytes is None or self._stale or self.timer.isActive() or self.runner.busy
                or self._document is None
                or self._document.status() != QPdfDocument.Status.Ready):
            self.message.emit(self.tr("The preview is not ready yet; try again in a moment."), True)
            return
        if not self.before_giving():
            return
        self.printer.start(self.pdf_bytes)  # says so itself if a job is still being sent

    def _printed(self, pdf: bytes) -> None:
        self.handout_given.emit(pdf, HandoutDelivery.PRINT)

    def render_to(self, printer: object) -> bool:
        """Draw every PDF page into ``printer`` (a QPrinter), scaled to its page."""
        from PySide6.QtPrintSupport import QPrinter

        from consultaid.ui import pdf_print

        assert isinstance(printer, QPrinter)
        if not pdf_print.render_document(self.document, printer):
            self.message.emit(self.tr("The printer could not be started."), True)
            return False
        return True
