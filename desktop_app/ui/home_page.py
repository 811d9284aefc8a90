"""The first thing seen after unlocking: what the vault holds, in three numbers."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.core.vault.vault import Vault
from desktop_app.ui.style import set_role

EMPTY_HEADING = "Nothing here yet"
EMPTY_TEXT = (
    "Forms arrive with the project file. When the project is loaded onto this laptop, its forms appear here, ready to fill in."
)


class HomePage(QWidget):
    def __init__(self, vault: Vault, parent: QWidget | None = None):
        super().__init__(parent)
        self._vault = vault
        heading = QLabel("Home")
        set_role(heading, "heading")
        self.forms = CountCard("Forms in this vault")
        self.complete = CountCard("Completed responses")
        self.drafts = CountCard("Drafts in progress")
        self.empty_state = EmptyState(EMPTY_HEADING, EMPTY_TEXT)

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
        forms = self._vault.forms.count()
        self.forms.set_count(forms)
        self.complete.set_count(self._vault.responses.count(status="complete"))
        self.drafts.set_count(self._vault.responses.count(status="draft"))
        self.empty_state.setVisible(forms == 0)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)


class EmptyState(QFrame):
    """Says why a page is empty and what will fill it."""

    def __init__(self, heading: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        set_role(self, "empty-state")
        self.setAccessibleName(f"{heading}. {text}")
        self.heading = QLabel(heading)
        set_role(self.heading, "subheading")
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        set_role(self.text, "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 22)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)


class CountCard(QFrame):
    """One number with its label underneath, read out together by screen readers."""

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        set_role(self, "card")
        self._label = label
        self.number = QLabel("0")
        set_role(self.number, "count")
        caption = QLabel(label)
        set_role(caption, "muted")
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
