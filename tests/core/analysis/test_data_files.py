"""Data files for the analysts: each format reads back as the frame, SPSS keeps labels and declines, nothing half-written."""

import errno
import os
import random
import re
import uuid
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyreadstat
import pytest

from desktop_app.core.analysis.data_files import (
    codebook,
    described,
    spss_codes,
    spss_names,
    write_codebook,
    write_data,
)
from desktop_app.core.analysis.dataset import (
    SPECIAL_CODES,
    SPECIAL_LABELS,
    Variable,
    frame,
    variables,
)
from desktop_app.core.analysis.errors import AnalysisError
from desktop_app.core.forms.loader import load_form
from desktop_app.core.forms.synthetic import synthetic_session
from desktop_app.core.privacy.anonymise import anonymise

FORMS = Path(__file__).resolve().parents[3] / "forms"


@pytest.fixture(scope="module")
def pathways():
    return load_form(FORMS / "pathways_survey.md").form


@pytest.fixture(scope="module")
def records(pathways):
    """Synthetic responses anonymised as a device exports them, with every kind of decline and a suppression."""
    rng = random.Random(11)
    out = []
    for i in range(40):
        answers = anonymise(pathways, synthetic_session(pathways, rng).final_answers(), pseudonym="worker-1")
        out.append({"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "form_id": pathways.form_id,
                    "form_version": pathways.version, "revision": 1, "completed": "2026-11-03",
                    "worker": answers.pop("_worker"), "device": "dev-9f8e7d6c", "answers": answers})
    out[0]["answers"] |= {"had_order": {"declined": "prefer_not_to_say"}, "gender": {"suppressed": "k_anonymity"},
                          "what_would_have_helped": "Un café, et quelqu'un qui écoute."}
    out[1]["answers"] |= {"had_order": {"declined": "dont_know"}, "abuse_types": {"declined": "skipped"},
                          "what_would_have_helped": '=HYPERLINK("http://example.org")'}
    out[2]["answers"] = {}  # nothing asked
    return out


@pytest.fixture(scope="module", params=[True, False], ids=["labels", "codes"])
def data(request, pathways, records):
    labels = request.param
    df = frame(pathways, records, labels=labels)
    return df, described(df, variables(pathways)), labels


