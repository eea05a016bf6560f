"""Composition root: builds the services and opens the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Open the desktop app; returns the process exit code."""
    from PySide6.QtWidgets import QApplication

    from consultaid import __version__
    from consultaid.content.problems import ContentError
    from consultaid.services import load_clinic_content
    from consultaid.ui.main_window import MainWindow

    args = list(sys.argv if argv is None else argv)
    app = QApplication.instance() or QApplication(args)
    assert isinstance(app, QApplication)
    app.setApplicationName("consultaid")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("consultaid")
    try:
        content = load_clinic_content("en")
    except ContentError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "consultaid cannot start",
                             f"The bundled content could not be loaded.\n\n{exc}")
        return 1
    window = MainWindow(content.pack, content.warnings)
    window.show()
    return app.exec()
