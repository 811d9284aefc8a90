"""Which one window is on screen (setup wizard, unlock, the unlocked shell, a decoy), and the safety rules around it.

It owns the open vault, so every way of locking (the Lock button, quick
exit, idle time, the laptop sleeping) goes through one path: save the open
draft, forget what is on screen and in the clipboard, close the dialogs,
close the vault, ask for a passphrase. Quick exit first hides every window,
before anything that takes time. The app does not quit on "last window
closed" (switching windows briefly leaves none); the controller says when
the user is done.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.core.errors import FieldbookError
from desktop_app.core.vault.files import VaultFiles
from desktop_app.paths import Paths
from desktop_app.settings import Settings
from desktop_app.ui.safety.idle_lock import IdleLock
from desktop_app.ui.safety.input_watch import InputWatch
from desktop_app.ui.safety.lockdown import (
    close_dialogs,
    forget_clipboard,
    hide_every_window,
)
from desktop_app.ui.safety.suspend_watch import SuspendWatch
from desktop_app.ui.style import apply_preferences
from desktop_app.ui.unlock_window import UnlockWindow

if TYPE_CHECKING:
    from desktop_app.core.vault.vault import Vault

BACKGROUND_WORK_WAIT_MS = 10_000  # a passphrase change in flight finishes before its vault closes
SHELL_MODULE = "desktop_app.ui.main_window"
# The unlocked shell pulls in the forms engine (about 0.2 s of imports). The unlock window
# does not need it, so it is imported once that window is up, while the passphrase is typed.
SHELL_PRELOAD_DELAY_MS = 300


class AppController(QObject):
    finished = Signal()  # the user closed the app's window

    def __init__(self, where: Paths, demo: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.where = where
        self.demo = demo
        self.settings = Settings.load(where.settings_file)
        self.window: QWidget | None = None
        self.main_window = None  # the unlocked shell (a MainWindow) while the vault is open
        self.vault: Vault | None = None
        self.intro = None  # the first-run QuickExitIntro while it is open
        self.wizard = None  # the SetupWizard while a new laptop is being set up
        self.input_watch = InputWatch(parent=self)
        self.idle_lock = IdleLock(self.settings.idle_lock_minutes, self)
        self.suspend_watch = SuspendWatch(parent=self)
        self.input_watch.activity.connect(self.idle_lock.restart)
        self.input_watch.exit_requested.connect(self.quick_exit)
        self.input_watch.shift_progress.connect(self._shift_progress)
        self.input_watch.shift_reset.connect(self._shift_reset)
        self.idle_lock.timed_out.connect(self.lock)
        self.suspend_watch.slept.connect(self.lock)

    def start(self) -> None:
        self.apply_settings(self.settings, save=False)
        # Watching input starts with the first turn of the event loop, once the window is drawn.
        QTimer.singleShot(0, self.input_watch.install)
        if VaultFiles(self.where.vault).exists():
            self.show_unlock()
        else:
            self.show_setup()
        QTimer.singleShot(SHELL_PRELOAD_DELAY_MS, lambda: importlib.import_module(SHELL_MODULE))

    # -- the windows -------------------------------------------------------------

    def show_setup(self) -> None:
        from desktop_app.ui.setup_wizard import (
            SetupWizard,  # windows other than the unlock one load when needed
        )

        wizard = SetupWizard(self.where.vault)
        wizard.vault_ready.connect(self._open)
        wizard.rejected.connect(lambda: self._user_closed(wizard))
        self._switch_to(wizard)
        self.wizard = wizard

    def show_unlock(self) -> None:
        window = UnlockWindow(self.where.vault)
        if self.demo:
            from desktop_app.ui.demo_banner import DemoBanner

            window.add_notice(DemoBanner(window))
        window.unlocked.connect(self._open)
        window.closed.connect(lambda: self._user_closed(window))
        window.exit_requested.connect(self.quick_exit)
        self._switch_to(window)

    def show_decoy(self) -> None:
        from desktop_app.ui.safety.decoy_window import DecoyWindow

        decoy = DecoyWindow()
        decoy.sign_in.connect(self.show_unlock)
        decoy.closed.connect(lambda: self._user_closed(decoy))
        self._switch_to(decoy)

    # -- locking -------------------------------------------------------------------

    def lock(self) -> None:
        """Save the draft, forget what is on screen, close the vault and ask for a passphrase again."""
        if self.vault is None:
            return
        self._secure(hidden=None)
        self.show_unlock()

    def quick_exit(self) -> None:
        """Hide everything at once, then save, forget and lock; a neutral page first if the device says so."""
        if self.wizard is not None:
            return  # an admin setting the laptop up, not a respondent's answers: nothing to hide yet
        self.input_watch.pause()  # every widget gets a hide event: none of them is input
        hidden = hide_every_window()
        self.input_watch.resume()
        if self.vault is not None:
            self._secure(hidden)
        else:
            close_dialogs(hidden)
            forget_clipboard()
        if self.settings.decoy_on_exit:
            self.show_decoy()
        else:
            self.show_unlock()

    def _secure(self, hidden: list[QWidget] | None) -> None:
        if self.main_window is not None:
            self.main_window.save_and_forget()
        forget_clipboard()
        close_dialogs(hidden)
        self._close_vault()

    # -- settings ------------------------------------------------------------------

    def apply_settings(self, settings: Settings, save: bool = False) -> None:
        """Use changed preferences now: idle time, text size, contrast."""
        self.settings = settings
        self.idle_lock.set_minutes(settings.idle_lock_minutes)
        app = QApplication.instance()
        if app is not None:
            apply_preferences(app, settings.font_point_size, settings.high_contrast)
        if save:
            self._save_settings()

    def explain_quick_exit(self):
        """The first-run screen; once seen, it is not shown again on this laptop."""
        from desktop_app.ui.safety.quick_exit_intro import QuickExitIntro

        self.intro = QuickExitIntro(self.settings.idle_lock_minutes, self.settings.decoy_on_exit, self.window)
        self.intro.finished.connect(self._intro_closed)
        self.intro.open()
        return self.intro

    def _intro_closed(self) -> None:
        intro, self.intro = self.intro, None
        self.settings.quick_exit_explained = True
        self._save_settings()
        if intro is not None:
            intro.deleteLater()

    def _save_settings(self) -> None:
        try:
            self.settings.save(self.where.settings_file)
        except OSError:
            pass  # a read-only config folder costs the preference, never the session

    # -- plumbing --------------------------------------------------------------------

    def shutdown(self) -> None:
        """Save any draft, close the vault and every window; safe to call twice."""
        self.input_watch.remove()
        if self.main_window is not None:
            self.main_window.save_and_forget()
            self.main_window = None
        self._close_vault()
        window, self.window = self.window, None
        if window is not None:
            if window is self.wizard:
                window.abandon()  # its close button is refused on the recovery page
            window.close()
            window.deleteLater()

    def _open(self, vault: Vault) -> None:
        self._close_vault()
        self.vault = vault
        shell = importlib.import_module(SHELL_MODULE)
        window = shell.MainWindow(vault, self.settings, self.where.settings_file, self._services(), self.where.sync)
        window.lock_requested.connect(self.lock)
        window.exit_requested.connect(self.quick_exit)
        window.settings_changed.connect(self.apply_settings)
        window.closed.connect(lambda: self._user_closed(window))
        self._switch_to(window)
        self.main_window = window
        self.idle_lock.arm()
        self.suspend_watch.start()
        if not self.settings.quick_exit_explained:
            self.explain_quick_exit()

    def _services(self) -> list:
        from desktop_app.core.signposting import (
            load_services,  # needed only when a survey opens
        )

        try:
            return load_services(self.where.support_services_file)
        except FieldbookError:
            return load_services(None)  # a damaged local list must not hide the national helplines

    def _switch_to(self, window: QWidget) -> None:
        # Show the new window before closing the old, so there is never a moment with none.
        old, self.window = self.window, window
        self.main_window = None  # set again by _open when the new window is the shell
        self.wizard = None
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
        self.idle_lock.disarm()
        self.suspend_watch.stop()
        vault, self.vault = self.vault, None
        if vault is not None:
            # Work already handed to the thread pool finishes, and its results are delivered,
            # while the vault is still open; then nothing can reach a closed connection.
            QThreadPool.globalInstance().waitForDone(BACKGROUND_WORK_WAIT_MS)
            QCoreApplication.sendPostedEvents()
            vault.close()

    def _shift_progress(self, remaining: int) -> None:
        if self.main_window is not None:
            self.main_window.exit_control.show_progress(remaining)

    def _shift_reset(self, timed_out: bool) -> None:
        if self.main_window is not None:
            self.main_window.exit_control.reset(timed_out)
