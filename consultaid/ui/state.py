"""The one UI-side holder of the current consultation: pages edit it, everyone hears ``changed``.

The :class:`Consultation` itself stays a plain dataclass; this small QObject only owns the
current value, remembers whether it has unsaved changes, and tells the pages when it changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from consultaid.domain.consultation import Consultation


class ConsultationState(QObject):
    """Holds the consultation being edited; pages call :meth:`edit`, views listen to ``changed``."""

    changed = Signal()
    """The consultation's content changed (by an edit or by loading another one)."""
    replaced = Signal()
    """A different consultation was loaded or started; pages must refill their fields."""
    dirty_changed = Signal(bool)
    edited = Signal()
    """The user changed the consultation (not emitted when another one is loaded)."""

    def __init__(self, consultation: Consultation | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._consultation = consultation or Consultation()
        self._dirty = False
        self.path: Path | None = None
        self.derive: Callable[[Consultation], None] | None = None
        """Fills fields the user does not type (the signed review's mirror), after every edit
        or replacement and before anyone hears of it."""

    @property
    def consultation(self) -> Consultation:
        return self._consultation

    @property
    def dirty(self) -> bool:
        return self._dirty

    def edit(self, change: Callable[[Consultation], None]) -> None:
        """Apply ``change`` to the consultation, mark it unsaved and announce it."""
        change(self._consultation)
        if self.derive is not None:
            self.derive(self._consultation)
        self._set_dirty(True)
        self.changed.emit()
        self.edited.emit()

    def replace(self, consultation: Consultation, path: Path | None = None) -> None:
        """Start working on another consultation (new or opened); it counts as saved."""
        self._consultation = consultation
        self.path = path
        if self.derive is not None:
            self.derive(consultation)
        self._set_dirty(False)
        self.replaced.emit()
        self.changed.emit()

    def rederive(self) -> None:
        """Fill the derived fields again (the signed review changed) and announce it."""
        if self.derive is not None:
            self.derive(self._consultation)
        self.changed.emit()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self._set_dirty(False)

    def mark_clean(self) -> None:
        """The changes are kept elsewhere (the records database); the file path stays."""
        self._set_dirty(False)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
