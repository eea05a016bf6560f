"""Teach-back point by point: an outcome and the patient's words for each script point."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.domain.teach_back import OUTCOME_LABELS, TeachBack, needs_attention
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.ui import forms, plain_text
from consultaid.ui.state import ConsultationState
from consultaid.ui.translation import translated

NOT_CHECKED = QT_TRANSLATE_NOOP("TeachBackRows", "Not checked yet")
SHORT_POINT = 44
"""Characters of a point's line shown beside its outcome (the whole line is its tooltip)."""


def short_text(text: str, limit: int = SHORT_POINT) -> str:
    """``text`` cut at a word before ``limit`` characters, with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


class TeachBackRows(QWidget):
    """One row per script point: the outcome (a combo box) and the patient's own words."""

    def __init__(self, state: ConsultationState, pack: ContentPack,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.pack = pack
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.outcomes: dict[str, QComboBox] = {}
        self.words: dict[str, QLineEdit] = {}
        for row, point in enumerate(pack.script.points):
            number = row + 1
            combo = QComboBox()
            combo.addItem(translated(NOT_CHECKED), "")
            for value, label in OUTCOME_LABELS.items():
                combo.addItem(translated(label), value)
            combo.setAccessibleName(self.tr("Point {number} teach-back outcome").format(
                    number=number))
            combo.setAccessibleDescription(self.tr("Patient takeaway: {takeaway}").format(
                    takeaway=point.takeaway))
            combo.activated.connect(lambda _i, pid=point.id: self._outcome(pid))
            words = QLineEdit()
            words.setMaxLength(2_000)
            words.setPlaceholderText(self.tr("The patient's words (optional)"))
            words.setAccessibleName(self.tr("Point {number}: the patient's own words").format(
                    number=number))
            words.textEdited.connect(lambda _t, pid=point.id: self._words(pid))
            # The point's own words, so the physician need not scroll up to see which it is.
            point_label = QLabel(self.tr("{number}. {point}").format(
                    number=number, point=short_text(point.say)))
            point_label.setTextFormat(Qt.TextFormat.PlainText)
            point_label.setToolTip(plain_text.tooltip(self.tr(
                    "{say}\nPatient takeaway: “{takeaway}”").format(say=point.say,
                                                                 takeaway=point.takeaway)))
            point_label.setBuddy(combo)
            words_label = QLabel(self.tr("said:"))
            words_label.setBuddy(words)
            grid.addWidget(point_label, row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(words_label, row, 2)
            grid.addWidget(words, row, 3)
            self.outcomes[point.id] = combo
            self.words[point.id] = words
        grid.setColumnStretch(3, 1)

    def mark_rest_understood(self) -> None:
        """Every point not checked yet is understood (one action instead of one per point)."""
        def change(c: Consultation) -> None:
            for pid in self.outcomes:
                if not c.teach_back.outcome(pid):
                    c.teach_back.set_point(pid, outcome="understood")
        self.state.edit(change)

    def _outcome(self, point_id: str) -> None:
        value = self.outcomes[point_id].currentData()
        self.state.edit(lambda c: c.teach_back.set_point(point_id, outcome=value))

    def _words(self, point_id: str) -> None:
        text = self.words[point_id].text()
        self.state.edit(lambda c: c.teach_back.set_point(point_id, patient_words=text))

    def refresh(self, teach_back: TeachBack) -> None:
        for pid, combo in self.outcomes.items():
            forms.set_combo_data(combo, teach_back.outcome(pid))
            found = teach_back.point(pid)
            forms.set_text(self.words[pid], found.patient_words if found else "")

    def attention_text(self, teach_back: TeachBack) -> str:
        """Which points still need attention, by number, in plain words."""
        ids = [p.id for p in self.pack.script.points]
        pending = needs_attention(teach_back, ids)
        if not pending:
            return self.tr("✓ Every point was said back and understood.")
        numbers = ", ".join(str(ids.index(pid) + 1) for pid in pending)
        return self.tr("⚠ Teach-back still needs attention for point {numbers}.").format(
                numbers=numbers)
