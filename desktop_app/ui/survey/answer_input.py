"""What every answer widget offers the question card, whatever the question type.

A card never needs to know how a date or a ranking is entered: it hears
`edited` with the value to store, tells the widget which stored value to
show, and passes on the accessible name and description (label, hint, error)
so a screen reader says the same as the screen.
"""

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


class AnswerInput(QWidget):
    edited = Signal(object)  # the person changed the answer: the value to store ("" for blank)
    committed = Signal()  # the person finished with the field (left it, or pressed Enter)

    def show_value(self, value: Any) -> None:
        """Display a stored value without emitting `edited`; declined and blank values show as empty."""
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        """The widget that takes the keyboard focus when the question is shown."""
        return self

    def focus_widgets(self) -> list[QWidget]:
        """Every widget a keyboard user can land on, to name them for screen readers."""
        return [self.focus_target()]

    def describe(self, name: str, description: str) -> None:
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)
        for widget in self.focus_widgets():
            if not widget.accessibleName() or widget.property("named_by_question"):
                widget.setAccessibleName(name)
                widget.setProperty("named_by_question", True)
            widget.setAccessibleDescription(description)

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """Selects only: the options to offer now (a choice filter may have narrowed them)."""

    def wipe(self) -> None:
        """Forget anything typed (quick exit, lock): blank the widget without emitting."""
        self.show_value("")


def blank_if_declined(value: Any) -> Any:
    """Declines are shown by the card, not inside the widget."""
    return "" if isinstance(value, dict) else value
