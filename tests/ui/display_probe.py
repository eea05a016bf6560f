"""Run by ``test_real_display.py`` in a subprocess on a real X display (Xvfb).

Opens the app's window as a first start does (no saved geometry), visits every step, and prints
one JSON line: the screen's available area, and per step the window's frame, where Back, Next
and the status bar are on screen, and whether the verdict's text fits its labels.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from consultaid.ui.main_window import MainWindow


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def on_screen(widget: QWidget) -> list[int]:
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def label_fits(label: QLabel) -> bool:
    """All of the label's text is drawn: wrapped within its height, or one line within its width."""
    if label.wordWrap():
        return label.heightForWidth(label.width()) <= label.height()
    return label.sizeHint().width() <= label.width()


def settle(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def dialogs(app: QApplication, window: MainWindow) -> dict[str, list[int]]:
    """Where the settings and keyboard-shortcut dialogs open (their frames, on screen)."""
    from consultaid.ui.settings_dialog import SettingsDialog
    from consultaid.ui.shortcuts_help import ShortcutsDialog

    found = {}
    settings = SettingsDialog(window.settings, window.languages, None, window)
    settings.show()
    settle(app, 0.5)
    found["settings"] = rect(settings.frameGeometry())
    settings.reject()
    shortcuts = ShortcutsDialog.show_for(window)
    settle(app, 0.5)
    found["shortcuts"] = rect(shortcuts.frameGeometry())
    shortcuts.close()
    return found


def main() -> int:
    from consultaid.app import create_window

    app = QApplication(sys.argv[:1])
    app.setOrganizationName("consultaid-probe")
    app.setApplicationName("consultaid-probe")
    window = create_window()
    window.show()
    settle(app, 1.0)
    screen = window.screen()
    report: dict[str, object] = {"available": rect(screen.availableGeometry()),
                                 "scale": screen.devicePixelRatio(), "steps": []}
    steps: list[dict[str, object]] = []
    for index in range(len(window.pages)):
        window.go_to(index)
        settle(app, 1.5 if index == len(window.pages) - 1 else 0.4)  # the handout builds
        banner = window.screening_page.banner
        steps.append({
            "step": index + 1,
            "frame": rect(window.frameGeometry()),
            "back": on_screen(window.wizard.back_button),
            "next": on_screen(window.wizard.next_button),
            "status_bar": on_screen(window.statusBar()),
            "verdict_fits": [label_fits(banner.title), label_fits(banner.body)],
            "verdict_visible": (banner.visibleRegion().boundingRect().size() == banner.size()
                                if index == 1 else True),
        })
    report["steps"] = steps
    report["dialogs"] = dialogs(app, window)
    print(json.dumps(report))
    window.state.mark_clean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
