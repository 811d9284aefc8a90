"""A plain notes page shown after a quick exit, if the device is set to: nothing on it hints at surveys.

Its notes are fixed, harmless text; whatever is typed here is never stored.
"Sign in" leads to the unlock window.
"""

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.identity import set_neutral_title
from desktop_app.ui.style import set_role

NOTES = {
    "Shopping": "Milk\nBread\nEggs\nTea bags\nWashing-up liquid\nApples\nRice\nBatteries (AA)",
    "Recipes": "Lentil soup\n\n1 onion, 2 carrots, 1 stick of celery\n200 g red lentils\n1 litre stock\n\n"
               "Soften the onion, add the rest, simmer for 25 minutes. Season and blend half.",
    "Garden": "Water the tomatoes every other evening\nCut back the lavender after flowering\nTwo bags of compost\nAsk about the fence panel",
    "Birthdays": "Mum: 14 March\nSam: 2 July\nAunt Jean: 30 October",
}


class DecoyWindow(QWidget):
    sign_in = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("DecoyWindow")
        set_neutral_title(self)
        self.setMinimumSize(720, 480)
        title = QLabel("Notes")
        set_role(title, "subheading")
        self.sign_in_button = QPushButton("Sign in")
        self.sign_in_button.setAccessibleName("Sign in")
        self.sign_in_button.clicked.connect(self.sign_in)

        self.list = QListWidget()
        self.list.setObjectName("DecoyList")
        self.list.setAccessibleName("Notes")
        self.list.setFixedWidth(200)
        self.list.addItems(list(NOTES))
        self.note = QPlainTextEdit()
        self.note.setObjectName("DecoyNote")
        self.note.setAccessibleName("Note")
        self.list.currentTextChanged.connect(lambda name: self.note.setPlainText(NOTES.get(name, "")))
        self.list.setCurrentRow(0)

        top = QHBoxLayout()
        top.setContentsMargins(20, 12, 20, 12)
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.sign_in_button)
        body = QHBoxLayout()
        body.setSpacing(0)
        body.addWidget(self.list)
        body.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addLayout(body, 1)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
