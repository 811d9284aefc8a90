"""The three ways to not answer a question, offered on every question.

"Prefer not to say", "Don't know" and "Skip" are recorded as distinct codes
(never as a blank), so analysts can tell a refusal from a gap. Pressing the
chosen one again takes the decline back.
"""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from desktop_app.core.forms.answers import DECLINE_CODES

BUTTON_TEXT = {"prefer_not_to_say": "Prefer not to say", "dont_know": "Don't know", "skipped": "Skip"}


class DeclineBar(QWidget):
    chosen = Signal(str)  # a decline code, or "" when the decline is taken back

    def __init__(self, question: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.buttons: dict[str, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for code in DECLINE_CODES:
            button = QPushButton(BUTTON_TEXT[code])
            button.setProperty("role", "decline")
            button.setCheckable(True)
            # Space presses it; Enter still turns the page, so "decline, then Enter" moves on
            # instead of taking the decline straight back.
            button.setAutoDefault(False)
            button.setAccessibleName(BUTTON_TEXT[code])
            button.setAccessibleDescription(f"Record that this question was not answered: {question}")
            button.clicked.connect(lambda checked, c=code: self.chosen.emit(c if checked else ""))
            layout.addWidget(button)
            self.buttons[code] = button
        layout.addStretch(1)

    def show_code(self, code: str | None) -> None:
        for name, button in self.buttons.items():
            button.setChecked(name == code)
