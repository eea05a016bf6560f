"""The whole wizard driven through its widgets: a consultation from first field to saved PDF."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox, QTableView
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import (
    Consultation,
    Review,
    consultation_from_json,
    consultation_to_json,
)
from consultaid.domain.screening import Verdict
from consultaid.records.service import RecordsService
from consultaid.records.users import User
from consultaid.session.steps import Step
from consultaid.settings import ClinicSettings
from consultaid.ui.main_window import MainWindow
from tests.helpers import text_of
from tests.ui.conftest import choose_condition, sign_in, sign_review
from tests.ui.driving import choose, click, type_into
from tests.ui.fake_handout import fake_build_handout

ANSWERS_TEXT = {"diagnosis": "Osteoarthritis, right knee",
                "medications": "Paracetamol as needed"}
CHOICES = {"autoimmune": "None known", "infection": "None", "severe_immunosuppression": "No",
           "blood_count": "Normal", "liver_function": "Normal", "kidney_function": "Normal",
           "glucose_hba1c": "Normal", "cancer_status": "No history", "pregnancy": "No",
           "unstable_condition": "No"}


MakeWindow = Callable[..., MainWindow]


def visible_editors(table: QTableView) -> list[QLineEdit]:
    return [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]


def open_editor(table: QTableView) -> QLineEdit:
    """The cell editor the table has just opened."""
    editors = visible_editors(table)
    assert len(editors) == 1, editors
    return editors[0]


def sidebar_text(window: MainWindow, step: Step) -> str:
    return str(window.wizard.steps.index(int(step)).data())


def fill_patient(qtbot: QtBot, window: MainWindow) -> None:
    page = window.patient_page
    type_into(qtbot, page.name, "Ana Test")
    type_into(qtbot, page.patient_id, "CL-7")
    type_into(qtbot, page.physician, "Dr. Sam Rivera")


def fill_screening(qtbot: QtBot, window: MainWindow, overrides: dict[str, str]) -> None:
    page = window.screening_page
    for item_id, text in ANSWERS_TEXT.items():
        type_into(qtbot, page.fields[item_id].line, text)
    type_into(qtbot, page.fields["disease_duration"].line, "4")
    choose(qtbot, page.fields["disease_duration"].unit, "years")
    type_into(qtbot, page.fields["crp"].line, "4.2")
    type_into(qtbot, page.fields["esr"].line, "18")
    for item_id, text in {**CHOICES, **overrides}.items():
        choose(qtbot, page.fields[item_id].options, text)
    type_into(qtbot, page.fields["unstable_details"].line, "None")
    click(qtbot, page.fields["medication_flags"].none_box)


def test_full_consultation_to_saved_pdf(qtbot: QtBot, service: RecordsService,
                                        physician: User, make_window: MakeWindow,
                                        pack: ContentPack, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    service.create_user(physician, "Dr. Lee Okafor", "physician", "864213")
    window = make_window(service)
    sign_in(qtbot, window, "Dr Ada Test", "123456")
    assert window.current_step() is Step.PATIENT
    assert "physician" not in sidebar_text(window, Step.PATIENT)  # the signed-in physician's
    fill_patient(qtbot, window)
    assert "✓" in sidebar_text(window, Step.PATIENT) and "done" in sidebar_text(
        window, Step.PATIENT)
    assert window.isWindowModified()

    click(qtbot, window.wizard.next_button)
    assert window.current_step() is Step.SCREENING
    fill_screening(qtbot, window, {})
    assert window.screening_page.banner.verdict is Verdict.NEEDS_REVIEW
    sign_review(qtbot, window, "Dr. Lee Okafor", "864213")
    assert "Reviewed by Dr. Lee Okafor" in window.screening_page.review_status.text()
    assert window.screening_page.banner.verdict is Verdict.MAY_PROCEED, (
        window.screening_page.banner.body.text(), window.state.consultation.screening)
    assert "done" in sidebar_text(window, Step.SCREENING)

    click(qtbot, window.wizard.next_button)
    condition_page = window.condition_page
    choose(qtbot, condition_page.condition, "Osteoarthritis")
    assert "FOR THE PHYSICIAN" in condition_page.panel.toPlainText()
    assert "FOR THE PATIENT" in condition_page.panel.toPlainText()
    qtbot.keyClicks(condition_page.notes, "Wants to think it over.")
    assert window.state.consultation.notes == "Wants to think it over."

    click(qtbot, window.wizard.next_button)
    expectations = window.expectations_page
    for box in expectations.boxes.values():
        click(qtbot, box)
    qtbot.keyClicks(expectations.teach_back, "It may not work for me.")
    assert "done" in sidebar_text(window, Step.EXPECTATIONS)

    click(qtbot, window.wizard.next_button)
    follow_up = window.follow_up_page
    template = list(pack.conditions["osteoarthritis"].follow_up)
    assert window.state.consultation.follow_up == template  # filled when the condition was chosen
    click(qtbot, follow_up.add_button)
    editor = open_editor(follow_up.table)
    qtbot.keyClicks(editor, "In 2 years")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not follow_up.table.isPersistentEditorOpen(
        follow_up.table.currentIndex()) and not visible_editors(follow_up.table))
    qtbot.keyClick(follow_up.table, Qt.Key.Key_Right)
    qtbot.keyClick(follow_up.table, Qt.Key.Key_F2)
    editor = open_editor(follow_up.table)
    qtbot.keyClicks(editor, "Long-term review")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.state.consultation.follow_up[-1].what == "Long-term review")
    rows = window.state.consultation.follow_up
    assert len(rows) == len(template) + 1
    assert (rows[-1].when, rows[-1].what) == ("In 2 years", "Long-term review"), rows
    assert not follow_up.down_button.isEnabled()
    click(qtbot, follow_up.up_button)
    assert window.state.consultation.follow_up[-2].when == "In 2 years"
    assert "done" in sidebar_text(window, Step.FOLLOW_UP)

    handout = window.handout_page
    with qtbot.waitSignal(handout.preview_ready, timeout=10000):
        click(qtbot, window.wizard.next_button)
    assert handout.document.pageCount() == 1
    text = text_of(handout.pdf_bytes or b"")
    assert "Handout for Ana Test" in text
    assert pack.verdicts[Verdict.MAY_PROCEED].patient_label in text
    assert "In 2 years | Long-term review" in text

    with qtbot.waitSignal(handout.preview_ready, timeout=10000):
        click(qtbot, handout.large_print)
    assert "Large print: True" in text_of(handout.pdf_bytes or b"")
    assert window.patient_page.large_print.isChecked()  # the same option on both pages

    target = tmp_path / "handout.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "PDF (*.pdf)"))
    with qtbot.waitSignal(handout.saved, timeout=10000):
        click(qtbot, handout.save_button)
    saved = text_of(target.read_bytes())
    assert "Handout for Ana Test" in saved and "Large print: True" in saved
    qtbot.waitUntil(lambda: "done" in sidebar_text(window, Step.HANDOUT))  # once stored
    assert "Handout saved" in window.message_bar.text.text()

    record = tmp_path / "record.json"
    assert window.documents.save_to(record)  # (File > Save As…: the record as a file too)
    assert not window.isWindowModified()
    again = consultation_from_json(record.read_text(encoding="utf-8"))
    assert again == window.state.consultation
    assert again.teach_back.note == "It may not work for me."


def test_not_eligible_path(qtbot: QtBot, window: MainWindow, pack: ContentPack) -> None:
    fill_patient(qtbot, window)
    click(qtbot, window.wizard.next_button)
    fill_screening(qtbot, window, {"cancer_status": "Active cancer"})
    choose_condition(window)
    banner = window.screening_page.banner
    assert banner.verdict is Verdict.NOT_ELIGIBLE
    assert pack.verdicts[Verdict.NOT_ELIGIBLE].label in banner.title.text()
    with qtbot.waitSignal(window.handout_page.preview_ready, timeout=10000):
        window.wizard.sidebar.setFocus()
        qtbot.keyClick(window.wizard.sidebar, Qt.Key.Key_End)
    assert window.current_step() is Step.HANDOUT
    assert pack.verdicts[Verdict.NOT_ELIGIBLE].patient_label in text_of(
        window.handout_page.pdf_bytes or b"")
    assert "Not eligible" in window.handout_page.warning.text()


def test_stale_builds_are_debounced(qtbot: QtBot, window: MainWindow) -> None:
    choose_condition(window)
    with qtbot.waitSignal(window.handout_page.preview_ready, timeout=10000):
        window.go_to(int(Step.HANDOUT))
    calls: list[str] = []

    def counting(c, p, s):  # type: ignore[no-untyped-def]
        calls.append(c.patient.name)
        return fake_build_handout(c, p, s)

    window.handout_page.build_pdf = counting
    window.go_to(int(Step.PATIENT))
    window.go_to(int(Step.HANDOUT))
    for name in ("A", "An", "Ann"):
        window.state.edit(lambda c, n=name: setattr(c.patient, "name", n))
    with qtbot.waitSignal(window.handout_page.preview_ready, timeout=10000):
        pass
    assert calls == ["Ann"]


def test_unsaved_changes_prompt(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    fill_patient(qtbot, window)
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def question(*args, **kwargs):  # type: ignore[no-untyped-def]
            asked.append(args[1])
            return button
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    assert not window.close()
    assert window.isVisible() and asked == ["Save changes?"]

    target = tmp_path / "kept.json"
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Save))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.menu_actions.new_action.trigger()
    assert consultation_from_json(target.read_text(encoding="utf-8")).patient.name == "Ana Test"
    assert window.state.consultation.patient.name == ""
    assert window.patient_page.name.text() == ""

    fill_patient(qtbot, window)
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Discard))
    assert window.close()
    assert len(asked) == 3


def plain_tip(action: QAction) -> str:
    """An action's tooltip as a person reads it."""
    doc = QTextDocument()
    doc.setHtml(action.toolTip())
    return doc.toPlainText()


