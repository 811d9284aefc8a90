"""Quick exit: the Exit button or Shift three times hides everything at once, keeps the answers, and locks."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.settings import Settings
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.safety.decoy_window import DecoyWindow
from desktop_app.ui.safety.triple_shift import TripleShift
from desktop_app.ui.unlock_window import UnlockWindow
from tests.conftest import ADMIN, ADMIN_PASSPHRASE
from tests.ui.screen import visible_windows


def press_shift(qtbot, widget: QWidget, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(widget, Qt.Key.Key_Shift)


@pytest.fixture
def main(qtbot, controller, admin_vault, signed_in) -> MainWindow:
    window = signed_in(ADMIN, ADMIN_PASSPHRASE)
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def windows_when_saving(monkeypatch):
    """What was on screen at the moment the draft was being saved (quick exit must have hidden it all)."""
    seen: list[list[str]] = []
    original = MainWindow.save_and_forget

    def spy(self):
        seen.append([type(w).__name__ for w in visible_windows()])
        original(self)

    monkeypatch.setattr(MainWindow, "save_and_forget", spy)
    return seen


def test_the_exit_button_hides_every_window_first_then_clears_the_clipboard_and_locks(qtbot, controller, main, windows_when_saving):
    dialog = main.open_change_passphrase()
    qtbot.waitExposed(dialog)
    QGuiApplication.clipboard().setText("something a respondent said")

    qtbot.mouseClick(main.exit_control.button, Qt.MouseButton.LeftButton)

    assert windows_when_saving == [[]]  # nothing on screen by the time anything slow started
    assert isinstance(controller.window, UnlockWindow)
    assert controller.vault is None
    assert QGuiApplication.clipboard().text() == ""
    assert not dialog.isVisible()
    assert [type(w) for w in visible_windows()] == [UnlockWindow]


def test_three_bare_shift_presses_exit_with_dots_and_words_along_the_way(qtbot, controller, main, windows_when_saving):
    press_shift(qtbot, main.navigation)
    assert main.exit_control.filled_dots() == 1
    assert main.exit_control.status == "Quick exit: press Shift 2 more times to exit."
    press_shift(qtbot, main.navigation)
    assert main.exit_control.filled_dots() == 2
    assert "1 more time " in main.exit_control.status
    assert "1 more time" in main.exit_control.button.accessibleDescription()

    press_shift(qtbot, main.navigation)

    assert windows_when_saving == [[]]
    assert isinstance(controller.window, UnlockWindow)


def test_shift_as_a_modifier_or_another_key_in_between_does_not_exit(qtbot, controller, main):
    for _ in range(3):
        qtbot.keyClick(main.navigation, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    press_shift(qtbot, main.navigation, 2)
    qtbot.keyClick(main.navigation, Qt.Key.Key_Down)
    assert main.exit_control.filled_dots() == 0
    press_shift(qtbot, main.navigation, 2)
    assert controller.window is main
    assert main.exit_control.filled_dots() == 2


def test_shift_presses_count_inside_a_dialog_too(qtbot, controller, main):
    dialog = main.open_change_passphrase()
    qtbot.waitExposed(dialog)
    press_shift(qtbot, dialog, 3)
    assert isinstance(controller.window, UnlockWindow)
    assert not dialog.isVisible()


def test_a_sequence_that_runs_out_of_time_is_forgotten_and_announced(qtbot, controller, main):
    controller.input_watch.shifts = TripleShift(window_seconds=0.05)
    press_shift(qtbot, main.navigation)
    assert main.exit_control.filled_dots() == 1
    qtbot.waitUntil(lambda: main.exit_control.filled_dots() == 0)
    assert main.exit_control.status == "Quick exit timed out."


def test_the_quick_exit_control_is_first_in_the_tab_order(main):
    widget = main.nextInFocusChain()
    while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(main)):
        widget = widget.nextInFocusChain()
    assert widget is main.exit_control.button
    assert widget.accessibleName() == "Quick exit"
    assert "Shift three times" in widget.accessibleDescription()


def test_the_exit_control_sits_top_right_of_the_header(main):
    button = main.exit_control.button
    top_right = button.mapTo(main, button.rect().topRight())
    assert main.width() - top_right.x() < 40 and top_right.y() < 40


def test_on_the_unlock_window_shift_three_times_clears_what_was_typed(qtbot, controller, admin_vault):
    controller.start()
    qtbot.waitUntil(lambda: controller.input_watch.watching)  # from the first turn of the event loop
    window = controller.window
    window.passphrase.setText("half a passphrase")
    press_shift(qtbot, window.passphrase, 3)
    assert isinstance(controller.window, UnlockWindow) and controller.window is not window
    assert controller.window.passphrase.text() == ""


def test_with_the_decoy_setting_a_neutral_notes_page_comes_first_and_leads_to_unlock(qtbot, controller, where, admin_vault, signed_in):
    Settings(quick_exit_explained=True, decoy_on_exit=True).save(where.settings_file)
    controller.settings = Settings.load(where.settings_file)
    main = signed_in(ADMIN, ADMIN_PASSPHRASE)

    qtbot.mouseClick(main.exit_control.button, Qt.MouseButton.LeftButton)

    decoy = controller.window
    assert isinstance(decoy, DecoyWindow)
    assert controller.vault is None
    assert decoy.windowTitle() == "Fieldbook"
    words = " ".join(w.text() for w in decoy.findChildren(QWidget) if hasattr(w, "text") and isinstance(w.text(), str))
    words += decoy.note.toPlainText()
    for telling in ("survey", "response", "abuse", "Fieldbook", "vault", "lock"):
        assert telling.lower() not in words.lower()
    qtbot.mouseClick(decoy.sign_in_button, Qt.MouseButton.LeftButton)
    assert isinstance(controller.window, UnlockWindow)


@pytest.mark.first_run
def test_the_first_unlock_explains_quick_exit_once(qtbot, controller, where, admin_vault, signed_in, unlock):
    main = signed_in(ADMIN, ADMIN_PASSPHRASE)
    intro = controller.intro
    assert intro is not None and intro.isVisible()
    assert "Shift" in intro.text() and "saved, encrypted" in intro.text()
    qtbot.mouseClick(intro.ok_button, Qt.MouseButton.LeftButton)
    assert Settings.load(where.settings_file).quick_exit_explained

    qtbot.mouseClick(main.lock_button, Qt.MouseButton.LeftButton)
    signed_in(ADMIN, ADMIN_PASSPHRASE)
    assert controller.intro is None
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not controller.window]


def test_on_the_unlock_window_the_exit_button_clears_what_was_typed(qtbot, controller, admin_vault):
    controller.start()
    window = controller.window
    window.passphrase.setText("half a passphrase")
    qtbot.mouseClick(window.exit_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()
    assert isinstance(controller.window, UnlockWindow) and controller.window is not window
    assert controller.window.passphrase.text() == ""
