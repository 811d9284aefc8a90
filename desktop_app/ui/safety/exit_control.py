"""The quick-exit control: a red button in the same top-right place on every screen, with three dots.

The dots fill as Shift is pressed (GOV.UK's indicator), and the same
progress is announced to screen readers, since they cannot see dots.
The unlock window shows a plain button with the same words; it reads them
from here before it is shown, hence no `Qt` enums or accessibility classes
at the top (PySide builds those on first use, at a cost).
"""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.ui.safety.triple_shift import PRESSES_TO_EXIT
from desktop_app.ui.style import exit_control_rules, set_role

BUTTON_TEXT = "Exit"
ACCESSIBLE_NAME = "Quick exit"
DESCRIPTION = "Hides Fieldbook at once, saves what was typed and locks it. Shortcut: press Shift three times."


def progress_text(remaining: int) -> str:
    times = "time" if remaining == 1 else "times"
    return f"Quick exit: press Shift {remaining} more {times} to exit."


class ExitControl(QWidget):
    clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.setStyleSheet(exit_control_rules())
        self.button = QPushButton(BUTTON_TEXT)
        set_role(self.button, "exit")
        self.button.setAccessibleName(ACCESSIBLE_NAME)
        self.button.setAccessibleDescription(DESCRIPTION)
        self.button.setToolTip(DESCRIPTION)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.clicked.connect(self.clicked)
        self.dots = [QLabel() for _ in range(PRESSES_TO_EXIT)]
        for dot in self.dots:
            set_role(dot, "exit-dot")
        self.status = ""  # what was last announced

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(5)
        for dot in self.dots:
            row.addWidget(dot, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addSpacing(6)
        row.addWidget(self.button)
        self.show_progress(PRESSES_TO_EXIT, announce=False)

    def show_progress(self, remaining: int, announce: bool = True) -> None:
        """Fill one dot per counted Shift press and say how many remain."""
        pressed = PRESSES_TO_EXIT - remaining
        for number, dot in enumerate(self.dots):
            role = "exit-dot-on" if number < pressed else "exit-dot"
            if dot.property("role") != role:
                set_role(dot, role)
        if pressed:
            self._say(progress_text(remaining), announce)
        else:
            self._say("", announce=False)

    def reset(self, timed_out: bool) -> None:
        """The sequence was dropped: empty the dots, and say so if it ran out of time."""
        self.show_progress(PRESSES_TO_EXIT, announce=False)
        if timed_out:
            self._say("Quick exit timed out.", announce=True)

    def filled_dots(self) -> int:
        return sum(dot.property("role") == "exit-dot-on" for dot in self.dots)

    def _say(self, text: str, announce: bool) -> None:
        self.status = text
        self.button.setAccessibleDescription(f"{text} {DESCRIPTION}".strip())
        if announce and text:
            from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.button, text))
