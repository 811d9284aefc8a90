"""Starting the app: the safe binding check, Qt's file-dialog history forgotten, a clean exit."""

from PySide6.QtCore import QSettings, QTimer

from desktop_app.ui.app import run
from desktop_app.ui.binding_check import binding_problem
from desktop_app.ui.dialog_history import (
    GROUP,
    forget_file_dialog_history,
    qt_project_settings,
)
from tests.ui.screen import visible_windows


def test_the_installed_qt_binding_keeps_none_alive():
    assert binding_problem() is None


def test_file_dialog_history_is_forgotten_and_other_settings_are_kept(tmp_path):
    settings = QSettings(str(tmp_path / "QtProject.conf"), QSettings.Format.IniFormat)
    settings.setValue(f"{GROUP}/history", ["/home/someone/Refuge project"])
    settings.setValue(f"{GROUP}/lastVisited", "file:///home/someone/Refuge project")
    settings.setValue("Other/kept", 1)
    settings.sync()

    forget_file_dialog_history(settings)

    reread = QSettings(str(tmp_path / "QtProject.conf"), QSettings.Format.IniFormat)
    assert not reread.childGroups().count(GROUP)
    assert reread.value("Other/kept") in (1, "1")
    assert "Refuge" not in (tmp_path / "QtProject.conf").read_text()


def test_run_shows_setup_forgets_dialog_history_and_exits_cleanly_when_closed(where):
    history = qt_project_settings()  # redirected to a temporary folder by conftest
    history.setValue(f"{GROUP}/lastVisited", "file:///somewhere/telling")
    history.sync()
    shown = []

    def close_the_window():
        shown.extend(window.windowTitle() for window in visible_windows())
        for window in visible_windows():
            window.close()

    QTimer.singleShot(0, close_the_window)
    assert run(where) == 0
    assert shown == ["Fieldbook"]
    assert GROUP not in qt_project_settings().childGroups()
