"""The Export page: where things stand, and an export into the sync folder that says what it did or why it could not."""

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from desktop_app.core.demo import simulate
from desktop_app.core.exchange.acks import write_ack
from desktop_app.core.exchange.bundle import read_sidecar
from desktop_app.core.exchange.export import ExportResult
from desktop_app.core.vault.key_store import ANALYST_SIGNING
from desktop_app.ui.export_page import NO_PROJECT, ExportPage
from desktop_app.ui.export_report import outcome_html
from tests.conftest import ADMIN, ADMIN_PASSPHRASE, WORKER, WORKER_PASSPHRASE
from tests.ui.conftest import file_dialog_history_left
from tests.ui.project_data import device_with_project, store_story

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def device(where, analyst, tmp_path):
    """Closed: five made-up responses and one free-text story waiting to be exported."""
    vault = device_with_project(where, analyst, tmp_path)
    simulate(vault, "pathways_survey", 5, random.Random(7))
    store_story(vault)
    vault.close()


def shown(label) -> str:
    """A rich-text label's words as a person reads them."""
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText().replace("\xa0", " ")


def export_page(qtbot, main) -> ExportPage:
    main.show_page("Export")
    page = main.export_page
    qtbot.waitUntil(lambda: page.snapshot is not None and not page.loading)
    return page


def export_anyway(qtbot, page: ExportPage) -> None:
    qtbot.mouseClick(page.export_button, LEFT)
    qtbot.waitUntil(lambda: page.question is not None or page.busy)
    if page.question is not None:
        qtbot.mouseClick(page.export_anyway, LEFT)
    qtbot.waitUntil(lambda: not page.busy and not page.loading)


def test_the_page_shows_the_project_and_where_the_responses_stand(qtbot, device, controller, signed_in, where):
    page = export_page(qtbot, signed_in(ADMIN, ADMIN_PASSPHRASE))
    project = page.snapshot.project
    assert f"Project {project.name}." in shown(page.project) and project.fingerprint in shown(page.project)
    assert (page.waiting.count(), page.sent.count(), page.acknowledged.count(), page.drafts.count()) == (6, 0, 0, 0)
    assert page.folder.text() == str(where.sync), "the default sync folder"
    assert page.snapshot.unreviewed >= 1 and page.review_button.text() == f"Review free text ({page.snapshot.unreviewed})"


def test_exporting_writes_a_bundle_to_the_sync_folder_and_says_what_went(qtbot, device, controller, signed_in, tmp_path):
    page = export_page(qtbot, signed_in(ADMIN, ADMIN_PASSPHRASE))
    sync = tmp_path / "usb-stick"
    page.folder.setText(str(sync))

    qtbot.mouseClick(page.export_button, LEFT)
    box = page.question
    assert box is not None and "have not been reviewed. Review them first?" in box.text()
    assert box.windowTitle() == "Fieldbook"
    qtbot.mouseClick(page.export_anyway, LEFT)
    assert page.busy and not page.export_button.isEnabled() and not page.choose_button.isEnabled()
    assert page.progress.isVisible()
    qtbot.waitUntil(lambda: not page.busy and not page.loading)

    [bundle] = sync.glob("*.fbx")
    assert page.result.isVisible() and not page.error.isVisible()
    assert str(bundle) in shown(page.result)
    assert "6 responses and 0 withdrawals" in shown(page.result)
    assert "Pathways survey\n" in shown(page.result), "the privacy check names the form by its title"
    assert page.step.text() == "Encrypting and signing", "the progress bar followed the export's own steps"
    assert not page.progress.isVisible() and page.export_button.isEnabled()
    assert (page.waiting.count(), page.sent.count()) == (0, 6)
    assert bundle.name in page.awaiting.text()


def test_cancel_stops_the_export_before_anything_is_written(qtbot, device, controller, signed_in, tmp_path, monkeypatch):
    from desktop_app.ui import export_page as module

    real_export = module.export

    def export_after_cancel(vault, folder, allow, progress, cancel):
        assert cancel.wait(10), "the Cancel button reaches the running export"
        return real_export(vault, folder, allow, progress, cancel)

    monkeypatch.setattr(module, "export", export_after_cancel)
    page = export_page(qtbot, signed_in(ADMIN, ADMIN_PASSPHRASE))
    sync = tmp_path / "usb-stick"
    page.folder.setText(str(sync))
    page.start_export()
    assert page.cancel_button.isVisible() and page.cancel_button.isEnabled()
    qtbot.mouseClick(page.cancel_button, LEFT)
    assert page.step.text() == "Cancelling…" and page.cancel_button.text() == "Cancelling…"
    qtbot.waitUntil(lambda: not page.busy and not page.loading)

    assert page.error.isVisible() and "Export cancelled: no bundle was written" in page.error.text()
    assert not sync.exists() or not any(sync.iterdir())
    assert (page.waiting.count(), page.sent.count()) == (6, 0)
    assert not page.cancel_button.isVisible() and page.export_button.isEnabled()


