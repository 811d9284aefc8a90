"""Settings: saved to the settings file at once, applied live, kept across restarts."""

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app.settings import Settings
from desktop_app.ui.safety.idle_lock import MS_PER_MINUTE
from desktop_app.ui.style import apply_preferences
from tests.conftest import WORKER, WORKER_PASSPHRASE


@pytest.fixture
def settings_page(qtbot, controller, team_vault, signed_in):
    main = signed_in(WORKER, WORKER_PASSPHRASE)  # any account, not only admins
    main.show_page("Settings")
    yield main.settings_page
    apply_preferences(QApplication.instance())  # the next test starts with the standard look


def choose(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_each_change_is_saved_and_applied_at_once(controller, where, settings_page):
    choose(settings_page.idle, 10)
    assert controller.idle_lock.interval_ms == 10 * MS_PER_MINUTE
    choose(settings_page.font_size, 16)
    assert QApplication.instance().font().pointSize() == 16
    assert "font-size: 16pt" in QApplication.instance().styleSheet()
    settings_page.high_contrast.setChecked(True)
    assert "#000000" in QApplication.instance().styleSheet()
    settings_page.decoy.setChecked(True)

    stored = Settings.load(where.settings_file)
    assert stored == Settings(idle_lock_minutes=10, font_point_size=16, high_contrast=True,
                              decoy_on_exit=True, quick_exit_explained=True)
    assert settings_page.saved.text() == "Saved."
    assert set(where.settings_file.parent.iterdir()) == {where.settings_file}


def test_the_saved_settings_are_used_after_a_restart(qtbot, where, team_vault, settings_page, controller):
    choose(settings_page.idle, 2)
    settings_page.decoy.setChecked(True)
    controller.shutdown()

    from desktop_app.ui.controller import AppController

    again = AppController(where)
    try:
        again.start()
        assert again.settings.idle_lock_minutes == 2 and again.settings.decoy_on_exit
        assert again.idle_lock.interval_ms == 2 * MS_PER_MINUTE
    finally:
        again.shutdown()


def test_never_is_offered_but_named_for_what_it_is(settings_page, controller):
    choose(settings_page.idle, 0)
    assert "not recommended" in settings_page.idle.currentText()
    assert not controller.idle_lock.is_counting()
