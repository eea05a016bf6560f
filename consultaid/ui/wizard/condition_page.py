"""Step 3: choose the condition and read its plain-language panel; the physician's notes.

Physician-only material (talking points, cautions, what to measure) is set apart in a framed,
labelled block; the patient-facing text reads as the handout will. All text is escaped.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from consultaid.content.pack import ConditionPanel, ContentPack
from consultaid.domain.consultation import NOTES_LIMIT
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.ui import forms, plain_text
from consultaid.ui.refresh_guard import guarded
from consultaid.ui.state import ConsultationState
from consultaid.ui.text_limit import limit_text
from consultaid.ui.translation import translate, translated

NO_CONDITION = QT_TRANSLATE_NOOP("ConditionPage", "— choose a condition —")


def _items(values: tuple[str, ...]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(v)}</li>" for v in values) + "</ul>"


def panel_html(panel: ConditionPanel) -> str:
    """The condition panel as rich text; every piece of content is escaped."""
    doc = panel.physician
    pat = panel.patient
    physician = (
        translate("ConditionPage", "<table width='100%' border='1' cellpadding='8' "
                "cellspacing='0'><tr><td><p><b>▌ FOR THE PHYSICIAN — not "
                "patient-facing</b></p><p><b>Talking points</b></p>") + _items(doc.talking_points)
        + translate("ConditionPage", "<p><b>Screening cautions</b></p>") + _items(
                doc.screening_cautions)
        + translate("ConditionPage", "<p><b>What to measure</b></p>") + _items(doc.measure)
        + "</td></tr></table>"
    )
    patient = (
        translate("ConditionPage",
                "<p><b>▌ FOR THE PATIENT — plain-language explanation</b></p><h3>What "
                "inflammation does</h3><p>{inflammation}</p><h3>What the treatment aims to "
                "do</h3><p>{aims}</p><h3>Possible benefits</h3>").format(
                inflammation=html.escape(pat.inflammation),
                aims=html.escape(pat.aims)) + _items(pat.benefits)
        + translate("ConditionPage", "<h3>Limitations, uncertainties and risks</h3>") + _items(
                pat.limitations)
        + translate("ConditionPage", "<h3>Other options</h3>") + _items(pat.other_options)
        + translate("ConditionPage", "<h3>What the path looks like</h3>") + _items(pat.path)
        + translate("ConditionPage",
                "<h3>Evidence and regulatory status</h3><p>{escape}</p>").format(
                escape=html.escape(pat.evidence))
    )
    return f"<h2>{html.escape(panel.title)}</h2>{physician}<br/>{patient}"


class ConditionPage(QWidget):
    """Pick the condition; the panel and the notes field follow it."""

    condition_chosen = Signal(str)
    """Emitted when the physician picks a condition (its id); the follow-up plan listens."""

    def __init__(self, state: ConsultationState, pack: ContentPack,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.pack = pack
        layout = QVBoxLayout(self)
        layout.addWidget(plain_text.heading(self.tr("Condition")))
        form = QFormLayout()
        self.condition = QComboBox()
        self.condition.addItem(translated(NO_CONDITION), "")
        for panel in sorted(pack.conditions.values(), key=lambda p: (p.order, p.title)):
            self.condition.addItem(panel.title, panel.id)
        forms.add_row(form, self.tr("C&ondition:"), self.condition)
        layout.addLayout(form)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        self.panel = QTextBrowser()
        self.panel.setAccessibleName(self.tr("Condition panel"))
        self.panel.setOpenExternalLinks(False)
        splitter.addWidget(self.panel)
        notes_box = QWidget()
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_label = QLabel(self.tr("Consultation no&tes (printed on the handout):"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(self.tr("Consultation notes"))
        notes_label.setBuddy(self.notes)
        notes_layout.addWidget(notes_label)
        notes_layout.addWidget(self.notes)
        notes_layout.addWidget(limit_text(self.notes, NOTES_LIMIT))
        splitter.addWidget(notes_box)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        self.condition.currentIndexChanged.connect(self._on_condition)
        self.notes.textChanged.connect(lambda: self.state.edit(
            lambda c: setattr(c, "notes", self.notes.toPlainText())))
        state.changed.connect(self.refresh)
        self._shown_key: str | None = None
        self.refresh()

    def _on_condition(self, _index: int) -> None:
        condition_id = self.condition.currentData() or ""
        self.state.edit(lambda c: setattr(c, "condition_id", condition_id))
        if condition_id:
            self.condition_chosen.emit(condition_id)

    @guarded
    def refresh(self) -> None:
        c = self.state.consultation
        if self.condition.findData(c.condition_id) < 0:
            # A record naming a condition this pack lacks: show "choose", keep the record's id.
            self.condition.blockSignals(True)
            self.condition.setCurrentIndex(0)
            self.condition.blockSignals(False)
        else:
            forms.set_combo_data(self.condition, c.condition_id)
        forms.set_plain(self.notes, c.notes)
        if c.condition_id == self._shown_key:
            return
        self._shown_key = c.condition_id
        panel = self.pack.condition(c.condition_id)
        if panel is None:
            text = (self.tr("<p>Choose the patient's condition above to see its plain-language "
                    "panel.</p>")
                    if not c.condition_id else
                    self.tr("<p>⚠ The record names the condition {escape}, which this "
                            "content pack does not have. Choose one above.</p>").format(
                            escape=html.escape(c.condition_id)))
            self.panel.setHtml(text)
        else:
            self.panel.setHtml(panel_html(panel))
