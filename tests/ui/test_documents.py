"""The file commands on their own (issue 27): a state, a stand-in for the window's few
services, and real files; no window, no records."""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QMenu
from pytestqt.qtbot import QtBot

from consultaid.content.example import example_consultation
from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation, consultation_from_json
from consultaid.session.saving import SaveTarget
from consultaid.ui.documents import DocumentController
from consultaid.ui.state import ConsultationState


class View(QMainWindow):
    """What DocumentController asks of the window, written down."""

    def __init__(self) -> None:
        super().__init__()
        self.said: list[tuple[str, bool]] = []
        self.step = -1

    def go_to(self, index: int) -> None:
        self.step = index

    def show_message(self, text: str, error: bool = False, source: str = "",
                     lasting: bool = False) -> None:
        self.said.append((text, error))

    def say_opened(self, text: str) -> None:
        self.said.append((text, False))

    def update_title(self) -> None:
        pass

    def new_consultation_value(self) -> Consultation:
        return Consultation()

    def focus_first_field(self) -> None:
        pass


def test_save_then_open_a_file(qtbot: QtBot, pack: ContentPack, tmp_path: Path) -> None:
    view = View()
    qtbot.addWidget(view)
    example = copy.deepcopy(example_consultation(pack))
    state = ConsultationState(copy.deepcopy(example), pack=pack)
    state.edit(lambda c: setattr(c.patient, "name", "Ana File"))
    files = DocumentController(state, view, save_target=lambda: SaveTarget.FILE,
                               flush=lambda: None, discard_kept=lambda: None,
                               save_to_records=lambda: False, dialog_parent=view)
    assert files.save_to(tmp_path / "visit")  # the .json is added
    saved = tmp_path / "visit.json"
    assert consultation_from_json(saved.read_text(encoding="utf-8")).patient.name == "Ana File"
    assert not state.dirty and state.path == saved
    assert files.recent_files() == [str(saved.resolve())]

    state.replace(Consultation())
    assert files.open_file(saved)
    assert state.consultation.patient.name == "Ana File" and view.step == 0
    assert view.said[-1] == (f"Opened {saved}.", False)
    menu = QMenu(view)
    files.fill_recent(menu)
    assert menu.actions()[0].text() == "&1 visit.json"

    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 99}', encoding="utf-8")
    assert not files.open_file(bad)
    assert view.said[-1][1] and "newer than this version" in view.said[-1][0]
    assert state.consultation.patient.name == "Ana File"  # nothing lost


def test_front_desk_cannot_save(qtbot: QtBot, pack: ContentPack) -> None:
    view = View()
    qtbot.addWidget(view)
    state = ConsultationState(pack=pack)
    files = DocumentController(state, view, save_target=lambda: SaveTarget.REFUSED,
                               flush=lambda: None, discard_kept=lambda: None,
                               save_to_records=lambda: True, dialog_parent=view)
    assert not files.save() and not files.save_as()
    assert view.said == [("Front desk cannot change or save consultations; a physician can.",
                          True)] * 2
