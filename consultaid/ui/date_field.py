"""One date field for every date in the app: type it, leave it blank, or pick it from a calendar.

A ``QDateEdit`` with a "not given" special value could not be typed into (``1961-03-15`` became
``not given9610315``), kept Tab inside its sections and lost what was typed on leaving. This field
is a plain line edit: it takes ``YYYY-MM-DD`` or the locale's short date (``3/15/61`` in the US),
may be left blank (unless a date is required), moves on with Tab like any text field, says in
words when the text is not a date and keeps the text so it can be corrected. Alt+Down (or F4,
or the button) opens a calendar at the date shown, or at a sensible start (today; fifty years
ago for a date of birth).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QPoint, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from consultaid.domain.dates import parse_iso_date, two_digit_year_base
from consultaid.ui import wheel_guard
from consultaid.ui.live_text import LiveLabel
from consultaid.ui.style import named

EARLIEST = dt.date(1900, 1, 1)


def today() -> dt.date:
    return dt.date.today()


def fifty_years_ago() -> dt.date:
    """Where a birth-date calendar opens: most patients seen are middle-aged or older."""
    now = today()
    return now.replace(year=now.year - 50, day=min(now.day, 28))


def _lenient(fmt: str) -> list[str]:
    """The locale's short date format, also with one-digit day/month and a four-digit year."""
    loose = fmt.replace("dd", "d").replace("MM", "M")
    found = [fmt, loose]
    if "yyyy" not in fmt:
        found += [fmt.replace("yy", "yyyy"), loose.replace("yy", "yyyy")]
    return list(dict.fromkeys(found))


def parse_typed_date(text: str, locale: QLocale | None = None) -> dt.date | None:
    """``YYYY-MM-DD`` or the locale's short date; None when ``text`` is not a date."""
    found = parse_iso_date(text)
    if found is not None:
        return found
    locale = locale or QLocale()
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)
    for fmt in _lenient(short):
        qdate = locale.toDate(text.strip(), fmt, two_digit_year_base())
        if qdate.isValid():
            return dt.date(qdate.year(), qdate.month(), qdate.day())
    return None


def short_example(locale: QLocale | None = None) -> str:
    """The locale's way to write 15 March 1961, unless it is the ISO form anyway."""
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:
        return ""  # no national convention to follow
    example = locale.toString(QDate(1961, 3, 15), QLocale.FormatType.ShortFormat)
    return "" if example in ("", "1961-03-15") else example


class _CalendarPopup(QFrame):
    """The calendar in a popup under the field (Escape or a click elsewhere closes it)."""

    picked = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setMinimumDate(QDate(EARLIEST.year, EARLIEST.month, EARLIEST.day))
        self.calendar.setAccessibleName(self.tr("Calendar"))
        # The year is typed, not reached by clicking through the years (issue 26.11: 1961 took
        # 15 clicks). Enter goes on to the days.
        year_row = QHBoxLayout()
        self.year = QSpinBox()
        self.year.setRange(EARLIEST.year, today().year + 1)
        self.year.setAccessibleName(self.tr("Year"))
        self.year.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        wheel_guard.wheel_when_focused(self.year)  # it only turns the calendar's pages
        year_label = QLabel(self.tr("&Year:"))
        year_label.setBuddy(self.year)
        year_row.addWidget(year_label)
        year_row.addWidget(self.year)
        year_row.addStretch(1)
        layout.addLayout(year_row)
        layout.addWidget(self.calendar)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)
        self.calendar.currentPageChanged.connect(self._page_shown)
        self.year.valueChanged.connect(self._year_typed)
        self.year.editingFinished.connect(self.calendar.setFocus)

    def _year_typed(self, year: int) -> None:
        if len(self.year.cleanText()) != 4:  # not while "19" of "1961" is being typed
            return
        chosen = self.calendar.selectedDate()
        same_day = QDate(year, chosen.month(), 1)
        same_day = same_day.addDays(min(chosen.day(), same_day.daysInMonth()) - 1)
        self.calendar.setSelectedDate(same_day)  # Enter in the calendar takes it; arrows move
        self.calendar.setCurrentPage(year, chosen.month())

    def _page_shown(self, year: int, _month: int) -> None:
        if self.year.value() != year:
            with QSignalBlocker(self.year):
                self.year.setValue(year)

    def open_at(self, start: dt.date, below: QWidget) -> None:
        qdate = QDate(start.year, start.month, start.day)
        self.calendar.setSelectedDate(qdate)
        self.calendar.setCurrentPage(qdate.year(), qdate.month())
        self.adjustSize()
        self.move(below.mapToGlobal(QPoint(0, below.height())))
        with QSignalBlocker(self.year):
            self.year.setValue(qdate.year())
        self.show()
        self.year.setFocus()  # type the year, Enter, then the arrows or a click pick the day
        self.year.selectAll()

    def _pick(self, qdate: QDate) -> None:
        self.hide()
        self.picked.emit(dt.date(qdate.year(), qdate.month(), qdate.day()))


