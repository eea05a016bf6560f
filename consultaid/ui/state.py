"""The one UI-side holder of the current consultation: pages edit it, everyone hears ``changed``.

The :class:`Consultation` itself stays a plain dataclass; this small QObject only owns the
current value, remembers whether it has unsaved changes and its record's status, works out the
:class:`~consultaid.session.overview.Overview` once per change, and tells the pages when it
changed. Views read :attr:`ConsultationState.overview`; none works out a verdict itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from consultaid.content.pack import ContentPack
from consultaid.domain.consultation import Consultation
from consultaid.session.overview import Overview, overview
from consultaid.session.steps import Step


class ConsultationState(QObject):
    """Holds the consultation being edited; pages call :meth:`edit`, views listen to ``changed``."""

    changed = Signal()
    """The consultation's content changed (by an edit or by loading another one)."""
    replaced = Signal()
    """A different consultation was loaded or started; pages must refill their fields."""
    dirty_changed = Signal(bool)
    edited = Signal()
    """The user changed the consultation (not emitted when another one is loaded)."""

    overview_changed = Signal()
    """:attr:`overview` is out of date and worked out again when next read (emitted before
    ``changed``; a view that reads it should refresh)."""

    def __init__(self, consultation: Consultation | None = None,
                 parent: QObject | None = None, pack: ContentPack | None = None) -> None:
        super().__init__(parent)
        self._consultation = consultation or Consultation()
        self._dirty = False
        self.path: Path | None = None
        self.pack = pack
        self._record_status: str | None = None
        self._seen: frozenset[Step] | None = None
        self.jurisdiction: Callable[[], str] = lambda: ""
        """The clinic's jurisdiction now (settings can change it while the window is open)."""
        self._overview: Overview | None = None
        self._replacing = False
        self.derive: Callable[[Consultation], None] | None = None
        """Fills fields the user does not type (the signed review's mirror), after every edit
        or replacement and before anyone hears of it."""

    @property
    def consultation(self) -> Consultation:
        return self._consultation

    @property
    def dirty(self) -> bool:
        return self._dirty

    def read_with(self, pack: ContentPack) -> None:
        """The pack the overview is worked out with (the first page built names it)."""
        if self.pack is None:
            self.pack = pack
            self._overview = None

    @property
    def overview(self) -> Overview:
        """The verdict, items, points, steps and "given" of the consultation on screen."""
        if self._overview is None:
            assert self.pack is not None, "no pack to read the consultation with"
            self._overview = overview(self._consultation, self.pack, self._record_status,
                                      self._seen, self.jurisdiction())
        return self._overview

    @property
    def record_status(self) -> str | None:
        """The consultation's status in the records (None: not stored there)."""
        return self._record_status

    def set_record_status(self, status: str | None) -> None:
        if status != self._record_status:
            self._record_status = status
            self.recompute()

    def set_seen(self, seen: frozenset[Step] | None) -> None:
        """The steps shown for this consultation (a proposed plan is not done unseen)."""
        if seen != self._seen:
            self._seen = seen
            self.recompute()

    def recompute(self) -> None:
        """Work out the overview again (something it reads besides the consultation changed)."""
        self._overview = None
        if self.pack is not None and not self._replacing:
            self.overview_changed.emit()

    def edit(self, change: Callable[[Consultation], None]) -> None:
        """Apply ``change`` to the consultation, mark it unsaved and announce it."""
        change(self._consultation)
        if self.derive is not None:
            self.derive(self._consultation)
        self._set_dirty(True)
        self.recompute()
        self.changed.emit()
        self.edited.emit()

    def replace(self, consultation: Consultation, path: Path | None = None) -> None:
        """Start working on another consultation (new or opened); it counts as saved."""
        self._consultation = consultation
        self.path = path
        if self.derive is not None:
            self.derive(consultation)
        self._set_dirty(False)
        self._overview = None
        self._replacing = True  # (what the replaced handlers set is read once, below)
        try:
            self.replaced.emit()
        finally:
            self._replacing = False
        self.recompute()
        self.changed.emit()

    def rederive(self) -> None:
        """Fill the derived fields again (the signed review changed) and announce it."""
        if self.derive is not None:
            self.derive(self._consultation)
        self.recompute()
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
