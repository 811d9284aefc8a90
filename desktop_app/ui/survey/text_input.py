"""Typed answers: one line of text, several lines, and numbers.

Typed text never goes to input methods' learning or prediction (someone
else may use the laptop next). Numbers are typed, not spun, so a blank stays
blank; the validator only stops characters that can never make a number,
and the form's own rules say what is allowed, in words, next to the field.
"""

from typing import Any

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from desktop_app.ui.survey.answer_input import AnswerInput, blank_if_declined

PRIVATE_INPUT = Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText

INTEGER_CHARACTERS = QRegularExpression(r"-?\d{0,12}")
DECIMAL_CHARACTERS = QRegularExpression(r"-?\d{0,12}([.,]\d{0,8})?")


class TextInput(AnswerInput):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.line = QLineEdit()
        self.line.setInputMethodHints(PRIVATE_INPUT)
        self.line.textEdited.connect(lambda text: self.edited.emit(self.parse(text)))
        self.line.editingFinished.connect(self.committed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)

    def parse(self, text: str) -> Any:
        return text

    def show_value(self, value: Any) -> None:
        value = blank_if_declined(value)
        text = "" if value in (None, "") else str(value)
        if self.line.text() != text:
            self.line.setText(text)

    def focus_target(self) -> QWidget:
        return self.line


class NumberInput(TextInput):
    """integer and decimal: what was typed, as a number when it reads as one."""

    def __init__(self, decimal: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.decimal = decimal
        pattern = DECIMAL_CHARACTERS if decimal else INTEGER_CHARACTERS
        self.line.setValidator(QRegularExpressionValidator(pattern, self.line))
        self.line.setInputMethodHints(PRIVATE_INPUT | (
            Qt.InputMethodHint.ImhFormattedNumbersOnly if decimal else Qt.InputMethodHint.ImhDigitsOnly))
        self.line.setMaximumWidth(220)

    def parse(self, text: str) -> Any:
        text = text.strip().replace(",", ".")
        if text in ("", "-", ".", "-."):
            return "" if not text else text
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if not self.decimal and number.is_integer() else number


class _Notes(QPlainTextEdit):
    """Enter is a new line here; Ctrl+Enter goes on to the next page (the screen hears it)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.ignore()  # passes up to the question screen
            return
        super().keyPressEvent(event)


class MultilineInput(AnswerInput):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.box = _Notes()
        self.box.setTabChangesFocus(True)  # Tab must leave the field, as everywhere else
        self.box.setInputMethodHints(PRIVATE_INPUT)
        self.box.setMinimumHeight(140)
        self.box.textChanged.connect(self._changed)
        self.box.installEventFilter(self)
        self._showing = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)

    def _changed(self) -> None:
        if not self._showing:
            self.edited.emit(self.box.toPlainText())

    def show_value(self, value: Any) -> None:
        value = blank_if_declined(value)
        text = "" if value in (None, "") else str(value)
        if self.box.toPlainText() != text:
            self._showing = True
            self.box.setPlainText(text)
            self._showing = False

    def focus_target(self) -> QWidget:
        return self.box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.FocusOut:
            self.committed.emit()
        return False
