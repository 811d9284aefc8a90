"""Unlocking: the right passphrase opens the shell, anything else is said in place and stays locked."""

import time

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.errors import VaultError
from desktop_app.core.vault.throttle import UnlockThrottle
from desktop_app.core.vault.vault import VaultFiles
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.unlock_window import UnlockWindow
from tests.conftest import ADMIN, ADMIN_PASSPHRASE, WORKER, WORKER_PASSPHRASE


@pytest.fixture
def unlock_window(controller, admin_vault) -> UnlockWindow:
    controller.start()
    assert isinstance(controller.window, UnlockWindow)
    return controller.window


def test_an_existing_vault_opens_on_the_unlock_window(unlock_window):
    assert unlock_window.isVisible()
    assert unlock_window.passphrase.echoMode() == unlock_window.passphrase.EchoMode.Password
    assert unlock_window.name.accessibleName() == "Account name"
    assert unlock_window.passphrase.accessibleName() == "Passphrase"
    assert unlock_window.unlock_button.accessibleName() == "Unlock"


def test_the_quick_exit_button_sits_top_right_first_in_the_tab_order_and_asks_to_exit(qtbot, unlock_window):
    button = unlock_window.exit_button
    assert button.isVisible() and button.text() == "Exit"
    assert button.accessibleName() == "Quick exit"
    assert "Shift three times" in button.accessibleDescription()
    top_right = button.mapTo(unlock_window, button.rect().topRight())
    assert unlock_window.width() - top_right.x() < 40 and top_right.y() < 40
    first = unlock_window.nextInFocusChain()
    while not (first.focusPolicy() & Qt.FocusPolicy.TabFocus and first.isVisibleTo(unlock_window)):
        first = first.nextInFocusChain()
    assert first is button
    assert unlock_window.focusWidget() in (unlock_window.name, unlock_window.passphrase)  # typing goes to the fields
    with qtbot.waitSignal(unlock_window.exit_requested, timeout=1000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_only_account_is_filled_in(unlock_window, qtbot):
    qtbot.waitUntil(lambda: unlock_window.name.text() == ADMIN)


def test_with_several_accounts_no_name_is_suggested(controller, team_vault):
    controller.start()
    assert controller.window.name.text() == ""


def test_a_wrong_passphrase_is_said_inline_and_the_vault_stays_locked(controller, admin_vault, unlock):
    unlock(ADMIN, "not the right passphrase")
    window = controller.window
    assert isinstance(window, UnlockWindow)
    assert window.error.isVisible()
    assert window.error_text().startswith("Wrong passphrase")
    assert window.passphrase.text() == ""
    assert window.unlock_button.isEnabled()
    assert controller.vault is None


def test_an_unknown_account_is_said_inline(controller, admin_vault, unlock):
    unlock("mallory", ADMIN_PASSPHRASE)
    assert "no account 'mallory'" in controller.window.error_text()
    assert controller.vault is None


def test_the_right_passphrase_opens_the_main_window(controller, admin_vault, unlock):
    unlock(ADMIN, ADMIN_PASSPHRASE)
    assert isinstance(controller.window, MainWindow)
    assert controller.window.isVisible()
    assert controller.vault.user.name == ADMIN


def test_enter_in_the_passphrase_field_unlocks(qtbot, controller, unlock_window):
    qtbot.keyClicks(unlock_window.passphrase, ADMIN_PASSPHRASE)
    qtbot.keyClick(unlock_window.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(controller.window, MainWindow))


def test_empty_fields_are_pointed_out_without_trying(qtbot, controller, team_vault):
    controller.start()
    window = controller.window
    qtbot.mouseClick(window.unlock_button, Qt.MouseButton.LeftButton)
    assert window.error_text() == "Type your account name."
    window.name.setText(WORKER)
    qtbot.mouseClick(window.unlock_button, Qt.MouseButton.LeftButton)
    assert window.error_text() == "Type your passphrase."
    assert not window.busy


def test_the_button_is_disabled_while_unlocking(qtbot, controller, unlock_window):
    unlock_window.passphrase.setText(ADMIN_PASSPHRASE)
    qtbot.mouseClick(unlock_window.unlock_button, Qt.MouseButton.LeftButton)
    assert unlock_window.busy
    assert not unlock_window.unlock_button.isEnabled()
    assert not unlock_window.passphrase.isEnabled()
    assert unlock_window.unlock_button.text() == "Unlocking…"
    qtbot.waitUntil(lambda: isinstance(controller.window, MainWindow))


def test_after_repeated_wrong_passphrases_the_button_waits_out_the_delay(qtbot, controller, admin_vault, unlock):
    for _ in range(3):  # the third wrong passphrase in a row starts a wait (throttle.delay_after)
        window = controller.window
        assert window is None or window.unlock_button.isEnabled()
        unlock(ADMIN, "not the right passphrase")
    window = controller.window
    assert window.error_text().startswith("Wrong passphrase")
    assert not window.unlock_button.isEnabled()
    assert window.wait_notice.isVisible()
    assert "try again in" in window.wait_notice.text()

    window.passphrase.setText(ADMIN_PASSPHRASE)
    qtbot.keyClick(window.passphrase, Qt.Key.Key_Return)  # Enter does not get round the wait
    assert not window.busy


def test_the_countdown_ends_and_the_button_comes_back(qtbot, controller, admin_vault):
    # Four failures with the last one 3 s ago: a 4 s delay with about 1 s left.
    past = time.time() - 3
    throttle = UnlockThrottle(VaultFiles(admin_vault).throttle, clock=lambda: past)
    for _ in range(4):
        throttle.failed()
    controller.start()
    window = controller.window
    assert not window.unlock_button.isEnabled()
    assert "try again in 1 s" in window.wait_notice.text()
    qtbot.waitUntil(lambda: window.unlock_button.isEnabled(), timeout=5000)
    assert not window.wait_notice.isVisible()


def test_lock_closes_the_vault_and_returns_to_the_unlock_window(qtbot, controller, admin_vault, signed_in):
    main = signed_in(ADMIN, ADMIN_PASSPHRASE)
    vault = controller.vault
    qtbot.mouseClick(main.lock_button, Qt.MouseButton.LeftButton)

    assert isinstance(controller.window, UnlockWindow)
    assert controller.window.isVisible() and not main.isVisible()
    assert controller.vault is None
    with pytest.raises(VaultError):
        vault.responses.count()  # the connection is closed
    assert controller.window.passphrase.text() == ""


def test_ctrl_l_locks(qtbot, controller, admin_vault, signed_in):
    main = signed_in(ADMIN, ADMIN_PASSPHRASE)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(controller.window, UnlockWindow)
    assert controller.vault is None


def test_closing_the_main_window_closes_the_vault_and_ends_the_app(qtbot, controller, admin_vault, signed_in):
    main = signed_in(ADMIN, ADMIN_PASSPHRASE)
    with qtbot.waitSignal(controller.finished):
        main.close()
    assert controller.vault is None
    assert controller.window is None


def test_a_worker_unlocks_too(controller, team_vault, signed_in):
    main = signed_in(WORKER, WORKER_PASSPHRASE)
    assert controller.vault.user.role == "worker"
    assert WORKER in main.signed_in.text()
