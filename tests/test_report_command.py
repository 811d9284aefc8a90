"""`fieldbook report`: the analysts' findings report from what they imported, under the project's rule."""

import re

import openpyxl
import pytest

from desktop_app.core.exchange.workspace import create_project_file
from tests.cli import run
from tests.conftest import ADMIN_PASSPHRASE
from tests.core.exchange.journey import (
    FORMS,
    analyst_workspace,
    capture,
    device,
    receive,
    send,
)

FORM = "pathways_survey"
MIN_CELL = 4


@pytest.fixture
def imported(vault_dir, tmp_path, monkeypatch):
    """An analysts' workspace (the test's FIELDBOOK_HOME) holding 24 responses, with a target for male respondents."""
    analyst = analyst_workspace(vault_dir)
    with analyst:
        project = tmp_path / "pathways.fbproj"
        create_project_file(analyst, [FORMS / "pathways_survey.md"], project, name="Pathways", k=2, min_cell=MIN_CELL,
                            targets={"male": 40})
        laptop = device(tmp_path / "laptop", project)
        with laptop:
            capture(laptop, 24, seed=5)
            send(laptop, tmp_path / "sync")
        receive(analyst, tmp_path / "sync")
    monkeypatch.setenv("FIELDBOOK_PASSPHRASE", ADMIN_PASSPHRASE)


def test_report_writes_a_self_contained_html_file_under_the_projects_minimum(imported, capsys, tmp_path):
    out = tmp_path / "findings.html"
    code, printed, err = run(capsys, "report", "--form", FORM, "--out", out)
    assert code == 0, err
    assert str(out) in printed and "smallest count shown 4" in printed
    page = out.read_text(encoding="utf-8")
    assert "<title>Findings report</title>" in page
    assert f"Counts from 1 to {MIN_CELL - 1} are shown as &lt;{MIN_CELL}" in page
    assert "Responses from under-represented groups" in page and "<td>40</td>" in page  # the project's target
    for text in re.findall(r"<td>([^<]*)", page):
        assert not (text.isdigit() and 1 <= int(text) < MIN_CELL), f"a small count is shown: {text}"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".findings")] == []  # no temporary file left


def test_report_as_excel_with_a_rules_sheet_and_the_nhs_preset(imported, capsys, tmp_path):
    out = tmp_path / "findings.xlsx"
    code, _printed, err = run(capsys, "report", "--form", FORM, "--out", out, "--preset", "nhs")
    assert code == 0, err
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "Rules"
    rules = [row[0] for row in book["Rules"].iter_rows(values_only=True) if row[0]]
    assert "Disclosure rule: NHS Digital (HES)." in rules
    assert "gender" in book.sheetnames
    counts = [row[1] for row in book["gender"].iter_rows(min_row=3, values_only=True) if isinstance(row[1], int)]
    assert counts and all(count == 0 or (count >= 8 and count % 5 == 0) for count in counts)


def test_an_unknown_suffix_is_refused_before_anything_is_unlocked(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("FIELDBOOK_PASSPHRASE", raising=False)
    out = tmp_path / "findings.pdf"
    code, _printed, err = run(capsys, "report", "--form", FORM, "--out", out)
    assert code == 1
    assert "findings.pdf" in err and ".html or .xlsx" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()
