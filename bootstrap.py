#!/usr/bin/env python3
"""Set up a private environment in .venv, then run Fieldbook or its tests.

    python3 bootstrap.py app [ARGS...]    install if needed, then open the app
    python3 bootstrap.py test [ARGS...]   install if needed, then run the whole test suite

Needs only Python 3.11+. Creates .venv beside this file, installs the
project with its test extra from PyPI (again only when pyproject.toml
changes), and on Debian/Ubuntu installs the few system libraries Qt needs
when run as root (otherwise it prints the apt-get command to run).
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".fieldbook-installed"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")

# Shared libraries PySide6's wheels load on Linux but do not ship, as Debian packages.
QT_DEBIAN_PACKAGES = [
    "libegl1", "libgl1", "libxkbcommon0", "libxkbcommon-x11-0", "libfontconfig1", "fonts-dejavu-core",
    "libdbus-1-3", "libglib2.0-0", "libx11-xcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0",
    "libxcb-keysyms1", "libxcb-randr0", "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1",
]
# Command-line tools the test suite checks interoperability against.
TEST_DEBIAN_PACKAGES = ["age"]


def say(message: str) -> None:
    print(f"bootstrap: {message}", flush=True)


def run(*command: str | Path, **kwargs) -> None:
    subprocess.run([str(part) for part in command], check=True, **kwargs)


def make_venv() -> None:
    if PYTHON.exists():
        return
    say(f"creating {VENV.relative_to(ROOT)}")
    try:
        venv.create(VENV, with_pip=True)
    except (subprocess.CalledProcessError, OSError):
        # Debian without python3-venv has no ensurepip: take pip's wheel from PyPI instead.
        shutil.rmtree(VENV, ignore_errors=True)
        venv.create(VENV, with_pip=False)
        install_pip_from_pypi()


def install_pip_from_pypi() -> None:
    with urllib.request.urlopen("https://pypi.org/pypi/pip/json", timeout=60) as reply:
        release = json.load(reply)
    wheel = next(f for f in release["urls"] if f["packagetype"] == "bdist_wheel")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / wheel["filename"]
        with urllib.request.urlopen(wheel["url"], timeout=120) as reply:
            path.write_bytes(reply.read())
        if hashlib.sha256(path.read_bytes()).hexdigest() != wheel["digests"]["sha256"]:
            sys.exit("bootstrap: the pip wheel from PyPI failed its checksum; try again")
        run(PYTHON, str(path / "pip"), "install", "--quiet", str(path))


def install_project() -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    say("installing Fieldbook and its dependencies into .venv (first run takes a minute)")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", f"{ROOT}[test]")
    STAMP.write_text(wanted)


def install_system_packages(packages: list[str]) -> None:
    """On Debian-like systems, install what is missing (as root), or say what to install."""
    if not sys.platform.startswith("linux") or not shutil.which("dpkg") or not packages:
        return
    missing = [p for p in packages if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        say("missing system packages; install them with:")
        print(f"    sudo apt-get install -y {' '.join(missing)}")
        return
    say(f"installing system packages: {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(["apt-get", "install", "-y", "-q", *missing], env=env, capture_output=True).returncode:
        run("apt-get", "update", "-q", env=env, stdout=subprocess.DEVNULL)
        run("apt-get", "install", "-y", "-q", *missing, env=env, stdout=subprocess.DEVNULL)


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):
        sys.exit(f"bootstrap: Fieldbook needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not argv or argv[0] not in ("app", "test"):
        print(__doc__)
        return 2
    what, rest = argv[0], argv[1:]
    make_venv()
    install_project()
    install_system_packages(QT_DEBIAN_PACKAGES + (TEST_DEBIAN_PACKAGES if what == "test" else []))
    if what == "app":
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            if not os.environ.get("QT_QPA_PLATFORM"):
                sys.exit("bootstrap: no display here (DISPLAY is not set); run it on a desktop, or under xvfb-run")
        return subprocess.call([str(PYTHON), "-m", "desktop_app", "gui", *rest])
    code = subprocess.call([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT)
    if code == 5:
        say("pytest collected no tests: that is a failure, not a pass")
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
