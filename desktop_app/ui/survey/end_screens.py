"""The screens around the questions: asking before stopping, and the receipt code.

Both are pages inside the survey view rather than dialogs, so that quick
exit, idle lock and screen readers meet one window with one thing on it.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui.style import set_role
from desktop_app.ui.survey.column import centred

STOP_TEXT = (
    "The answers so far are kept as an encrypted draft on this laptop, so the survey can carry on later "
    "from the home screen. If the person would rather nothing is kept, discard the answers instead."
)


def _centred(content: QVBoxLayout, owner: QWidget) -> None:
    set_role(owner, "survey-page")
    owner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    column = QWidget()
    column.setLayout(content)
    content.addStretch(1)
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(centred(column, 680, (32, 48, 32, 32)))


def _text(text: str, role: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    set_role(label, role)
    return label


class StopScreen(QWidget):
    keep_requested = Signal()
    discard_requested = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.keep = QPushButton("Keep the draft and stop")
        set_role(self.keep, "primary")
        self.discard = QPushButton("Discard the answers and stop")
        self.back = QPushButton("Go back to the survey")
        for button, signal in ((self.keep, self.keep_requested), (self.discard, self.discard_requested), (self.back, self.cancelled)):
            button.setAutoDefault(True)
            button.clicked.connect(signal)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addWidget(self.keep)
        buttons.addWidget(self.discard)
        buttons.addStretch(1)
        content = QVBoxLayout()
        content.setSpacing(16)
        content.addWidget(_text("Stop this survey?", "heading"))
        content.addWidget(_text(STOP_TEXT, "lead"))
        content.addSpacing(8)
        content.addLayout(buttons)
        content.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        _centred(content, self)

    def focus_default(self) -> None:
        self.keep.setFocus(Qt.FocusReason.OtherFocusReason)


class ReceiptScreen(QWidget):
    """The receipt code, big enough to copy down, and nothing else that could identify the response."""

    done = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.code = QLabel()
        set_role(self.code, "receipt-code")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)  # nothing to copy to a clipboard
        self.next = QPushButton("Continue")
        set_role(self.next, "primary")
        self.next.setAutoDefault(True)
        self.next.clicked.connect(self.done)
        content = QVBoxLayout()
        content.setSpacing(16)
        content.addWidget(_text("Thank you. The answers are saved.", "heading"))
        content.addWidget(_text("Your receipt code:", "lead"))
        content.addWidget(self.code, 0, Qt.AlignmentFlag.AlignLeft)
        content.addWidget(_text(
            "Keep it to withdraw your answers later. It is shown only once: write it down now, "
            "and keep it somewhere safe.", "lead"))
        content.addSpacing(8)
        content.addWidget(self.next, 0, Qt.AlignmentFlag.AlignLeft)
        _centred(content, self)

    def show_code(self, code: str) -> None:
        self.code.setText(code)
        self.code.setAccessibleName(f"Your receipt code: {' '.join(code)}")  # read out one character at a time
        self.setAccessibleDescription("Keep it to withdraw your answers later.")

    def wipe(self) -> None:
        self.code.clear()
        self.code.setAccessibleName("")
