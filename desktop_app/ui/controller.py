"""Which one window is on screen: the setup wizard, the unlock window, or the unlocked shell.

It owns the open vault, so locking always closes it, and it says when the
user has closed the app (the app does not quit on "last window closed",
because switching windows briefly leaves none).
"""

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.core.vault.vault import Vault, VaultFiles
from desktop_app.paths import Paths
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.setup_wizard import SetupWizard
from desktop_app.ui.unlock_window import UnlockWindow


class AppController(QObject):
    finished = Signal()  # the user closed the app's window

    def __init__(self, where: Paths, parent: QObject | None = None):
        super().__init__(parent)
        self.where = where
        self.window: QWidget | None = None
        self.vault: Vault | None = None

    def start(self) -> None:
        if VaultFiles(self.where.vault).exists():
            self.show_unlock()
        else:
            self.show_setup()

    def show_setup(self) -> None:
        wizard = SetupWizard(self.where.vault)
        wizard.vault_ready.connect(self._open)
        wizard.rejected.connect(lambda: self._user_closed(wizard))
        self._switch_to(wizard)

    def show_unlock(self) -> None:
        window = UnlockWindow(self.where.vault)
        window.unlocked.connect(self._open)
        window.closed.connect(lambda: self._user_closed(window))
        self._switch_to(window)

    def lock(self) -> None:
        """Close the vault and ask for a passphrase again."""
        self._close_vault()
        self.show_unlock()

    def shutdown(self) -> None:
        """Close the vault and every window; safe to call twice."""
        self._close_vault()
        window, self.window = self.window, None
        if window is not None:
            if isinstance(window, SetupWizard):
                window.abandon()  # its close button is refused on the recovery page
            window.close()
            window.deleteLater()

    def _open(self, vault: Vault) -> None:
        self._close_vault()
        self.vault = vault
        window = MainWindow(vault)
        window.lock_requested.connect(self.lock)
        window.closed.connect(lambda: self._user_closed(window))
        self._switch_to(window)

    def _switch_to(self, window: QWidget) -> None:
        # Show the new window before closing the old, so there is never a moment with none.
        old, self.window = self.window, window
        window.show()
        window.raise_()
        window.activateWindow()
        if old is not None:
            old.close()
            old.deleteLater()

    def _user_closed(self, window: QWidget) -> None:
        if window is not self.window:
            return  # closed by _switch_to, not by the user
        self.shutdown()
        self.finished.emit()

    def _close_vault(self) -> None:
        vault, self.vault = self.vault, None
        if vault is not None:
            vault.close()
