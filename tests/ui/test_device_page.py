"""The Device page: this laptop's identity and project, and a project file imported only after its fingerprint is checked."""

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.exchange.errors import ProjectError
from desktop_app.core.exchange.project import read_project
from desktop_app.core.exchange.workspace import current_project, device_identity
from desktop_app.ui.device_page import NO_PROJECT_HEADING, DevicePage
from tests.conftest import ADMIN, ADMIN_PASSPHRASE
from tests.ui.project_data import device_with_project, project_file

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def project_path(analyst, tmp_path):
    folder = tmp_path / "from-the-analysts"
    folder.mkdir()
    return project_file(analyst, folder)


def device_page(main) -> DevicePage:
    main.show_page("Device")
    return main.device_page


def test_the_page_shows_the_device_and_project_fingerprints(where, analyst, tmp_path, controller, signed_in):
    device_with_project(where, analyst, tmp_path).close()
    page = device_page(signed_in(ADMIN, ADMIN_PASSPHRASE))
    device_id, public_key, fingerprint = device_identity(controller.vault)
    project = current_project(controller.vault)
    assert page.fingerprint.text() == fingerprint and page.fingerprint.isVisible()
    assert page.fingerprint.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert (page.device_id.text(), page.public_key.text()) == (device_id, public_key)
    assert (page.project_name.text(), page.project_id.text()) == (project.name, project.project_id)
    assert page.analysts_fingerprint.text() == project.fingerprint
    assert f"at least {project.k} people" in page.privacy.text() and page.min_cell.text().startswith(f"{project.min_cell}:")
    assert page.retention.text().startswith(f"{project.retention_days} days")
    assert not page.empty_state.isVisible()


def test_a_device_without_a_project_says_so_and_offers_the_import(admin_vault, controller, signed_in):
    page = device_page(signed_in(ADMIN, ADMIN_PASSPHRASE))
    assert page.empty_state.isVisible() and page.empty_state.heading.text() == NO_PROJECT_HEADING
    assert not page.device_card.isVisible() and not page.project_card.isVisible()
    assert page.importer.choose_button.text() == "Import project file…" and page.importer.choose_button.isVisible()


def test_a_project_is_imported_only_after_its_fingerprint_is_confirmed(qtbot, admin_vault, project_path, controller, signed_in):
    main = signed_in(ADMIN, ADMIN_PASSPHRASE)
    page = device_page(main)
    importer = page.importer
    importer.read_file(project_path)
    qtbot.waitUntil(lambda: not importer.busy)

    assert importer.check.isVisible()
    assert importer.fingerprint.text() == read_project(project_path).fingerprint
    with pytest.raises(ProjectError):
        current_project(controller.vault)  # read and shown, not imported yet

    with qtbot.waitSignal(page.project_changed):
        qtbot.mouseClick(importer.match_button, LEFT)
    qtbot.waitUntil(lambda: not importer.busy)
    assert current_project(controller.vault).project_id == read_project(project_path).project_id
    assert page.project_card.isVisible() and not page.empty_state.isVisible()
    assert "imported" in importer.done.text()
    assert [row.form_id for row in main.home_page.form_rows] == ["pathways_survey"], "its forms are ready on Home"


def test_a_fingerprint_that_does_not_match_imports_nothing(qtbot, admin_vault, project_path, controller, signed_in):
    importer = device_page(signed_in(ADMIN, ADMIN_PASSPHRASE)).importer
    importer.read_file(project_path)
    qtbot.waitUntil(lambda: not importer.busy)
    qtbot.mouseClick(importer.mismatch_button, LEFT)
    assert not importer.check.isVisible() and "Nothing was imported" in importer.error.text()
    with pytest.raises(ProjectError):
        current_project(controller.vault)


def test_an_altered_project_file_is_refused_in_words_naming_the_file(qtbot, admin_vault, project_path, controller, signed_in):
    project_path.write_text(project_path.read_text().replace('"k": 2', '"k": 3'))
    importer = device_page(signed_in(ADMIN, ADMIN_PASSPHRASE)).importer
    importer.read_file(project_path)
    qtbot.waitUntil(lambda: not importer.busy)
    assert not importer.check.isVisible()
    assert str(project_path) in importer.error.text() and "altered or damaged" in importer.error.text()
