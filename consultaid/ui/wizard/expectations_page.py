"""Step 4: the expectations script, point by point, and the patient's own words (teach-back)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import NOTES_LIMIT
from consultaid.ui import forms, plain_text
from consultaid.ui.refresh_guard import guarded
from consultaid.ui.state import ConsultationState
from consultaid.ui.text_limit import limit_text
from consultaid.ui.wizard.teach_back_rows import TeachBackRows


class ExpectationsPage(QWidget):
    """Each script point is a checkbox ticked when covered; the teach-back is typed in."""

    def __init__(self, state: ConsultationState, pack: ContentPack,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        state.read_with(pack)
        self.pack = pack
        outer = QVBoxLayout(self)
        outer.addWidget(plain_text.heading(self.tr("Setting expectations")))
        intro = QLabel(self.tr(
                "Say each point in your own words, then tick it. The patient's takeaway is "
                "what they should be able to say back."))
        intro.setWordWrap(True)
        outer.addWidget(intro)
        body = QWidget()
        layout = QVBoxLayout(body)

        points_box = QGroupBox(self.tr("Script points (in order)"))
        points_layout = QVBoxLayout(points_box)
        self.boxes: dict[str, QCheckBox] = {}
        for number, point in enumerate(pack.script.points, start=1):
            # The box carries the number; the (long) text wraps in a label beside it.
            box = QCheckBox(f"{number}.")
            box.setAccessibleName(self.tr("Point {number} covered: {say}").format(number=number,
                    say=point.say))
            box.setAccessibleDescription(self.tr("Patient takeaway: {takeaway}").format(
                    takeaway=point.takeaway))
            box.toggled.connect(lambda _on, pid=point.id: self._toggle(pid))
            text = QLabel(self.tr("{say}\nPatient takeaway: “{takeaway}”").format(
                    say=point.say, takeaway=point.takeaway))
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setWordWrap(True)
            text.setBuddy(box)
            row = QHBoxLayout()
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(text, 1)
            points_layout.addLayout(row)
            self.boxes[point.id] = box
        self.coverage = QLabel()
        self.coverage.setAccessibleName(self.tr("Script coverage"))
        points_layout.addWidget(self.coverage)
        layout.addWidget(points_box)

        teach_box = QGroupBox(self.tr("Teach-back"))
        teach_layout = QVBoxLayout(teach_box)
        prompts = QLabel(self.tr("Ask the patient:\n") + "\n".join(
                f"• {p}" for p in pack.script.teach_back))
        prompts.setTextFormat(Qt.TextFormat.PlainText)
        prompts.setWordWrap(True)
        teach_layout.addWidget(prompts)
        self.rows = TeachBackRows(state, pack)
        teach_layout.addWidget(self.rows)
        self.rest_understood = QPushButton(self.tr("&All the rest understood"))
        self.rest_understood.setToolTip(self.tr(
                "Every point not checked yet is marked understood; change any that was not."))
        self.rest_understood.clicked.connect(self.rows.mark_rest_understood)
        rest_row = QHBoxLayout()
        rest_row.addWidget(self.rest_understood)
        rest_row.addStretch(1)
        teach_layout.addLayout(rest_row)
        self.attention = QLabel()
        self.attention.setWordWrap(True)
        self.attention.setAccessibleName(self.tr("Teach-back points that need attention"))
        teach_layout.addWidget(self.attention)
        questions_label = QLabel(self.tr("&Questions the patient asked:"))
        self.questions = QPlainTextEdit()
        self.questions.setTabChangesFocus(True)
        self.questions.setAccessibleName(self.tr("Questions the patient asked"))
        self.questions.setMaximumHeight(80)
        questions_label.setBuddy(self.questions)
        teach_layout.addWidget(questions_label)
        teach_layout.addWidget(self.questions)
        teach_layout.addWidget(limit_text(self.questions, NOTES_LIMIT))
        label = QLabel(self.tr("&General teach-back note:"))
        self.teach_back = QPlainTextEdit()
        self.teach_back.setTabChangesFocus(True)
        self.teach_back.setAccessibleName(self.tr("General teach-back note"))
        label.setBuddy(self.teach_back)
        teach_layout.addWidget(label)
        teach_layout.addWidget(self.teach_back)
        teach_layout.addWidget(limit_text(self.teach_back, NOTES_LIMIT))
        layout.addWidget(teach_box)
        layout.addStretch(1)

        outer.addWidget(forms.scrolling(body), 1)

        self.teach_back.textChanged.connect(lambda: self.state.edit(
            lambda c: setattr(c.teach_back, "note", self.teach_back.toPlainText())))
        self.questions.textChanged.connect(lambda: self.state.edit(
            lambda c: setattr(c.teach_back, "questions", self.questions.toPlainText())))
        state.changed.connect(self.refresh)
        self.refresh()

    def _toggle(self, _point_id: str) -> None:
        covered = [pid for pid, box in self.boxes.items() if box.isChecked()]
        # Keep ids the pack does not know (from another pack version) rather than losing them.
        unknown = [pid for pid in self.state.consultation.script_covered if pid not in self.boxes]
        self.state.edit(lambda c: setattr(c, "script_covered", covered + unknown))

    def uncovered(self) -> list[str]:
        """The ``say`` lines of points not ticked yet, in script order."""
        return [p.say for p in self.state.overview.uncovered_points]

    @guarded
    def refresh(self) -> None:
        c = self.state.consultation
        for pid, box in self.boxes.items():
            forms.set_checked(box, pid in c.script_covered)
        forms.set_plain(self.teach_back, c.teach_back.note)
        forms.set_plain(self.questions, c.teach_back.questions)
        self.rows.refresh(c.teach_back)
        self.attention.setText(self.rows.attention_text(c.teach_back))
        self.rest_understood.setEnabled(any(
                not c.teach_back.outcome(p.id) for p in self.pack.script.points))
        total = len(self.boxes)
        done = total - len(self.uncovered())
        sign = "✓" if done == total else "⚠"
        self.coverage.setText(self.tr("{sign} {done} of {total} points covered").format(
                sign=sign, done=done, total=total))