def as_text(value):
    """A cell as text, whatever the format made of it: '' when missing, 1.0 -> '1'."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cells(df) -> list[list[str]]:
    return [[as_text(v) for v in row] for row in df.astype(object).itertuples(index=False)]


def test_parquet_reads_back_as_the_frame(tmp_path, data):
    df, described_columns, labels = data
    path = write_data(df, described_columns, tmp_path / "pathways.parquet", labels=labels)
    back = pd.read_parquet(path)
    for column in back.columns:  # pandas 3 reads text as its string dtype: same values
        if df[column].dtype == object:
            back[column] = back[column].astype(object)
    pd.testing.assert_frame_equal(back, df)


def test_csv_is_utf8_with_a_bom_reads_back_as_the_frame_and_runs_no_formula(tmp_path, data):
    df, described_columns, labels = data
    path = write_data(df, described_columns, tmp_path / "pathways.csv", labels=labels)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel then shows "café", not "cafÃ©"
    back = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns) == list(df.columns)
    assert back.loc[1, "what_would_have_helped"] == "\'=HYPERLINK(\"http://example.org\")"  # text, never a formula
    back.loc[1, "what_would_have_helped"] = df.loc[1, "what_would_have_helped"]
    assert cells(back) == cells(df)
    assert back.loc[0, "what_would_have_helped"] == "Un café, et quelqu'un qui écoute."


def test_xlsx_has_the_frame_a_frozen_header_a_codebook_and_no_formulas(tmp_path, data):
    df, described_columns, labels = data
    path = write_data(df, described_columns, tmp_path / "pathways.xlsx", labels=labels)
    back = pd.read_excel(path, sheet_name="Data", dtype=str, keep_default_na=False)
    assert list(back.columns) == list(df.columns)
    assert cells(back) == cells(df)
    book = openpyxl.load_workbook(path)
    assert book["Data"].freeze_panes == "A2"
    assert [c.value for c in book["Codebook"]["A"][1:]] == list(df.columns)
    column = list(df.columns).index("what_would_have_helped") + 1
    cell = book["Data"].cell(row=3, column=column)
    assert cell.value == '=HYPERLINK("http://example.org")' and cell.data_type == "s"  # shown, never run


def test_xlsx_drops_control_characters_a_workbook_cannot_hold(tmp_path):
    df = pd.DataFrame({"story": pd.Series(["Line one\x0bline two", None], dtype=object),
                       "n": pd.array([1, None], dtype="Int64")})
    path = write_data(df, [Variable("story", "Story", "text"), Variable("n", "N", "integer")], tmp_path / "s.xlsx")
    sheet = openpyxl.load_workbook(path)["Data"]
    assert [[c.value for c in row] for row in sheet.iter_rows()][:2] == [["story", "n"], ["Line oneline two", 1]]


def test_sav_has_labels_value_labels_and_declines_as_user_missing(tmp_path, data):
    df, described_columns, labels = data
    path = write_data(df, described_columns, tmp_path / "pathways.sav", labels=labels)
    back, meta = pyreadstat.read_sav(path, user_missing=True)
    names = spss_names(list(df.columns))
    assert list(back.columns) == [names[c] for c in df.columns]
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_.]{0,63}", n) for n in back.columns)
    by_name = {v.name: v for v in described_columns}
    for column in df.columns:
        assert meta.column_names_to_labels[names[column]] == by_name[column].label[:256]

    had_order = meta.variable_value_labels["had_order"]
    assert had_order == {1: "Yes", 2: "No", -2: "Don't know", -1: "Prefer not to say", -3: "Skipped", -4: "Suppressed"}
    assert meta.missing_ranges["had_order"] == [{"lo": -4, "hi": -1}]
    assert back.loc[0, "had_order"] == -1 and back.loc[1, "had_order"] == -2  # declines keep their codes
    assert np.isnan(back.loc[2, "had_order"])  # not asked: system-missing
    assert back.loc[0, "gender"] == -4  # withheld by the device's k-anonymity gate
    # each select column, read through its value labels, is the frame's column
    for column in (c for c in df.columns if isinstance(df[c].dtype, pd.CategoricalDtype)):
        value_labels = meta.variable_value_labels[names[column]]
        read = ["" if np.isnan(v) else value_labels[v] for v in back[names[column]]]
        expected = ["" if pd.isna(v) else v if labels else by_name[column].values[v] for v in df[column]]
        assert read == expected, column

    assert meta.variable_value_labels["abuse_types_physical"] == {1: "Chosen", 0: "Not chosen"}
    np.testing.assert_array_equal(back["abuse_types_physical"],
                                  df["abuse_types/physical"].to_numpy(dtype="float64", na_value=np.nan))
    assert np.isnan(back.loc[1, "abuse_types_physical"]) and back.loc[1, "abuse_types"] == "skipped"
    assert back.loc[0, "what_would_have_helped"] == "Un café, et quelqu'un qui écoute."

    plain, _ = pyreadstat.read_sav(path)  # without user-missing values, as SPSS computes statistics
    assert np.isnan(plain.loc[0, "had_order"])


def test_numbers_go_to_spss_as_numbers_with_their_declines_beside_them(tmp_path):
    df = pd.DataFrame({"n": pd.array([4, None, None], dtype="Int64"),
                       "n/declined": pd.Categorical([None, "Don't know", None])})
    described_columns = [Variable("n", "How many?", "integer"),
                         Variable("n/declined", "How many?: declined", "declined", SPECIAL_LABELS, options=SPECIAL_CODES)]
    path = write_data(df, described_columns, tmp_path / "n.sav")
    back, meta = pyreadstat.read_sav(path, user_missing=True)
    assert back.columns.tolist() == ["n", "n_declined"]
    assert back.loc[0, "n"] == 4 and np.isnan(back.loc[1, "n"]) and back.loc[1, "n_declined"] == -2
    assert np.isnan(back.loc[2, "n"]) and np.isnan(back.loc[2, "n_declined"])  # missing, not declined
    assert meta.missing_ranges["n_declined"] == [{"lo": -4, "hi": -1}]
    assert meta.original_variable_types["n"] == "F10.0"


def test_the_codebook_lists_every_column_as_named_in_its_file(tmp_path, data):
    df, described_columns, labels = data
    for suffix in (".csv", ".sav"):
        data_path = tmp_path / f"pathways{suffix}"
        write_data(df, described_columns, data_path, labels=labels)
        path = write_codebook(described_columns, data_path)
        assert path == tmp_path / "pathways.codebook.csv"
        book = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
        assert list(book.columns) == ["variable", "label", "type", "values", "privacy", "question"]
        if suffix == ".sav":
            assert book["variable"].tolist() == pyreadstat.read_sav(data_path, metadataonly=True)[1].column_names
            row = book.set_index("variable").loc["had_order"]
            assert row["values"].startswith("1=Yes; 2=No; -2=Don't know; -1=Prefer not to say")
        else:
            assert book["variable"].tolist() == list(df.columns)
            row = book.set_index("variable").loc["children_household"]
            assert row["privacy"].startswith("generalised: band(1,2,3)")
            assert book.set_index("variable").loc["had_order", "values"].startswith("yes=Yes; no=No; dont_know=")


def test_codebook_of_variables_in_words():
    book = codebook([Variable("needs/legal", "Needs: Legal", "option", {1: "Chosen", 0: "Not chosen"}, "needs")],
                    spss=True)
    assert book.loc[0, "variable"] == "needs_legal" and book.loc[0, "values"] == "1=Chosen; 0=Not chosen"


def test_spss_names_are_valid_unique_and_short():
    names = spss_names(["needs/legal", "needs_legal", "Q", "q", "all", "_x", "1st", "x" * 70, "x" * 69 + "y", "a.b."])
    assert list(names.values()) == ["needs_legal", "needs_legal_2", "Q", "q_2", "all_", "v_x", "v1st", "x" * 64,
                                    "x" * 62 + "_2", "a.b"]


def test_spss_codes_keep_numeric_choice_names_and_put_declines_below_zero():
    numeric = Variable("q", "Q", "select_one", {"1": "Low", "5": "High", "prefer_not_to_say": "PNTS", "dont_know": "DK"})
    assert spss_codes(numeric) == {"1": 1, "5": 5, "prefer_not_to_say": -1, "dont_know": -2, "skipped": -3,
                                   "suppressed": -4}
    named = Variable("q", "Q", "select_one", {"low": "Low", "high": "High"})
    assert spss_codes(named)["low"] == 1 and spss_codes(named)["high"] == 2


# -- failures leave nothing behind -------------------------------------------------------

def small_frame():
    return pd.DataFrame({"id": pd.Series(["a", "b"], dtype=object)}), [Variable("id", "Response id", "meta")]


def test_an_unknown_format_is_refused_and_nothing_is_written(tmp_path):
    df, described_columns = small_frame()
    with pytest.raises(AnalysisError) as caught:
        write_data(df, described_columns, tmp_path / "pathways.json")
    assert caught.value.code == "unknown_format" and "pathways.json" in caught.value.message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet", ".sav"])
def test_a_folder_that_is_not_there_is_a_clear_error(tmp_path, suffix):
    df, described_columns = small_frame()
    target = tmp_path / "missing" / f"pathways{suffix}"
    with pytest.raises(AnalysisError) as caught:
        write_data(df, described_columns, target)
    assert caught.value.code == "cannot_write" and str(target) in caught.value.message
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    with pytest.raises(AnalysisError):
        write_data(df, described_columns, blocked / f"pathways{suffix}")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_a_clear_error(tmp_path):
    df, described_columns = small_frame()
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(AnalysisError) as caught:
            write_data(df, described_columns, folder / "pathways.csv")
        assert "Permission denied" in caught.value.message
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet", ".sav"])
def test_a_full_disk_leaves_the_old_file_and_no_partial_one(tmp_path, monkeypatch, suffix):
    df, described_columns = small_frame()
    target = tmp_path / f"pathways{suffix}"
    target.write_bytes(b"yesterday's dataset")
    real_replace = os.replace

    def disk_full(src, dst):
        Path(src).write_bytes(b"half a data")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(AnalysisError) as caught:
        write_data(df, described_columns, target)
    monkeypatch.setattr(os, "replace", real_replace)
    assert caught.value.code == "cannot_write"
    assert "No space left on device" in caught.value.message and str(target) in caught.value.message
    assert target.read_bytes() == b"yesterday's dataset"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_writer_failure_is_an_error_that_quotes_no_answer(tmp_path, monkeypatch):
    df = pd.DataFrame({"story": pd.Series(["Sam lives at 4 Elm Road"], dtype=object)})

    def refuse(*args, **kwargs):
        Path(args[1]).write_bytes(b"partial")
        raise ValueError("cannot store 'Sam lives at 4 Elm Road'")

    monkeypatch.setattr(pyreadstat, "write_sav", refuse)
    with pytest.raises(AnalysisError) as caught:
        write_data(df, [Variable("story", "Story", "text")], tmp_path / "stories.sav")
    assert "Elm Road" not in caught.value.message and "stories.sav" in caught.value.message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert list(tmp_path.iterdir()) == []
