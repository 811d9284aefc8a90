"""`fieldbook gui --demo`: a throwaway workspace whose made-up account is shown on the unlock window."""

from pathlib import Path

from PySide6.QtCore import Qt

import desktop_app.ui.app
from desktop_app.cli import main
from desktop_app.core.demo import DEMO_PASSPHRASE, DEMO_USER
from desktop_app.ui.controller import AppController
from desktop_app.ui.demo_banner import DemoBanner
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.unlock_window import UnlockWindow


def test_gui_demo_shows_the_passphrase_unlocks_and_leaves_nothing_behind(qtbot, monkeypatch, isolated_home):
    seen = {}

    def run_the_app(where, demo=False):
        seen["home"] = Path(where.data).parent
        assert demo and Path(where.data) != isolated_home / "data"
        controller = AppController(where, demo=demo)
        try:
            controller.start()
            window = controller.window
            assert isinstance(window, UnlockWindow)
            banner = window.findChild(DemoBanner)
            assert banner is not None and banner.isVisible()
            assert "made-up data" in banner.text()
            assert f"Account: {DEMO_USER}" in banner.text() and f"Passphrase: {DEMO_PASSPHRASE}" in banner.text()
            qtbot.mouseClick(banner.fill_button, Qt.MouseButton.LeftButton)
            qtbot.mouseClick(window.unlock_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: isinstance(controller.window, MainWindow), timeout=10_000)
            seen["responses"] = controller.window.responses_page.model.rowCount()
            seen["forms"] = controller.vault.forms.count()
            controller.window.close()  # the user closes the app
        finally:
            controller.shutdown()
        return 0

    monkeypatch.setattr(desktop_app.ui.app, "run", run_the_app)
    assert main(["gui", "--demo"]) == 0

    assert seen["forms"] >= 1 and seen["responses"] == 12 * seen["forms"]
    assert not seen["home"].exists()  # the throwaway workspace is gone
    assert not (isolated_home / "data").exists()  # the real workspace was never touched


def test_the_unlock_window_of_a_real_workspace_has_no_demo_banner(controller, admin_vault):
    controller.start()
    assert controller.window.findChild(DemoBanner) is None
