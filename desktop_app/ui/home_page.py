"""The first thing seen after unlocking: what the vault holds, in three numbers."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.core.vault.vault import Vault

EMPTY_STATE = (
    "Nothing here yet: forms arrive with the project file. "
    "When the project is loaded onto this laptop, its forms appear here, ready to fill in."
)


class HomePage(QWidget):
    def __init__(self, vault: Vault, parent: QWidget | None = None):
        super().__init__(parent)
        self._vault = vault
        heading = QLabel("Home")
        heading.setProperty("role", "heading")
        self.forms = CountCard("Forms in this vault")
        self.complete = CountCard("Completed responses")
        self.drafts = CountCard("Drafts in progress")
        self.empty_state = QLabel(EMPTY_STATE)
        self.empty_state.setWordWrap(True)
        self.empty_state.setProperty("role", "muted")
        self.empty_state.setAccessibleName("No forms yet")

        cards = QHBoxLayout()
        cards.setSpacing(16)
        for card in (self.forms, self.complete, self.drafts):
            cards.addWidget(card)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(20)
        layout.addWidget(heading)
        layout.addLayout(cards)
        layout.addWidget(self.empty_state)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        forms = len(self._vault.forms.all())
        self.forms.set_count(forms)
        self.complete.set_count(self._vault.responses.count(status="complete"))
        self.drafts.set_count(self._vault.responses.count(status="draft"))
        self.empty_state.setVisible(forms == 0)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)


class CountCard(QFrame):
    """One number with its label underneath, read out together by screen readers."""

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "card")
        self._label = label
        self.number = QLabel("0")
        self.number.setProperty("role", "count")
        caption = QLabel(label)
        caption.setProperty("role", "muted")
        caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 18)
        layout.setSpacing(2)
        layout.addWidget(self.number, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(caption)

    def set_count(self, count: int) -> None:
        self.number.setText(f"{count:,}")
        self.setAccessibleName(f"{self._label}: {count}")

    def count(self) -> int:
        return int(self.number.text().replace(",", ""))
