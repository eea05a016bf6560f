"""The patient's acknowledgement of receipt and discussion, on the Handout step (issue 17.2).

It is not consent to treatment, and says so. The panel collects who acknowledged, how, and (for
a signature on screen) the drawing; it decides nothing: the records service checks and stores
it (see :class:`consultaid.ui.records.acknowledgement_sync.AcknowledgementController`).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consultaid.domain import acknowledgement as acknowledging
from consultaid.domain.acknowledgement import METHOD_LABELS, Acknowledgement
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.ui import forms
from consultaid.ui.live_text import LiveLabel
from consultaid.ui.translation import translate, translated
from consultaid.ui.wizard.acknowledgement_pad import SignaturePad, SigningDialog

SIGNERS = (("patient", QT_TRANSLATE_NOOP("AcknowledgementPanel", "The patient")), (
        "representative", QT_TRANSLATE_NOOP("AcknowledgementPanel",
        "A representative")))
EXPLAIN = (QT_TRANSLATE_NOOP("AcknowledgementPanel",
        "The patient (or their representative) confirms they received this handout and "
        "talked it through with you. This is not consent to treatment."))


class AcknowledgementPanel(QGroupBox):
    """Who, how, the signature pad, and "Record acknowledgement"."""

    requested = Signal(object)
    """An :class:`Acknowledgement` to record (its time and handout are added by the records)."""
    fields_shown = Signal()
    """The form appeared (a handout was given) or the signature pad did: the page gives it
    room."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Acknowledgement of receipt and discussion"), parent)
        layout = QVBoxLayout(self)
        explain = QLabel(translated(EXPLAIN))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.fields = QWidget()
        """The form: shown once there is a handout to acknowledge (before, one line says what
        to do first, and the preview below keeps the room)."""
        fields_layout = QVBoxLayout(self.fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        form = self.form = QFormLayout()
        self.signer = QComboBox()
        for value, text in ((v, translated(t)) for v, t in SIGNERS):
            self.signer.addItem(text, value)
        forms.add_row(form, self.tr("A&cknowledged by:"), self.signer)
        self.representative = QLineEdit()
        self.representative.setMaxLength(200)
        forms.add_row(form, self.tr("Representative's na&me:"), self.representative)
        self.relationship = QLineEdit()
        self.relationship.setMaxLength(100)
        forms.add_row(form, self.tr("Relat&ionship to the patient:"), self.relationship)
        self.method = QComboBox()
        for value, text in METHOD_LABELS.items():
            self.method.addItem(translated(text), value)
        forms.add_row(form, self.tr("Ho&w:"), self.method)
        self.witness = QLineEdit()
        self.witness.setMaxLength(200)
        forms.add_row(form, self.tr("Wi&tness (staff member):"), self.witness)
        fields_layout.addLayout(form)
        # The signature is drawn in a dialog of its own (the preview keeps its room); here a
        # small copy shows what was drawn.
        self.pad = SignaturePad(scale=0.5)
        self.pad.read_only = True
        self.pad.setAccessibleName(self.tr("The signature drawn"))
        self.sign_button = QPushButton(self.tr("Sig&n on screen…"))
        self.signing: SigningDialog | None = None
        pad_row = QHBoxLayout()
        pad_row.addWidget(self.sign_button)
        pad_row.addWidget(self.pad)
        pad_row.addStretch(1)
        fields_layout.addLayout(pad_row)
        buttons = QHBoxLayout()
        self.record_button = QPushButton(self.tr("Recor&d acknowledgement"))
        buttons.addWidget(self.record_button)
        buttons.addStretch(1)
        fields_layout.addLayout(buttons)
        layout.addWidget(self.fields)
        self.status = LiveLabel(self.tr("Acknowledgement status"))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.signer.currentIndexChanged.connect(self._update_fields)
        self.method.currentIndexChanged.connect(self._update_fields)
        self.sign_button.clicked.connect(self.ask_signature)
        self.record_button.clicked.connect(self._request)
        self._recorded: Acknowledgement | None = None
        self._can_record = False
        self._said_problem = False
        self._update_fields()

    # Shown state ------------------------------------------------------------------------------
    def show_state(self, recorded: Acknowledgement | None, can_record: bool, why: str) -> None:
        """The acknowledgement on record (read-only), or the form, enabled when it can be
        recorded now; ``why`` says what to do first when it cannot."""
        self._recorded, self._can_record = recorded, can_record
        if recorded is not None:
            forms.set_combo_data(self.signer, recorded.signer)
            forms.set_combo_data(self.method, recorded.method)
            forms.set_text(self.representative, recorded.representative)
            forms.set_text(self.relationship, recorded.relationship)
            forms.set_text(self.witness, recorded.witness)
            self.pad.set_strokes(recorded.strokes)
            self.status.setText(f"✓ {describe(recorded)}")
        else:
            if self.pad.read_only:
                self.pad.clear()
            self.status.setText("" if can_record else why)
        self._update_fields()

    def _update_fields(self) -> None:
        editable = self._recorded is None and self._can_record
        representative = self.signer.currentData() == "representative"
        method = self.method.currentData()
        for widget in (self.signer, self.method):
            widget.setEnabled(editable)
        self.representative.setEnabled(editable and representative)
        self.relationship.setEnabled(editable and representative)
        self.witness.setEnabled(editable and method == "verbal")
        shown = self._recorded is not None or self._can_record
        if shown != self.fields.isVisibleTo(self):
            self.fields.setVisible(shown)
            if shown:
                self.fields_shown.emit()
        self.form.setRowVisible(self.representative, representative)
        self.form.setRowVisible(self.relationship, representative)
        self.form.setRowVisible(self.witness, method == "verbal")
        drawn = method == "drawn"
        self.pad.setVisible(drawn and (self._recorded is not None or not self.pad.is_empty()))
        self.sign_button.setVisible(drawn and editable)
        self.record_button.setEnabled(editable)

    # Signing ----------------------------------------------------------------------------------
    def ask_signature(self) -> None:
        """Open the signing dialog (window-modal: the idle lock keeps it)."""
        self.signing = SigningDialog(self.pad.strokes(), self)
        self.signing.accepted.connect(self._signed)
        self.signing.finished.connect(self.signing.deleteLater)
        # The keyboard comes back to the window (a desktop without a window manager does not
        # hand the focus back by itself: seen under Xvfb, Alt+D then did nothing).
        self.signing.finished.connect(lambda _result: self.window().activateWindow())
        self.signing.open()

    def _signed(self) -> None:
        if self.signing is None:
            return
        self.pad.set_strokes(self.signing.pad.strokes())
        self._update_fields()
        if self._said_problem and not acknowledging.problems(self.draft()):
            # "Not recorded: no signature was drawn." no longer holds (issue 26.12).
            self.status.setText("")
            self._said_problem = False

    # Asking -----------------------------------------------------------------------------------
    def draft(self) -> Acknowledgement:
        """What the form says now (no time, no handout yet)."""
        representative = self.signer.currentData() == "representative"
        method = self.method.currentData()
        return Acknowledgement(
            method=method, signer=self.signer.currentData(),
            representative=self.representative.text().strip() if representative else "",
            relationship=self.relationship.text().strip() if representative else "",
            witness=self.witness.text().strip() if method == "verbal" else "",
            strokes=self.pad.strokes() if method == "drawn" else [])

    def _request(self) -> None:
        ack = self.draft()
        found = acknowledging.problems(ack)
        if found:
            self.status.setText(self.tr("⚠ Not recorded: ")
                                + "; ".join(translated(f) for f in found) + ".")
            self._said_problem = True
            return
        self._said_problem = False
        self.requested.emit(ack)


def describe(ack: Acknowledgement) -> str:
    """One line for the physician: who, how, when, which handout."""
    who = (translate("AcknowledgementPanel", "the patient") if ack.signer == "patient"
           else translate("AcknowledgementPanel",
                   "{representative} ({relationship}) for the patient").format(
                   representative=ack.representative,
                   relationship=ack.relationship))
    how = {"paper": translate("AcknowledgementPanel", "signed on paper"), "drawn": translate(
            "AcknowledgementPanel",
            "signed on screen"),
           "verbal": translate("AcknowledgementPanel", "verbally, witnessed by {witness}").format(
                   witness=ack.witness)}[ack.method]
    when = ack.when().astimezone().strftime("%Y-%m-%d %H:%M")
    # Which handout it refers to is kept in the record (its fingerprint); the physician reads
    # the content version, not a raw hash (issue 26.12).
    return (translate("AcknowledgementPanel",
            "Acknowledged by {who}, {how}, on {when}; refers to the handout as given "
            "(content {pack_version}).").format(
            who=who,
            how=how,
            when=when,
            pack_version=ack.pack_version))
