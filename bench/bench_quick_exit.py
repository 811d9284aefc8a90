"""Quick exit: time from the trigger to every window hidden, against a bare QWidget.hide() in the same run.

Each trial unlocks a vault (cheap key derivation: unlocking is not what is
measured), opens the main window with a change-passphrase dialog and, when
the survey screens exist, a survey with an answer typed, then clicks Exit.
"Hidden" is the moment the last window left the screen; "locked" is when the
unlock window is up, the draft saved and the vault closed.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_quick_exit.py [-n 30]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget  # noqa: E402

import desktop_app.ui.controller as controller_module  # noqa: E402
from desktop_app import paths  # noqa: E402
from desktop_app.core.vault import keyslots  # noqa: E402
from desktop_app.core.vault.vault import Vault  # noqa: E402
from desktop_app.settings import Settings  # noqa: E402
from desktop_app.ui.identity import apply_identity  # noqa: E402
from desktop_app.ui.style import apply_style  # noqa: E402

USER, PASSPHRASE = "bench", "benchmark passphrase words"
FORM = "| survey |\n| | type | name | label |\n| | text | where | Where? |\n\n| settings | form_id | version | form_title |\n| | quick | 1 | Quick |\n"


def bare_hide_ms(app: QApplication, trials: int) -> list[float]:
    times = []
    for _ in range(trials):
        widget = QWidget()
        widget.resize(1000, 660)
        widget.show()
        app.processEvents()
        start = time.perf_counter()
        widget.hide()
        times.append((time.perf_counter() - start) * 1000)
        widget.deleteLater()
        app.processEvents()
    return times


def prepare(home: Path) -> paths.Paths:
    where = paths.resolve(home)
    vault, _ = Vault.create(where.vault, USER, PASSPHRASE)
    with vault:
        try:
            from desktop_app.core.forms.loader import load_form

            (home / "quick.md").write_text(FORM)
            loaded = load_form(home / "quick.md")
            vault.add_form("quick", "1", "Quick", loaded.definition_json())
        except ImportError:
            pass
    Settings(quick_exit_explained=True).save(where.settings_file)
    return where


def quick_exit_ms(app: QApplication, where: paths.Paths, trials: int) -> tuple[list[float], list[float], list[float]]:
    hidden_at: list[float] = []
    original = controller_module.hide_every_window

    def timed_hide():
        result = original()
        hidden_at.append(time.perf_counter())
        return result

    controller_module.hide_every_window = timed_hide
    controller = controller_module.AppController(where)
    controller.start()
    to_hidden, to_locked, direct = [], [], []
    try:
        for _ in range(trials):
            controller._open(Vault.unlock(where.vault, USER, PASSPHRASE))
            main = controller.window
            main.resize(1000, 660)
            try:
                main.open_survey("quick")
                app.processEvents()
                field = app.focusWidget()
                if isinstance(field, QLineEdit):
                    field.setText("typed just now")
                    field.textEdited.emit(field.text())
            except ImportError:
                pass
            dialog = main.open_change_passphrase()
            app.processEvents()
            start = time.perf_counter()
            main.hide()  # the same windows hidden directly, without quick exit's machinery
            dialog.hide()
            direct.append((time.perf_counter() - start) * 1000)
            main.show()
            dialog.show()
            app.processEvents()
            start = time.perf_counter()
            main.exit_control.button.click()
            locked = time.perf_counter()
            to_hidden.append((hidden_at[-1] - start) * 1000)
            to_locked.append((locked - start) * 1000)
            app.processEvents()
    finally:
        controller.shutdown()
        controller_module.hide_every_window = original
    return to_hidden, to_locked, direct


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30, help="trials (default 30)")
    args = parser.parse_args()
    keyslots.DEFAULT_KDF = keyslots.KdfParams(1, 8 * 1024, 1)
    with tempfile.TemporaryDirectory(prefix="fieldbook-bench-") as home:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, home)
        app = QApplication(sys.argv[:1])
        apply_identity(app)
        apply_style(app)
        app.setQuitOnLastWindowClosed(False)
        where = prepare(Path(home))
        baseline = statistics.median(bare_hide_ms(app, args.n))
        hidden, locked, direct = quick_exit_ms(app, where, args.n)
    print(f"bare QWidget.hide():           median {baseline:7.3f} ms  ({args.n} trials)")
    print(f"the same windows' hide():      median {statistics.median(direct):7.3f} ms  (main window with a survey, and a dialog)")
    print(f"quick exit, trigger to hidden: median {statistics.median(hidden):7.3f} ms  "
          f"ratio {statistics.median(hidden) / baseline:5.1f}x to a bare hide(), "
          f"{statistics.median(hidden) / statistics.median(direct):4.2f}x to the same windows' hide()  (max {max(hidden):.3f} ms)")
    print(f"quick exit, trigger to locked: median {statistics.median(locked):7.3f} ms  "
          "(draft saved, clipboard cleared, dialogs closed, vault closed, unlock window up)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
