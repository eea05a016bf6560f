"""The app tests use the same Qt fixtures as the UI tests."""

from __future__ import annotations

from tests.ui.conftest import no_unexpected_dialogs, temp_qsettings, window

__all__ = ["no_unexpected_dialogs", "temp_qsettings", "window"]
