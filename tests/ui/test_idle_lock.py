"""The idle lock: no key, click or mouse move for the set time locks the vault; so does the laptop sleeping."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.safety.idle_lock import MS_PER_MINUTE
from desktop_app.ui.safety.resume_detector import ResumeDetector
from desktop_app.ui.unlock_window import UnlockWindow
from tests.conftest import ADMIN, ADMIN_PASSPHRASE


@pytest.fixture
def main(qtbot, controller, admin_vault, signed_in) -> MainWindow:
    window = signed_in(ADMIN, ADMIN_PASSPHRASE)
    qtbot.waitExposed(window)
    return window


def test_the_default_is_five_minutes_while_unlocked_and_nothing_while_locked(controller, main):
    assert controller.idle_lock.interval_ms == 5 * MS_PER_MINUTE
    assert controller.idle_lock.is_counting()
    controller.lock()
    assert not controller.idle_lock.is_counting()


def test_it_locks_after_the_idle_time(qtbot, controller, main):
    controller.idle_lock.set_interval_ms(100)
    qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=5000)
    assert controller.vault is None


@pytest.mark.parametrize("touch", ["key", "click", "move"])
def test_any_input_starts_the_idle_time_again(qtbot, controller, main, touch):
    controller.idle_lock.set_interval_ms(2000)
    qtbot.waitUntil(lambda: controller.idle_lock.remaining_ms() < 1500, timeout=5000)
    if touch == "key":
        qtbot.keyClick(main.navigation, Qt.Key.Key_Down)
    elif touch == "click":
        qtbot.mouseClick(main.pages.currentWidget(), Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseMove(main.navigation, QPoint(20, 30))
        qtbot.mouseMove(main.navigation, QPoint(40, 60))
    assert controller.idle_lock.remaining_ms() > 1500
    assert controller.window is main


def test_zero_minutes_means_never(controller, main):
    controller.idle_lock.set_minutes(0)
    assert not controller.idle_lock.is_counting()
    controller.idle_lock.restart()
    assert not controller.idle_lock.is_counting()


def test_a_wake_from_sleep_locks_at_once(controller, main):
    now = [100.0]
    controller.suspend_watch.detector = ResumeDetector(lambda: now[0], tick_seconds=10, tolerance_seconds=20)
    now[0] += 10
    controller.suspend_watch.tick()
    assert controller.window is main
    now[0] += 3 * 3600  # the lid was closed for three hours
    controller.suspend_watch.tick()
    assert isinstance(controller.window, UnlockWindow)


def test_qt_reporting_the_app_suspended_locks(controller, main):
    QGuiApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationSuspended)
    assert isinstance(controller.window, UnlockWindow)
