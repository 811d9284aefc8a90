"""Start the desktop app: neutral identity, calm style, no file-dialog history, one controller."""

import sys

from PySide6.QtWidgets import QApplication

from desktop_app.paths import Paths
from desktop_app.ui.binding_check import binding_problem
from desktop_app.ui.controller import AppController
from desktop_app.ui.dialog_history import forget_file_dialog_history
from desktop_app.ui.identity import WINDOW_TITLE, apply_identity
from desktop_app.ui.style import use_fusion


def run(where: Paths, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])  # Qt options are not ours to parse
    apply_identity(app)
    problem = binding_problem()
    if problem:
        from PySide6.QtWidgets import QMessageBox

        print(f"fieldbook: {problem}", file=sys.stderr)
        QMessageBox.critical(None, WINDOW_TITLE, problem)
        return 1
    use_fusion(app)  # the controller applies the stylesheet with the person's text size and contrast
    forget_file_dialog_history()
    app.setQuitOnLastWindowClosed(False)  # the controller says when the user is done
    controller = AppController(where, demo=demo)
    controller.finished.connect(app.quit)
    app.aboutToQuit.connect(controller.shutdown)
    controller.start()
    return app.exec()
