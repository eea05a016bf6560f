"""The window fits the screen it opens on, and comes back where the user left it.

A fixed 1280×800 left Back/Next and the status bar below the edge of a 1366×768 clinic screen.
On first start the window takes a comfortable size that fits the screen's available area (the
whole area, maximised, on small screens); after that its size, position and maximised state are
restored from QSettings (Qt keeps a restored window on a screen that still exists).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

GEOMETRY_KEY = "window/geometry"
PREFERRED = QSize(1280, 800)
FRAME_ALLOWANCE = QSize(16, 48)
"""Room left for a window manager's frame and title bar when the window is not maximised."""


def first_start_geometry(available: QRect) -> tuple[QRect, bool]:
    """Where a window opens the first time on a screen with ``available`` room; True: maximise."""
    room = available.size() - FRAME_ALLOWANCE
    if room.width() < PREFERRED.width() or room.height() < PREFERRED.height():
        return QRect(available), True
    rect = QRect(0, 0, PREFERRED.width(), PREFERRED.height())
    rect.moveCenter(available.center())
    return rect, False


def restore(window: QWidget) -> None:
    """Size and place ``window`` before it is shown (saved geometry, else one that fits)."""
    saved = QSettings().value(GEOMETRY_KEY)
    if isinstance(saved, QByteArray | bytes) and window.restoreGeometry(QByteArray(saved)):
        return
    screen = window.screen() or QGuiApplication.primaryScreen()
    rect, maximise = first_start_geometry(screen.availableGeometry())
    window.setGeometry(rect)
    if maximise:
        from PySide6.QtCore import Qt  # only here: the Qt namespace is slow to load

        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def remember(window: QWidget) -> None:
    """Keep size, position and maximised state for the next start."""
    QSettings().setValue(GEOMETRY_KEY, window.saveGeometry())
