"""Withdraw a response by the receipt code the respondent kept: find it, say what will be erased, erase.

Two steps in one dialog: the code first (unknown or already-withdrawn codes
are answered in words under the field), then a confirmation naming the form
and the date, because erasing cannot be undone.
"""

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import FieldbookError
from desktop_app.core.vault.receipts import normalise
from desktop_app.core.vault.responses import Response
from desktop_app.core.vault.vault import Vault
from desktop_app.ui.accounts_model import local_time
from desktop_app.ui.fields import FieldStack, InlineMessage
from desktop_app.ui.identity import set_neutral_title
from desktop_app.ui.style import set_role

INTRO = "Type the receipt code the respondent was given when the survey was completed (for example 7KQ2-M9XD)."


def what_will_be_erased(response: Response, form_title: str) -> str:
    when = local_time(response.completed_at or response.updated_at)
    return (
        f"This erases every answer of the <b>{html.escape(form_title)}</b> response completed on {when}. "
        "Only a note that a response was withdrawn stays, so that the analysts remove their copy at the next export. "
        "This cannot be undone."
    )


class WithdrawDialog(QDialog):
    def __init__(self, vault: Vault, parent: QWidget | None = None):
        super().__init__(parent)
        set_neutral_title(self)
        self.setModal(True)
        self._vault = vault
        self.found: Response | None = None
        self.withdrawn_id: str | None = None

        self.heading = QLabel("Withdraw a response")
        set_role(self.heading, "subheading")
        self.intro = QLabel(INTRO)
        self.intro.setWordWrap(True)
        self.intro.setMinimumWidth(500)
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        self.code = QLineEdit()
        self.code.setAccessibleName("Receipt code")
        self.code.setMaxLength(20)
        self.code_fields = QWidget()
        fields = FieldStack()
        fields.add("&Receipt code", self.code)
        self.code_fields.setLayout(fields)
        self.error = InlineMessage("Problem")
        self.done_message = InlineMessage("Result", role="success")
        self.cancel_button = QPushButton("Cancel")
        self.confirm_button = QPushButton("Find response")
        set_role(self.confirm_button, "primary")
        self.confirm_button.setDefault(True)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.code_fields)
        layout.addWidget(self.error)
        layout.addWidget(self.done_message)
        layout.addSpacing(6)
        layout.addLayout(buttons)

        self.confirm_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)

    @property
    def confirming(self) -> bool:
        return self.found is not None and self.withdrawn_id is None

    def submit(self) -> None:
        if self.withdrawn_id is not None:
            self.accept()
        elif self.found is None:
            self._find()
        else:
            self._withdraw()

    def error_text(self) -> str:
        return "" if self.error.isHidden() else self.error.text()

    def _find(self) -> None:
        code = self.code.text()
        if len(normalise(code)) != 8:
            self._refuse("A receipt code has 8 letters and digits, like 7KQ2-M9XD.")
            return
        response = self._vault.responses.find_by_receipt(code)
        if response is None:
            self._refuse(f"No response on this laptop has the receipt code {normalise(code)}. Check the code with the respondent.")
            return
        if response.status == "withdrawn":
            self._refuse(f"The response with receipt code {normalise(code)} has already been withdrawn.")
            return
        self.found = response
        stored = self._vault.forms.get(response.form_id, response.form_version)
        self.error.clear_message()
        self.heading.setText("Erase this response?")
        self.intro.setText(what_will_be_erased(response, stored.title if stored else response.form_id))
        self.code_fields.hide()
        self.confirm_button.setText("Erase the answers")
        self.cancel_button.setFocus()  # the safe choice has the focus

    def _withdraw(self) -> None:
        try:
            self.withdrawn_id = self._vault.responses.withdraw(self.code.text(), self._vault.user.name)
        except FieldbookError as exc:
            self._refuse(exc.message)
            return
        self.heading.setText("Response withdrawn")
        self.intro.hide()
        self.done_message.show_message("The answers were erased. Tell the respondent it is done.")
        self.cancel_button.hide()
        self.confirm_button.setText("Close")
        self.confirm_button.setFocus()

    def _refuse(self, message: str) -> None:
        self.error.show_message(message)
        self.code.setFocus()
        self.code.selectAll()
