"""Build the desktop bundle with PyInstaller into dist/Fieldbook.

    .venv/bin/python packaging/build.py

The windowed `fieldbook-gui` opens the app with no arguments; `fieldbook` is
the same program with a console, for setup and scripting.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "pyinstaller>=6.5,<7"], check=True)
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(ROOT / "dist"),
         "--workpath", str(ROOT / "build"), str(ROOT / "packaging" / "fieldbook.spec")],
        check=True,
    )
    print(f"built {ROOT / 'dist' / 'Fieldbook'}")
