"""The analysts' workspace in the GUI: its own sections, and the Import page with trust on first use."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from desktop_app.core.analysis.store import AnalystStore
from desktop_app.core.exchange.acks import ack_path
from desktop_app.core.exchange.bundle import read_sidecar
from desktop_app.core.vault.vault import Vault
from desktop_app.ui.analyst.import_page import ImportPage
from desktop_app.ui.analyst.import_run import first_pass
from tests.conftest import ADMIN_PASSPHRASE
from tests.core.exchange.journey import (
    analyst_workspace,
    capture,
    device,
    project_file,
    send,
)
from tests.ui.conftest import file_dialog_history_left

LEFT = Qt.MouseButton.LeftButton
ANALYST = "analyst"  # the account journey.analyst_workspace creates
FORM = "pathways_survey"


@pytest.fixture
def project(where, tmp_path):
    """The analysts' workspace in this test's home (closed, for the GUI to unlock) and their project file."""
    analyst = analyst_workspace(where.vault)
    path = project_file(analyst, tmp_path)
    analyst.close()
    return path


def laptop_export(tmp_path, project, name: str, responses: int, sync) -> tuple[str, object]:
    """A laptop set up from the project, `responses` captured and exported into `sync`; (device id, bundle)."""
    laptop = device(tmp_path / name, project)
    try:
        capture(laptop, responses, seed=len(name))
        bundle = send(laptop, sync)
        return laptop.meta("device_id"), bundle
    finally:
        laptop.close()


def shown(label) -> str:
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText().replace("\xa0", " ")


def import_page(signed_in) -> ImportPage:
    main = signed_in(ANALYST, ADMIN_PASSPHRASE)
    main.show_page("Import")
    return main.import_page


def start(qtbot, page: ImportPage, folder) -> None:
    page.folder.setText(str(folder))
    qtbot.mouseClick(page.import_button, LEFT)


def answer(qtbot, page: ImportPage, trust: bool) -> str:
    """Wait for the next new-device dialog and answer it; returns the device id it asked about."""
    qtbot.waitUntil(lambda: page.trust_dialog is not None)
    dialog = page.trust_dialog
    assert dialog.fingerprint.text() == dialog.device.fingerprint
    qtbot.mouseClick(dialog.trust_button if trust else dialog.refuse_button, LEFT)
    return dialog.device.device_id


def finished(qtbot, page: ImportPage) -> None:
    qtbot.waitUntil(lambda: not page.busy and not page.loading, timeout=20_000)


def responses_held(controller) -> int:
    return AnalystStore(controller.vault).count(FORM)


def test_an_analyst_workspace_shows_import_and_findings_and_no_capture_pages(qtbot, project, signed_in):
    main = signed_in(ANALYST, ADMIN_PASSPHRASE)
    assert main.page_names() == ["Import", "Findings", "Accounts", "Settings"]
    assert main.home_page is main.responses_page is main.export_page is main.device_page is None
    assert main.pages.currentWidget() is main.import_page, "the analysts start where bundles come in"
    assert main.lock_button.isVisible() and main.exit_control.isVisible()
    assert main.windowTitle() == "Fieldbook"


def test_a_trusted_laptops_bundle_is_merged_and_the_counts_are_said(qtbot, project, controller, signed_in, tmp_path):
    sync = tmp_path / "sync"
    device_id, bundle = laptop_export(tmp_path, project, "laptop", 12, sync)
    page = import_page(signed_in)
    steps = []
    page.progress_relay.moved.connect(lambda step, done, total: steps.append(step))

    start(qtbot, page, sync)
    assert page.busy and not page.import_button.isEnabled() and page.progress.isVisible()
    qtbot.waitUntil(lambda: page.trust_dialog is not None)
    assert device_id in shown_dialog(page), "the dialog names the device"
    assert responses_held(controller) == 0, "nothing from a new laptop is merged before the analyst's word"
    assert answer(qtbot, page, trust=True) == device_id
    finished(qtbot, page)

    words = shown(page.result)
    assert f"1 bundle read from {sync}." in words
    assert "New responses: 12" in words and "Bundles refused: 0" in words
    assert not page.refused.isVisible() and not page.error.isVisible()
    assert f"Importing {bundle.name}" in steps, "the progress named the bundle being imported"
    assert responses_held(controller) == 12
    assert ack_path(sync, read_sidecar(bundle.with_name(bundle.name + ".sig")).device_id, 1).exists()
    assert [page.store_model.index(0, c).data() for c in range(3)] == ["Pathways survey", FORM, "12"]


def test_importing_again_counts_duplicates_and_asks_nothing(qtbot, project, controller, signed_in, tmp_path):
    sync = tmp_path / "sync"
    laptop_export(tmp_path, project, "laptop", 5, sync)
    page = import_page(signed_in)
    start(qtbot, page, sync)
    answer(qtbot, page, trust=True)
    finished(qtbot, page)

    start(qtbot, page, sync)
    finished(qtbot, page)
    assert page.trust_dialog is None
    words = shown(page.result)
    assert "New responses: 0" in words and "Duplicates (already held, nothing changed): 5" in words
    assert responses_held(controller) == 5


def test_a_laptop_the_analyst_does_not_trust_adds_nothing(qtbot, project, controller, signed_in, tmp_path):
    sync = tmp_path / "sync"
    device_id, bundle = laptop_export(tmp_path, project, "laptop", 4, sync)
    page = import_page(signed_in)
    start(qtbot, page, sync)
    answer(qtbot, page, trust=False)
    finished(qtbot, page)

    assert responses_held(controller) == 0
    assert "Bundles refused: 1" in shown(page.result)
    assert page.refused.isVisible()
    assert f"{bundle.name} comes from device {device_id}" in shown(page.refused)
    assert "which you did not trust: nothing in it was imported" in shown(page.refused)
    assert not ack_path(sync, device_id, 1).exists(), "a refused bundle is not acknowledged"

    start(qtbot, page, sync)
    answer(qtbot, page, trust=True)  # asked again next time: a refusal is not remembered as distrust
    finished(qtbot, page)
    assert responses_held(controller) == 4


def test_only_the_laptops_trusted_are_merged(qtbot, project, controller, signed_in, tmp_path):
    sync = tmp_path / "sync"
    first, _ = laptop_export(tmp_path, project, "laptop-a", 3, sync)
    second, _ = laptop_export(tmp_path, project, "laptop-bb", 6, sync)
    page = import_page(signed_in)
    start(qtbot, page, sync)
    asked = {answer(qtbot, page, trust=True)}
    qtbot.waitUntil(lambda: page.trust_dialog is not None and page.trust_dialog.device.device_id not in asked)
    declined = answer(qtbot, page, trust=False)
    finished(qtbot, page)

    trusted = asked.pop()
    assert {trusted, declined} == {first, second}, "one dialog per new laptop"
    held = {record["device"] for record in AnalystStore(controller.vault).records(FORM)}
    assert held == {trusted}
    expected = 3 if trusted == first else 6
    assert f"New responses: {expected}" in shown(page.result) and "Bundles refused: 1" in shown(page.result)


def test_a_damaged_bundle_is_refused_with_its_reason(qtbot, project, controller, signed_in, tmp_path):
    sync = tmp_path / "sync"
    _, bundle = laptop_export(tmp_path, project, "laptop", 3, sync)
    bundle.write_bytes(bundle.read_bytes()[:-40])  # truncated on its way
    page = import_page(signed_in)
    start(qtbot, page, sync)
    finished(qtbot, page)

    assert page.trust_dialog is None, "a damaged bundle is refused before anyone is asked to trust it"
    assert "Bundles refused: 1" in shown(page.result)
    assert f"{bundle.name} does not match its signature (truncated, damaged or altered). Refused." in shown(page.refused)
    assert responses_held(controller) == 0


def test_an_acknowledgement_that_cannot_be_written_is_said(qtbot, project, controller, signed_in, tmp_path):
    sync = tmp_path / "sync"
    _, bundle = laptop_export(tmp_path, project, "laptop", 3, sync)
    (sync / "acks").write_text("a file where the acknowledgements folder should be")
    page = import_page(signed_in)
    start(qtbot, page, sync)
    answer(qtbot, page, trust=True)
    finished(qtbot, page)
    assert "New responses: 3" in shown(page.result)
    assert f"Could not write the acknowledgement for {bundle.name}" in shown(page.result)
    assert "the device will send it again" in shown(page.result)


def test_the_import_stops_between_bundles_when_told(tmp_path, project, where):
    sync = tmp_path / "sync"
    for name in ("laptop-a", "laptop-bb"):
        laptop_export(tmp_path, project, name, 2, sync)
    asked = []

    def stop_after_one() -> bool:
        asked.append(1)
        return len(asked) > 1

    with Vault.unlock(where.vault, ANALYST, ADMIN_PASSPHRASE) as vault:
        outcome = first_pass(vault, sync, lambda *_: None, stop_after_one)
    assert outcome.bundles == 2 and sum(len(paths) for paths in outcome.waiting.values()) == 1, "one bundle looked at"


def test_a_folder_without_bundles_or_no_folder_is_said_plainly(qtbot, project, signed_in, tmp_path):
    page = import_page(signed_in)
    page.start_import()
    assert "Choose the folder the bundles are in first." in page.error.text()
    empty = tmp_path / "empty"
    empty.mkdir()
    start(qtbot, page, empty)
    finished(qtbot, page)
    assert page.error.isVisible() and f"No bundles (*.fbx) in {empty}" in page.error.text()
    assert not page.result.isVisible()
    start(qtbot, page, tmp_path / "nowhere")
    assert f"There is no folder {tmp_path / 'nowhere'}." in page.error.text() and not page.busy


def test_locking_while_a_laptop_awaits_trust_merges_nothing(qtbot, project, controller, signed_in, tmp_path, where):
    sync = tmp_path / "sync"
    laptop_export(tmp_path, project, "laptop", 4, sync)
    page = import_page(signed_in)
    start(qtbot, page, sync)
    qtbot.waitUntil(lambda: page.trust_dialog is not None)
    dialog = page.trust_dialog

    controller.lock()
    assert not dialog.isVisible()
    assert page.folder.text() == "" and not page.result.isVisible(), "the folder's name went with the lock"
    with Vault.unlock(where.vault, ANALYST, ADMIN_PASSPHRASE) as vault:
        assert AnalystStore(vault).count(FORM) == 0


def test_choosing_the_folder_leaves_no_file_dialog_history(qtbot, project, signed_in, tmp_path, folder_dialog):
    page = import_page(signed_in)
    chosen = tmp_path / "chosen"
    folder_dialog(chosen)
    qtbot.mouseClick(page.choose_button, LEFT)
    assert page.folder.text() == str(chosen)
    assert not file_dialog_history_left()


def shown_dialog(page: ImportPage) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(shown(label) for label in page.trust_dialog.findChildren(QLabel))
