"""Guard against the PySide6 6.12.0 bug that crashed the wizard: None losing references."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_calls_returning_none_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel("x")
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setVisible(False)
    # With the bug, each call took one reference away (2000 fewer); allow for ordinary noise.
    assert sys.getrefcount(None) > before - 100
