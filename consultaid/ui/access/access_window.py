"""What the access controller asks of the window, and nothing more (issue 27).

The controller signs people in and out and locks the screen; doing that, it changes what the
window shows. It sees the window only through this typed view, so it cannot reach into the
pages, and the window module is not imported by it (the window builds the controller).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QStackedWidget, QStatusBar, QWidget

    from consultaid.domain.consultation import Consultation
    from consultaid.records.service import RecordsService
    from consultaid.session.access import Access
    from consultaid.ui.live_text import LiveLabel
    from consultaid.ui.messages import MessageBar
    from consultaid.ui.records.records_page import RecordsPage


class AccessWindow(Protocol):
    """The window as the access controller sees it."""

    @property
    def root(self) -> QStackedWidget:
        """Which of the access page, the wizard or the records page is shown."""
        ...

    @property
    def wizard(self) -> QWidget: ...

    @property
    def records_page(self) -> RecordsPage | None: ...

    @property
    def user_label(self) -> LiveLabel: ...

    @property
    def message_bar(self) -> MessageBar: ...

    def statusBar(self) -> QStatusBar: ...

    def dialogs(self) -> list[QDialog]:
        """The dialogs the window has open (hidden while the screen is locked)."""
        ...

    def access(self) -> Access: ...

    def apply_access(self) -> None: ...

    def update_title(self) -> None: ...

    def show_message(self, text: str, error: bool = False, source: str = "",
                     lasting: bool = False) -> None: ...

    def show_transport_warning(self, text: str) -> None: ...

    def add_records_page(self, service: RecordsService) -> None: ...

    def show_wizard(self) -> None: ...

    def show_records(self) -> None: ...

    def open_pending(self) -> None: ...

    def new_consultation_value(self) -> Consultation: ...

    def go_to(self, index: int) -> None: ...

    def focus_next_patient(self) -> None:
        """On the first step with no patient yet: the cursor in the patient's name."""
        ...
