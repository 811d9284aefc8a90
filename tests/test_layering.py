"""The core stays Qt-free, so the CLI, the analysts' tools and the tests run without a display."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    """Contracts in pyproject.toml: core never imports PySide6, the UI, the CLI or paths."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports")], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_core_imports_without_qt_installed():
    """Even an import hidden inside a function would load Qt here; this blocks it outright."""
    script = (
        "import sys, pkgutil, importlib\n"
        "class NoQt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'): raise ImportError('Qt blocked')\n"
        "sys.meta_path.insert(0, NoQt())\n"
        "import desktop_app.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'desktop_app.core.'): importlib.import_module(m.name)\n"
        "import desktop_app.cli, desktop_app.commands\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "ok", result.stderr
