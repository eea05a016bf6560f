"""The main window. The consultation wizard fills it in (issue: the consultation wizard)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from consultaid import __version__
from consultaid.content.pack import ContentPack


class MainWindow(QMainWindow):
    def __init__(
        self, pack: ContentPack, warnings: list[str] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.pack = pack
        self.setWindowTitle("consultaid")
        self.resize(1280, 800)
        placeholder = QLabel(f"consultaid {__version__}")
        placeholder.setAccessibleName("consultaid version")
        self.setCentralWidget(placeholder)
        due = " — due for review" if pack.is_due_for_review() else ""
        self.statusBar().showMessage(
            f"Content pack {pack.version} (reviewed {pack.last_reviewed}){due}")
        for warning in warnings or []:
            self.statusBar().showMessage(warning)
