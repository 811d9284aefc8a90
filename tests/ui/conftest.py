"""GUI fixtures: the real app style, a controller per test, and no leaked windows or Qt warnings.

The shared fixtures in tests/conftest.py already give each test its own
FIELDBOOK_HOME, a cheap KDF and the offscreen platform.
"""

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, QThreadPool
from PySide6.QtWidgets import QApplication

from desktop_app import paths
from desktop_app.core.vault.vault import Vault
from desktop_app.settings import Settings
from desktop_app.ui.binding_check import binding_problem
from desktop_app.ui.controller import AppController
from desktop_app.ui.identity import apply_identity
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.style import apply_style
from desktop_app.ui.unlock_window import UnlockWindow
from tests.conftest import ADMIN, ADMIN_PASSPHRASE, WORKER, WORKER_PASSPHRASE

UI_TESTS = Path(__file__).parent


def pytest_configure(config):
    config.addinivalue_line("markers", "first_run: the laptop has not shown its quick-exit explanation yet")


def pytest_collection_modifyitems(items):
    """Every GUI test fails on a Qt warning (a broken connection, a bad stylesheet, ...)."""
    for item in items:
        if UI_TESTS in item.path.parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            # The offscreen platform cannot do these; a real desktop can.
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints", "does not support"))


@pytest.fixture(scope="session", autouse=True)
def app_like_production(qapp, tmp_path_factory):
    """The identity and style `run()` applies; Qt's per-user settings kept out of the real home."""
    problem = binding_problem()
    if problem:  # fail every GUI test with the reason, rather than abort the whole run later
        pytest.fail(problem, pytrace=False)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("qt-settings")))
    apply_identity(qapp)
    apply_style(qapp)
    qapp.setQuitOnLastWindowClosed(False)
    return qapp


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp):
    yield
    QThreadPool.globalInstance().waitForDone(10_000)
    qapp.processEvents()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    leaked = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in leaked:
        widget.close()
    assert not leaked, f"windows left open: {[type(w).__name__ for w in leaked]}"


@pytest.fixture
def where():
    return paths.resolve()


@pytest.fixture(autouse=True)
def quick_exit_already_explained(request, where):
    """Most tests run on a laptop whose user has seen the first-run quick-exit screen; `first_run` tests have not."""
    if "first_run" not in request.keywords:
        Settings(quick_exit_explained=True).save(where.settings_file)


@pytest.fixture
def controller(where):
    app = AppController(where)
    yield app
    app.shutdown()


@pytest.fixture
def admin_vault(where):
    """A closed vault whose only account is the admin, as after `fieldbook setup`."""
    vault, _ = Vault.create(where.vault, ADMIN, ADMIN_PASSPHRASE)
    vault.close()
    return where.vault


@pytest.fixture
def team_vault(admin_vault):
    """A closed vault with an admin and a worker."""
    with Vault.unlock(admin_vault, ADMIN, ADMIN_PASSPHRASE) as vault:
        vault.add_user(WORKER, "worker", WORKER_PASSPHRASE)
    return admin_vault


@pytest.fixture
def unlock(qtbot, controller):
    """Type a name and passphrase into the unlock window and wait for the outcome."""

    def unlock(name: str, passphrase: str) -> None:
        if controller.window is None:
            controller.start()
        window = controller.window
        assert isinstance(window, UnlockWindow)
        window.name.setText(name)
        window.passphrase.setText(passphrase)
        qtbot.mouseClick(window.unlock_button, qt_left())
        qtbot.waitUntil(lambda: controller.window is not window or (not window.busy and bool(window.error_text())))

    return unlock


@pytest.fixture
def signed_in(controller, unlock):
    """Unlock as NAME and return the main window."""

    def signed_in(name: str, passphrase: str) -> MainWindow:
        unlock(name, passphrase)
        assert isinstance(controller.window, MainWindow), getattr(controller.window, "error_text", lambda: "")()
        return controller.window

    return signed_in


def qt_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


@pytest.fixture
def folder_dialog(monkeypatch):
    """Make the folder dialog choose FOLDER and, like a real one closing, record it in Qt's dialog history."""
    from PySide6.QtWidgets import QFileDialog

    from desktop_app.ui.dialog_history import GROUP, qt_project_settings

    def choose(folder: Path) -> None:
        def native_dialog(*_args, **_kwargs):
            settings = qt_project_settings()
            settings.setValue(f"{GROUP}/history", [str(folder)])
            settings.sync()
            return str(folder)

        monkeypatch.setattr(QFileDialog, "getExistingDirectory", native_dialog)

    return choose


def file_dialog_history_left() -> bool:
    from desktop_app.ui.dialog_history import GROUP, qt_project_settings

    return GROUP in qt_project_settings().childGroups()
