"""`fieldbook self-test`: headless checks that this installed or packaged build works.

Each check runs on made-up data in a temporary folder that is deleted at the
end; none reads or writes the user's workspace. One line per check, then exit
0 when all passed, 1 otherwise: what a support call or a packaging job needs
to know, without a display.
"""

import argparse
import os
import random
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop_app import paths
from desktop_app.paths import Paths

FORM = "pathways_survey"
RESPONSES = 30
MARKER = "Selftest Quixotic-Marmalade"  # a name that must never be readable in the vault file or the bundle


class _Skipped(Exception):
    """A check that needs what an earlier, failed one should have made."""


class _Run:
    """What the checks make for each other: the analysts' workspace, a device, a bundle."""

    def __init__(self, root: Path):
        self.root = root
        self.passphrase = " ".join(secrets.token_hex(3) for _ in range(5))
        self.made: dict[str, object] = {}

    def need(self, name: str):
        if name not in self.made:
            raise _Skipped(f"needs the {name} an earlier check makes")
        return self.made[name]


def self_test(args: argparse.Namespace, where: Paths) -> int:
    failed = 0
    with tempfile.TemporaryDirectory(prefix="fieldbook-self-test-") as tmp:
        run = _Run(Path(tmp))
        try:
            for title, check in CHECKS:
                started = time.monotonic()
                try:
                    detail = check(run)
                except _Skipped as skipped:
                    failed += 1
                    print(f"SKIP  {title}: {skipped}", flush=True)
                except Exception as exc:  # every failure is reported, and the next check still runs
                    failed += 1
                    print(f"FAIL  {title}: {type(exc).__name__}: {exc}", flush=True)
                else:
                    print(f"ok    {title}: {detail} ({time.monotonic() - started:.1f} s)", flush=True)
        finally:
            for made in run.made.values():
                close = getattr(made, "close", None)
                if close:
                    close()
    print(f"{len(CHECKS) - failed} of {len(CHECKS)} checks passed." if failed else f"All {len(CHECKS)} checks passed.")
    return 1 if failed else 0


def _forms(run: _Run) -> str:
    from desktop_app.core.forms.loader import load_form

    shipped = sorted(paths.shipped_forms().glob("*.md"))
    if not shipped:
        raise FileNotFoundError(f"no forms in {paths.shipped_forms()}")
    questions = sum(len(list(load_form(path).form.questions())) for path in shipped)
    return f"{len(shipped)} shipped forms load ({questions} questions)"


def _vault(run: _Run) -> str:
    from desktop_app.core.errors import AuthError
    from desktop_app.core.vault.vault import Vault

    folder = paths.resolve(str(run.root / "analyst")).vault
    analyst, _ = Vault.create(folder, "analyst", run.passphrase)  # the real key derivation, at its real cost
    analyst.close()
    try:
        Vault.unlock(folder, "analyst", run.passphrase + " wrong").close()
    except AuthError:
        pass
    else:
        raise AssertionError("a wrong passphrase opened the vault")
    run.made["analysts' workspace"] = Vault.unlock(folder, "analyst", run.passphrase)
    return "created, refused a wrong passphrase, reopened"


def _device(run: _Run) -> str:
    from desktop_app.core.exchange.project import read_project
    from desktop_app.core.exchange.workspace import (
        create_project_file,
        import_project,
        init_analyst,
    )
    from desktop_app.core.forms.loader import form_from_definition
    from desktop_app.core.forms.synthetic import synthetic_session
    from desktop_app.core.vault.batch import one_transaction
    from desktop_app.core.vault.vault import Vault

    analyst = run.need("analysts' workspace")
    init_analyst(analyst)
    project = run.root / "project.fbproj"
    create_project_file(analyst, [paths.shipped_forms() / f"{FORM}.md"], project, name="Self-test", k=2)
    folder = paths.resolve(str(run.root / "laptop")).vault
    laptop, _ = Vault.create(folder, "outreach", run.passphrase)
    run.made["device"] = laptop
    import_project(laptop, read_project(project))
    stored = laptop.forms.get(FORM)
    form = form_from_definition(stored.definition)
    rng = random.Random(1)
    with one_transaction(laptop.db):
        for number in range(RESPONSES):
            answers = synthetic_session(form, rng).final_answers()
            if number == 0:
                answers |= {"contact_name": MARKER, "what_would_have_helped": f"{MARKER} came with me."}
            laptop.store_response(FORM, stored.version, answers)
    laptop.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    on_disk = b"".join(path.read_bytes() for path in folder.iterdir() if path.is_file())
    if MARKER.encode() in on_disk or b"SQLite format 3" in on_disk[:16]:
        raise AssertionError(f"the vault in {folder} is readable without its key")
    return f"{RESPONSES} responses stored, encrypted on disk"


def _exchange(run: _Run) -> str:
    from desktop_app.core.exchange.export import export
    from desktop_app.core.exchange.importer import import_bundles
    from desktop_app.core.signposting import load_services

    laptop, analyst = run.need("device"), run.need("analysts' workspace")
    sync = run.root / "sync"
    result = export(laptop, sync, [service.phone for service in load_services(None)])
    if MARKER.split()[1].encode() in result.path.read_bytes():
        raise AssertionError("the bundle is readable without the analysts' key")
    imported = import_bundles(analyst, [sync], lambda device: True)
    if imported.counts.rejected or imported.counts.new != RESPONSES:
        raise AssertionError(f"the analysts received {imported.counts}: {'; '.join(imported.problems)}")
    held = "".join(body for [body] in analyst.db.execute("SELECT body FROM records"))
    if MARKER.split()[1] in held:
        raise AssertionError("a name from a contact field reached the analysts")
    run.made["imported"] = True
    return f"{RESPONSES} responses anonymised, encrypted, signed, imported; the planted name removed"


def _analysis(run: _Run) -> str:
    from desktop_app.core.analysis.data_files import write_dataset
    from desktop_app.core.analysis.dataset import frame, variables
    from desktop_app.core.analysis.findings import findings_report
    from desktop_app.core.analysis.report import write_report
    from desktop_app.core.analysis.store import AnalystStore

    run.need("imported")
    store = AnalystStore(run.need("analysts' workspace"))
    report = write_report(findings_report(store, FORM), run.root / "report.html")
    form = store.form(FORM)
    data, _ = write_dataset(frame(form, store.records(FORM)), variables(form), run.root / "data.sav")
    return f"report ({report.stat().st_size // 1024} KiB) and SPSS dataset written"


def _window(run: _Run) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # headless: the check must not need a display
    from desktop_app.ui.binding_check import binding_problem

    problem = binding_problem()
    if problem:
        raise RuntimeError(problem)
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.unlock_window import UnlockWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = UnlockWindow(run.root / "no-vault-here")
    image = window.grab()
    window.deleteLater()
    app.processEvents()
    if image.isNull():
        raise RuntimeError("the unlock window drew nothing")
    return f"Qt {_qt_version()} ({app.platformName()}): the unlock window draws"


def _qt_version() -> str:
    from PySide6 import __version__

    return __version__


CHECKS: list[tuple[str, Callable[[_Run], str]]] = [
    ("forms", _forms),
    ("vault", _vault),
    ("device", _device),
    ("export and import", _exchange),
    ("analysis", _analysis),
    ("window", _window),
]
