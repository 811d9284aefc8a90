"""`fieldbook gui`: kept apart from the other commands so that the window appears without loading the vault code."""

import argparse
import sys

from desktop_app import paths
from desktop_app.paths import Paths


def gui(args: argparse.Namespace, where: Paths) -> int:
    from desktop_app.ui.app import run  # Qt loads only for the GUI

    if getattr(args, "demo", False):
        return _gui_demo(run)
    return run(where)


def _gui_demo(run) -> int:
    """A workspace in a fresh temporary folder: shipped forms, synthetic responses, deleted when the app closes."""
    import shutil
    import tempfile

    from desktop_app.core.demo import create_demo_vault

    home = tempfile.mkdtemp(prefix="fieldbook-demo-")
    try:
        where = paths.resolve(home)
        print("Preparing the demo workspace (made-up data)…", file=sys.stderr)
        create_demo_vault(where.vault, paths.shipped_forms(), responses_per_form=12).close()
        return run(where, demo=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)
