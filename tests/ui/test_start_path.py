"""The first window appears before PySide builds the `Qt.*` enums.

PySide turns every enum of the `Qt` namespace (about 90) into a Python enum
the first time any of them is touched, some 40 ms: a quarter of a bare
window's start. The unlock window is built without them; they are built
once it is on screen. Checked in a fresh process, since this one has them.
"""

import os
import subprocess
import sys
from pathlib import Path

CHILD = """
import sys
import PySide6.QtCore as QtCore
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
def shown():
    print([type(w).__name__ for w in app.topLevelWidgets() if w.isVisible()], "Qt" in vars(QtCore), flush=True)
    for w in app.topLevelWidgets():
        w.close()
QTimer.singleShot(0, shown)
from desktop_app.cli import main
sys.exit(main(["gui"]))
"""


def test_the_unlock_window_is_on_screen_before_any_qt_enum_is_built(admin_vault):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.run([sys.executable, "-c", CHILD], cwd=Path(__file__).parents[2], env=env,
                           capture_output=True, text=True, timeout=120, check=False)
    assert child.stdout.strip() == "['UnlockWindow'] False"
