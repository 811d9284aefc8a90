"""Draw every screen of the desktop app into docs/screenshots/*.png.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots.py

Runs against a throwaway workspace (a temporary FIELDBOOK_HOME, deleted
afterwards) with a cheap key-derivation setting, so it takes seconds; the
accounts and the recovery key in the pictures are made up on the spot.
"""

import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QSize, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app import paths
from desktop_app.core.demo import add_forms, simulate
from desktop_app.core.exchange.export import export
from desktop_app.core.exchange.project import read_project
from desktop_app.core.exchange.workspace import (
    create_project_file,
    import_project,
    init_analyst,
)
from desktop_app.core.forms.fill import session_from_answers
from desktop_app.core.forms.loader import form_from_definition
from desktop_app.core.vault import keyslots
from desktop_app.core.vault.vault import Vault
from desktop_app.settings import Settings
from desktop_app.ui.controller import AppController
from desktop_app.ui.demo_banner import DemoBanner
from desktop_app.ui.identity import apply_identity
from desktop_app.ui.style import apply_style
from desktop_app.ui.unlock_window import UnlockWindow

OUT = Path(__file__).parent / "screenshots"
WINDOW_SIZE = QSize(1000, 660)
WIZARD_SIZE = QSize(780, 600)
ADMIN, ADMIN_PASSPHRASE = "amira", "lantern orbit pebble harvest"
WORKER, WORKER_PASSPHRASE = "jo", "velvet canyon stapler drum"
ANALYST = "sam"
STORY = ("The health visitor asked me on her own, with nobody else in the room. My neighbour Bartholomew "
         "drove me to the refuge in the end. Before that I rang 07700 900461 but nobody picked up.")


def main() -> int:
    keyslots.DEFAULT_KDF = keyslots.KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
    with tempfile.TemporaryDirectory(prefix="fieldbook-screens-") as home:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, home)
        app = QApplication(sys.argv[:1])
        apply_identity(app)
        apply_style(app)
        app.setQuitOnLastWindowClosed(False)
        controller = AppController(paths.resolve(home))
        try:
            capture_all(controller)
        finally:
            controller.shutdown()
            QThreadPool.globalInstance().waitForDone()
    print(f"screenshots written to {OUT}")
    return 0


def capture_all(controller: AppController) -> None:
    OUT.mkdir(exist_ok=True)
    analysts = paths.resolve(controller.where.data.parent / "analysts")
    project = analysts_project_file(analysts)
    controller.start()
    wizard = controller.window
    wizard.resize(WIZARD_SIZE)
    save(wizard, "setup-welcome")

    wizard.next()
    page = wizard.account_page
    page.name.setText(ADMIN)
    page.passphrase.setText(ADMIN_PASSPHRASE)
    page.confirm.setText(ADMIN_PASSPHRASE)
    save(wizard, "setup-account")

    wizard.next()
    wait_until(lambda: wizard.currentPage() is wizard.recovery_page)
    save(wizard, "setup-recovery")
    wizard.recovery_page.recorded.setChecked(True)
    wizard.next()
    importer = wizard.project_page.importer
    importer.read_file(project)
    wait_until(lambda: not importer.busy)
    save(wizard, "setup-project")
    importer.confirm_import()
    wait_until(lambda: not importer.busy)
    wizard.accept()

    main_window = controller.window
    main_window.resize(WINDOW_SIZE)
    controller.vault.add_user(WORKER, "worker", WORKER_PASSPHRASE)
    save(main_window, "home")
    main_window.show_page("Accounts")
    main_window.accounts_page.model.reload()
    save(main_window, "accounts")

    capture_review_and_safety(controller, main_window)
    capture_exchange(controller, main_window)

    controller.lock()
    unlock = controller.window
    unlock.resize(WINDOW_SIZE)
    unlock.name.setText(ADMIN)
    save(unlock, "unlock")
    unlock.passphrase.setText("not the passphrase")
    unlock.submit()
    wait_until(lambda: not unlock.busy and unlock.error_text())
    save(unlock, "unlock-error")

    demo = UnlockWindow(controller.where.vault)
    demo.add_notice(DemoBanner(demo))
    demo.resize(WINDOW_SIZE)
    demo.show()
    save(demo, "demo-unlock")
    demo.close()
    capture_analysts(analysts, project, controller.where.sync)


