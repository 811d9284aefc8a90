"""Dates (a date field with a calendar pop-up, blank until answered), times, and both together.

QDateEdit cannot be empty, so "not answered" is its minimum date shown as
words; the first arrow key or digit starts from today, and the calendar
opens on today's month rather than the sentinel's. Times are typed as HH:MM
(a time field has no spare value to mean blank, and typing is quicker).
"""

import re
from typing import Any

from PySide6.QtCore import QDate, QRegularExpression, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLineEdit, QWidget

from desktop_app.ui.survey.answer_input import AnswerInput, blank_if_declined
from desktop_app.ui.survey.text_input import PRIVATE_INPUT

NOT_ANSWERED = QDate(1752, 9, 14)  # QDateEdit's own lower bound: never a real answer
TIME_CHARACTERS = QRegularExpression(r"([01]?\d|2[0-3])?(:[0-5]?\d?)?")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


class BlankableDateEdit(QDateEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setMinimumDate(NOT_ANSWERED)
        self.setSpecialValueText("Not answered")
        self.setDate(NOT_ANSWERED)
        self.setMinimumWidth(190)
        self.setInputMethodHints(PRIVATE_INPUT)

    def is_blank(self) -> bool:
        return self.date() == NOT_ANSWERED

    def iso(self) -> str:
        return "" if self.is_blank() else self.date().toString(Qt.DateFormat.ISODate)

    def stepBy(self, steps: int) -> None:
        if self.is_blank():
            self.setDate(QDate.currentDate())
            return
        super().stepBy(steps)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.is_blank() and event.text().isdigit():
            self.setDate(QDate.currentDate())
            self.setSelectedSection(QDateEdit.Section.DaySection)
        super().keyPressEvent(event)
        self._calendar_on_today()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        self._calendar_on_today()

    def _calendar_on_today(self) -> None:
        """Once the pop-up is open on a blank field, move it to today's month (without choosing)."""
        if self.is_blank() and self.calendarPopup():
            calendar = self.calendarWidget()
            if calendar.isVisible():
                calendar.blockSignals(True)
                calendar.setSelectedDate(QDate.currentDate())
                calendar.blockSignals(False)


class DateInput(AnswerInput):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = BlankableDateEdit()
        self.edit.dateChanged.connect(lambda _date: self.edited.emit(self.edit.iso()))
        self.edit.editingFinished.connect(self.committed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addStretch(1)

    def show_value(self, value: Any) -> None:
        value = blank_if_declined(value)
        date = QDate.fromString(str(value)[:10], Qt.DateFormat.ISODate) if value else NOT_ANSWERED
        self.edit.blockSignals(True)
        self.edit.setDate(date if date.isValid() else NOT_ANSWERED)
        self.edit.blockSignals(False)

    def focus_target(self) -> QWidget:
        return self.edit


def time_from_text(text: str) -> str:
    """"9:05" becomes "09:05"; anything else is kept as typed, for the form to say what is wrong."""
    match = _TIME.match(text.strip())
    if match and int(match[1]) < 24:
        return f"{int(match[1]):02d}:{match[2]}"
    return text.strip()


def _time_line() -> QLineEdit:
    line = QLineEdit()
    line.setPlaceholderText("HH:MM")
    line.setValidator(QRegularExpressionValidator(TIME_CHARACTERS, line))
    line.setInputMethodHints(PRIVATE_INPUT)
    line.setMaximumWidth(120)
    return line


class TimeInput(AnswerInput):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.line = _time_line()
        self.line.textEdited.connect(lambda text: self.edited.emit(time_from_text(text)))
        self.line.editingFinished.connect(self.committed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        layout.addStretch(1)

    def show_value(self, value: Any) -> None:
        value = blank_if_declined(value)
        self.line.setText(str(value)[:5] if value else "")

    def focus_target(self) -> QWidget:
        return self.line


class DateTimeInput(AnswerInput):
    """A date and a time side by side; stored together once both are given."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = BlankableDateEdit()
        self.edit.setAccessibleName("Date")
        self.line = _time_line()
        self.line.setAccessibleName("Time")
        self.edit.dateChanged.connect(lambda _date: self.edited.emit(self.value()))
        self.line.textEdited.connect(lambda _text: self.edited.emit(self.value()))
        self.edit.editingFinished.connect(self.committed)
        self.line.editingFinished.connect(self.committed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.edit)
        layout.addWidget(self.line)
        layout.addStretch(1)

    def value(self) -> str:
        date, time = self.edit.iso(), time_from_text(self.line.text())
        return f"{date}T{time}" if date or time else ""

    def show_value(self, value: Any) -> None:
        value = str(blank_if_declined(value) or "")
        date, _, time = value.partition("T")
        self.edit.blockSignals(True)
        parsed = QDate.fromString(date, Qt.DateFormat.ISODate)
        self.edit.setDate(parsed if parsed.isValid() else NOT_ANSWERED)
        self.edit.blockSignals(False)
        self.line.setText(time[:5])

    def focus_target(self) -> QWidget:
        return self.edit

    def focus_widgets(self) -> list[QWidget]:
        return [self.edit, self.line]

    def describe(self, name: str, description: str) -> None:
        super().describe(name, description)
        self.edit.setAccessibleName(f"{name}: date")
        self.line.setAccessibleName(f"{name}: time")
