"""Step 2: the screening checklist from the content pack, a live verdict and the second review.

The page never decides anything: answers go into the consultation, the verdict comes from
``consultaid.services.screen`` and range checks from ``normalize_answer``.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from consultaid.content.pack import ContentPack
from consultaid.domain.checklist import AnswerInvalid, ChecklistItem, normalize_answer
from consultaid.domain.consultation import COMMENT_LIMIT, Consultation
from consultaid.domain.screening import ScreeningResult, Verdict
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.services import screen
from consultaid.session.steps import visible_items
from consultaid.ui import forms, plain_text
from consultaid.ui.adaptive import AdaptiveSplitter
from consultaid.ui.live_text import LiveLabel
from consultaid.ui.refresh_guard import guarded
from consultaid.ui.state import ConsultationState
from consultaid.ui.translation import translated

NOT_ANSWERED = QT_TRANSLATE_NOOP("ScreeningPage", "— not answered —")
UNANSWERED = ""
"""Item data of the "not answered" entry (no choice has an empty id)."""
VERDICT_SIGNS = {
    Verdict.MAY_PROCEED: "✓",
    Verdict.NEEDS_REVIEW: "?",
    Verdict.DEFERRED: "‖",
    Verdict.NOT_ELIGIBLE: "✗",
}


def _parse_number(text: str) -> float | None:
    """A typed number, accepting a decimal comma; ``None`` when the text is not a number."""
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


class AnswerField(QWidget):
    """The right control for one checklist item, plus its inline problem message."""

    edited = Signal(str, object)
    """(item id, raw answer or None to clear it)"""

    def __init__(self, item: ChecklistItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(row)
        self.error = forms.error_label(self.tr("{label}: problem").format(label=item.label))
        self.focus_target: QWidget
        self._boxes: dict[str, QCheckBox] = {}
        self._typed_invalid = ""
        kind = item.kind
        if kind == "text":
            self.line = QLineEdit()
            self.line.setMaxLength(COMMENT_LIMIT)
            self.line.textEdited.connect(lambda _t: self._emit())
            row.addWidget(self.line)
            self.focus_target = self.line
        elif kind in ("yes_no", "choice"):
            self.combo = QComboBox()
            # Not None: PySide6 6.12 loses a reference to None when itemData() returns it.
            self.combo.addItem(translated(NOT_ANSWERED), UNANSWERED)
            if kind == "yes_no":
                self.combo.addItem(self.tr("Yes"), True)
                self.combo.addItem(self.tr("No"), False)
            else:
                for option in item.options:
                    text = self.tr("{label}  ⚑ check").format(
                            label=option.label) if option.flag else option.label
                    self.combo.addItem(text, option.id)
            self.combo.currentIndexChanged.connect(lambda _i: self._emit())
            row.addWidget(self.combo)
            row.addStretch(1)
            self.focus_target = self.combo
        elif kind == "multi":
            # Nothing ticked means "not answered"; "None of these" answers with an empty list.
            grid = QVBoxLayout()
            grid.setContentsMargins(0, 0, 0, 0)
            for option in item.options:
                box = QCheckBox((f"{option.label} ⚑" if option.flag else option.label)
                                .replace("&", "&&"))
                box.setAccessibleName(f"{item.label}: {option.label}")
                box.toggled.connect(lambda on: self._multi_toggled(on, none_box=False))
                self._boxes[option.id] = box
                grid.addWidget(box)
            self.none_box = QCheckBox(self.tr("None of these"))
            self.none_box.setAccessibleName(self.tr("{label}: none of these").format(
                    label=item.label))
            self.none_box.toggled.connect(lambda on: self._multi_toggled(on, none_box=True))
            grid.addWidget(self.none_box)
            row.addLayout(grid)
            row.addStretch(1)
            self.focus_target = next(iter(self._boxes.values()))
        else:  # number, measurement
            self.line = QLineEdit()
            self.line.setMaximumWidth(self.line.fontMetrics().horizontalAdvance("0") * 14)
            self.line.textEdited.connect(lambda _t: self._emit())
            row.addWidget(self.line)
            self.focus_target = self.line
            if kind == "measurement":
                self.unit = QComboBox()
                for unit in item.units:
                    self.unit.addItem(unit.label, unit.id)
                self.unit.setAccessibleName(self.tr("{label}: unit").format(label=item.label))
                self.unit.currentIndexChanged.connect(lambda _i: self._emit())
                row.addWidget(self.unit)
            elif item.unit_label:
                unit_label = QLabel(item.unit_label)
                row.addWidget(unit_label)
            row.addStretch(1)
        outer.addWidget(self.error)
        if item.help:
            self.focus_target.setToolTip(plain_text.tooltip(item.help))
            self.focus_target.setAccessibleDescription(item.help)
        self.setFocusProxy(self.focus_target)

    def raw(self) -> Any:
        """The answer as stored in the record, or None when unanswered."""
        kind = self.item.kind
        self._typed_invalid = ""
        if kind == "text":
            return self.line.text() or None
        if kind in ("yes_no", "choice"):
            data = self.combo.currentData()
            return None if data == UNANSWERED else data
        if kind == "multi":
            chosen = [oid for oid, box in self._boxes.items() if box.isChecked()]
            return chosen if chosen or self.none_box.isChecked() else None
        text = self.line.text().strip()
        if not text:
            return None
        value = _parse_number(text)
        if value is None:
            self._typed_invalid = self.tr("{text!r} is not a number").format(text=text)
            return None
        if value.is_integer() and abs(value) < 1e15:
            value = int(value)
        if kind == "number":
            return value
        return {"value": value, "unit": self.unit.currentData()}

    def _multi_toggled(self, on: bool, none_box: bool) -> None:
        """"None of these" and the options exclude each other."""
        if on and none_box:
            for box in self._boxes.values():
                forms.set_checked(box, False)
        elif on:
            forms.set_checked(self.none_box, False)
        self._emit()

    def _emit(self) -> None:
        raw = self.raw()
        self.check(raw)
        self.edited.emit(self.item.id, raw)

    def check(self, raw: Any) -> None:
        """Show the problem with this answer beside the field (or hide the message)."""
        message = self._typed_invalid
        if not message:
            try:
                normalize_answer(self.item, raw)
            except AnswerInvalid as exc:
                message = str(exc)
        forms.show_error(self.error, message)

    def forget_typing(self) -> None:
        """Drop a remembered unparseable entry (another consultation was loaded)."""
        self._typed_invalid = ""

    def show_answer(self, raw: Any) -> None:
        """Fill the control from a stored answer without echoing an edit."""
        kind = self.item.kind
        if kind == "text":
            forms.set_text(self.line, raw if isinstance(raw, str) else "")
        elif kind in ("yes_no", "choice"):
            forms.set_combo_data(self.combo, UNANSWERED if raw is None else raw)
        elif kind == "multi":
            chosen = raw if isinstance(raw, list) else []
            for oid, box in self._boxes.items():
                forms.set_checked(box, oid in chosen)
            forms.set_checked(self.none_box, raw == [])
        else:
            if self._typed_invalid and raw is None:
                return  # keep what the physician typed, with its message
            value = raw.get("value") if isinstance(raw, dict) else raw
            if isinstance(raw, dict) and kind == "measurement":
                forms.set_combo_data(self.unit, raw.get("unit"))
            shown = "" if value is None else (
                f"{value:g}" if isinstance(value, float) else str(value))
            current = _parse_number(self.line.text())
            if current is None or value is None or current != value:
                forms.set_text(self.line, shown)
        if kind != "text" or raw is not None:
            self.check(raw)


class VerdictBanner(QFrame):
    """The live verdict: a sign, the pack's label, and every reason in the physician's words."""

    def __init__(self, pack: ContentPack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self.setObjectName("verdictBanner")
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
        layout.addWidget(self.title)
        layout.addWidget(self.body)
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
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
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
                field = AnswerField(item)
                text = item.label.replace("&", "&&") + ":"
                label = QLabel(text)
                label.setTextFormat(Qt.TextFormat.PlainText)
                label.setWordWrap(True)
                label.setBuddy(field.focus_target)
                if item.kind != "multi":
                    field.focus_target.setAccessibleName(item.label)
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
        side_layout.addWidget(self.banner)
        review_box = QGroupBox(self.tr("Second physician's review"))
        review_layout = QVBoxLayout(review_box)
        self.review_status = LiveLabel(self.tr("Second physician's review"))
        self.review_status.setWordWrap(True)
        # A long sentence wraps to the panel; it never widens it (the verdict keeps its room).
        self.review_status.setSizePolicy(QSizePolicy.Policy.Ignored,
                                         QSizePolicy.Policy.Preferred)
        review_layout.addWidget(self.review_status)
        self.review_button = QPushButton(self.tr("&Review…"))
        self.review_button.setToolTip(self.tr(
                "A second physician signs the review with their own PIN (not the physician "
                "who made this consultation)."))
        review_layout.addWidget(self.review_button)
        side_layout.addWidget(review_box)
        side_layout.addStretch(1)
        side_column = forms.scrolling(side)
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
            if hasattr(field, "unit"):
                forms.set_combo_index(field.unit, 0)  # the pack's usual unit, not the last one

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
        return screen(self.state.consultation, self.pack)

    @guarded
    def refresh(self) -> None:
        """Show the stored answers, hide items whose ``show_if`` fails, update the verdict."""
        c = self.state.consultation
        shown = set(visible_items(c, self.pack))
        for item_id, (form, field) in self._rows.items():
            field.show_answer(c.screening.get(item_id))
            form.setRowVisible(field, item_id in shown)
        self.banner.show_result(self.result())