class DateField(QWidget):
    """A typed date with an inline problem message and a calendar; see the module docstring."""

    dateChanged = Signal(object)
    """The date now given (``datetime.date``), or None when left blank."""

    def __init__(self, name: str, required: bool = False, blank_text: str = "",
                 calendar_start: Callable[[], dt.date] = today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.required = required
        self.calendar_start = calendar_start
        self._value: dt.date | None = None
        self._invalid = ""
        """Text typed that is not a date (kept on screen with its message)."""
        self._note = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(row)
        self.line = QLineEdit()
        self.hint = self.tr("YYYY-MM-DD")
        """How a date is typed (the order is always year, month, day; only the letters are
        translated)."""
        blank_text = blank_text or self.tr("not given")
        self.line.setPlaceholderText(self.hint)
        self.line.setToolTip(self.hint if required else self.tr(
                "{hint}; leave empty: {blank_text}").format(hint=self.hint, blank_text=blank_text))
        metrics = self.line.fontMetrics()
        self.line.setMinimumWidth(metrics.horizontalAdvance(f"{self.hint}  ") + metrics.height())
        self.line.setMaximumWidth(metrics.horizontalAdvance(f"{self.hint}    ") + metrics.height())
        self.button = QToolButton()
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip(self.tr("Choose from a calendar (Alt+Down)"))
        self.button.setAccessibleName(self.tr("{name}: choose from a calendar").format(name=name))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes on to the next field
        row.addWidget(self.line)
        row.addWidget(self.button)
        row.addStretch(1)
        self.error = LiveLabel(self.tr("{name}: problem").format(name=name))
        named(self.error, "inlineError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        outer.addWidget(self.error)
        self.setFocusProxy(self.line)
        self.popup: _CalendarPopup | None = None
        self.setAccessibleName(name)
        self.line.setAccessibleDescription(self._hint())
        self.line.textEdited.connect(self._typed)
        self.line.editingFinished.connect(self._finished)
        self.button.clicked.connect(self.open_calendar)
        self.line.installEventFilter(self)

    # Qt-style names so callers treat it like other fields -----------------------------------
    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    def value(self) -> dt.date | None:
        """The last valid date (None: blank, or nothing valid typed yet)."""
        return self._value

    def problem(self) -> str:
        return self.error.text() if self.error.isVisible() else ""

    def set_value(self, value: dt.date | None) -> None:
        """Show ``value`` from the model without emitting ``dateChanged``.

        Text that is not a date stays on screen while the model still holds what the field
        last gave it: that is the echo of the user's own typing, not a new value.
        """
        if value == self._value:
            return  # the echo of this field's own edit: the text (valid or not) stays
        self._invalid = ""
        self._value = value
        shown = "" if value is None else value.isoformat()
        if self.line.text() != shown:
            self.line.setText(shown)
        self._show_problem()

    def forget_typing(self) -> None:
        """Drop text that was not a date (another consultation was loaded)."""
        self._invalid = ""
        shown = "" if self._value is None else self._value.isoformat()
        if self.line.text() != shown:
            self.line.setText(shown)
        self._show_problem()

    def check(self) -> str:
        """Show and return the problem with what is typed ("" when it is a date or blank)."""
        if self._invalid:
            self._show_problem(leaving=True)
            return self._invalid_message()
        return ""

    def set_note(self, note: str) -> None:
        """A warning about a valid date (e.g. a birth date after the visit)."""
        self._note = note
        self._show_problem()

    # Typing ---------------------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        found = parse_typed_date(text) if text.strip() else None
        if not text.strip() and not self.required:
            self._invalid = ""
            self._accept(None)
        elif found is not None and found >= EARLIEST:
            self._invalid = ""
            self._accept(found)
        else:
            self._invalid = text or " "  # told on leaving the field, not at every keystroke
            if self._value is not None and not self.required:
                self._value = None  # an unreadable date is not kept as the old one
                self.dateChanged.emit(None)
            if self.error.isVisible():
                self._show_problem(leaving=True)

    def _accept(self, value: dt.date | None) -> None:
        changed = value != self._value
        self._value = value
        self._show_problem()
        if changed:
            self.dateChanged.emit(value)

    def _finished(self) -> None:
        if self._invalid:
            self._show_problem(leaving=True)
            return
        if self._value is not None and self.line.text() != self._value.isoformat():
            self.line.setText(self._value.isoformat())  # shows how a short date was read
        self._show_problem()

    def _show_problem(self, leaving: bool = False) -> None:
        message = self._note
        if self._invalid and leaving:
            message = self._invalid_message()
        self.error.setText(f"⚠ {message}" if message else "")
        self.error.setVisible(bool(message))
        self.line.setAccessibleDescription(message or self._hint())

    def _invalid_message(self) -> str:
        typed = self._invalid.strip()
        kept = (self.tr(" The {field} stays {date} until then.").format(
                field=self.name.lower(), date=self._value.isoformat())
                if self.required and self._value is not None else "")
        if not typed:
            return self.tr("The {field} is needed: type it as {hint}.{kept}").format(
                    field=self.name.lower(), hint=self.hint, kept=kept)
        if _looks_iso(typed):
            return self.tr("“{typed}” is not a date on the calendar: check the month and the "
                    "day.{kept}").format(typed=typed, kept=kept)
        example = short_example()
        also = self.tr(" (or {example})").format(example=example) if example else ""
        return (self.tr("“{typed}” is not a date. Type it as {hint}{also}, for example "
                "1961-03-15.{kept}").format(typed=typed, hint=self.hint, also=also, kept=kept))

    def _hint(self) -> str:
        example = short_example()
        also = self.tr(" or {example}").format(example=example) if example else ""
        empty = "" if self.required else self.tr(", or leave it empty")
        return self.tr(
                "Type the date as {hint}{also}{empty}. Alt+Down opens a calendar.").format(
                hint=self.hint, also=also, empty=empty)

    # Calendar -------------------------------------------------------------------------------
    def open_calendar(self) -> None:
        if self.popup is None:
            self.popup = _CalendarPopup(self)
            self.popup.picked.connect(self._picked)
        self.popup.open_at(self._value or self.calendar_start(), self.line)

    def _picked(self, value: dt.date) -> None:
        self._invalid = ""
        self.line.setText(value.isoformat())
        self.line.window().activateWindow()  # the keyboard comes back from the calendar
        self.line.setFocus()
        self._accept(value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = (event.key() == Qt.Key.Key_Down
                        and event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return False


def _looks_iso(text: str) -> bool:
    parts = text.strip().replace("/", "-").split("-")
    return len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4
