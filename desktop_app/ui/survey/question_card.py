"""One question on screen: its label, hint, answer widget, decline buttons and message.

The card applies what the person does to the FormSession and says so with
`changed`; the page then asks every card to refresh from the session, which
alone decides relevance, validity and messages. Messages appear once the
person has finished with the field or tried to move on, not while they are
still on their first keystroke.
"""

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop_app.core.forms.answers import DECLINE_LABELS, decline_code
from desktop_app.core.forms.session import FormSession, Key
from desktop_app.ui.fields import InlineMessage
from desktop_app.ui.survey.answer_input import AnswerInput
from desktop_app.ui.survey.decline_bar import DeclineBar
from desktop_app.ui.survey.input_factory import input_for
from desktop_app.ui.survey.text_input import TextInput

UNSUPPORTED_TEXT = "This question cannot be answered on this device."
CONSENT = "consent"  # consent is asked plainly: yes or no, no way to decline it


# Roles are set as plain properties here: these widgets are new and not yet polished, and
# style.set_role's re-polish would style each one twice (a page of selects has hundreds).


class QuestionCard(QFrame):
    changed = Signal()  # an answer or decline was recorded in the session

    def __init__(self, session: FormSession, key: Key, other: Key | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "question-card")
        self.session = session
        self.key = key
        self.question = session.question(key)
        self.touched = False
        self.label_text = session.label(key) or self.question.name
        self.hint_text = session.hint(key)
        is_note = self.question.kind == "note"

        self.label = QLabel(self.label_text)
        self.label.setProperty("role", "note" if is_note else "question")
        self.hint = QLabel(self.hint_text)
        self.hint.setProperty("role", "hint")
        self.error = InlineMessage(f"Problem with: {self.label_text}", parent=self)
        self.declined_note = QLabel()
        self.declined_note.setProperty("role", "declined")
        self.declined_note.hide()
        for label in (self.label, self.hint, self.declined_note):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(self.label)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.declined_note)
        self.hint.setVisible(bool(self.hint_text))  # only once it has a parent: a parentless widget shown is a window

        self.input: AnswerInput | None = None
        self.decline_bar: DeclineBar | None = None
        self.other: OtherText | None = None
        if self.question.kind == "unsupported":
            unsupported = QLabel(UNSUPPORTED_TEXT)
            unsupported.setProperty("role", "declined")
            unsupported.setWordWrap(True)
            layout.addWidget(unsupported)
        elif not is_note:
            self.input = input_for(self.question, self._choices())
        if self.input is not None:
            self.input.setParent(self)
            self.input.edited.connect(self._edited)
            self.input.committed.connect(self.touch_and_refresh)
            self.input.setEnabled(not session.read_only(key))
            layout.addSpacing(4)
            layout.addWidget(self.input)
            if other is not None:
                self.other = OtherText(session, other, self)
                self.other.changed.connect(self.changed)
                layout.addWidget(self.other)
            if self.question.name != CONSENT and not (self.question.read_only or self.question.read_only_if):
                self.decline_bar = DeclineBar(self.label_text, self)
                self.decline_bar.chosen.connect(self._declined)
                layout.addSpacing(2)
                layout.addWidget(self.decline_bar)
            self.input.show_value(session.value(key))
        self.refresh()

    # -- what the page asks ------------------------------------------------

    def refresh(self) -> None:
        """Show what the session says now: relevance, choices, decline, message."""
        session, key = self.session, self.key
        relevant = session.relevant(key)
        self.setVisible(relevant)
        if not relevant or self.input is None:
            return
        if self.question.read_only_if is not None:
            self.input.setEnabled(not session.read_only(key))
        if self.question.choice_filter is not None:
            self.input.set_choices(self._choices())
        code = decline_code(session.value(key))
        if self.decline_bar is not None:
            self.decline_bar.show_code(code)
        self.declined_note.setVisible(bool(code))
        if code:
            self.declined_note.setText(f"Declined: {DECLINE_LABELS[code]}. Choosing an answer replaces this.")
        message = self.message()
        self.error.show_message(message)
        self.input.describe(self.label_text, ". ".join(part for part in (self.hint_text, message) if part))
        if self.other is not None:
            self.other.refresh(self.touched)

    def message(self) -> str:
        """The session's message for this question, once the person may see it."""
        if not self.touched or not self.session.relevant(self.key):
            return ""
        issues = self.session.issues(self.key)
        return issues[0].message if issues else ""

    def has_issue(self) -> bool:
        if not self.session.relevant(self.key):
            return False
        other = self.other is not None and self.session.relevant(self.other.key) and bool(self.session.issues(self.other.key))
        return bool(self.session.issues(self.key)) or other

    def touch_and_refresh(self) -> None:
        self.touched = True
        self.refresh()

    def focus(self) -> None:
        if self.input is not None:
            self.input.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)

    def wipe(self) -> None:
        if self.input is not None:
            self.input.wipe()
        if self.other is not None:
            self.other.input.wipe()

    # -- what the person does ----------------------------------------------------

    def _edited(self, value: Any) -> None:
        self.session.set(self.key, value)
        self.changed.emit()

    def _declined(self, code: str) -> None:
        if code:
            self.session.decline(self.key, code)
        else:
            self.session.set(self.key, "")
        if self.input is not None:
            self.input.show_value(self.session.value(self.key))
        self.touched = True
        self.changed.emit()

    def _choices(self) -> list[tuple[str, str]]:
        session = self.session
        return [(c.name, session.choice_label(self.key, c.name) or c.name) for c in session.choices(self.key)]


class OtherText(QWidget):
    """The "specify other" text of an or_other select, shown under it while "other" is ticked."""

    changed = Signal()

    def __init__(self, session: FormSession, key: Key, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.key = key
        self.label_text = session.label(key) or "Specify other"
        label = QLabel(self.label_text)
        label.setWordWrap(True)
        self.error = InlineMessage(f"Problem with: {self.label_text}", parent=self)
        self.input = TextInput(self)
        self.input.show_value(session.value(key))
        self.input.edited.connect(self._edited)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(34, 4, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(label)
        layout.addWidget(self.error)
        layout.addWidget(self.input)

    def refresh(self, touched: bool) -> None:
        relevant = self.session.relevant(self.key)
        self.setVisible(relevant)
        issues = self.session.issues(self.key) if relevant and touched else []
        message = issues[0].message if issues else ""
        self.error.show_message(message)
        self.input.describe(self.label_text, message)

    def _edited(self, value: Any) -> None:
        self.session.set(self.key, value)
        self.changed.emit()