def test_open_recent_and_bad_files(qtbot: QtBot, window: MainWindow, pack: ContentPack,
                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    example = copy.deepcopy(example_consultation(pack))
    example.review = Review()  # (a review typed into a file is not taken: issue 11.1)
    good = tmp_path / "example.json"
    good.write_text(consultation_to_json(example), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    assert not window.isWindowModified()
    window.menu_actions.open_action.trigger()
    assert window.state.consultation == example
    assert not window.isWindowModified()  # showing a record is not editing it
    assert window.patient_page.name.text() == "Maria Example"
    assert window.screening_page.fields["crp"].line.text() == "4.2"
    assert all("done" in sidebar_text(window, s) for s in list(Step)[:-1]
               if s is not Step.SCREENING)
    assert "review" in sidebar_text(window, Step.SCREENING).lower()  # no signed review here
    assert window.documents.recent_files() == [str(good.resolve())]
    assert "Maria Example" in window.windowTitle()

    odd = example_consultation(pack)
    odd.condition_id = "not-in-this-pack"
    odd_path = tmp_path / "odd.json"
    odd_path.write_text(consultation_to_json(odd), encoding="utf-8")
    assert window.documents.open_file(odd_path)
    assert window.condition_page.condition.currentIndex() == 0
    assert "does not have" in window.condition_page.panel.toPlainText()
    assert window.state.consultation.condition_id == "not-in-this-pack"
    assert "needs attention" in sidebar_text(window, Step.CONDITION)
    assert window.documents.open_file(good)

    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 99}', encoding="utf-8")
    assert not window.documents.open_file(bad)
    assert window.message_bar.isVisible()
    assert "newer than this version" in window.message_bar.text.text()
    assert window.state.consultation == example  # nothing lost

    window.documents.fill_recent(window.menu_actions.recent_menu)
    actions = [a for a in window.menu_actions.recent_menu.actions() if a.text().startswith("&1")]
    assert actions and plain_tip(actions[0]) == str(good.resolve())  # as text, never as HTML

    odd_path.unlink()
    window.documents.fill_recent(window.menu_actions.recent_menu)
    gone = [a for a in window.menu_actions.recent_menu.actions()
            if plain_tip(a) == str(odd_path.resolve())]
    gone[0].trigger()
    assert "no longer there" in window.message_bar.text.text()
    assert window.documents.recent_files() == [str(good.resolve())]


def test_save_failure_is_reported_not_raised(window: MainWindow, tmp_path: Path) -> None:
    window.state.edit(lambda c: setattr(c.patient, "name", "X"))
    assert not window.documents.save_to(tmp_path / "missing-folder" / "x.json")
    assert "was not saved" in window.message_bar.text.text()
    assert window.isWindowModified()


def test_about_names_versions_and_review_dates(window: MainWindow, pack: ContentPack) -> None:
    text = window.about_text()
    assert pack.version in text and str(pack.last_reviewed) in text
    assert str(pack.review_by) in text
    from consultaid import __version__

    assert __version__ in text


def test_content_warning_is_shown_once(qtbot: QtBot, pack: ContentPack) -> None:
    win = MainWindow(pack, ClinicSettings(), build_pdf=fake_build_handout,
                     warnings=["The clinic's content folder was refused."])
    qtbot.addWidget(win)
    assert win.message_bar.isVisibleTo(win)
    assert win.message_bar.text.text().count("refused") == 1


def test_keyboard_navigation(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current_step() is Step.SCREENING
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_step() is Step.HANDOUT
    assert not window.wizard.next_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.current_step() is Step.FOLLOW_UP
    window.wizard.back_button.setFocus()
    qtbot.keyClick(window.wizard.back_button, Qt.Key.Key_Return)
    assert window.current_step() is Step.EXPECTATIONS
    window.show_message("Something to read", error=True)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.message_bar.isVisible()


def test_export_and_import_json(window: MainWindow, pack: ContentPack, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    window.state.replace(example_consultation(pack))
    exported = tmp_path / "export.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(exported), ""))
    window.documents.ask_export()
    assert consultation_from_json(exported.read_text(encoding="utf-8")) == \
        window.state.consultation
    assert window.state.path is None  # an export does not change where the record is saved

    window.state.replace(Consultation())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(exported), ""))
    window.documents.ask_import()
    assert window.state.consultation.patient.name == "Maria Example"
    assert window.isWindowModified() and window.state.path is None  # imported, not yet saved


def test_new_consultation_uses_the_clinic_defaults(qtbot: QtBot, pack: ContentPack) -> None:
    win = MainWindow(pack, ClinicSettings(default_paper="letter"),
                     build_pdf=fake_build_handout)
    qtbot.addWidget(win)
    assert win.state.consultation.handout.paper == "letter"
    assert win.handout_page.paper.currentText() == "US Letter"


def test_a_us_clinic_that_chose_no_paper_gets_letter(qtbot: QtBot, pack: ContentPack) -> None:
    win = MainWindow(pack, ClinicSettings(regulatory_jurisdiction="US-UT"),
                     build_pdf=fake_build_handout)
    qtbot.addWidget(win)
    assert win.state.consultation.handout.paper == "letter"
    chose_a4 = MainWindow(pack, ClinicSettings(regulatory_jurisdiction="US-UT",
                                               default_paper="a4"),
                          build_pdf=fake_build_handout)
    qtbot.addWidget(chose_a4)
    assert chose_a4.state.consultation.handout.paper == "a4"


def test_a_failed_build_clears_the_old_preview(qtbot: QtBot, window: MainWindow,
                                               tmp_path: Path) -> None:
    choose_condition(window)
    page = window.handout_page
    with qtbot.waitSignal(page.preview_ready, timeout=10000):
        window.go_to(int(Step.HANDOUT))
    assert page.pdf_bytes is not None

    def refusing(c, p, s):  # type: ignore[no-untyped-def]
        from consultaid.domain.errors import ConsultaidError

        raise ConsultaidError("the screening answers are not valid")

    page.build_pdf = refusing
    with qtbot.waitSignal(page.build_failed, timeout=10000):
        window.state.edit(lambda c: setattr(c.patient, "name", "Changed"))
    assert page.pdf_bytes is None and page.document.pageCount() == 0
    assert "the screening answers are not valid" in window.message_bar.text.text()
    with qtbot.waitSignal(page.build_failed, timeout=10000):
        page.save_pdf(tmp_path / "never.pdf")
    assert not (tmp_path / "never.pdf").exists()
