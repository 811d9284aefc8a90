"""The Findings tab: the core report's published tables and charts on screen, never a hidden count, and saved as files."""

import re

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFileDialog, QLabel

from desktop_app.core.analysis.dataset import frame
from desktop_app.core.analysis.findings import findings_report
from desktop_app.core.analysis.store import AnalystStore
from desktop_app.core.analysis.tables import (
    COVERAGE,
    CROSSTAB,
    FREQUENCY,
    MULTIPLE,
    TOTAL,
)
from desktop_app.ui.analyst.findings_page import FindingsPage
from desktop_app.ui.dialog_history import GROUP, qt_project_settings
from tests.conftest import ADMIN_PASSPHRASE
from tests.core.exchange.journey import (
    analyst_workspace,
    capture,
    device,
    project_file,
    receive,
    send,
)

LEFT = Qt.MouseButton.LeftButton
ANALYST = "analyst"  # the account journey.analyst_workspace creates
FORM = "pathways_survey"
MIN_CELL = 10  # the project's default minimum cell size
RESPONSES = 40  # enough for some counts to be shown, few enough for many to be hidden


@pytest.fixture
def empty_store(where, tmp_path):
    """The analysts' workspace in this test's home, with its project and nothing imported (closed)."""
    analyst = analyst_workspace(where.vault)
    path = project_file(analyst, tmp_path)
    analyst.close()
    return path


@pytest.fixture
def store(where, tmp_path):
    """The same with one laptop's responses imported."""
    analyst = analyst_workspace(where.vault)
    try:
        laptop = device(tmp_path / "laptop", project_file(analyst, tmp_path))
        capture(laptop, RESPONSES, seed=3)
        receive(analyst, send(laptop, tmp_path / "sync"))
        laptop.close()
    finally:
        analyst.close()


def findings_page(qtbot, signed_in) -> FindingsPage:
    main = signed_in(ANALYST, ADMIN_PASSPHRASE)
    main.show_page("Findings")
    page = main.findings_page
    qtbot.waitUntil(lambda: not page.loading and page.form_picker.count() > 0)
    return page


def show(qtbot, page: FindingsPage, preset: str = "default") -> None:
    page.select(FORM, preset)
    qtbot.mouseClick(page.show_button, LEFT)
    qtbot.waitUntil(lambda: page.report is not None and not page.building, timeout=30_000)


