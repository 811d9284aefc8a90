"""Correct one answer of a completed response, with the reason it is being corrected.

The new value goes through the form's own session, so it is checked the way
the survey would have checked it (a whole number, a listed option, a
constraint). The core keeps the replaced answers and the reason in the
vault, and the audit log records that an edit happened.
"""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import FieldbookError
from desktop_app.core.forms.answers import DECLINE_LABELS, decline_code
from desktop_app.core.forms.model import Form
from desktop_app.core.vault.vault import Vault
from desktop_app.ui.fields import FieldStack, InlineMessage
from desktop_app.ui.identity import set_neutral_title
from desktop_app.ui.responses_answers import (
    answer_text,
    is_answer,
    question_text,
    session_for,
)
from desktop_app.ui.style import set_role

REASON_NEEDED = "Say why the response is being corrected: the reason is kept with it."


class CorrectionDialog(QDialog):
    def __init__(self, vault: Vault, response_id: str, form: Form, parent: QWidget | None = None):
        super().__init__(parent)
        set_neutral_title(self)
        self.setModal(True)
        self._vault = vault
        self._response_id = response_id
        self._form = form
        response = vault.responses.get(response_id)
        self._answers = response.answers if response else {}
        self._session = session_for(form, self._answers)

        heading = QLabel("Correct this response")
        set_role(heading, "subheading")
        intro = QLabel("Change one answer at a time. The answer it replaces and your reason are kept in the vault.")
        intro.setWordWrap(True)
        intro.setMinimumWidth(520)
        set_role(intro, "muted")
        self.question = QComboBox()
        self.question.setAccessibleName("Question to correct")
        for key in self._session.keys():
            if is_answer(self._session, key) and self._session.relevant(key):
                self.question.addItem(question_text(self._session, key), self._session.path(key))
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.current.setAccessibleName("Current answer")
        self.text_value = QLineEdit()
        self.text_value.setAccessibleName("New answer")
        self.choice_value = QComboBox()
        self.choice_value.setAccessibleName("New answer")
        self.choices_value = QListWidget()
        self.choices_value.setAccessibleName("New answers")
        self.choices_value.setMaximumHeight(160)
        self.editor = QStackedWidget()
        for widget in (self.text_value, self.choice_value, self.choices_value):
            self.editor.addWidget(widget)
        self.editor.setSizePolicy(self.text_value.sizePolicy())
        self.declined = QComboBox()
        self.declined.setAccessibleName("Or record that the respondent declined")
        self.declined.addItem("No: use the new answer above", "")
        for code, label in DECLINE_LABELS.items():
            self.declined.addItem(label, code)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for the correction")
        self.reason.setPlaceholderText("For example: the respondent corrected her age")
        self.reason.setMaxLength(300)
        self.error = InlineMessage("Problem")
        self.save_button = QPushButton("Save correction")
        set_role(self.save_button, "primary")
        self.save_button.setDefault(True)
        cancel = QPushButton("Cancel")

        form_fields = FieldStack()
        form_fields.add("&Question", self.question)
        form_fields.add("Current answer", self.current)
        form_fields.add("&New answer", self.editor)
        form_fields.add("Or &record instead", self.declined)
        form_fields.add("&Why is it being corrected? (required)", self.reason)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form_fields)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.question.currentIndexChanged.connect(self._question_changed)
        self.declined.currentIndexChanged.connect(lambda: self.editor.setEnabled(not self.declined.currentData()))
        self.save_button.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        self._question_changed()

    # -- what the user does ---------------------------------------------------------

    def choose(self, path: str) -> None:
        index = self.question.findData(path)
        if index >= 0:
            self.question.setCurrentIndex(index)

    def set_value(self, value: Any) -> None:
        """Put `value` into whichever editor the chosen question uses (tests, keyboard macros)."""
        widget = self.editor.currentWidget()
        if widget is self.text_value:
            self.text_value.setText(str(value))
        elif widget is self.choice_value:
            self.choice_value.setCurrentIndex(max(0, self.choice_value.findData(value)))
        else:
            for row in range(self.choices_value.count()):
                item = self.choices_value.item(row)
                item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in value else Qt.CheckState.Unchecked)

    def submit(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            self._refuse(REASON_NEEDED, self.reason)
            return
        path = self.question.currentData()
        if path is None:
            self._refuse("This response has no answers to correct.", self.question)
            return
        session = session_for(self._form, self._answers)
        code = self.declined.currentData()
        try:
            if code:
                session.decline(path, code)
            else:
                session.set(path, self._value())
        except FieldbookError as exc:
            self._refuse(exc.message, self.editor)
            return
        issues = session.issues(path)
        if issues:
            self._refuse(issues[0].message, self.editor)
            return
        try:
            self._vault.responses.amend(self._response_id, session.final_answers(), self._vault.user.name, reason)
        except FieldbookError as exc:
            self._refuse(exc.message, self.reason)
            return
        self.accept()

    def error_text(self) -> str:
        return "" if self.error.isHidden() else self.error.text()

    # -- internals ---------------------------------------------------------------------

    def _question_changed(self) -> None:
        path = self.question.currentData()
        if path is None:
            self.current.setText("—")
            return
        key = self._session.key(path)
        value = self._session.value(key)
        self.current.setText(answer_text(self._session, key, value) if value not in ("", None, []) else "(no answer)")
        kind = self._session.question(key).kind
        code = decline_code(value)
        self.declined.setCurrentIndex(max(0, self.declined.findData(code or "")))
        if kind == "select_one":
            self.choice_value.clear()
            for choice in self._session.choices(key):
                self.choice_value.addItem(self._session.choice_label(key, choice.name) or choice.name, choice.name)
            self.editor.setCurrentWidget(self.choice_value)
        elif kind in ("select_multiple", "rank"):
            self.choices_value.clear()
            for choice in self._session.choices(key):
                item = QListWidgetItem(self._session.choice_label(key, choice.name) or choice.name)
                item.setData(Qt.ItemDataRole.UserRole, choice.name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.choices_value.addItem(item)
            self.editor.setCurrentWidget(self.choices_value)
        else:
            self.editor.setCurrentWidget(self.text_value)
        if not code:
            self.set_value(value if value is not None else "")

    def _value(self) -> Any:
        widget = self.editor.currentWidget()
        if widget is self.text_value:
            return self.text_value.text().strip()
        if widget is self.choice_value:
            return self.choice_value.currentData()
        return [
            self.choices_value.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.choices_value.count())
            if self.choices_value.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _refuse(self, message: str, widget: QWidget) -> None:
        self.error.show_message(message)
        widget.setFocus()
