"""Shown once, after the first unlock: how to leave the screen in a hurry, and what happens to the answers.

The GOV.UK pattern asks for this first-use explanation. On a worker's
laptop the answers are kept (saved encrypted, then locked), unlike a website
that throws them away, so the screen says that too.
"""

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.identity import set_neutral_title
from desktop_app.ui.safety.exit_control import ExitControl
from desktop_app.ui.style import set_role

HEADING = "If you need to hide the screen quickly"


def explanation(idle_minutes: int, decoy: bool) -> list[str]:
    lines = [
        ("Press the red <b>Exit</b> button at the top right of every screen, "
         "or press <b>Shift</b> three times on its own (each press within 5 seconds of the last)."),
        ("Fieldbook disappears at once. Everything typed so far is saved, encrypted, on this laptop, "
         "then Fieldbook locks. Nothing is thrown away: unlock again and carry on where you left off."),
        "Anything you copied is cleared from the clipboard.",
    ]
    if decoy:
        lines.append("A plain notes page appears in Fieldbook's place; choose <b>Sign in</b> on it to come back.")
    if idle_minutes:
        lines.append(f"Fieldbook also locks itself after {idle_minutes} minutes without use, and when the laptop sleeps.")
    return lines


class QuickExitIntro(QDialog):
    def __init__(self, idle_minutes: int, decoy: bool, parent: QWidget | None = None):
        super().__init__(parent)
        set_neutral_title(self)
        self.setModal(True)
        heading = QLabel(HEADING)
        set_role(heading, "subheading")
        sample = ExitControl()
        sample.button.setEnabled(False)  # a picture of the control, not a second way out
        sample.setAccessibleName("How the quick exit button looks")
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(heading)
        self.points: list[QLabel] = []
        for number, text in enumerate(explanation(idle_minutes, decoy)):
            label = QLabel(text)
            label.setWordWrap(True)
            label.setMinimumWidth(500)
            layout.addWidget(label)
            self.points.append(label)
            if number == 0:
                picture = QHBoxLayout()
                picture.addWidget(sample)
                picture.addStretch(1)  # the control as big as it is in the header
                layout.addLayout(picture)
        self.ok_button = QPushButton("I understand")
        set_role(self.ok_button, "primary")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        layout.addSpacing(6)
        layout.addLayout(buttons)

    def text(self) -> str:
        return " ".join(label.text() for label in self.points)