def capture_analysts(where: paths.Paths, project: Path, sync: Path) -> None:
    """The analysts' workspace: importing this laptop's bundle and two more laptops' (the first sight of each), findings."""
    for number, count in ((2, 160), (3, 120)):
        laptop, _ = Vault.create(where.data.parent / f"laptop-{number}", ADMIN, ADMIN_PASSPHRASE)
        with laptop:
            import_project(laptop, read_project(project))
            simulate(laptop, "pathways_survey", count, random.Random(number))
            export(laptop, sync, [])
    Settings(quick_exit_explained=True).save(where.settings_file)
    controller = AppController(where)
    try:
        controller.start()
        unlock = controller.window
        unlock.name.setText(ANALYST)
        unlock.passphrase.setText(ADMIN_PASSPHRASE)
        unlock.submit()
        wait_until(lambda: controller.main_window is not None)
        main_window = controller.main_window
        main_window.resize(WINDOW_SIZE)
        page = main_window.import_page
        wait_until(lambda: not page.loading)
        page.folder.setText(str(sync))
        page.start_import()
        wait_until(lambda: page.trust_dialog is not None)
        save(page.trust_dialog, "import-trust")
        while page.busy:
            if page.trust_dialog is not None:
                page.trust_dialog.accept()
            settle()
        wait_until(lambda: not page.loading)
        save(main_window, "import")

        main_window.show_page("Findings")
        findings = main_window.findings_page
        wait_until(lambda: not findings.loading and findings.form_picker.count() > 0)
        findings.select("pathways_survey")
        findings.show_findings()
        wait_until(lambda: not findings.busy, timeout_s=120)
        save(main_window, "findings")
        needs = next(view for view in findings.view.tables if view.model().table.key == "support_needed")
        scroll_to(findings.scroll, needs, 60)
        save(main_window, "findings-table")
        scroll_to(findings.scroll, findings.view.charts[next(key for key in findings.view.charts if key[1] == "support_needed")], 40)
        save(main_window, "findings-chart")
    finally:
        controller.shutdown()


def capture_review_and_safety(controller: AppController, main_window) -> None:
    """Responses (made-up answers to the shipped forms), one opened, a withdrawal, settings, the quick-exit screen."""
    vault = controller.vault
    add_forms(vault, sorted(paths.shipped_forms().glob("*.md")))
    rng = random.Random(4)
    for stored in vault.forms.all():
        simulate(vault, stored.form_id, 6, rng)
    first = vault.responses.summaries(0, 1, form_id="pathways_survey")[0]
    response = vault.responses.get(first[0])
    _, code = vault.store_response(response.form_id, response.form_version, response.answers)

    main_window.show_page("Responses")
    page = main_window.responses_page
    page.refresh()
    page.table.selectRow(1)
    save(main_window, "responses")

    detail = page.open_row(page.model.index(0, 0).row())
    detail.resize(QSize(820, 640))
    save(detail, "response-detail")
    detail.accept()

    withdraw = page.open_withdraw()
    withdraw.code.setText(code)
    withdraw.submit()
    save(withdraw, "withdraw")
    withdraw.reject()

    main_window.show_page("Settings")
    save(main_window, "settings")
    intro = controller.explain_quick_exit()
    save(intro, "quick-exit-explained")
    intro.accept()
    main_window.show_page("Home")


def analysts_project_file(where: paths.Paths) -> Path:
    """What the analysts would send: a signed project file with the shipped forms (their workspace is made up too)."""
    analysts, _ = Vault.create(where.vault, ANALYST, ADMIN_PASSPHRASE)
    with analysts:
        init_analyst(analysts)
        path = where.data.parent / "pathways.fbproj"
        create_project_file(analysts, sorted(paths.shipped_forms().glob("*.md")), path, name="Pathways to support", k=5)
    return path


def capture_exchange(controller: AppController, main_window) -> None:
    """Export (before and after), the free-text review with one redaction by hand, and the Device page."""
    vault = controller.vault
    stored = vault.forms.get("pathways_survey")
    answers = {"consent": "yes", "safe_now": "yes", "what_would_have_helped": STORY}
    vault.store_response(stored.form_id, stored.version,
                         session_from_answers(form_from_definition(stored.definition), answers).final_answers())
    main_window.show_page("Export")
    page = main_window.export_page
    wait_until(lambda: page.snapshot is not None and not page.loading)
    save(main_window, "export")

    page.open_review()
    review = page.review
    wait_until(lambda: review.loaded and not review.busy)
    review.show_item(next(i for i, item in enumerate(review.items) if "Bartholomew" in item.text))
    review.text_view.find("Bartholomew")
    review.redact_selection()
    wait_until(lambda: not review.busy)
    review.text_view.find("the refuge")  # the next words being considered
    save(main_window, "review")
    page.close_review()
    wait_until(lambda: not page.loading)

    page.start_export()
    wait_until(lambda: not page.busy and not page.loading)
    save(main_window, "export-done")
    main_window.show_page("Device")
    save(main_window, "device")
    main_window.show_page("Home")


def scroll_to(scroll, widget: QWidget, above: int) -> None:
    """Scroll so that `widget` starts `above` pixels below the top of the page."""
    scroll.verticalScrollBar().setValue(widget.mapTo(scroll.widget(), widget.rect().topLeft()).y() - above)


def save(widget: QWidget, name: str) -> None:
    settle()
    widget.grab().save(str(OUT / f"{name}.png"))


def wait_until(condition: Callable[[], object], timeout_s: float = 20) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not reach the expected state")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    settle()


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


if __name__ == "__main__":
    raise SystemExit(main())
