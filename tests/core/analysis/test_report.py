"""The findings report: its numbers equal pandas, its HTML and Excel files show nothing the rule hid."""

import random
import re
import sys
import uuid

import openpyxl
import pytest

from desktop_app.core.analysis.dataset import SELECT_ONE, frame, variables
from desktop_app.core.analysis.errors import AnalysisError
from desktop_app.core.analysis.report import build_report, write_report
from desktop_app.core.analysis.tables import (
    COVERAGE,
    CROSSTAB,
    FREQUENCY,
    MULTIPLE,
    TOTAL,
)
from desktop_app.core.forms.loader import load_form
from desktop_app.core.forms.synthetic import synthetic_session
from desktop_app.core.privacy.anonymise import anonymise
from tests.core.exchange.journey import FORMS


@pytest.fixture(scope="module")
def pathways():
    return load_form(FORMS / "pathways_survey.md").form


def exported(form, n: int, seed: int = 11) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        answers = anonymise(form, synthetic_session(form, rng).final_answers(), pseudonym="worker-1")
        answers.pop("_worker")
        out.append({"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "form_id": form.form_id,
                    "form_version": form.version, "revision": 1, "completed": "2026-11-03", "worker": "worker-1",
                    "device": "dev-1", "answers": answers})
    return out


@pytest.fixture(scope="module")
def data(pathways):
    return frame(pathways, exported(pathways, 240), labels=False)


@pytest.fixture(scope="module")
def report(pathways, data):
    return build_report(pathways, data, variables(pathways), min_cell=10, preset="default",
                        targets={"male": 50, "lgbtq": 30})


def tables(report, kind=None):
    return [t for s in report.sections for t in s.tables if kind is None or t.kind == kind]


def test_every_select_question_has_a_table_in_form_order(pathways, report, data):
    described = [v for v in variables(pathways) if v.name in data.columns and v.kind in (SELECT_ONE, "select_multiple")]
    keys = {t.key for t in tables(report) if t.kind in (FREQUENCY, MULTIPLE)}
    assert {v.name for v in described} == keys
    answers = next(s for s in report.sections if s.title == "Answers")
    order = [v.name for v in described]
    assert [t.key for t in answers.tables] == [k for k in order if k in {t.key for t in answers.tables}]


def test_frequency_numbers_equal_an_independent_pandas_computation(pathways, report, data):
    labels = {v.name: v.values for v in variables(pathways)}
    for table in tables(report, FREQUENCY):
        if table.withheld:
            continue
        counts = data[table.key].astype(object).value_counts()
        base = int(data[table.key].notna().sum())
        by_label = {label: code for code, label in labels[table.key].items()}
        for label, row in zip(table.rows, table.cells):
            count = base if label == TOTAL else int(counts.get(by_label[label], 0))
            if row[0].value is None:
                assert 1 <= count < 10 or row[0].text == "[c]"
                continue
            assert row[0].value == count, (table.key, label)
            if label != TOTAL:
                assert row[1].value == pytest.approx(round(100 * count / base, 1))


def test_multiple_choice_shares_equal_pandas(pathways, report, data):
    for table in tables(report, MULTIPLE):
        variable = next(v for v in variables(pathways) if v.name == table.key)
        answered = data[f"{table.key}/{variable.options[0]}"].notna()
        for option in variable.options:
            row = table.cells[table.rows.index(variable.values[option])]
            chosen = int(data.loc[answered, f"{table.key}/{option}"].sum())
            if row[0].value is not None:
                assert row[0].value == chosen
                assert row[1].value == pytest.approx(round(100 * chosen / answered.sum(), 1))


def test_charts_plot_only_published_percentages(report):
    for section in report.sections:
        for table in section.tables:
            chart = section.charts.get(table.key)
            if chart is None:
                continue
            column = 2 if table.kind == COVERAGE else 1
            published = {label: row[column].value for label, row in zip(table.rows, table.cells)}
            for label, value in zip(chart.labels, chart.values):
                assert value == published[label]
            assert "withheld" in chart.alt or all(v is not None for v in chart.values)


