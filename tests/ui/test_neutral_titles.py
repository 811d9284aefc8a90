"""Every window on screen is called "Fieldbook": never an account, a project or anything else."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from tests.conftest import ADMIN, ADMIN_PASSPHRASE, WORKER, WORKER_PASSPHRASE
from tests.ui.screen import visible_windows


def titles_on_screen() -> set[str]:
    windows = visible_windows()
    assert windows
    return {window.windowTitle() for window in windows}


def test_every_window_of_a_whole_session_is_titled_fieldbook(qtbot, controller, where, unlock):
    app = QApplication.instance()
    assert app.applicationName() == "Fieldbook" and app.applicationDisplayName() == "Fieldbook"
    seen: set[str] = set()

    controller.start()
    wizard = controller.window
    seen |= titles_on_screen()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    wizard.account_page.name.setText(ADMIN)
    wizard.account_page.passphrase.setText(ADMIN_PASSPHRASE)
    wizard.account_page.confirm.setText(ADMIN_PASSPHRASE)
    seen |= titles_on_screen()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page)
    seen |= titles_on_screen()
    wizard.recovery_page.recorded.setChecked(True)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    seen |= titles_on_screen()  # the project file step
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    main = controller.window
    seen |= titles_on_screen()
    main.show_page("Accounts")
    add = main.accounts_page.open_add_dialog()
    seen |= titles_on_screen()
    add.name.setText(WORKER)
    add.passphrase.setText(WORKER_PASSPHRASE)
    add.again.setText(WORKER_PASSPHRASE)
    add.submit()
    qtbot.waitUntil(lambda: not add.busy)
    change = main.open_change_passphrase()
    seen |= titles_on_screen()
    change.reject()

    qtbot.mouseClick(main.lock_button, Qt.MouseButton.LeftButton)
    seen |= titles_on_screen()
    unlock(WORKER, "a wrong guess at the passphrase")
    seen |= titles_on_screen()
    unlock(WORKER, WORKER_PASSPHRASE)
    seen |= titles_on_screen()

    assert seen == {"Fieldbook"}
