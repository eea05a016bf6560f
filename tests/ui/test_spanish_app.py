"""The app in Spanish (issue 16.5): every screen's words come from the translation.

The check for English is built from the translation itself: a word that the app's English texts
use and that no Spanish text (the app's translation, the Spanish content pack) uses is English
on a Spanish screen, plus a short list of common English words. What a person typed (names,
notes) is data, not the app's words, and is not checked.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.domain.errors import ConsultaidError
from consultaid.domain.signed_review import SignedReview
from consultaid.records.service import RecordsService
from consultaid.resources import resources_dir
from consultaid.services import content_for
from consultaid.settings import ClinicSettings, load_settings, settings_path
from consultaid.ui.about import about_text
from consultaid.ui.access.accounts_dialog import AddAccountDialog, PinDialog
from consultaid.ui.access.accounts_list import AccountsDialog
from consultaid.ui.main_window import MainWindow
from consultaid.ui.records.review_dialog import ReviewDialog
from consultaid.ui.records.waiting_dialog import WaitingDialog
from consultaid.ui.settings_dialog import SettingsDialog
from consultaid.ui.shortcuts_help import ShortcutsDialog
from consultaid.ui.text_limit import LengthCounter
from consultaid.ui.translation import install_translators, resolve_language
from consultaid.ui.wizard.acknowledgement_pad import SigningDialog
from tests.ui.conftest import settle, sign_in
from tests.ui.driving import choose, click
from tests.ui.fake_handout import fake_build_handout

TS = resources_dir() / "i18n" / "consultaid_es.ts"
_COMMON = (
    "the and you your with this that not for from are was were has have will would should can "
    "could there their them they what when where which who why how only also yet into reasons "
    "said handout handouts patient patients step steps screening records record save saved "
    "open print printed choose review reviewed settings none any draft done"
)
COMMON_ENGLISH = frozenset(_COMMON.split())


def _words(text: str) -> set[str]:
    plain = html.unescape(re.sub(r"<[^>]+>|\{[^}]*\}", " ", re.sub(r"&(?=\w)", "", text)))
    return {w.lower() for w in re.findall(r"[A-Za-z]{3,}", plain)}


def _spanish_pack_words() -> set[str]:
    found: set[str] = set()
    for path in (resources_dir() / "content" / "es").rglob("*.toml"):
        found |= _words(path.read_text(encoding="utf-8"))
    return found


@pytest.fixture(scope="module")
def english() -> frozenset[str]:
    source: set[str] = set()
    spanish: set[str] = _spanish_pack_words()
    for message in ET.parse(TS).getroot().iter("message"):
        source |= _words(message.findtext("source") or "")
        spanish |= _words(message.findtext("translation") or "")
    return frozenset((source - spanish) | COMMON_ENGLISH)


@pytest.fixture
def spanish_app(qapp: QCoreApplication) -> Iterator[ContentPack]:
    """Spanish words installed (ours and Qt's), the Spanish pack; English again afterwards."""
    assert install_translators("es") == []  # consultaid_es.qm and qtbase_es.qm both load
    try:
        yield content_for("es").pack
    finally:
        install_translators("en")


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every word a person can see or hear on ``root`` now."""
    found: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() and not isinstance(widget, QMenu):
            continue
        texts = [widget.accessibleName(), widget.toolTip(), widget.windowTitle()]
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
            if widget.isReadOnly():
                texts.append(widget.text())
        if isinstance(widget, (QTextEdit, QPlainTextEdit)):
            texts.append(widget.placeholderText())
            if widget.isReadOnly():
                texts.append(widget.toPlainText())
        if isinstance(widget, QMenu):
            texts += [action.text() for action in widget.actions()]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            rows = range(min(model.rowCount(), 20))
            texts += [str(model.index(r, 0).data() or "") for r in rows]
            if not isinstance(widget, QListView):
                texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                          for c in range(model.columnCount())]
                texts += [str(model.index(r, c).data() or "")
                          for r in rows for c in range(model.columnCount())]
        found += [(type(widget).__name__, t) for t in texts if t]
    return found


def english_on(root: QWidget, english: frozenset[str], *, data: tuple[str, ...] = ()
               ) -> list[str]:
    """Texts on ``root`` with an English word in them (``data``: what was typed, left out)."""
    leftover = []
    for where, text in shown_texts(root):
        for typed in data:
            text = text.replace(typed, " ")
        hits = _words(text) & english
        if hits:
            leftover.append(f"{where}: {text[:100]!r} ({', '.join(sorted(hits))})")
    return sorted(set(leftover))


def typed_data(pack: ContentPack) -> tuple[str, ...]:
    """What the example consultation holds that a person typed (kept as typed)."""
    c = example_consultation(pack)
    words = [c.patient.name, c.physician, c.notes, c.review.comment, c.teach_back.note,
             c.teach_back.questions]
    words += [str(v) for v in c.screening.values() if isinstance(v, str)]
    words += [p.patient_words for p in c.teach_back.points]
    words += [f"{row.when}" for row in c.follow_up] + [f"{row.what}" for row in c.follow_up]
    return tuple(sorted((w for w in words if w), key=len, reverse=True))


def make_translated_window(qtbot: QtBot, pack: ContentPack, **kwargs: object) -> MainWindow:
    win = MainWindow(pack, ClinicSettings(clinic_name="Clínica Ribera", phone="+1 555 0100"),
                     build_pdf=fake_build_handout, languages=["en", "es"], **kwargs)  # type: ignore[arg-type]

    def forget_changes(w: MainWindow) -> None:
        w.records_sync.autosave_timer.stop()
        w.handout_page.runner.wait(10000)
        w.state.mark_saved(w.state.path or Path("unused.json"))

    qtbot.addWidget(win, before_close_func=forget_changes)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_every_step_speaks_spanish(qtbot: QtBot, spanish_app: ContentPack,
                                   english: frozenset[str]) -> None:
    win = make_translated_window(qtbot, spanish_app)
    win.state.replace(example_consultation(spanish_app))
    data = typed_data(spanish_app)
    for step in range(6):
        qtbot.keyClick(win, Qt.Key(Qt.Key.Key_1 + step), Qt.KeyboardModifier.ControlModifier)
        assert win.wizard.current_step() == step
        win.handout_page.runner.wait(10000)
        qtbot.wait(20)
        assert english_on(win, english, data=data) == [], f"step {step + 1}"
    win.state.replace(Consultation(physician="Dra Ana Ruiz"))  # no condition: no handout yet
    qtbot.keyClick(win, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert "Todavía no hay folleto: todavía no se ha elegido ninguna afección" in \
        win.handout_page.status.text()
    assert english_on(win, english) == [], "step 6, no condition"
    win.state.replace(example_consultation(spanish_app))
    form = win.handout_page.acknowledgement.fields  # shown once a handout is given
    form_words = [t for _w, t in shown_texts(form)] + [
        combo.itemText(i) for combo in form.findChildren(QComboBox) for i in range(combo.count())]
    assert "Firmado en papel" in form_words
    assert [t for t in form_words if _words(t) & english] == []
    sidebar = win.wizard.steps.index(0).data()
    assert "Paciente y visita" in sidebar and "hecho" in sidebar
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    counters = [w.text() for w in win.condition_page.findChildren(LengthCounter)]
    assert counters and counters[0].endswith(" de 10.000 caracteres"), counters
    menus = [a.text() for a in win.menuBar().actions()]
    assert menus[:2] == ["&Archivo", "A&yuda"]


def test_sign_in_and_records_speak_spanish(qtbot: QtBot, spanish_app: ContentPack,
                                           english: frozenset[str],
                                           service: RecordsService) -> None:
    ana = service.create_user(None, "Dra Ana Ruiz", "physician", "483920")
    stored = example_consultation(spanish_app)
    service.save_draft(ana, stored)
    win = make_translated_window(qtbot, spanish_app, sign_in_required=True)
    win.attach_records(service)
    settle(qtbot, win)  # (who may sign in is asked on the records thread)
    qtbot.waitUntil(lambda: win.access_page.isVisible())
    assert english_on(win, english) == []
    assert "Entrar" in win.access_page.title.text()
    sign_in(qtbot, win, "Dra Ana Ruiz", "000000")  # the records' own message, in Spanish
    assert "Ese nombre y ese PIN no coinciden." in win.access_page.error.text()
    assert english_on(win, english) == []
    sign_in(qtbot, win, "Dra Ana Ruiz", "483920")
    qtbot.waitUntil(lambda: not win.access_page.isVisible())
    win.show_records()
    qtbot.waitUntil(lambda: win.records_page.isVisible()
                    and win.records_page.table.model().rowCount() == 1)
    assert english_on(win, english, data=typed_data(spanish_app)) == []
    assert win.records_page.table.model().index(0, 4).data() == "Borrador"


def test_settings_dialog_speaks_spanish_and_saves_the_app_language(
        qtbot: QtBot, spanish_app: ContentPack, english: frozenset[str]) -> None:
    dialog = SettingsDialog(ClinicSettings(email="no-arroba"), ["en", "es"], settings_path())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert "no es una dirección de correo" in dialog.errors["email"].text()
    assert english_on(dialog, english, data=("no-arroba",)) == []
    dialog.email.clear()
    choose(qtbot, dialog.app_language, "Español")
    assert "traducción en borrador" in dialog.app_language_note.text()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert load_settings().app_language == "es"
    assert resolve_language(load_settings().app_language) == "es"


def test_about_names_the_translation_as_a_draft(spanish_app: ContentPack) -> None:
    text = about_text(spanish_app)
    assert "Acerca de" not in text and "Paquete de contenidos" in text
    assert "traducción en borrador" in text


def test_languages_without_a_translation_fall_back_to_english() -> None:
    assert resolve_language("es") == "es"
    assert resolve_language("en") == "en"
    assert resolve_language("fr") == "en"  # no consultaid_fr.qm: English, not a half-window


def test_dialogs_speak_spanish(qtbot: QtBot, spanish_app: ContentPack, english: frozenset[str],
                               service: RecordsService) -> None:
    ana = service.create_user(None, "Dra Ana Ruiz", "physician", "483920")
    service.create_user(ana, "Dr Lee Okafor", "physician", "864213")
    service.create_user(ana, "Sam Desk", "front_desk", "555123")
    names = ("Dra Ana Ruiz", "Dr Lee Okafor", "Sam Desk")
    parent = make_translated_window(qtbot, spanish_app)

    def refuse(*args: object) -> SignedReview:
        raise AssertionError("nothing is signed here")

    dialogs = [AccountsDialog(service, ana, parent), AddAccountDialog(service, ana, parent),
               PinDialog(service, ana, None, parent), ReviewDialog(["Dr Lee Okafor"], refuse,
                                                                   parent),
               WaitingDialog([], lambda _id: None, parent), ShortcutsDialog(parent),
               SigningDialog([], parent)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert english_on(dialog, english, data=names) == [], type(dialog).__name__
        dialog.close()


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def clashing_accelerators(win: MainWindow) -> list[str]:
    """Alt+letter pairs that two things on the step on screen answer to (menus included; on
    the Handout step, the acknowledgement form too, as it appears once a handout is given)."""
    seen: dict[str, set[str]] = {}
    for action in win.menuBar().actions():
        if key := _mnemonic(action.text()):
            seen.setdefault(key, set()).add(action.text())
    form = win.handout_page.acknowledgement.fields
    for widget in win.findChildren(QWidget):
        shown = widget.isVisible() or (win.wizard.current_step() == 5
                                       and form.isAncestorOf(widget) and widget.isVisibleTo(form))
        if not shown or (isinstance(widget, QLabel) and widget.buddy() is None):
            continue
        text = (widget.text() if isinstance(widget, (QLabel, QAbstractButton))
                else widget.title() if isinstance(widget, QGroupBox) else "")
        if key := _mnemonic(text):
            seen.setdefault(key, set()).add(text)
    clashes = [f"Alt+{key}: {sorted(texts)}" for key, texts in seen.items() if len(texts) > 1]
    # Alt+ó or Alt+ñ cannot be typed on most keyboards: the letter must be a plain one.
    return clashes + [f"Alt+{key} cannot be typed: {sorted(texts)}" for key, texts in
                      seen.items() if not (key.isascii() and key.isalnum())]


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_two_things_on_a_step_share_an_alt_letter(qtbot: QtBot, qapp: QCoreApplication,
                                                     language: str) -> None:
    install_translators(language)
    try:
        pack = content_for(language).pack
        win = make_translated_window(qtbot, pack)
        win.state.replace(example_consultation(pack))
        for step in range(6):
            win.wizard.go_to(step)
            assert clashing_accelerators(win) == [], f"{language}, step {step + 1}"
    finally:
        install_translators("en")


def test_the_records_refusals_reach_the_window_in_spanish(qtbot: QtBot, spanish_app: ContentPack,
                                                         service: RecordsService) -> None:
    """The records layer (no Qt) marks its messages; the window shows them translated, and
    the command line, with no translator set, still gets English."""
    ana = service.create_user(None, "Dra Ana Ruiz", "physician", "483920")
    stored = example_consultation(spanish_app)
    service.save_draft(ana, stored)
    with pytest.raises(ConsultaidError) as refused:
        service.sign_review("Dra Ana Ruiz", "483920", stored.consultation_id, "agreed", "")
    assert str(refused.value) == ("El médico que creó esta consulta no puede revisarla; la "
                                  "revisión la hace otro médico.")
    install_translators("en")
    assert str(refused.value).startswith("The physician who created this consultation")
    with pytest.raises(ConsultaidError) as short:
        service.create_user(ana, "Dr Lee Okafor", "physician", "1")
    assert str(short.value) == "The PIN must be 6 to 64 characters long."


def test_an_impossible_answer_is_explained_in_spanish(qtbot: QtBot, spanish_app: ContentPack,
                                                      english: frozenset[str]) -> None:
    win = make_translated_window(qtbot, spanish_app)
    win.state.replace(example_consultation(spanish_app))
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    field = win.screening_page.fields["crp"]
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClicks(field.line, "-5")
    assert field.error.text() == "⚠ -5 mg/L es imposible (negativo)"
    banner = win.screening_page.banner.body.text()
    assert "PCR (proteína C reactiva): -5 mg/L es imposible (negativo)" in banner
    assert english_on(win, english, data=typed_data(spanish_app)) == []


def test_handout_notes_for_the_physician_are_in_spanish(qtbot: QtBot, spanish_app: ContentPack,
                                                        english: frozenset[str]) -> None:
    """What the builder tells the physician (a character the fonts lack, a patient who reads
    another language) is shown in the app's language."""
    from consultaid.content.relanguage import carry_over
    from consultaid.handout.text import TextCleaner
    from consultaid.ui.translation import translated

    cleaner = TextCleaner(lambda code: code != 0x1F642)
    cleaner.markup("José \U0001F642")
    note = translated(cleaner.warnings()[0])
    assert note.startswith("Algunos caracteres no se pueden imprimir"), note
    record = example_consultation(spanish_app)
    record.notes = "Nota escrita en la visita."
    moved = carry_over(record, spanish_app, content_for("en").pack)
    assert [translated(m) for m in moved if not _words(translated(m)) & english] == \
        [translated(m) for m in moved] and moved


def dialog_clashes(dialog: QWidget) -> list[str]:
    seen: dict[str, set[str]] = {}
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisible() or (isinstance(widget, QLabel) and widget.buddy() is None):
            continue
        text = (widget.text() if isinstance(widget, (QLabel, QAbstractButton))
                else widget.title() if isinstance(widget, QGroupBox) else "")
        if key := _mnemonic(text):
            seen.setdefault(key, set()).add(text)
    return [f"Alt+{key}: {sorted(texts)}" for key, texts in seen.items()
            if len(texts) > 1 or not (key.isascii() and key.isalnum())]


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_two_fields_of_a_dialog_share_an_alt_letter(qtbot: QtBot, qapp: QCoreApplication,
                                                       language: str,
                                                       service: RecordsService) -> None:
    install_translators(language)
    try:
        ana = service.create_user(None, "Dra Ana Ruiz", "physician", "483920")

        def refuse(*args: object) -> SignedReview:
            raise AssertionError("nothing is signed here")

        dialogs = [SettingsDialog(ClinicSettings(), ["en", "es"], settings_path()),
                   ReviewDialog(["Dr Lee Okafor"], refuse), AddAccountDialog(service, ana),
                   PinDialog(service, ana, None), PinDialog(service, ana, (2, "Dr Lee Okafor")),
                   AccountsDialog(service, ana), WaitingDialog([], lambda _id: None),
                   SigningDialog([])]
        for dialog in dialogs:
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            assert dialog_clashes(dialog) == [], f"{language}: {type(dialog).__name__}"
    finally:
        install_translators("en")


def test_qts_own_file_dialog_speaks_spanish(qtbot: QtBot, spanish_app: ContentPack,
                                            english: frozenset[str], tmp_path: Path) -> None:
    """Save PDF… opens Qt's file dialog: its words come from qtbase_es.qm, and the two it
    lacks ("&Look in:", "Files of &type:") from ours."""
    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog(None, "Guardar el folleto en PDF", str(tmp_path), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "&Ver en:" in labels and "Ficheros de &tipo:" in labels
    assert english_on(dialog, english, data=(str(tmp_path),)) == []


def test_a_translation_file_rewritten_while_the_app_runs_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QCoreApplication) -> None:
    """An update installed while consultaid is open rewrites its .qm in place; the words on
    screen stay Spanish (Qt would otherwise read the new bytes and find nothing)."""
    import shutil

    from consultaid.ui import translation

    folder = tmp_path / "i18n"
    shutil.copytree(resources_dir() / "i18n", folder)
    monkeypatch.setattr(translation, "resources_dir", lambda: tmp_path)
    try:
        assert install_translators("es") == []
        qm = folder / "consultaid_es.qm"
        with qm.open("r+b") as handle:
            handle.write(b"\0" * qm.stat().st_size)
        assert QCoreApplication.translate("AccessPage", "consultaid is locked") == \
            "consultaid está bloqueado"
    finally:
        install_translators("en")


def test_lock_screen_pause_and_countdown_speak_spanish(
        qtbot: QtBot, spanish_app: ContentPack, english: frozenset[str],
        service: RecordsService) -> None:
    """Issue 26.6: the lock screen's wrong-PIN sentence was English; 26.5: the countdown."""
    from consultaid.records.service import MAX_PIN_FAILURES

    service.create_user(None, "Dra Ana Ruiz", "physician", "483920")
    win = make_translated_window(qtbot, spanish_app, sign_in_required=True)
    win.attach_records(service)
    sign_in(qtbot, win, "Dra Ana Ruiz", "483920")
    win.menu_actions.lock_action.trigger()
    assert win.locked
    sign_in(qtbot, win, "", "000000")
    assert "Ese PIN no es correcto" in win.access_page.error.text()
    assert english_on(win, english, data=("Dra Ana Ruiz",)) == []
    for _ in range(MAX_PIN_FAILURES):
        sign_in(qtbot, win, "", "000000")
    assert win.access_page.countdown.text().startswith("Vuelva a intentarlo en ")
    assert "PIN olvidado" in win.access_page.error.text()
    assert english_on(win, english, data=("Dra Ana Ruiz",)) == []


def test_review_dialog_stamp_signing_and_file_name_speak_spanish(
        qtbot: QtBot, spanish_app: ContentPack, english: frozenset[str]) -> None:
    """Issue 26.6: the review stamp ("agreed") and the file name ("handout-…") were English;
    the new parts of the room (treating physician, decision, signing dialog) speak Spanish."""
    import datetime as dt

    from consultaid.domain.signed_review import ReviewState
    from consultaid.ui.records.review_control import review_words

    parent = make_translated_window(qtbot, spanish_app)

    def refuse(*args: object) -> SignedReview:
        raise AssertionError("nothing is signed here")

    review = ReviewDialog(["Dr Lee Okafor"], refuse, parent, treating="Dra Ana Ruiz")
    empty = ReviewDialog([], refuse, parent, treating="Dra Ana Ruiz",
                         left_out="Dra Ana Ruiz creó esta consulta y no puede revisarla.")
    signing = SigningDialog([], parent)
    for dialog in (review, empty, signing):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
    qtbot.keyClicks(review.pin, "864213")
    click(qtbot, review.sign_button)
    assert review.error.text() == "⚠ Primero elija la decisión: de acuerdo o no de acuerdo."
    names = ("Dr Lee Okafor", "Dra Ana Ruiz")
    for dialog in (review, empty, signing):
        assert english_on(dialog, english, data=names) == [], type(dialog).__name__
    signed = SignedReview(1, "c", 2, "Dr Lee Okafor", "agreed", "",
                          "0" * 64, dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC).isoformat())
    stamp = review_words(ReviewState("signed", signed))
    assert stamp.endswith(": de acuerdo."), stamp
    assert not _words(stamp.replace("Dr Lee Okafor", "")) & english
    assert parent.handout_page.suggested_file_name().startswith("folleto-")
