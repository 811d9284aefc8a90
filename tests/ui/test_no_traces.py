"""A whole working session leaves no trace outside the vault: neutral titles throughout, no files but the vault and settings.json."""

import gc

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QSystemTrayIcon

from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.unlock_window import UnlockWindow
from tests.conftest import ADMIN, ADMIN_PASSPHRASE
from tests.ui.responses_data import add_small_form, store_many
from tests.ui.screen import visible_windows


def files_under(folder) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()}


@pytest.mark.first_run
def test_a_whole_session_shows_only_fieldbook_and_writes_only_the_vault_and_settings(qtbot, isolated_home, vault, tmp_path, controller, signed_in):
    add_small_form(vault, tmp_path)
    store_many(vault, "small", 3)
    vault.close()
    titles: set[str] = set()

    def look() -> None:
        QApplication.processEvents()
        titles.update(window.windowTitle() for window in visible_windows())

    main: MainWindow = signed_in(ADMIN, ADMIN_PASSPHRASE)
    look()
    qtbot.mouseClick(controller.intro.ok_button, Qt.MouseButton.LeftButton)  # the first-run explanation
    main.show_page("Settings")
    main.settings_page.decoy.setChecked(True)
    main.show_page("Responses")
    look()
    detail = main.responses_page.open_row(0)
    look()
    correction = detail.open_correction()
    look()
    correction.reject()
    detail.accept()
    withdraw = main.responses_page.open_withdraw()
    look()
    withdraw.reject()
    try:
        import desktop_app.ui.survey.survey_view  # noqa: F401

        main.activateWindow()
        qtbot.waitUntil(main.isActiveWindow)
        main.open_survey("small")
        qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
        qtbot.keyClicks(QApplication.focusWidget(), "a nickname")
        look()
    except ImportError:
        pass  # the survey screens are not there yet

    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget() or main, Qt.Key.Key_Shift)
    look()  # the decoy
    qtbot.mouseClick(controller.window.sign_in_button, Qt.MouseButton.LeftButton)
    look()
    main = signed_in(ADMIN, ADMIN_PASSPHRASE)
    look()
    qtbot.mouseClick(main.lock_button, Qt.MouseButton.LeftButton)
    look()
    assert isinstance(controller.window, UnlockWindow)

    assert titles == {"Fieldbook"}
    assert not [obj for obj in gc.get_objects() if isinstance(obj, QSystemTrayIcon)]
    written = files_under(isolated_home)
    outside = {name for name in written if not name.startswith("data/vault/") and name != "config/settings.json"}
    assert outside == set(), outside
    assert "config/settings.json" in written
