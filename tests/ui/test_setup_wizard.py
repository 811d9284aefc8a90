"""First run: the wizard creates the vault `fieldbook setup` would, shows the recovery key once, and can import the project."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from desktop_app.core.errors import AuthError, VaultError
from desktop_app.core.exchange.errors import ProjectError
from desktop_app.core.exchange.project import read_project
from desktop_app.core.exchange.workspace import current_project
from desktop_app.core.vault.passphrase_policy import check_passphrase
from desktop_app.core.vault.vault import Vault, VaultFiles
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.setup_wizard import RECORDED_CHECKBOX, SetupWizard
from tests.conftest import ADMIN, ADMIN_PASSPHRASE
from tests.ui.project_data import analyst_workspace, project_file

RECOVERY_KEY = re.compile(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){7}")


@pytest.fixture
def wizard(controller) -> SetupWizard:
    controller.start()
    assert isinstance(controller.window, SetupWizard)
    return controller.window


def fill_account(qtbot, wizard: SetupWizard, name: str, passphrase: str, again: str | None = None) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    page = wizard.account_page
    assert wizard.currentPage() is page
    qtbot.keyClicks(page.name, name)
    qtbot.keyClicks(page.passphrase, passphrase)
    qtbot.keyClicks(page.confirm, passphrase if again is None else again)


def create_vault(qtbot, wizard: SetupWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.account_page.busy)


def written_down(qtbot, wizard: SetupWizard) -> None:
    """Tick the recovery key off and go on to the (optional) project file page."""
    qtbot.mouseClick(wizard.recovery_page.recorded, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.project_page


def test_a_new_laptop_opens_on_the_welcome_page(wizard, where):
    assert not VaultFiles(where.vault).exists()
    assert wizard.currentPage() is wizard.welcome_page
    assert wizard.isVisible()


def test_setup_creates_the_vault_and_lands_in_the_main_window_as_the_admin(qtbot, wizard, controller, where):
    fill_account(qtbot, wizard, ADMIN, ADMIN_PASSPHRASE)
    create_vault(qtbot, wizard)

    assert wizard.currentPage() is wizard.recovery_page
    recovery_key = wizard.recovery_page.key.text()
    assert RECOVERY_KEY.fullmatch(recovery_key)
    written_down(qtbot, wizard)
    assert not wizard.recovery_page.key.text(), "the key leaves the screen once written down"
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    main = controller.window
    assert isinstance(main, MainWindow)
    assert main.isVisible() and not wizard.isVisible()
    assert controller.vault.user.name == ADMIN and controller.vault.user.is_admin
    assert ADMIN in main.signed_in.text() and "admin" in main.signed_in.text()

    controller.shutdown()
    with Vault.unlock(where.vault, ADMIN, ADMIN_PASSPHRASE) as vault:
        assert [a.name for a in vault.list_users()] == [ADMIN]
    # The key on screen is the vault's real recovery key.
    Vault.recover(where.vault, ADMIN, recovery_key, "a brand new passphrase for amira").close()


def test_the_recovery_page_will_not_go_on_until_the_key_is_said_to_be_written_down(qtbot, wizard, controller):
    fill_account(qtbot, wizard, ADMIN, ADMIN_PASSPHRASE)
    create_vault(qtbot, wizard)
    page, finish = wizard.recovery_page, wizard.button(QWizard.WizardButton.NextButton)
    assert page.recorded.text() == RECORDED_CHECKBOX
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible(), "no button that would do nothing"

    assert not finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # no way around it either
    assert controller.window is wizard and wizard.currentPage() is page

    qtbot.mouseClick(page.recorded, Qt.MouseButton.LeftButton)
    assert finish.isEnabled()
    qtbot.mouseClick(page.recorded, Qt.MouseButton.LeftButton)
    assert not finish.isEnabled()


def test_the_recovery_key_can_be_selected_but_there_is_no_copy_button(qtbot, wizard):
    fill_account(qtbot, wizard, ADMIN, ADMIN_PASSPHRASE)
    create_vault(qtbot, wizard)
    assert wizard.recovery_page.key.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    buttons = [b.text() for b in wizard.findChildren(type(wizard.button(QWizard.WizardButton.FinishButton))) if b.isVisible()]
    assert not [text for text in buttons if "copy" in text.lower()]


def test_a_weak_passphrase_is_refused_inline_with_the_cores_message(qtbot, wizard, where):
    weak = "password1234"
    with pytest.raises(AuthError) as refused:
        check_passphrase(weak, ADMIN)

    fill_account(qtbot, wizard, ADMIN, weak)
    create_vault(qtbot, wizard)

    page = wizard.account_page
    assert wizard.currentPage() is page
    assert page.error.isVisible()
    assert page.error.text() == refused.value.message
    assert not VaultFiles(where.vault).exists()


def test_mismatched_passphrases_are_pointed_out_while_typing(qtbot, wizard):
    fill_account(qtbot, wizard, ADMIN, ADMIN_PASSPHRASE, again="correct horse battery stable")
    page = wizard.account_page
    assert page.mismatch.isVisible()
    assert "do not match" in page.mismatch.text()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()

    page.confirm.clear()
    qtbot.keyClicks(page.confirm, ADMIN_PASSPHRASE[:6])  # a correct start is not an error yet
    assert not page.mismatch.isVisible()
    qtbot.keyClicks(page.confirm, ADMIN_PASSPHRASE[6:])
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_the_controls_are_disabled_while_the_vault_is_being_created(qtbot, wizard):
    fill_account(qtbot, wizard, ADMIN, ADMIN_PASSPHRASE)
    page = wizard.account_page
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    assert page.busy
    assert not page.name.isEnabled() and not page.passphrase.isEnabled()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert not wizard.button(QWizard.WizardButton.CancelButton).isEnabled()
    assert page.progress.isVisible()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page)
    assert not page.progress.isVisible()


def test_cancelling_setup_closes_the_app_and_creates_nothing(qtbot, wizard, controller, where):
    with qtbot.waitSignal(controller.finished):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    assert controller.window is None
    assert not VaultFiles(where.vault).exists()


def test_quitting_on_the_recovery_page_closes_the_new_vault(qtbot, wizard, controller, where):
    fill_account(qtbot, wizard, ADMIN, ADMIN_PASSPHRASE)
    create_vault(qtbot, wizard)
    vault = wizard.account_page.vault
    controller.shutdown()
    assert not wizard.isVisible()
    with pytest.raises(VaultError):
        vault.responses.count()  # closed, not left open for the garbage collector
    Vault.unlock(where.vault, ADMIN, ADMIN_PASSPHRASE).close()  # and the admin can unlock next time


@pytest.fixture
def project_path(tmp_path):
    analyst = analyst_workspace(tmp_path / "analyst")
    yield project_file(analyst, tmp_path)
    analyst.close()


def test_the_project_step_imports_the_file_once_its_fingerprint_is_confirmed(qtbot, wizard, controller, project_path):
    fill_account(qtbot, wizard, ADMIN, ADMIN_PASSPHRASE)
    create_vault(qtbot, wizard)
    written_down(qtbot, wizard)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.text() == "Skip for now" and wizard.project_page.isComplete()

    importer = wizard.project_page.importer
    importer.read_file(project_path)
    qtbot.waitUntil(lambda: not importer.busy)
    assert importer.fingerprint.text() == read_project(project_path).fingerprint
    with pytest.raises(ProjectError):
        current_project(wizard.account_page.vault)  # nothing imported before the admin says it matches
    qtbot.mouseClick(importer.match_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not importer.busy)
    assert finish.text() == "Open Fieldbook"
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)

    main = controller.window
    assert isinstance(main, MainWindow)
    assert current_project(controller.vault).project_id == read_project(project_path).project_id
    assert [row.form_id for row in main.home_page.form_rows] == ["pathways_survey"]


def test_skipping_the_project_step_opens_fieldbook_without_a_project(qtbot, wizard, controller):
    fill_account(qtbot, wizard, ADMIN, ADMIN_PASSPHRASE)
    create_vault(qtbot, wizard)
    written_down(qtbot, wizard)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # no way out but the page's own button
    assert controller.window is wizard
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert isinstance(controller.window, MainWindow)
    with pytest.raises(ProjectError) as missing:
        current_project(controller.vault)
    assert missing.value.code == "no_project"
