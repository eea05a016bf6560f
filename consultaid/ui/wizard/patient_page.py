"""Step 1: who the patient is, the visit date, the physician and the handout's basics."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from consultaid.domain.consultation import ID_LIMIT, NAME_LIMIT, Consultation
from consultaid.domain.dates import birth_date_problem
from consultaid.services import translation_status
from consultaid.ui import forms, plain_text
from consultaid.ui.date_field import DateField, fifty_years_ago
from consultaid.ui.languages import language_name
from consultaid.ui.refresh_guard import guarded
from consultaid.ui.state import ConsultationState
from consultaid.ui.translation import translated


class PatientPage(QWidget):
    """Fields for the patient and the visit; every edit goes straight into the state."""

    def __init__(self, state: ConsultationState, languages: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        layout = QVBoxLayout(self)
        heading = plain_text.heading(self.tr("Patient and visit"))
        heading.setAccessibleName(self.tr("Patient and visit"))
        layout.addWidget(heading)

        patient_box = QGroupBox(self.tr("Patient"))
        form = QFormLayout(patient_box)
        self.name = QLineEdit()
        self.name.setMaxLength(NAME_LIMIT)
        self.name.setPlaceholderText(self.tr("Full name as it should appear on the handout"))
        forms.add_row(form, self.tr("Patient n&ame:"), self.name)
        self.date_of_birth = forms.optional_date_edit(self.tr("Date of birth"),
                                                      calendar_start=fifty_years_ago)
        forms.add_row(form, self.tr("&Date of birth:"), self.date_of_birth)
        self.patient_id = QLineEdit()
        self.patient_id.setMaxLength(ID_LIMIT)
        forms.add_row(form, self.tr("Clinic patient &ID:"), self.patient_id)
        layout.addWidget(patient_box)

        visit_box = QGroupBox(self.tr("Visit"))
        form = QFormLayout(visit_box)
        self.visit_date = DateField(self.tr("Visit date"), required=True)
        forms.add_row(form, self.tr("&Visit date:"), self.visit_date)
        self.physician = QLineEdit()
        self.physician.setMaxLength(NAME_LIMIT)
        self.physician.setPlaceholderText(self.tr("e.g. Dr. Sam Rivera"))
        forms.add_row(form, self.tr("&Physician:"), self.physician)
        layout.addWidget(visit_box)

        handout_box = QGroupBox(self.tr("Handout"))
        form = QFormLayout(handout_box)
        self.language = QComboBox()
        for lang in languages:
            self.language.addItem(language_name(lang), lang)
        forms.add_row(form, self.tr("Handout &language:"), self.language)
        self.translation_note = QLabel()
        self.translation_note.setWordWrap(True)
        self.translation_note.setAccessibleName(self.tr("Translation status"))
        self.translation_note.hide()
        form.addRow(QLabel(""), self.translation_note)
        self.large_print = QCheckBox(self.tr("Lar&ge print"))
        self.large_print.setAccessibleName(self.tr("Large print handout"))
        form.addRow(QLabel(""), self.large_print)
        layout.addWidget(handout_box)
        layout.addStretch(1)

        self.name.textEdited.connect(lambda t: self._edit(lambda c: setattr(c.patient, "name", t)))
        self.patient_id.textEdited.connect(
            lambda t: self._edit(lambda c: setattr(c.patient, "clinic_patient_id", t)))
        self.physician.textEdited.connect(
            lambda t: self._edit(lambda c: setattr(c, "physician", t)))
        self.date_of_birth.dateChanged.connect(lambda d: self._edit(
            lambda c: setattr(c.patient, "date_of_birth", d)))
        self.visit_date.dateChanged.connect(lambda d: self._edit(
            lambda c: setattr(c, "visit_date", d)))
        self.language.currentIndexChanged.connect(lambda _i: self._edit(
            lambda c: setattr(c.handout, "language", self.language.currentData())))
        self.large_print.toggled.connect(
            lambda on: self._edit(lambda c: setattr(c.handout, "large_print", on)))
        state.replaced.connect(self.date_of_birth.forget_typing)
        state.replaced.connect(self.visit_date.forget_typing)
        state.changed.connect(self.refresh)
        self.refresh()

    def _edit(self, change: Callable[[Consultation], None]) -> None:
        self.state.edit(change)

    @guarded
    def refresh(self) -> None:
        """Show the state's values (after loading a record or an edit on another page)."""
        c: Consultation = self.state.consultation
        forms.set_text(self.name, c.patient.name)
        forms.set_date(self.date_of_birth, c.patient.date_of_birth)
        forms.set_text(self.patient_id, c.patient.clinic_patient_id)
        forms.set_date(self.visit_date, c.visit_date)
        self.date_of_birth.set_note(translated(birth_date_problem(c.patient.date_of_birth,
                                                                  c.visit_date)))
        forms.set_text(self.physician, c.physician)
        forms.select_or_add(self.language, c.handout.language)
        note = translated(translation_status(c.handout.language))
        self.translation_note.setText(note)
        self.translation_note.setAccessibleDescription(note)
        self.translation_note.setVisible(bool(note))
        forms.set_checked(self.large_print, c.handout.large_print)