def test_coverage_against_the_projects_targets(report):
    coverage = next(t for t in tables(report) if t.kind == COVERAGE)
    rows = dict(zip(coverage.rows, coverage.cells))
    assert rows["Male respondents"][1].value == 50 and rows["LGBTQ+ respondents"][1].value == 30
    assert rows["Disabled respondents"][1].text == ""
    male = rows["Male respondents"]
    assert male[2].value is None or male[2].value == pytest.approx(round(100 * male[0].value / 50, 1))


def test_html_is_accessible_self_contained_and_shows_no_small_count(report, tmp_path):
    path = write_report(report, tmp_path / "report.html")
    page = path.read_text(encoding="utf-8")
    assert "<title>Findings report</title>" in page and 'lang="en"' in page
    assert page.count("<caption>") == len([t for t in tables(report) if not t.withheld])
    assert '<th scope="col">' in page and '<th scope="row">' in page
    images = re.findall(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="([^"]+)"', page)
    assert images and all(alt.startswith("Bar chart") for alt in images)
    assert "src=\"http" not in page and "<script" not in page
    for text in re.findall(r"<td>([^<]*)", page):
        number = text.replace(",", "")
        assert not (number.isdigit() and 1 <= int(number) < 10), f"a small count is shown: {text}"
    assert "Disclosure rule: the 10-rule" in page
    assert "matplotlib.pyplot" not in sys.modules  # drawn on an Agg canvas, never through a GUI backend


def test_excel_has_the_rules_and_one_sheet_per_table(report, tmp_path):
    path = write_report(report, tmp_path / "report.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Rules"
    assert len(book.sheetnames) == 1 + len(tables(report))
    assert all(len(name) <= 31 for name in book.sheetnames)
    gender = next(t for t in tables(report) if t.key == "gender")
    rows = list(book["gender"].iter_rows(min_row=3, values_only=True))
    for label, row in zip(gender.rows, gender.cells):
        sheet_row = next(r for r in rows if r[0] == label)
        assert sheet_row[1] == (row[0].value if row[0].value is not None else row[0].text)


def test_crosstabs_are_by_each_quasi_identifier(report):
    keys = {t.key for t in tables(report, CROSSTAB)}
    for by in ("age_band", "gender", "sexual_orientation", "ethnicity", "disability", "district"):
        assert f"first_response_by_{by}" in keys
    assert "gender_by_age_band" not in keys  # quasi-identifiers are not crossed with each other


def test_no_responses_give_a_report_that_says_so(pathways, tmp_path):
    empty = frame(pathways, [], labels=False)
    report = build_report(pathways, empty, variables(pathways))
    assert report.sections == () and "no responses" in report.notes[0]
    page = write_report(report, tmp_path / "empty.html").read_text(encoding="utf-8")
    assert "no responses" in page
    assert openpyxl.load_workbook(write_report(report, tmp_path / "empty.xlsx")).sheetnames == ["Rules"]


def test_too_few_responses_give_no_tables(pathways, tmp_path):
    few = frame(pathways, exported(pathways, 7), labels=False)
    report = build_report(pathways, few, variables(pathways))
    assert report.sections == () and report.responses == "<10"
    assert "fewer than 10 responses" in write_report(report, tmp_path / "few.html").read_text(encoding="utf-8")


def test_a_form_where_everything_is_small_is_withheld_table_by_table(pathways, tmp_path):
    thin = frame(pathways, exported(pathways, 14, seed=2), labels=False)
    report = build_report(pathways, thin, variables(pathways))
    shown = [c.value for t in tables(report) for row in t.cells for c in row if t.kind != COVERAGE]
    assert any(t.withheld for t in tables(report))
    page = write_report(report, tmp_path / "thin.html").read_text(encoding="utf-8")
    assert "Withheld: with so few responses" in page
    assert all(v is None or v == 0 or v >= 10 or isinstance(v, float) for v in shown)


def test_an_unknown_suffix_or_folder_is_an_error_and_leaves_no_file(report, tmp_path):
    with pytest.raises(AnalysisError) as error:
        write_report(report, tmp_path / "report.pdf")
    assert error.value.code == "unknown_format"
    with pytest.raises(AnalysisError) as error:
        write_report(report, tmp_path / "missing" / "report.html")
    assert error.value.code == "cannot_write" and "missing" in error.value.message
    assert list(tmp_path.iterdir()) == []