def test_acknowledgements_are_read_and_reported_at_the_next_export(qtbot, device, analyst, controller, signed_in, tmp_path):
    page = export_page(qtbot, signed_in(ADMIN, ADMIN_PASSPHRASE))
    sync = tmp_path / "share"
    page.folder.setText(str(sync))
    export_anyway(qtbot, page)
    [bundle] = sync.glob("*.fbx")
    sidecar = read_sidecar(bundle.with_name(bundle.name + ".sig"))
    write_ack(sync, sidecar.project_id, sidecar.device_id, 1, "", analyst.keys.get(ANALYST_SIGNING).secret)

    export_anyway(qtbot, page)
    assert "Nothing new to export." in shown(page.result)
    assert "The analysts confirmed they received bundle 1" in shown(page.result)
    assert (page.sent.count(), page.acknowledged.count()) == (0, 6) and not page.awaiting.isVisible()


def test_without_a_project_the_page_says_so_and_export_explains_why_not(qtbot, admin_vault, controller, signed_in, where):
    page = export_page(qtbot, signed_in(ADMIN, ADMIN_PASSPHRASE))
    assert NO_PROJECT in shown(page.project)
    qtbot.mouseClick(page.export_button, LEFT)
    qtbot.waitUntil(lambda: not page.busy and not page.loading)
    assert page.error.isVisible() and "no project yet" in page.error.text()
    assert not page.result.isVisible()
    assert not where.sync.exists(), "nothing written anywhere"


def test_a_sync_folder_that_cannot_be_written_marks_nothing_as_sent(qtbot, device, controller, signed_in, tmp_path):
    page = export_page(qtbot, signed_in(ADMIN, ADMIN_PASSPHRASE))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the sync folder should be")
    page.folder.setText(str(blocker))
    export_anyway(qtbot, page)
    assert page.error.isVisible() and "Cannot write the bundle" in page.error.text()
    assert "Nothing was marked as sent" in page.error.text()
    assert not page.result.isVisible()
    assert controller.vault.exports.unacknowledged() == []
    assert (page.waiting.count(), page.sent.count()) == (6, 0)


def test_an_empty_sync_folder_is_asked_for_before_anything_runs(qtbot, device, controller, signed_in):
    page = export_page(qtbot, signed_in(ADMIN, ADMIN_PASSPHRASE))
    page.folder.clear()
    page.start_export()
    assert not page.busy and "Choose the sync folder" in page.error.text()


def test_choosing_the_folder_leaves_no_file_dialog_history(qtbot, device, controller, signed_in, tmp_path, folder_dialog):
    page = export_page(qtbot, signed_in(ADMIN, ADMIN_PASSPHRASE))
    chosen = tmp_path / "chosen"
    folder_dialog(chosen)
    qtbot.mouseClick(page.choose_button, LEFT)
    assert page.folder.text() == str(chosen)
    assert not file_dialog_history_left()


def test_the_review_first_answer_opens_the_review_in_place(qtbot, device, controller, signed_in):
    main = signed_in(ADMIN, ADMIN_PASSPHRASE)
    page = export_page(qtbot, main)
    qtbot.mouseClick(page.export_button, LEFT)
    qtbot.mouseClick(page.review_choice, LEFT)
    assert page.stack.currentWidget() is page.review
    qtbot.waitUntil(lambda: page.review.loaded)
    assert page.review.items and main.exit_control.isVisible()
    qtbot.mouseClick(page.review.back_button, LEFT)
    assert page.stack.currentIndex() == 0
    qtbot.waitUntil(lambda: not page.loading)


def test_workers_do_not_see_export_or_device(team_vault, controller, signed_in):
    main = signed_in(WORKER, WORKER_PASSPHRASE)
    assert main.export_page is None and main.device_page is None
    assert "Export" not in main.page_names() and "Device" not in main.page_names()


def test_the_privacy_check_is_reported_in_the_questions_own_words(tmp_path):
    result = ExportResult(tmp_path / "dev-1-000002.fbx", 2, 40, 1, acknowledged=[1], purged=3, disclosure=[
        "pathways_survey: district suppressed in 2 records: still in groups of fewer than 5 people after generalisation.",
    ])
    forms = {"pathways_survey": ("Pathways survey", {"district": "Which area do you live in?"})}
    document = QTextDocument()
    document.setHtml(outcome_html(result, forms, retention_days=90))
    words = document.toPlainText()
    assert "40 responses and 1 withdrawal, encrypted" in words
    assert "The analysts confirmed they received bundle 1:" in words
    assert "3 responses the analysts already hold, older than 90 days, were deleted from this laptop." in words
    assert "Pathways survey\n" in words and "“Which area do you live in?” withheld in 2 records" in words


def test_the_folder_of_the_last_export_is_offered_next_time(qtbot, device, controller, signed_in, tmp_path):
    page = export_page(qtbot, signed_in(ADMIN, ADMIN_PASSPHRASE))
    sync = tmp_path / "usb-stick"
    page.folder.setText(str(sync))
    export_anyway(qtbot, page)
    controller.lock()

    again = export_page(qtbot, signed_in(ADMIN, ADMIN_PASSPHRASE))

    assert again.folder.text() == str(sync)
