"""`fieldbook data`: the analysts write what they imported as a data file with a codebook beside it."""

import pandas as pd
import pyreadstat
import pytest

from desktop_app.core.analysis.store import AnalystStore
from tests.cli import run
from tests.conftest import ADMIN_PASSPHRASE
from tests.core.exchange.journey import (
    analyst_workspace,
    capture,
    device,
    project_file,
    receive,
    send,
)

FORM = "pathways_survey"


@pytest.fixture
def imported(vault_dir, tmp_path, monkeypatch):
    """An analysts' workspace (the test's FIELDBOOK_HOME) holding 12 responses from one laptop."""
    analyst = analyst_workspace(vault_dir)
    with analyst:
        laptop = device(tmp_path / "laptop", project_file(analyst, tmp_path))
        with laptop:
            capture(laptop, 12, seed=4)
            send(laptop, tmp_path / "sync")
        receive(analyst, tmp_path / "sync")
        ids = [record["id"] for record in AnalystStore(analyst).records(FORM)]
    monkeypatch.setenv("FIELDBOOK_PASSPHRASE", ADMIN_PASSPHRASE)
    return ids


def test_data_writes_an_spss_file_and_its_codebook(imported, capsys, tmp_path):
    out = tmp_path / "results" / "pathways.sav"
    out.parent.mkdir()
    code, printed, err = run(capsys, "data", "--form", FORM, "--out", out)
    assert code == 0, err
    assert f"Wrote 12 responses to '{FORM}'" in printed and str(out) in printed
    back, meta = pyreadstat.read_sav(out, user_missing=True)
    assert back["id"].tolist() == imported
    assert meta.column_names_to_labels["consent"].startswith("Have you read the information sheet")
    assert meta.variable_value_labels["consent"][1] == "Yes"
    codebook = out.with_name("pathways.codebook.csv")
    assert f"Codebook: {codebook}" in printed
    assert pd.read_csv(codebook, encoding="utf-8-sig")["variable"].tolist() == list(back.columns)
    assert sorted(p.name for p in out.parent.iterdir()) == ["pathways.codebook.csv", "pathways.sav"]


def test_codes_instead_of_labels(imported, capsys, tmp_path):
    labelled, coded = tmp_path / "labels.csv", tmp_path / "codes.csv"
    assert run(capsys, "data", "--form", FORM, "--out", labelled)[0] == 0
    assert run(capsys, "data", "--form", FORM, "--out", coded, "--codes")[0] == 0
    assert set(pd.read_csv(labelled)["consent"]) == {"Yes"}
    assert set(pd.read_csv(coded)["consent"]) == {"yes"}


def test_an_unknown_form_is_one_line_naming_the_forms_there_are(imported, capsys, tmp_path):
    code, printed, err = run(capsys, "data", "--form", "nope", "--out", tmp_path / "nope.csv")
    assert code == 1 and printed == ""
    assert err.strip() == f"fieldbook: No form 'nope' in this workspace (forms: {FORM})."
    assert not (tmp_path / "nope.csv").exists()


def test_an_unknown_format_is_refused_before_the_passphrase_is_asked(capsys, tmp_path):
    out = tmp_path / "pathways.sas7bdat"
    code, _, err = run(capsys, "data", "--form", FORM, "--out", out)  # no vault, no passphrase: the name is checked first
    assert code == 1
    assert err.strip() == f"fieldbook: Cannot write {out}: use a name ending in .csv, .xlsx, .parquet or .sav."
    assert not any(tmp_path.glob("pathways*"))
