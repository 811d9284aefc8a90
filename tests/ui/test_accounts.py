"""Accounts: admins see and add them; everyone can change their own passphrase."""

from PySide6.QtCore import Qt

from desktop_app.core.vault.vault import Vault, user_names
from desktop_app.ui.account_dialogs import AddAccountDialog, ChangePassphraseDialog
from desktop_app.ui.accounts_page import AccountsPage
from desktop_app.ui.main_window import MainWindow
from tests.conftest import ADMIN, ADMIN_PASSPHRASE, WORKER, WORKER_PASSPHRASE
from tests.ui.screen import visible_windows

NEW_PASSPHRASE = "seven quiet otters borrow umbrellas"


def table_rows(main: MainWindow) -> list[tuple[str, str]]:
    model = main.accounts_page.model
    return [(model.index(row, 0).data(), model.index(row, 1).data()) for row in range(model.rowCount())]


def add_account(qtbot, main: MainWindow, name: str, role: str, passphrase: str, again: str | None = None) -> AddAccountDialog:
    main.show_page("Accounts")
    qtbot.mouseClick(main.accounts_page.add_button, Qt.MouseButton.LeftButton)
    dialog = main.accounts_page.dialog
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.name, name)
    dialog.role.setCurrentIndex(dialog.role.findData(role))
    qtbot.keyClicks(dialog.passphrase, passphrase)
    qtbot.keyClicks(dialog.again, passphrase if again is None else again)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    return dialog


def test_an_admin_sees_the_accounts_page_with_every_account(controller, team_vault, signed_in):
    main = signed_in(ADMIN, ADMIN_PASSPHRASE)
    assert main.page_names() == ["Home", "Responses", "Export", "Accounts", "Device", "Settings"]
    main.show_page("Accounts")
    assert main.pages.currentWidget() is main.accounts_page and main.accounts_page.isVisible()
    assert table_rows(main) == [(ADMIN, "Admin"), (WORKER, "Worker")]
    assert main.accounts_page.model.index(0, 2).data()  # when it was created, in local time


def test_a_worker_does_not_see_the_accounts_page(controller, team_vault, signed_in):
    main = signed_in(WORKER, WORKER_PASSPHRASE)
    assert main.page_names() == ["Home", "Responses", "Settings"]
    assert main.accounts_page is None
    assert not main.findChildren(AccountsPage)


def test_an_admin_adds_a_worker_who_can_then_unlock(qtbot, controller, admin_vault, signed_in, unlock):
    main = signed_in(ADMIN, ADMIN_PASSPHRASE)
    add_account(qtbot, main, WORKER, "worker", WORKER_PASSPHRASE)

    assert visible_windows() == [main]  # the dialog closed itself
    assert table_rows(main) == [(ADMIN, "Admin"), (WORKER, "Worker")]
    assert user_names(admin_vault) == [ADMIN, WORKER]

    qtbot.mouseClick(main.lock_button, Qt.MouseButton.LeftButton)
    unlock(WORKER, WORKER_PASSPHRASE)
    assert isinstance(controller.window, MainWindow)
    assert controller.vault.user.name == WORKER and controller.vault.user.role == "worker"


def test_adding_an_admin_gives_the_admin_role(qtbot, controller, admin_vault, signed_in):
    main = signed_in(ADMIN, ADMIN_PASSPHRASE)
    add_account(qtbot, main, "carol", "admin", WORKER_PASSPHRASE)
    assert ("carol", "Admin") in table_rows(main)


def test_a_name_already_taken_is_refused_inline(qtbot, controller, admin_vault, signed_in):
    main = signed_in(ADMIN, ADMIN_PASSPHRASE)
    dialog = add_account(qtbot, main, ADMIN, "worker", WORKER_PASSPHRASE)
    assert dialog.isVisible()
    assert dialog.error_text() == f"There is already an account named '{ADMIN}'."
    assert dialog.name.hasFocus()
    dialog.reject()


def test_a_weak_passphrase_for_a_new_account_is_refused_inline(qtbot, controller, admin_vault, signed_in):
    main = signed_in(ADMIN, ADMIN_PASSPHRASE)
    dialog = add_account(qtbot, main, WORKER, "worker", "bob")
    assert dialog.isVisible()
    assert "too short" in dialog.error_text()
    assert user_names(admin_vault) == [ADMIN]
    dialog.reject()


def test_mismatched_passphrases_in_the_dialog_are_refused_before_asking_the_vault(qtbot, controller, admin_vault, signed_in):
    main = signed_in(ADMIN, ADMIN_PASSPHRASE)
    dialog = add_account(qtbot, main, WORKER, "worker", WORKER_PASSPHRASE, again="something else entirely")
    assert dialog.error_text() == "The two passphrases do not match."
    assert user_names(admin_vault) == [ADMIN]
    dialog.reject()
    assert visible_windows() == [main]


def change_passphrase(qtbot, main: MainWindow, current: str, new: str) -> ChangePassphraseDialog:
    dialog = main.open_change_passphrase()
    qtbot.keyClicks(dialog.current, current)
    qtbot.keyClicks(dialog.passphrase, new)
    qtbot.keyClicks(dialog.again, new)
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy)
    return dialog


def test_a_worker_changes_their_own_passphrase(qtbot, controller, team_vault, signed_in):
    main = signed_in(WORKER, WORKER_PASSPHRASE)
    change_passphrase(qtbot, main, WORKER_PASSPHRASE, NEW_PASSPHRASE)
    assert visible_windows() == [main]
    controller.shutdown()
    Vault.unlock(team_vault, WORKER, NEW_PASSPHRASE).close()


def test_changing_the_passphrase_needs_the_current_one(qtbot, controller, team_vault, signed_in):
    main = signed_in(WORKER, WORKER_PASSPHRASE)
    dialog = change_passphrase(qtbot, main, "a guess at the passphrase", NEW_PASSPHRASE)
    assert dialog.isVisible()
    assert dialog.error_text().startswith("Wrong passphrase")
    assert dialog.current.hasFocus()
    dialog.reject()
    controller.shutdown()
    Vault.unlock(team_vault, WORKER, WORKER_PASSPHRASE).close()  # unchanged
