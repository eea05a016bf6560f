"""Screening > Review…: a second physician signs the review with their own PIN (issue 11.1).

The reviewer walks over to this screen, picks their name, types their PIN, the decision and a
comment. The treating physician is shown as the records have it (who created the consultation,
issue 26.9), and the list offers only active physicians other than that one and the one named on
it; the records service checks all of it again (it is the rule, the list is a convenience). When
nobody is left, the dialog says why, naming who was left out. The decision starts unset: a
review is never signed "agreed" by default. A refusal is said in the dialog, which stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from consultaid.domain.consultation import COMMENT_LIMIT
from consultaid.domain.errors import ConsultaidError
from consultaid.domain.signed_review import SignedReview
from consultaid.domain.translatable import QT_TRANSLATE_NOOP
from consultaid.ui import forms
from consultaid.ui.text_limit import limit_text
from consultaid.ui.translation import translated
from consultaid.ui.wizard.option_buttons import OptionButtons

Sign = Callable[[str, str, str, str], SignedReview]
"""(reviewer name, PIN, decision, comment) -> the signed review, or ConsultaidError."""

DECISIONS = (("agreed", QT_TRANSLATE_NOOP("ReviewDialog", "Agreed: may proceed to evaluation")),
             ("not_agreed", QT_TRANSLATE_NOOP("ReviewDialog", "Does not agree")))


class ReviewDialog(QDialog):
    def __init__(self, reviewers: list[str], sign: Sign, parent: QWidget | None = None,
                 treating: str = "", left_out: str = "") -> None:
        """``treating``: the treating physician from the records; ``left_out``: why physicians
        are missing from the list (said when nobody is left)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Second physician's review"))
        self.sign = sign
        self.signed: SignedReview | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
                "The second physician reviews the screening answers as they are now and "
                "signs with their own PIN. The date and time are added by the records."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.treating = QLabel(treating or self.tr("(not known from the records)"))
        self.treating.setTextFormat(Qt.TextFormat.PlainText)
        self.treating.setWordWrap(True)
        self.treating.setAccessibleName(self.tr("Treating physician"))
        form.addRow(self.tr("Treating physician:"), self.treating)
        self.reviewer = QComboBox()
        for name in reviewers:
            self.reviewer.addItem(name)
        forms.add_row(form, self.tr("&Reviewer:"), self.reviewer)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        forms.add_row(form, self.tr("Reviewer's &PIN:"), self.pin)
        self.decision = OptionButtons([(v, translated(t)) for v, t in DECISIONS],
                                      self.tr("Decision"), clearable=False, vertical=True)
        forms.add_row(form, self.tr("&Decision:"), self.decision)
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        # Never squeezed to one line when a long message appears below (seen under Xvfb).
        self.comment.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        forms.add_row(form, self.tr("Co&mment:"), self.comment)
        form.addRow("", limit_text(self.comment, COMMENT_LIMIT))
        layout.addLayout(form)
        self.error = forms.error_label(self.tr("Review problem"))
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = buttons.addButton(self.tr("&Sign review"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._sign)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if not reviewers:
            forms.show_error(self.error, left_out + " " + self.tr(
                    "No other physician account is left to review it; add one with File > "
                    "Accounts….") if left_out else self.tr(
                    "There is no other active physician account to review this "
                    "consultation. Add one with File > Accounts…."))
            self.sign_button.setEnabled(False)
        self.pin.setFocus()

    def _sign(self) -> None:
        if not self.pin.text():  # a slip of the Return key, not a wrong PIN: nothing is counted
            self._say(self.tr("Type {reviewer}'s PIN first.").format(
                    reviewer=self.reviewer.currentText()))
            self.pin.setFocus()
            return
        decision = self.decision.value()
        if decision is None:  # never "agreed" by default
            self._say(self.tr("Choose the decision first: agreed, or does not agree."))
            self.decision.setFocus()
            return
        try:
            self.signed = self.sign(self.reviewer.currentText(), self.pin.text(),
                                    str(decision),
                                    self.comment.toPlainText().strip())
        except ConsultaidError as exc:
            self.pin.clear()
            self._say(str(exc))
            return
        self.accept()

    def _say(self, text: str) -> None:
        """A problem under the form; the dialog grows to show it with the form whole."""
        forms.show_error(self.error, text)
        self.adjustSize()