def on_screen(view) -> list[list[str]]:
    """A table as a person reads it: the header row, then each row."""
    model = view.model()
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [header] + [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def published(table) -> list[list[str]]:
    """The same table as the core published it (a cross-tabulation's column percentage beside each count)."""
    rows = []
    for i, (label, cells) in enumerate(zip(table.rows, table.cells)):
        shares = table.percents[i] if table.percents else [None] * len(cells)
        rows.append([label] + [f"{c.text} ({s.text})" if s is not None and s.text else c.text for c, s in zip(cells, shares)])
    return [[table.stub, *table.columns]] + rows


def counts_shown(view) -> list[str]:
    """Every cell of the table that holds a count (not a percentage, interval or target)."""
    table, grid = view.model().table, on_screen(view)[1:]
    columns = {FREQUENCY: [1], MULTIPLE: [1], COVERAGE: [1], CROSSTAB: range(1, len(table.columns) + 1)}[table.kind]
    return [row[c].split(" (")[0] for row in grid for c in columns]


def words(widget) -> str:
    """Every label's words as a person reads them."""
    text = []
    for label in widget.findChildren(QLabel):
        document = QTextDocument()
        document.setHtml(label.text()) if label.textFormat() == Qt.TextFormat.RichText else document.setPlainText(label.text())
        text.append(document.toPlainText())
    return "\n".join(text)


def test_the_tables_on_screen_are_the_core_reports_published_tables(qtbot, store, controller, signed_in):
    page = findings_page(qtbot, signed_in)
    assert page.form_picker.currentText() == f"Pathways survey: {RESPONSES} responses"
    show(qtbot, page)

    expected = findings_report(AnalystStore(controller.vault), FORM, "default")
    tables = [table for section in expected.sections for table in section.tables if not table.withheld]
    assert len(page.view.tables) == len(tables) > 20
    for view, table in zip(page.view.tables, tables):
        assert view.accessibleName() == table.title
        assert on_screen(view) == published(table)
    assert all(line in words(page.view) for line in expected.rules), "the rule applied is stated"


def test_no_count_below_the_minimum_cell_size_reaches_the_screen(qtbot, store, controller, signed_in):
    page = findings_page(qtbot, signed_in)
    show(qtbot, page)

    shown = [text for view in page.view.tables for text in counts_shown(view)]
    assert f"<{MIN_CELL}" in shown, "the data has small counts, so the check below means something"
    for text in shown:
        if re.fullmatch(r"[\d,]+", text):
            assert int(text.replace(",", "")) == 0 or int(text.replace(",", "")) >= MIN_CELL, text
        else:
            assert text in (f"<{MIN_CELL}", "[c]", ""), text

    store = AnalystStore(controller.vault)
    df = frame(store.form(FORM), store.records(FORM))
    checked = 0
    for view in page.view.tables:
        table = view.model().table
        if table.kind != FREQUENCY or table.key not in df.columns:
            continue
        truth = df[table.key].astype(object).value_counts()
        for label, (_, count, *_) in zip(table.rows, on_screen(view)[1:]):
            true = int(truth.get(label, 0)) if label != TOTAL else int(df[table.key].notna().sum())
            assert 1 <= true < MIN_CELL and count in (f"<{MIN_CELL}", "[c]") or count in ("[c]", f"{true:,}"), (table.key, label)
            checked += 1
    assert checked > 50, "the counts were compared with pandas' own, row by row"


def test_another_rule_gives_its_own_tables_and_says_so(qtbot, store, controller, signed_in):
    page = findings_page(qtbot, signed_in)
    page.select(FORM, "nhs")
    assert "NHS Digital (HES)" in page.preset_help.text()
    show(qtbot, page, "nhs")
    expected = findings_report(AnalystStore(controller.vault), FORM, "nhs")
    assert page.report.rules == expected.rules and "Disclosure rule: NHS Digital (HES)." in expected.rules
    tables = [table for section in expected.sections for table in section.tables if not table.withheld]
    assert [on_screen(view) for view in page.view.tables] == [published(table) for table in tables]


def test_every_chart_is_drawn_below_its_table(qtbot, store, controller, signed_in):
    page = findings_page(qtbot, signed_in)
    show(qtbot, page)
    charts = sum(len(section.charts) for section in page.report.sections)
    assert charts > 0 and len(page.view.charts) == charts
    assert page.save_html_button.isEnabled(), "the tables can be saved while the charts are drawn"
    qtbot.waitUntil(lambda: not page.drawing, timeout=60_000)
    for (_, key), label in page.view.charts.items():
        assert not label.pixmap().isNull(), key
        assert label.accessibleDescription().startswith("Bar chart"), "the chart's numbers in words, for screen readers"
    charts = page.view.charts.values()
    qtbot.waitUntil(lambda: all(label.height() >= label.pixmap().height() > 0 for label in charts))  # room on the page


def test_saving_writes_the_report_as_html_or_excel(qtbot, store, controller, signed_in, tmp_path, monkeypatch):
    page = findings_page(qtbot, signed_in)
    show(qtbot, page)

    def native_dialog(*_args, **_kwargs):
        settings = qt_project_settings()  # what a real dialog writes on closing
        settings.setValue(f"{GROUP}/history", [str(tmp_path)])
        settings.sync()
        return str(tmp_path / "findings"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", native_dialog)
    qtbot.mouseClick(page.save_html_button, LEFT)
    qtbot.waitUntil(lambda: not page.saving, timeout=60_000)
    html = (tmp_path / "findings.html").read_text("utf-8")
    assert page.report.title in html and "How small numbers are protected" in html
    assert f"Saved the findings to {tmp_path / 'findings.html'}." in page.saved.text()
    assert GROUP not in qt_project_settings().childGroups()

    page.save_to(tmp_path / "findings.xlsx")
    qtbot.waitUntil(lambda: not page.saving, timeout=60_000)
    book = load_workbook(tmp_path / "findings.xlsx")
    assert book.sheetnames[0] == "Rules" and len(book.sheetnames) > 20


def test_a_form_without_responses_says_so(qtbot, empty_store, signed_in):
    page = findings_page(qtbot, signed_in)
    assert page.form_picker.currentText() == "Pathways survey: 0 responses"
    show(qtbot, page)
    assert "There are no responses to this form yet, so there is nothing to report." in words(page.view)
    assert page.view.tables == [] and page.view.charts == {}


def test_locking_takes_the_findings_off_the_screen(qtbot, store, controller, signed_in):
    page = findings_page(qtbot, signed_in)
    show(qtbot, page)
    controller.lock()
    assert page.report is None and page.view.tables == [] and page.form_picker.count() == 0
