"""The Responses page: a lazy list over thousands of responses, filtered by form and status, without answers."""

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.core.vault.vault import Vault
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.responses_model import PAGE_SIZE
from tests.conftest import ADMIN, ADMIN_PASSPHRASE, CHEAP_KDF
from tests.ui.responses_data import add_small_form, store_many

MANY = 5_000
OTHER = 40


@pytest.fixture(scope="module")
def big_vault_template(tmp_path_factory):
    """Built once per module (thousands of encrypted inserts take seconds), copied for each test."""
    folder = tmp_path_factory.mktemp("big") / "vault"
    vault, _ = Vault.create(folder, ADMIN, ADMIN_PASSPHRASE, kdf=CHEAP_KDF)
    with vault:
        add_small_form(vault, folder.parent, "small", "Small survey")
        add_small_form(vault, folder.parent, "other", "Another survey")
        store_many(vault, "small", MANY)
        codes = store_many(vault, "other", OTHER)
        for _, code in codes[:3]:
            vault.responses.withdraw(code, ADMIN)
    return folder


@pytest.fixture
def responses_page(qtbot, big_vault_template, where, signed_in):
    shutil.copytree(big_vault_template, where.vault)
    main: MainWindow = signed_in(ADMIN, ADMIN_PASSPHRASE)
    main.resize(1000, 660)
    main.show_page("Responses")
    qtbot.waitExposed(main)
    QApplication.processEvents()
    return main.responses_page


def test_opening_the_list_reads_a_page_or_two_not_every_row(qtbot, responses_page):
    model = responses_page.model
    assert model.rowCount() == MANY + OTHER
    assert 0 < model.rows_fetched <= 2 * PAGE_SIZE
    assert responses_page.summary.text() == f"{MANY + OTHER:,} responses"

    responses_page.table.scrollToBottom()
    QApplication.processEvents()
    responses_page.table.scrollTo(model.index(MANY // 2, 0))
    QApplication.processEvents()
    assert model.data(model.index(MANY + OTHER - 1, 0)) in ("Small survey", "Another survey")
    assert model.rows_fetched <= 6 * PAGE_SIZE  # far fewer than the 5,040 rows


def test_filters_by_form_and_by_status(qtbot, responses_page):
    page = responses_page
    page.form_filter.setCurrentIndex(page.form_filter.findData("other"))
    assert page.model.rowCount() == OTHER
    assert {page.model.data(page.model.index(row, 0)) for row in range(OTHER)} == {"Another survey"}
    page.status_filter.setCurrentIndex(page.status_filter.findData("withdrawn"))
    assert page.model.rowCount() == 3
    assert page.model.data(page.model.index(0, 2)) == "Withdrawn"
    page.form_filter.setCurrentIndex(page.form_filter.findData(None))
    assert page.model.rowCount() == 3
    page.status_filter.setCurrentIndex(page.status_filter.findData("draft"))
    assert page.model.rowCount() == 0
    assert page.summary.text() == "No responses match."


def test_the_list_shows_who_and_when_but_never_an_answer(responses_page):
    model = responses_page.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Form", "Version", "Status", "Last change", "Worker"]
    cells = [str(model.data(model.index(row, column))) for row in range(60) for column in range(5)]
    assert ADMIN in cells and "Completed" in cells
    assert not [cell for cell in cells if "secret-answer" in cell or cell in ("34", "blue")]
