"""The locked state: an account name, a passphrase, the quick-exit button and nothing else on screen.

This is the first window of every start, so nothing here touches `Qt.*`
enums before it is shown: PySide builds all of the namespace's enums (some
40 ms) on first use. Layout stretches centre the card instead of an alignment
flag; the few enums needed later are imported where they are used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import FieldbookError
from desktop_app.core.vault.files import VaultFiles, user_names
from desktop_app.core.vault.throttle import UnlockThrottle
from desktop_app.ui.fields import (
    FieldStack,
    InlineMessage,
    name_field,
    passphrase_field,
)
from desktop_app.ui.identity import set_neutral_title
from desktop_app.ui.safety.exit_control import ACCESSIBLE_NAME as EXIT_ACCESSIBLE_NAME
from desktop_app.ui.safety.exit_control import BUTTON_TEXT as EXIT_TEXT
from desktop_app.ui.style import set_initial_role
from desktop_app.ui.worker import Task

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from desktop_app.core.vault.vault import Vault

EXIT_DESCRIPTION = "Hides Fieldbook at once and clears what was typed. Shortcut: press Shift three times."


class UnlockWindow(QWidget):
    """Proves a passphrase off the GUI thread and hands the open vault on."""

    unlocked = Signal(object)  # the open Vault
    closed = Signal()
    exit_requested = Signal()  # the quick-exit button: the same as Shift pressed three times

    def __init__(self, vault_folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("UnlockWindow")
        set_neutral_title(self)
        self.setMinimumSize(520, 480)
        self._folder = vault_folder
        self._throttle = UnlockThrottle(VaultFiles(vault_folder).throttle)
        self._task: Task | None = None
        self.busy = False

        # Created first, so that it is first in the tab order, as in the unlocked shell.
        self.exit_button = QPushButton(EXIT_TEXT)
        set_initial_role(self.exit_button, "exit")
        self.exit_button.setAccessibleName(EXIT_ACCESSIBLE_NAME)
        self.exit_button.setAccessibleDescription(EXIT_DESCRIPTION)
        self.exit_button.setToolTip(EXIT_DESCRIPTION)

        heading = QLabel("Unlock")
        set_initial_role(heading, "heading")
        hint = QLabel("Type your account name and passphrase.")
        set_initial_role(hint, "muted")
        hint.setWordWrap(True)

        self.name = name_field("Account name")
        self.passphrase = passphrase_field("Passphrase")
        self.error = InlineMessage("Unlock problem")
        self.wait_notice = InlineMessage("Waiting time", role="muted")
        self.unlock_button = QPushButton("Unlock")
        set_initial_role(self.unlock_button, "primary")
        self.unlock_button.setAccessibleName("Unlock")

        form = FieldStack()
        form.add("&Account name", self.name)
        form.add("&Passphrase", self.passphrase)

        card = QFrame()
        set_initial_role(card, "card")
        card.setFixedWidth(440)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 32)
        inner.setSpacing(14)
        inner.addWidget(heading)
        inner.addWidget(hint)
        inner.addSpacing(4)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addWidget(self.wait_notice)
        inner.addSpacing(6)
        inner.addWidget(self.unlock_button)

        top = QHBoxLayout()  # the quick-exit button top right, where the unlocked shell has it
        top.addStretch(1)
        top.addWidget(self.exit_button)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(card)
        centred.addStretch(1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 12, 24, 40)
        outer.addLayout(top)
        outer.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(2)
        self.name.setFocus()  # not the exit button, though it comes first in the tab order

        self.exit_button.clicked.connect(self.exit_requested)
        self.unlock_button.clicked.connect(self.submit)
        self.name.returnPressed.connect(self.submit)
        self.passphrase.returnPressed.connect(self.submit)

        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._update_wait)

        # After the first paint: reading the keyslot file is not worth delaying the window for.
        QTimer.singleShot(0, self._prefill)
        self._update_wait()

    # -- what the user does ------------------------------------------------

    def submit(self) -> None:
        if self.busy or not self.unlock_button.isEnabled():
            return
        name, passphrase = self.name.text().strip(), self.passphrase.text()
        if not name:
            self._refuse("Type your account name.", self.name)
            return
        if not passphrase:
            self._refuse("Type your passphrase.", self.passphrase)
            return
        self.error.clear_message()
        self._set_busy(True)
        folder = self._folder
        self._task = Task(lambda: _unlock(folder, name, passphrase))
        self._task.succeeded.connect(self._on_unlocked)
        self._task.failed.connect(self._on_failed)
        self._task.start()

    def add_notice(self, notice: QWidget) -> None:
        """Show `notice` above the card (the demo workspace says its made-up account here)."""
        from PySide6.QtCore import Qt

        self.layout().insertWidget(2, notice, 0, Qt.AlignmentFlag.AlignHCenter)

    def error_text(self) -> str:
        """The inline error as the user sees it ("" when none is shown)."""
        return "" if self.error.isHidden() else self.error.text()

    # -- results -------------------------------------------------------------

    def _on_unlocked(self, vault: Vault) -> None:
        self.passphrase.clear()
        self._set_busy(False)
        self.unlocked.emit(vault)

    def _on_failed(self, error: FieldbookError) -> None:
        self._set_busy(False)
        self.passphrase.clear()
        self.error.show_message(error.message)
        self._update_wait()
        if self.passphrase.isEnabled():
            self.passphrase.setFocus()

    def _refuse(self, message: str, field) -> None:
        self.error.show_message(message)
        field.setFocus()

    # -- state -----------------------------------------------------------------

    def _prefill(self) -> None:
        """Suggest the account name only when there is no choice to make (and nothing is typed yet)."""
        if self.name.text():
            return
        try:
            names = user_names(self._folder)
        except FieldbookError as exc:
            self.error.show_message(exc.message)
            return
        if len(names) == 1:
            self.name.setText(names[0])
            self.passphrase.setFocus()
        else:
            self.name.setFocus()

    def _update_wait(self) -> None:
        """Count down the wait after repeated wrong passphrases; the file beside the vault is the truth."""
        seconds = self._throttle.remaining()
        if seconds:
            self.wait_notice.show_message(f"Too many wrong passphrases. You can try again in {seconds} s.")
            if not self._countdown.isActive():
                self._countdown.start()
        else:
            self.wait_notice.clear_message()
            self._countdown.stop()
        self.unlock_button.setEnabled(not seconds and not self.busy)

    def _set_busy(self, busy: bool) -> None:
        from PySide6.QtCore import Qt

        self.busy = busy
        for field in (self.name, self.passphrase):
            field.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.unlock_button.setText("Unlocking…" if busy else "Unlock")
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.passphrase.clear()
        self._countdown.stop()
        super().closeEvent(event)
        self.closed.emit()


def _unlock(folder: Path, name: str, passphrase: str):
    """Runs on the worker thread; the vault code is loaded here, not before the window appears."""
    from desktop_app.core.vault.vault import Vault

    return Vault.unlock(folder, name, passphrase)
