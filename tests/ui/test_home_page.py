"""Home: forms to start, drafts to carry on with (never their answers), and today's numbers."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from desktop_app.core.forms.loader import load_form
from desktop_app.paths import shipped_forms
from desktop_app.ui.home_page import EMPTY_HEADING, HomePage
from desktop_app.ui.survey.start_rows import when_saved
from tests.conftest import ADMIN

SECRET = "Jo Bloggs, 12 Acacia Avenue"


@pytest.fixture(scope="module")
def pathways():
    return load_form(shipped_forms() / "pathways_survey.md")


@pytest.fixture
def home(qtbot, vault):
    def open_home() -> HomePage:
        page = HomePage(vault)
        qtbot.addWidget(page)
        page.resize(960, 700)
        page.show()
        qtbot.waitExposed(page)
        return page

    return open_home


def add_pathways(vault, pathways) -> None:
    form = pathways.form
    vault.add_form(form.form_id, form.version, form.title, pathways.definition_json())


def visible_text(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget))


def test_a_new_vault_says_forms_arrive_with_the_project_file(home):
    page = home()
    assert (page.today.count(), page.waiting.count(), page.drafts.count()) == (0, 0, 0)
    assert page.empty_state.isVisible()
    assert page.empty_state.heading.text() == EMPTY_HEADING
    assert "project file" in page.empty_state.text.text()
    assert page.form_rows == [] and not page.forms_heading.isVisible()


def test_forms_show_title_and_version_with_a_big_start_button(home, vault, pathways, qtbot):
    add_pathways(vault, pathways)
    page = home()
    assert not page.empty_state.isVisible()
    [row] = page.form_rows
    assert (row.title.text(), row.detail.text()) == ("Pathways survey", "Version 2026.1")
    assert row.button.accessibleName() == "Start Pathways survey"
    assert row.button.height() >= 40, "a big target"
    with qtbot.waitSignal(page.start_requested) as started:
        row.button.setFocus()
        QTest.keyClick(row.button, Qt.Key.Key_Return)
    assert started.args == ["pathways_survey"]


def test_counts_say_what_was_done_today_and_what_waits_for_export(home, vault, pathways):
    add_pathways(vault, pathways)
    for _ in range(2):
        vault.responses.create_draft("pathways_survey", "2026.1", {}, ADMIN)
    for _ in range(3):
        vault.store_response("pathways_survey", "2026.1", {"consent": "no"})
    page = home()
    assert (page.today.count(), page.waiting.count(), page.drafts.count()) == (3, 3, 2)
    assert page.waiting.accessibleName() == "3 completed responses waiting to be exported"
    assert page.waiting.sentence() == "3 completed responses waiting to be exported"


def test_drafts_show_the_form_and_when_they_were_saved_never_an_answer(home, vault, pathways, qtbot):
    add_pathways(vault, pathways)
    draft = vault.responses.create_draft("pathways_survey", "2026.1", {"answers": {"contact_name": SECRET}}, ADMIN)
    page = home()
    [row] = page.draft_rows
    assert row.title.text() == "Pathways survey"
    assert row.detail.text().startswith("Last saved today at ")
    assert SECRET not in visible_text(page)
    assert all(SECRET not in w.accessibleName() + w.accessibleDescription() for w in page.findChildren(QLabel))
    with qtbot.waitSignal(page.resume_requested) as resumed:
        row.button.click()
    assert resumed.args == [draft]


def test_refresh_reads_the_vault_again(home, vault, pathways):
    page = home()
    add_pathways(vault, pathways)
    vault.responses.create_draft("pathways_survey", "2026.1", {}, ADMIN)
    page.refresh()
    assert len(page.form_rows) == 1 and len(page.draft_rows) == 1 and page.drafts.count() == 1
    assert not page.no_drafts.isVisible()


def test_every_button_is_reachable_by_tab(home, vault, pathways, qtbot):
    add_pathways(vault, pathways)
    vault.responses.create_draft("pathways_survey", "2026.1", {}, ADMIN)
    page = home()
    page.activateWindow()
    page.form_rows[0].button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.form_rows[0].button)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.draft_rows[0].button


def test_saved_times_read_naturally():
    from datetime import datetime

    now = datetime(2026, 3, 10, 15, 0).astimezone()
    local = now.tzinfo
    assert when_saved(datetime(2026, 3, 10, 9, 5, tzinfo=local).isoformat(), now) == "today at 09:05"
    assert when_saved(datetime(2026, 3, 9, 22, 40, tzinfo=local).isoformat(), now) == "yesterday at 22:40"
    assert when_saved(datetime(2026, 3, 3, 16, 5, tzinfo=local).isoformat(), now) == "3 March at 16:05"
    assert when_saved(datetime(2025, 12, 1, 8, 0, tzinfo=local).isoformat(), now) == "1 December 2025 at 08:00"
