"""Dialogs that change accounts: add one (admins), change your own passphrase (everyone).

Both seal a keyslot with Argon2id, so the work runs in the background while
the dialog shows that it is busy; the core's message appears under the fields.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
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
from desktop_app.core.vault.vault import Vault
from desktop_app.ui.fields import (
    FieldStack,
    InlineMessage,
    name_field,
    passphrase_field,
)
from desktop_app.ui.identity import set_neutral_title
from desktop_app.ui.style import set_role
from desktop_app.ui.worker import Task

MISMATCH = "The two passphrases do not match."


class _VaultActionDialog(QDialog):
    """A small form whose confirm button runs one core call off the GUI thread."""

    def __init__(self, heading: str, intro: str, confirm_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        set_neutral_title(self)
        self.setModal(True)
        self.busy = False
        self._task: Task | None = None
        self._confirm_text = confirm_text

        title = QLabel(heading)
        set_role(title, "subheading")
        text = QLabel(intro)
        text.setWordWrap(True)
        text.setMinimumWidth(460)  # sets the dialog width: the layout sizes the dialog to fit
        set_role(text, "muted")
        self.form = FieldStack()
        self.error = InlineMessage("Problem")
        self.confirm_button = QPushButton(confirm_text)
        set_role(self.confirm_button, "primary")
        self.confirm_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)  # grows with an error message, never squeezes
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addSpacing(6)
        layout.addLayout(buttons)

        self.confirm_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)

    def error_text(self) -> str:
        return "" if self.error.isHidden() else self.error.text()

    def submit(self) -> None:
        if self.busy:
            return
        problem = self._problem()
        if problem:
            self.error.show_message(problem)
            return
        self.error.clear_message()
        self._set_busy(True)
        self._task = Task(self._action())
        self._task.succeeded.connect(self._succeeded)
        self._task.failed.connect(self._failed)
        self._task.start()

    def reject(self) -> None:
        if not self.busy:  # the keyslot is being written: let it finish
            super().reject()

    # -- for subclasses ----------------------------------------------------------

    def _problem(self) -> str:
        """What must be fixed before asking the core, or ''."""
        return ""

    def _action(self) -> Callable[[], Any]:
        raise NotImplementedError

    def _inputs(self) -> list[QWidget]:
        raise NotImplementedError

    def _focus_after(self, error: FieldbookError) -> QWidget:
        return self._inputs()[0]

    # -- plumbing ------------------------------------------------------------------

    def _succeeded(self, _result) -> None:
        self._set_busy(False)
        self._clear_secrets()
        self.accept()

    def _failed(self, error: FieldbookError) -> None:
        self._set_busy(False)
        self.error.show_message(error.message)
        field = self._focus_after(error)
        field.setFocus()
        if isinstance(field, QLineEdit):
            field.selectAll()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (*self._inputs(), self.confirm_button, self.cancel_button):
            widget.setEnabled(not busy)
        self.confirm_button.setText("Working…" if busy else self._confirm_text)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _clear_secrets(self) -> None:
        for widget in self._inputs():
            if isinstance(widget, QLineEdit) and widget.echoMode() == QLineEdit.EchoMode.Password:
                widget.clear()

    def done(self, result: int) -> None:
        self._clear_secrets()
        super().done(result)


class AddAccountDialog(_VaultActionDialog):
    def __init__(self, vault: Vault, parent: QWidget | None = None):
        super().__init__(
            "Add an account",
            "Each person who uses this laptop gets their own account. Workers capture responses; "
            "admins can also manage accounts.",
            "Add account",
            parent,
        )
        self._vault = vault
        self.name = name_field("Account name")
        self.role = QComboBox()
        self.role.setAccessibleName("Role")
        self.role.addItem("Worker", "worker")
        self.role.addItem("Admin", "admin")
        self.passphrase = passphrase_field("Passphrase")
        self.again = passphrase_field("Passphrase again")
        self.form.add("Account &name", self.name)
        self.form.add("&Role", self.role)
        self.form.add("&Passphrase", self.passphrase)
        self.form.add("Passphrase &again", self.again)
        for field in (self.name, self.passphrase, self.again):
            field.returnPressed.connect(self.submit)
        self.name.setFocus()

    def _inputs(self) -> list[QWidget]:
        return [self.name, self.role, self.passphrase, self.again]

    def _problem(self) -> str:
        if not self.name.text().strip():
            return "Type a name for the account."
        if not self.passphrase.text():
            return "Type a passphrase for the account."
        if self.again.text() != self.passphrase.text():
            return MISMATCH
        return ""

    def _action(self) -> Callable[[], Any]:
        vault, name, role, passphrase = self._vault, self.name.text().strip(), self.role.currentData(), self.passphrase.text()
        return lambda: vault.add_user(name, role, passphrase)

    def _focus_after(self, error: FieldbookError) -> QWidget:
        return self.name if error.code in ("bad_user_name", "user_exists") else self.passphrase


class ChangePassphraseDialog(_VaultActionDialog):
    """Your own passphrase; the current one is asked first so an unattended unlocked laptop cannot be taken over."""

    def __init__(self, vault: Vault, parent: QWidget | None = None):
        super().__init__(
            "Change my passphrase",
            "Type your current passphrase, then the new one twice. Other accounts are not affected.",
            "Change passphrase",
            parent,
        )
        self._vault = vault
        self.current = passphrase_field("Current passphrase")
        self.passphrase = passphrase_field("New passphrase")
        self.again = passphrase_field("New passphrase again")
        self.form.add("&Current passphrase", self.current)
        self.form.add("&New passphrase", self.passphrase)
        self.form.add("New passphrase &again", self.again)
        for field in (self.current, self.passphrase, self.again):
            field.returnPressed.connect(self.submit)
        self.current.setFocus()

    def _inputs(self) -> list[QWidget]:
        return [self.current, self.passphrase, self.again]

    def _problem(self) -> str:
        if not self.current.text():
            return "Type your current passphrase."
        if not self.passphrase.text():
            return "Type the new passphrase."
        if self.again.text() != self.passphrase.text():
            return MISMATCH
        return ""

    def _action(self) -> Callable[[], Any]:
        vault, current, new = self._vault, self.current.text(), self.passphrase.text()

        def change() -> None:
            vault.verify_passphrase(current)
            vault.set_passphrase(vault.user.name, new)

        return change

    def _focus_after(self, error: FieldbookError) -> QWidget:
        return self.current if error.code in ("wrong_passphrase", "throttled") else self.passphrase
