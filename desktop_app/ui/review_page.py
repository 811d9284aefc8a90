"""Read each free-text answer as it would leave, and hide more of it by hand before export.

The automatic scrub misses what no pattern knows (a neighbour's first name,
a small town), so a person reads every answer once. Only the scrubbed text
is ever on screen (the core never hands out the original); what was hidden
is highlighted, automatic and manual in different colours, and the
placeholders themselves ("[phone]", "[redacted]") say it without colour.
"""

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import FieldbookError
from desktop_app.core.exchange import review
from desktop_app.core.exchange.review import ReviewItem
from desktop_app.core.vault.vault import Vault
from desktop_app.ui.fields import InlineMessage
from desktop_app.ui.identity import WINDOW_TITLE, set_neutral_title
from desktop_app.ui.redaction_view import RedactionView, legend
from desktop_app.ui.style import SUCCESS_TEXT, set_role
from desktop_app.ui.worker import Task

REDACT_KEY = QKeySequence("Ctrl+R")
REVIEWED = f"<span style='color: {SUCCESS_TEXT}; font-weight: 600'>✓ Reviewed</span>"


class ReviewPage(QWidget):
    """One answer at a time: "3 of 12", the text with its redactions, Redact selection, Looks fine, Previous/Next."""

    back_requested = Signal()

    def __init__(self, vault: Vault, allow: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self._vault = vault
        self._allow = list(allow)
        self.items: list[ReviewItem] = []
        self.index = 0
        self.busy = False
        self.loaded = False
        self._task: Task | None = None

        self.back_button = QPushButton("← &Back to export")
        self.back_button.setAccessibleName("Back to export")
        heading = QLabel("Review free text")
        set_role(heading, "heading")
        self.position = QLabel()
        set_role(self.position, "muted")
        self.position.setAccessibleName("Position")
        self.form_title = QLabel()
        set_role(self.form_title, "muted")
        self.question = QLabel()
        set_role(self.question, "subheading")
        self.question.setWordWrap(True)
        self.text_view = RedactionView()
        self.state = QLabel()
        self.state.setTextFormat(Qt.TextFormat.RichText)
        self.state.setAccessibleName("Review state")
        self.empty = QLabel("No free-text answers are waiting to be exported.")
        self.empty.setWordWrap(True)
        set_role(self.empty, "lead")
        self.error = InlineMessage("Review problem")
        self.notice = InlineMessage("Review progress", role="success")

        self.previous_button = QPushButton("&Previous")
        self.next_button = QPushButton("&Next")
        self.redact_button = QPushButton("Redact selection")
        self.redact_button.setAccessibleName("Redact the selected text")
        self.redact_button.setToolTip(f"Replace the selected words with [redacted] ({REDACT_KEY.toString(QKeySequence.SequenceFormat.NativeText)})")
        self.fine_button = QPushButton("Looks fine")
        set_role(self.fine_button, "primary")
        self.fine_button.setAccessibleName("Looks fine: mark as reviewed and go to the next answer")
        self.fine_button.setToolTip("Mark as reviewed and go to the next answer (Enter)")
        keys = QLabel("Ctrl+R: redact the selected words  ·  Enter: looks fine, next  ·  Esc: back to export")
        keys.setWordWrap(True)
        set_role(keys, "muted")

        self.card = QFrame()
        set_role(self.card, "card")
        inner = QVBoxLayout(self.card)
        inner.setContentsMargins(22, 18, 22, 18)
        inner.setSpacing(10)
        for part in (self.form_title, self.question, self.text_view):
            inner.addWidget(part)
        key = legend()
        key.addStretch(1)
        key.addWidget(self.state)
        inner.addLayout(key)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.position)
        actions = QHBoxLayout()
        actions.setSpacing(10)
        for button in (self.previous_button, self.next_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.redact_button)
        actions.addWidget(self.fine_button)
        back_row = QHBoxLayout()
        back_row.addWidget(self.back_button)
        back_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 24)
        layout.setSpacing(12)
        layout.addLayout(back_row)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.card, 1)
        layout.addLayout(actions)
        for part in (keys, self.error, self.notice):
            layout.addWidget(part)

        self.back_button.clicked.connect(self.back_requested)
        self.previous_button.clicked.connect(lambda: self.show_item(self.index - 1))
        self.next_button.clicked.connect(lambda: self.show_item(self.index + 1))
        self.redact_button.clicked.connect(self.redact_selection)
        self.fine_button.clicked.connect(self.looks_fine)
        for sequence, slot in ((REDACT_KEY, self.redact_selection), (QKeySequence(Qt.Key.Key_Return), self.looks_fine),
                               (QKeySequence(Qt.Key.Key_Enter), self.looks_fine), (QKeySequence(Qt.Key.Key_Escape), self.back_requested)):
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._show_state()

    # -- what the user does ---------------------------------------------------------

    def load(self) -> None:
        """Ask the core for every free-text answer in the next export (scrubbing them takes a moment)."""
        vault, allow = self._vault, self._allow
        if vault is None or self.busy:
            return
        self.loaded = False
        self.error.clear_message()
        self.notice.clear_message()
        self._run(lambda: review.pending_review(vault, allow), self._loaded)

    def show_item(self, index: int) -> None:
        if not self.items:
            self._show_state()
            return
        self.index = max(0, min(index, len(self.items) - 1))
        self.error.clear_message()
        self._show_state()

    def redact_selection(self) -> None:
        if self.busy or not self.items:
            return
        span = self.text_view.selected_span()
        if span is None:
            self.error.show_message("Select the words to hide first, then press Redact selection.")
            return
        item, vault, allow = self.items[self.index], self._vault, self._allow
        self._run(lambda: review.redact(vault, item.response_id, item.path, [span], allow), self._redacted)

    def looks_fine(self) -> None:
        if self.busy or not self.items:
            return
        item, vault, allow = self.items[self.index], self._vault, self._allow
        self._run(lambda: review.confirm(vault, item.response_id, item.path, allow=allow), lambda _: self._confirmed(item))

    def unreviewed(self) -> int:
        return sum(not item.reviewed for item in self.items)

    def forget(self) -> None:
        """On lock: the answers leave the screen and memory."""
        self._vault = None
        self.items = []
        self.text_view.forget()
        self._show_state()

    # -- results ------------------------------------------------------------------------

    def _loaded(self, items: list[ReviewItem]) -> None:
        if self._vault is None:
            return  # locked while reading: show nothing
        self.items = items
        self.loaded = True
        first_open = next((i for i, item in enumerate(items) if not item.reviewed), 0)
        self.show_item(first_open)
        self.text_view.setFocus()

    def _redacted(self, item: ReviewItem) -> None:
        if self._vault is None:
            return
        self.items[self.index] = item
        self._show_state()
        self.text_view.setFocus()

    def _confirmed(self, item: ReviewItem) -> None:
        if self._vault is None:
            return
        self.items[self.index] = replace(item, reviewed=True)
        if self.index + 1 < len(self.items):
            self.show_item(self.index + 1)
        else:
            self._show_state()
            left = self.unreviewed()
            self.notice.show_message("That was the last answer." + (f" {left} earlier ones are still not reviewed." if left else " Every answer is reviewed."))
            self.back_button.setFocus()

    def _failed(self, error: FieldbookError) -> None:
        self.error.show_message(error.message)

    # -- drawing --------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        ready = bool(self.items) and not self.busy
        for button in (self.redact_button, self.fine_button):
            button.setEnabled(ready)
        self.previous_button.setEnabled(ready and self.index > 0)
        self.next_button.setEnabled(ready and self.index < len(self.items) - 1)

    def _show_state(self) -> None:
        """Draw the current item (or the empty state); the text is redrawn only here, so a selection survives busy spells."""
        has_items = bool(self.items)
        self.card.setVisible(has_items)
        self.empty.setVisible(self.loaded and not has_items)
        self._update_buttons()
        if not has_items:
            self.position.setText("")
            return
        item = self.items[self.index]
        left = self.unreviewed()
        self.position.setText(f"{self.index + 1} of {len(self.items)}  ·  {left} not reviewed yet" if left
                              else f"{self.index + 1} of {len(self.items)}  ·  all reviewed")
        self.form_title.setText(item.form_title)
        self.question.setText(item.label)
        self.text_view.show_text(item.text, item.redactions)
        self.state.setText(REVIEWED if item.reviewed else "Not reviewed yet")
        self.state.setAccessibleDescription("Reviewed" if item.reviewed else "Not reviewed yet")

    def _run(self, call, on_success) -> None:
        self._set_busy(True)
        self._task = Task(call)
        self._task.succeeded.connect(on_success)
        self._task.failed.connect(self._failed)
        self._task.finished.connect(lambda: self._set_busy(False))
        self._task.start()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update_buttons()
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()


def review_first_question(unreviewed: int, parent: QWidget) -> tuple[QMessageBox, QPushButton, QPushButton]:
    """Asked before an export while free text is unreviewed: the box, its Review button, its Export anyway button."""
    words = "1 free-text answer has" if unreviewed == 1 else f"{unreviewed} free-text answers have"
    box = QMessageBox(QMessageBox.Icon.Question, WINDOW_TITLE, f"{words} not been reviewed. Review them first?",
                      QMessageBox.StandardButton.NoButton, parent)
    set_neutral_title(box)
    box.setInformativeText("The automatic check hides phone numbers, emails, postcodes and recorded names. "
                           "A person catches what it cannot, such as other people's names.")
    review_button = box.addButton("Review", QMessageBox.ButtonRole.AcceptRole)
    export_button = box.addButton("Export anyway", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(review_button)
    return box, review_button, export_button
