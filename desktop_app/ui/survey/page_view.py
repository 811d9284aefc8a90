"""The content of one screen: its question cards, or the entries of a repeat.

On a field-list screen every question has a card; cards of questions that
are not relevant now are hidden and come back as soon as an answer on the
screen makes them relevant.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.forms.model import text_in
from desktop_app.core.forms.screens import Screen, other_text_of
from desktop_app.core.forms.session import FormSession, Key
from desktop_app.ui.style import set_role
from desktop_app.ui.survey.question_card import QuestionCard


class PageView(QWidget):
    changed = Signal()  # an answer on this screen changed (relevance elsewhere may have too)
    add_entry = Signal(tuple)  # the key of the repeat to add an entry to
    remove_entry = Signal(tuple, int)  # the repeat's key and the 1-based entry number

    def __init__(self, session: FormSession, screen: Screen, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.screen = screen
        self.cards: list[QuestionCard] = []
        self.entries: RepeatEntries | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        if screen.entry is not None:
            caption = QLabel(f"{screen.entry[0]}: entry {screen.entry[1]}")
            set_role(caption, "section")
            layout.addWidget(caption)
        if screen.repeat is not None:
            self.entries = RepeatEntries(session, screen.repeat, self)
            self.entries.add_requested.connect(lambda: self.add_entry.emit(screen.repeat))
            self.entries.remove_requested.connect(lambda number: self.remove_entry.emit(screen.repeat, number))
            layout.addWidget(self.entries)
        for key in screen.keys:
            other = other_text_of(session, key[-1])
            card = QuestionCard(session, key, (*key[:-1], other) if other else None, self)
            card.changed.connect(self._card_changed)
            layout.addWidget(card)
            self.cards.append(card)
        layout.addStretch(1)

    def refresh(self) -> None:
        for card in self.cards:
            card.refresh()

    def reveal_issues(self) -> QuestionCard | None:
        """Show every message on this screen (the person tried to move on); return the first card with one."""
        first = None
        for card in self.cards:
            card.touch_and_refresh()
            if first is None and card.has_issue():
                first = card
        return first

    def card_for(self, key: Key) -> QuestionCard | None:
        return next((card for card in self.cards if card.key == key or (card.other and card.other.key == key)), None)

    def focus_first(self) -> bool:
        """Put the focus on the first answer on this screen; False when there is nothing to answer."""
        for card in self.cards:
            if card.isVisibleTo(self) and card.input is not None:
                card.focus()
                return True
        if self.entries is not None:
            self.entries.add.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def wipe(self) -> None:
        for card in self.cards:
            card.wipe()

    def _card_changed(self) -> None:
        self.refresh()
        self.changed.emit()


class RepeatEntries(QWidget):
    """The entries of a repeat so far, with buttons to add one or remove one (asked twice)."""

    add_requested = Signal()
    remove_requested = Signal(int)

    def __init__(self, session: FormSession, repeat: Key, parent: QWidget | None = None):
        super().__init__(parent)
        group = session.question(repeat)
        name = text_in(group.label, session.language, session.form.default_language) or group.name
        count = session.repeat_count(repeat)
        heading = QLabel(name)
        set_role(heading, "question")
        summary = QLabel(f"{count} {'entry' if count == 1 else 'entries'} so far." if count else "No entries yet.")
        set_role(summary, "hint")
        self.add = QPushButton(f"Add an entry to “{name}”" if count == 0 else "Add another entry")
        set_role(self.add, "primary")
        self.add.setAutoDefault(True)
        self.add.clicked.connect(self.add_requested)
        self.remove_buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(summary)
        for number in range(1, count + 1):
            row = QHBoxLayout()
            label = QLabel(f"Entry {number}")
            remove = QPushButton(f"Remove entry {number}")
            remove.setAutoDefault(True)
            remove.clicked.connect(lambda _c=False, n=number, b=remove: self._remove(n, b))
            self.remove_buttons.append(remove)
            row.addWidget(label, 1)
            row.addWidget(remove)
            layout.addLayout(row)
        hint = QLabel("Choose Next when there are no more entries to add.")
        set_role(hint, "hint")
        layout.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(hint)

    def _remove(self, number: int, button: QPushButton) -> None:
        if button.property("armed"):
            self.remove_requested.emit(number)
            return
        button.setProperty("armed", True)
        button.setText(f"Remove entry {number} and its answers: press again to confirm")
