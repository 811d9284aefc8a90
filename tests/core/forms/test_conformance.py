"""Real XLSForms from other teams (../shared/conformance): what pyxform accepts, Fieldbook loads."""

from pathlib import Path

import pytest
from pyxform.errors import PyXFormError
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import get_xlsform

from desktop_app.core.forms.errors import FormErrors
from desktop_app.core.forms.loader import load_form

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "conformance" / "xlsforms"
FILES = sorted(CORPUS.glob("*.xls*")) if CORPUS.is_dir() else []

pytestmark = pytest.mark.skipif(not FILES, reason=f"conformance corpus not found at {CORPUS}")


def pyxform_questions(node, out=None):
    out = [] if out is None else out
    for child in node.get("children", []):
        if child["type"] in ("group", "repeat"):
            pyxform_questions(child, out)
        else:
            out.append((child["name"], child["type"]))
    return out


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_form_pyxform_accepts_loads_with_the_same_questions(path):
    try:
        expected = pyxform_questions(workbook_to_json(get_xlsform(str(path))))
    except PyXFormError:
        with pytest.raises(FormErrors) as refused:
            load_form(path)
        error = refused.value.errors[0]
        assert error.sheet and error.row, "a refusal names the sheet and row"
        return
    loaded = load_form(path)
    assert [(q.name, q.raw_type) for q in loaded.form.questions()] == expected


def test_the_form_pyxform_refuses_is_refused_with_sheet_and_row():
    path = CORPUS / "unhcr_demo.xlsx"
    with pytest.raises(FormErrors) as refused:
        load_form(path)
    first = refused.value.errors[0]
    assert (first.sheet, first.row, first.column) == ("choices", 7, "name")
    assert str(first).startswith(f"{path}:choices:7:name: ")
    assert "unique" in first.message


def test_capture_types_a_laptop_cannot_use_load_as_unsupported():
    kinds = {}
    for path in FILES:
        try:
            for question in load_form(path).form.questions():
                kinds.setdefault(question.raw_type, set()).add(question.kind)
        except FormErrors:
            continue
    for raw in ("geopoint", "photo", "audio", "barcode", "video"):
        assert kinds.get(raw) == {"unsupported"}, raw


def test_external_data_is_a_warning_with_its_cell():
    warned = []
    for path in FILES:
        try:
            loaded = load_form(path)
        except FormErrors:
            continue
        warned += [w for w in loaded.warnings if w.code == "external_data"]
    assert warned, "the corpus uses pulldata()/instance() or choices from files"
    assert all(w.row and w.sheet == "survey" for w in warned)
