"""File > Settings…: the clinic's details, regulatory text and handout defaults.

Edits ``consultaid.settings.ClinicSettings``; on Save the core validates and writes the file.
Problems are shown beside the field they concern, never as a traceback.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from consultaid.domain.errors import ConsultaidError
from consultaid.domain.vocabulary import PaperSize
from consultaid.settings import (
    JURISDICTIONS,
    LOCK_MINUTES_RANGE,
    ClinicSettings,
    in_words,
    save_settings,
    validate_settings,
)
from consultaid.ui import forms
from consultaid.ui.languages import language_name
from consultaid.ui.translation import status_sentence, translated, ui_languages

# The settings file's key (as validate_settings names it) -> our field name.
_KEY_TO_FIELD = {
    "clinic.name": "clinic_name", "clinic.address": "address", "clinic.phone": "phone",
    "clinic.email": "email", "clinic.website": "website", "clinic.logo": "logo_path",
    "regulatory.jurisdiction": "regulatory_jurisdiction", "regulatory.text": "regulatory_text",
    "regulatory.checked_on": "regulatory_checked_on",
    "handout.funding_statement": "funding_statement", "handout.price": "treatment_price",
    "handout.paper": "default_paper",
    "handout.language": "default_language", "security.lock_minutes": "lock_minutes",
    "app.language": "app_language",
}


class SettingsDialog(QDialog):
    """Edit and save the clinic settings; ``saved_settings`` holds what was written."""

    def __init__(self, settings: ClinicSettings, languages: list[str],
                 path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Clinic settings"))
        self.path = path
        self.saved_settings: ClinicSettings | None = None
        self.errors: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        body = QWidget()
        layout = QVBoxLayout(body)

        clinic = QGroupBox(self.tr("Clinic (printed on every handout)"))
        form = QFormLayout(clinic)
        self.clinic_name = self._line(form, self.tr("Clinic &name:"), "clinic_name")
        self.address = self._line(form, self.tr("&Address:"), "address")
        self.phone = self._line(form, self.tr("&Phone:"), "phone")
        self.email = self._line(form, self.tr("&Email:"), "email")
        self.website = self._line(form, self.tr("&Website:"), "website")
        logo_row = QWidget()
        logo_layout = QHBoxLayout(logo_row)
        logo_layout.setContentsMargins(0, 0, 0, 0)
        self.logo_path = QLineEdit()
        self.browse = QPushButton(self.tr("&Browse…"))
        self.browse.setAccessibleName(self.tr("Choose a logo file"))
        logo_layout.addWidget(self.logo_path, 1)
        logo_layout.addWidget(self.browse)
        self._add(form, self.tr("&Logo (PNG or JPEG):"), self.logo_path, "logo_path", logo_row)
        layout.addWidget(clinic)

        regulatory = QGroupBox(self.tr("Where the clinic works, and its regulatory text"))
        form = QFormLayout(regulatory)
        # A list, so the code is always ISO 3166-2; a state whose law requires a notice gets
        # it printed word for word on every handout (and by `consultaid poster`).
        self.regulatory_jurisdiction = QComboBox()
        self.regulatory_jurisdiction.addItem(self.tr("Not set"), "")
        for code, name in JURISDICTIONS.items():
            self.regulatory_jurisdiction.addItem(f"{translated(name)} ({code})", code)
        self._add(form, self.tr("&Jurisdiction:"), self.regulatory_jurisdiction,
                  "regulatory_jurisdiction")
        self.regulatory_text = QPlainTextEdit()
        self.regulatory_text.setTabChangesFocus(True)
        self.regulatory_text.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.regulatory_text.setPlaceholderText(self.tr(
                "Leave empty to use the content pack's text"))
        self._add(form, self.tr("Regulatory &text:"), self.regulatory_text, "regulatory_text")
        self.regulatory_checked_on = forms.optional_date_edit(self.tr("Regulatory text checked on"))
        self._add(form, self.tr("&Checked on:"), self.regulatory_checked_on,
                "regulatory_checked_on")
        layout.addWidget(regulatory)

        handout = QGroupBox(self.tr("Handout"))
        form = QFormLayout(handout)
        self.funding_statement = QPlainTextEdit()
        self.funding_statement.setTabChangesFocus(True)
        self.funding_statement.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        self._add(form, self.tr("&Funding statement:"), self.funding_statement, "funding_statement")
        self.treatment_price = self._line(form, self.tr("Total pr&ice:"), "treatment_price")
        self.treatment_price.setPlaceholderText(
            self.tr("e.g. $6,500 in total: cell collection, lab work, one injection, 4 check-ups"))
        self.default_paper = QComboBox()
        # Not chosen: the jurisdiction's paper (Letter in the US), kept unchosen in the file.
        self.default_paper.addItem(self.tr("As usual in the jurisdiction (US: Letter)"), "")
        self.default_paper.addItem("A4", PaperSize.A4.value)
        self.default_paper.addItem(self.tr("US Letter"), PaperSize.LETTER.value)
        self._add(form, self.tr("Default pape&r:"), self.default_paper, "default_paper")
        self.default_language = QComboBox()
        self.default_language.setEditable(True)
        for lang in languages:
            self.default_language.addItem(language_name(lang), lang)  # "English", not "en"
        self._add(form, self.tr("Default lan&guage:"), self.default_language, "default_language")
        layout.addWidget(handout)

        security = QGroupBox(self.tr("Security"))
        form = QFormLayout(security)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(*LOCK_MINUTES_RANGE)
        self.lock_minutes.setSuffix(self.tr(" min"))
        self._add(form, self.tr("Loc&k after idle:"), self.lock_minutes, "lock_minutes")
        layout.addWidget(security)
        layout.addWidget(self._app_language_box())
        layout.addStretch(1)

        outer.addWidget(forms.scrolling(body), 1)
        self.general_error = forms.error_label(self.tr("Settings problems"))
        outer.addWidget(self.general_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        outer.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.browse.clicked.connect(self._choose_logo)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 60,
                    self.fontMetrics().lineSpacing() * 40)
        self.show_settings(settings)

    def _app_language_box(self) -> QGroupBox:
        """The language of the app's own words (the handout's is the patient's, per visit)."""
        box = QGroupBox(self.tr("This computer's screens"))
        form = QFormLayout(box)
        self.app_language = QComboBox()
        self.app_language.addItem(self.tr("The computer's language"), "system")
        for code in ui_languages():
            self.app_language.addItem(language_name(code), code)
        self._add(form, self.tr("App lang&uage:"), self.app_language, "app_language")
        self.app_language_note = QLabel()
        self.app_language_note.setWordWrap(True)
        form.addRow(self.app_language_note)
        self.app_language.currentIndexChanged.connect(self._explain_app_language)
        return box

    def _explain_app_language(self) -> None:
        code = str(self.app_language.currentData() or "system")
        status = status_sentence(code) if code != "system" else ""
        self.app_language_note.setText(" ".join(filter(None, (self.tr(
            "The menus and messages change the next time consultaid starts; handouts are "
            "written in each patient's language (Patient step)."), status))))

    def _add(self, form: QFormLayout, text: str, field: QWidget, name: str,
             row: QWidget | None = None) -> None:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(row or field)
        error = forms.error_label(self.tr("{plain_name}: problem").format(
                plain_name=forms.plain_name(text)))
        column.addWidget(error)
        self.errors[name] = error
        label = QLabel(text)
        label.setBuddy(field.focusProxy() or field)
        field.setAccessibleName(forms.plain_name(text))
        form.addRow(label, holder)

    def _line(self, form: QFormLayout, text: str, name: str) -> QLineEdit:
        edit = QLineEdit()
        self._add(form, text, edit, name)
        return edit

    def show_settings(self, s: ClinicSettings) -> None:
        for name in ("clinic_name", "address", "phone", "email", "website", "logo_path",
                     "treatment_price"):
            forms.set_text(getattr(self, name), getattr(s, name))
        forms.select_or_add(self.regulatory_jurisdiction, s.regulatory_jurisdiction)
        forms.set_plain(self.regulatory_text, s.regulatory_text)
        forms.set_plain(self.funding_statement, s.funding_statement)
        forms.set_date(self.regulatory_checked_on, s.regulatory_checked_on)
        forms.set_combo_data(self.default_paper, s.default_paper)
        forms.select_or_add(self.default_language, s.default_language)
        self.lock_minutes.setValue(s.lock_minutes)
        forms.select_or_add(self.app_language, s.app_language)
        self._explain_app_language()

    def current_settings(self) -> ClinicSettings:
        """The settings as typed (not yet validated)."""
        return ClinicSettings(
            clinic_name=self.clinic_name.text().strip(),
            address=self.address.text().strip(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            website=self.website.text().strip(),
            logo_path=self.logo_path.text().strip(),
            regulatory_jurisdiction=str(self.regulatory_jurisdiction.currentData() or ""),
            regulatory_text=self.regulatory_text.toPlainText().strip(),
            regulatory_checked_on=forms.date_value(self.regulatory_checked_on),
            funding_statement=self.funding_statement.toPlainText().strip(),
            treatment_price=self.treatment_price.text().strip(),
            default_paper=self.default_paper.currentData(),
            default_language=self._language_code(),
            lock_minutes=self.lock_minutes.value(),
            app_language=str(self.app_language.currentData() or "system"),
        )

    def _language_code(self) -> str:
        """The code of the language shown ("English" -> "en"); typed text is taken as a code."""
        text = self.default_language.currentText().strip()
        index = self.default_language.findText(text)
        data = self.default_language.itemData(index) if index >= 0 else None
        return data if isinstance(data, str) else text

    def _choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the clinic's logo"),
                                              self.logo_path.text() or str(Path.home()),
                                              self.tr("Images (*.png *.jpg *.jpeg)"))
        if name:
            self.logo_path.setText(name)

    def show_problems(self, problems: list[str]) -> None:
        """Put each problem beside its field; anything unplaced goes under the form."""
        for label in self.errors.values():
            forms.show_error(label, "")
        unplaced = []
        for problem in map(translated, problems):
            key, _, text = problem.partition(": ")
            name = _KEY_TO_FIELD.get(key)
            if name in self.errors:
                forms.show_error(self.errors[name], text)
            else:
                unplaced.append(in_words(problem))
        forms.show_error(self.general_error, "\n".join(unplaced))

    def save(self) -> None:
        """Validate, write, and close — or show what must be fixed and stay open."""
        settings = self.current_settings()
        problems = validate_settings(settings)
        self.show_problems(problems)
        if problems or self.regulatory_checked_on.check():
            return  # what was typed stays, with its message beside it
        try:
            save_settings(settings, self.path)
        except ConsultaidError as exc:
            forms.show_error(self.general_error, self.tr(
                    "The settings were not saved: {exc}").format(exc=exc))
            return
        self.saved_settings = settings
        self.accept()
