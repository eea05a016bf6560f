"""Every menu, action and shortcut of the window, and which are enabled (from one table).

The window passes the slots; :meth:`WindowActions.apply` switches actions on and off from the
:class:`~consultaid.session.access.Permissions` of whoever is at the screen. (A disabled menu bar
alone would still leave the actions' shortcuts working, so each action is switched itself.)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from consultaid.session.access import Permissions
from consultaid.ui.translation import translate

Slot = Callable[[], object]


class WindowActions:
    """Builds the File and Help menus of ``window``; ``slots`` maps an action's name to its slot."""

    def __init__(self, window: QMainWindow, slots: dict[str, Slot]) -> None:
        self.window = window
        bar = window.menuBar()
        file_menu = bar.addMenu(translate("Menu", "&File"))
        add = self._adder(file_menu, slots)
        self.new_action = add("new", translate("Menu", "&New"), QKeySequence.StandardKey.New)
        self.open_action = add("open", translate("Menu", "&Open…"), QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu(translate("Menu", "Open &Recent"))
        file_menu.addSeparator()
        self.save_action = add("save", translate("Menu", "&Save"), QKeySequence.StandardKey.Save)
        self.save_as_action = add("save_as", translate("Menu", "Save &As…"),
                                  QKeySequence.StandardKey.SaveAs)
        file_menu.addSeparator()
        self.import_action = add("import", translate("Menu", "&Import JSON…"), None)
        self.export_action = add("export", translate("Menu", "&Export JSON…"), None)
        self.health_record_action = add("health_record",
                                        translate("Menu", "Export for the &health record…"), None)
        file_menu.addSeparator()
        self.records_action = add("records", translate("Menu", "Recor&ds…"), QKeySequence("Ctrl+R"))
        self.waiting_action = add("waiting", translate("Menu", "&Waiting for my review…"), None)
        self.accounts_action = add("accounts", translate("Menu", "A&ccounts…"), None)
        self.change_pin_action = add("change_pin", translate("Menu", "Change my &PIN…"), None)
        file_menu.addSeparator()
        self.settings_action = add("settings", translate("Menu", "Se&ttings…"),
                                   QKeySequence.StandardKey.Preferences)
        file_menu.addSeparator()
        self.lock_action = add("lock", translate("Menu", "&Lock now"), QKeySequence("Ctrl+L"))
        self.sign_out_action = add("sign_out", translate("Menu", "Sign o&ut"), None)
        add("quit", translate("Menu", "&Quit"), QKeySequence("Ctrl+Q"))
        help_add = self._adder(bar.addMenu(translate("Menu", "&Help")), slots)
        help_add("shortcuts", translate("Menu", "&Keyboard shortcuts"),
                 QKeySequence.StandardKey.HelpContents)
        help_add("about", translate("Menu", "&About consultaid"), None)
        self.editing = (self.new_action, self.open_action, self.save_action,
                        self.save_as_action, self.import_action, self.export_action,
                        self.settings_action)

    def _adder(self, menu: QMenu, slots: dict[str, Slot]) -> Callable[..., QAction]:
        def add(key: str, text: str, shortcut: object) -> QAction:
            action = QAction(text, self.window)
            if shortcut is not None:
                action.setShortcut(shortcut)  # type: ignore[call-overload]
            action.triggered.connect(slots[key])
            menu.addAction(action)
            return action
        return add

    def apply(self, permissions: Permissions, menus: bool) -> None:
        """Enable exactly what ``permissions`` allow; ``menus``: the menu bar can be opened."""
        for action in self.editing:
            action.setEnabled(permissions.edit_consultation)
        self.recent_menu.setEnabled(permissions.edit_consultation)
        self.records_action.setEnabled(permissions.open_records)
        self.health_record_action.setEnabled(permissions.open_records)  # front desk: handouts
        self.waiting_action.setEnabled(permissions.review_others)
        self.accounts_action.setEnabled(permissions.manage_accounts)
        self.change_pin_action.setEnabled(permissions.change_own_pin)
        self.lock_action.setEnabled(permissions.lock)
        self.sign_out_action.setEnabled(permissions.sign_out)
        self.window.menuBar().setEnabled(menus)
