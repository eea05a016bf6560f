"""Step 2: the screening checklist from the content pack, a live verdict and the second review.

The page never decides anything: answers go into the consultation, the verdict and the items
that apply come from the state's :class:`~consultaid.session.overview.Overview` and range checks
from ``normalize_answer``.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.domain.screening import ScreeningResult, Verdict
from consultaid.ui import forms, plain_text
from consultaid.ui.adaptive import AdaptiveSplitter
from consultaid.ui.live_text import LiveLabel
from consultaid.ui.refresh_guard import guarded
from consultaid.ui.state import ConsultationState
from consultaid.ui.style import named
from consultaid.ui.wizard.answer_fields import AnswerField, MeasurementAnswer, answer_field
from consultaid.ui.wizard.review_line import review_status_line

VERDICT_SIGNS = {
    Verdict.MAY_PROCEED: "✓",
    Verdict.NEEDS_REVIEW: "?",
    Verdict.DEFERRED: "‖",
    Verdict.NOT_ELIGIBLE: "✗",
}


class VerdictBanner(QFrame):
    """The live verdict: a sign, the pack's label, and every reason in the physician's words."""

    def __init__(self, pack: ContentPack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        named(self, "verdictBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.title = LiveLabel(self.tr("Verdict"))  # a new verdict is read out as it changes
        self.title.setObjectName("verdictTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)  # never cut to "May proceed to evalu…"
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Only the reasons scroll: the verdict stays in sight above them, and the review below
        # (issue 26.7: with many reasons, scrolling to Review… hid the verdict).
        self.reasons = forms.scrolling(self.body)
        self.reasons.setFrameShape(QFrame.Shape.NoFrame)
        self.reasons.viewport().setAutoFillBackground(False)
        self.body.setAutoFillBackground(False)
        self.reasons.setAccessibleName(self.tr("Reasons"))
        layout.addWidget(self.title)
        layout.addWidget(self.reasons, 1)
        self.setAccessibleName(self.tr("Screening verdict"))
        self.verdict: Verdict | None = None

    def show_result(self, result: ScreeningResult) -> None:
        self.verdict = result.verdict
        label = self.pack.verdicts[result.verdict].label
        sign = VERDICT_SIGNS[result.verdict]
        self.title.setText(self.tr("<h3>{sign} Verdict: {verdict}</h3>").format(sign=sign,
                verdict=html.escape(label)))
        parts = [self.tr("<p><b>Reasons</b></p>") + "<ul>"]
        for reason in result.reasons:
            reason_label = self.pack.verdicts[reason.verdict].label
            parts.append(self.tr("<li><b>{verdict}:</b> {reason}</li>").format(
                    verdict=html.escape(reason_label),
                    reason=html.escape(reason.physician)))
        parts.append("</ul>")
        if result.problems:
            parts.append(self.tr("<p><b>⚠ Answers that cannot be right (counted as "
                    "unanswered)</b></p><ul>"))
            parts.extend(f"<li>{html.escape(str(p))}</li>" for p in result.problems)
            parts.append("</ul>")
        if self.pack.clinic_changes:  # the clinic's overlay is in force: say so by the verdict
            parts.append(f"<p><b>⚠ {html.escape(self.pack.clinic_changes.capitalize())}.</b></p>")
        self.body.setText("".join(parts))
        self.setProperty("verdict", result.verdict.value)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setAccessibleDescription(
            f"{label}. " + " ".join(r.physician for r in result.reasons))


class ScreeningPage(QWidget):
    """The checklist (grouped, with ``show_if``), the verdict banner and the second review
    (shown as the records have it; signed in a dialog, see ui/review_dialog.py)."""

    review_requested = Signal()

    def focus_item(self, item_id: str) -> None:
        """Put the cursor in ``item_id``'s field and scroll it into view (sidebar jumps)."""
        field = self.fields.get(item_id)
        if field is not None:
            self.checklist_scroll.ensureWidgetVisible(field)
            field.focus_target.setFocus(Qt.FocusReason.OtherFocusReason)

    def __init__(self, state: ConsultationState, pack: ContentPack,
                 parent: QWidget | None = None, review_status: LiveLabel | None = None) -> None:
        """``review_status``: the line saying how the review stands, when the window made it
        already (from :func:`review_status_line`; it builds this page when first needed)."""
        super().__init__(parent)
        self.state = state
        state.read_with(pack)
        self.pack = pack
        self.fields: dict[str, AnswerField] = {}
        self._rows: dict[str, tuple[QFormLayout, AnswerField]] = {}

        outer = QVBoxLayout(self)
        heading = plain_text.heading(self.tr("Screening checklist"))
        outer.addWidget(heading)
        splitter = AdaptiveSplitter()  # the verdict goes under the checklist when narrow
        self.splitter = splitter
        outer.addWidget(splitter, 1)

        checklist = QWidget()
        checklist_layout = QVBoxLayout(checklist)
        for group in pack.checklist.groups:
            box = QGroupBox(group.title)
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for item in group.items:
                field = answer_field(item)
                text = item.label.replace("&", "&&") + ":"
                label = QLabel(text)
                label.setTextFormat(Qt.TextFormat.PlainText)
                label.setWordWrap(True)
                label.setBuddy(field.label_buddy())
                field.name_for_readers(item.label)
                form.addRow(label, field)
                field.edited.connect(self._on_edited)
                self.fields[item.id] = field
                self._rows[item.id] = (form, field)
            checklist_layout.addWidget(box)
        checklist_layout.addStretch(1)
        scroll = forms.scrolling(checklist)
        self.checklist_scroll = scroll
        scroll.setAccessibleName(self.tr("Checklist"))
        splitter.addWidget(scroll)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.banner = VerdictBanner(pack)
        side_layout.addWidget(self.banner, 1)
        review_box = QGroupBox(self.tr("Second physician's review"))
        review_layout = QVBoxLayout(review_box)
        self.review_status = review_status or review_status_line()
        review_layout.addWidget(self.review_status)
        self.review_button = QPushButton(self.tr("&Review…"))
        self.review_button.setToolTip(self.tr(
                "A second physician signs the review with their own PIN (not the physician "
                "who made this consultation)."))
        review_layout.addWidget(self.review_button)
        side_layout.addWidget(review_box)
        # The verdict, its reasons and Review… are always in sight together: the column does not
        # scroll as a whole, only the reasons do.
        side_column = side
        # The verdict's column keeps room for its reasons (side by side, or stacked when narrow).
        side_column.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 24)
        splitter.addWidget(side_column)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.review_button.clicked.connect(self.review_requested)
        state.replaced.connect(self._forget_typing)
        state.changed.connect(self.refresh)
        self.refresh()

    def _forget_typing(self) -> None:
        for field in self.fields.values():
            field.forget_typing()
            if isinstance(field, MeasurementAnswer):
                field.reset_unit()  # the pack's usual unit, not the last one

    def _edit(self, change: Callable[[Consultation], None]) -> None:
        self.state.edit(change)

    def _on_edited(self, item_id: str, raw: object) -> None:
        def change(c: Consultation) -> None:
            if raw is None:
                c.screening.pop(item_id, None)
            else:
                c.screening[item_id] = raw
        self.state.edit(change)

    def result(self) -> ScreeningResult:
        return self.state.overview.screening

    @guarded
    def refresh(self) -> None:
        """Show the stored answers, hide items whose ``show_if`` fails, update the verdict."""
        c = self.state.consultation
        shown = self.state.overview.applicable_items
        for item_id, (form, field) in self._rows.items():
            field.show_answer(c.screening.get(item_id))
            form.setRowVisible(field, item_id in shown)
        self.banner.show_result(self.result())
