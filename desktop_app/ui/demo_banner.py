"""The demo workspace's notice on the unlock window: the data is made up, and here is how to get in.

Printing a passphrase on screen is only right because the demo vault holds
nothing real and is deleted when the app closes (`fieldbook gui --demo`).
"""

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from desktop_app.core.demo import DEMO_PASSPHRASE, DEMO_USER
from desktop_app.ui.style import set_role
from desktop_app.ui.unlock_window import UnlockWindow

HEADING = "Demo workspace — made-up data"
TEXT = "Nothing here is real, and all of it is deleted when Fieldbook closes. Sign in with:"


class DemoBanner(QFrame):
    def __init__(self, window: UnlockWindow):
        super().__init__(window)
        set_role(self, "demo-banner")
        self.setFixedWidth(440)
        self._window = window
        heading = QLabel(HEADING)
        set_role(heading, "subheading")
        text = QLabel(TEXT)
        text.setWordWrap(True)
        self.credentials = QLabel(f"Account: {DEMO_USER}\nPassphrase: {DEMO_PASSPHRASE}")
        set_role(self.credentials, "code")
        self.credentials.setAccessibleName(f"Account {DEMO_USER}, passphrase {DEMO_PASSPHRASE}")
        self.fill_button = QPushButton("Fill these in")
        self.fill_button.clicked.connect(self.fill_in)
        self.credentials.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.fill_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 16, 22, 18)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addWidget(self.credentials)
        layout.addLayout(row)

    def text(self) -> str:
        return f"{HEADING} {TEXT} {self.credentials.text()}"

    def fill_in(self) -> None:
        self._window.name.setText(DEMO_USER)
        self._window.passphrase.setText(DEMO_PASSPHRASE)
        self._window.unlock_button.setFocus()
