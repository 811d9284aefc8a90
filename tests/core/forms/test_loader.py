"""Loading XLSForms into the model: types, expressions, privacy, and errors with their cell."""

import pytest

from desktop_app.core.forms.errors import FormErrors
from desktop_app.core.forms.loader import form_from_definition, load_form


def errors_of(path):
    with pytest.raises(FormErrors) as caught:
        load_form(path)
    return caught.value.errors


def test_questions_groups_repeats_and_choices_load(form_of):
    form = form_of(
        """
        | survey | type | name | label | relevant | appearance | repeat_count |
        | | integer | age | Age | | | |
        | | begin_group | about | About you | ${age} >= 16 | field-list | |
        | | select_one yn | ok | OK? | | likert | |
        | | select_multiple needs | needs | Needs | | | |
        | | end_group | | | | | |
        | | integer | n_kids | Children | | | |
        | | begin_repeat | kids | Child | | | ${n_kids} |
        | | integer | kid_age | Age | | | |
        | | end_repeat | | | | | |
        | | geopoint | where | Where | | | |
        """,
        """
        | choices | list_name | name | label |
        | | yn | yes | Yes |
        | | yn | no | No |
        | | needs | legal | Legal |
        | | needs | housing | Housing |
        """,
    )
    kinds = {q.name: q.kind for q in form.questions()}
    assert kinds == {"age": "integer", "ok": "select_one", "needs": "select_multiple", "n_kids": "integer",
                     "kid_age": "integer", "where": "unsupported", "instanceID": "metadata"}
    about = form.children[1]
    assert about.field_list and about.relevant.references() == {"age"}
    kids = form.children[3]
    assert kids.repeat and kids.repeat_count.references() == {"n_kids"}
    assert [c.name for c in form.choice_lists["needs"].choices] == ["legal", "housing"]
    assert form.form_id == "t" and form.version == "1"


def test_privacy_defaults_and_values(form_of):
    form = form_of(
        """
        | survey | type | name | label | privacy | privacy_generalise |
        | | text | story | Story | | |
        | | integer | age | Age | quasi | band(18,25,35,45,55,65) |
        | | text | phone | Phone | contact | |
        | | text | full_name | Name | drop | |
        | | integer | kids | Kids | | |
        | | date | left_home | When did you leave? | | |
        | | datetime | last_seen | Last contact | quasi | |
        | | date | interview | Interview date | keep | |
        | | date | moved | Moved | | quarter |
        """
    )
    rules = {q.name: (q.privacy.rule, q.privacy.generalise) for q in form.questions() if q.kind != "metadata"}
    assert rules == {"story": ("scrub", ""), "age": ("quasi", "band(18,25,35,45,55,65)"), "phone": ("contact", ""),
                     "full_name": ("drop", ""), "kids": ("keep", ""),
                     # exact dates never leave unless the form says so (REFERENCE.md): quasi, to the month
                     "left_home": ("quasi", "month"), "last_seen": ("quasi", "month"), "interview": ("keep", ""),
                     "moved": ("quasi", "quarter")}


@pytest.mark.parametrize(
    "privacy, generalise, message",
    [
        ("secret", "", "privacy of 'q' is 'secret'"),
        ("keep", "month", "privacy_generalise but privacy is 'keep'"),
        ("quasi", "blur", "use band(a,b,...)"),
        ("quasi", "band(30,20)", "ascending numbers"),
    ],
)
def test_bad_privacy_values_are_errors_with_their_row(write_form, privacy, generalise, message):
    path = write_form(
        f"""
        | survey | type | name | label | privacy | privacy_generalise |
        | | text | first | First | | |
        | | integer | q | Q | {privacy} | {generalise} |
        """
    )
    [error] = errors_of(path)
    assert (error.sheet, error.row) == ("survey", 3)
    assert message in error.message
    assert str(error).startswith(f"{path}:survey:3:privacy")


def test_expression_errors_name_file_sheet_row_and_column(write_form):
    path = write_form(
        """
        | survey | type | name | label | relevant | constraint | calculation |
        | | integer | age | Age | | . > | |
        | | text | why | Why | /data/agee > 3 | | |
        | | calculate | c | | | | frobnicate(${age}) |
        """
    )
    errors = errors_of(path)
    assert [(e.row, e.column, e.code) for e in errors] == [
        (2, "constraint", "expression_syntax"),
        (4, "calculation", "expression_unknown_function"),
        (3, "relevant", "unknown_reference"),
    ]
    assert str(errors[2]) == f"{path}:survey:3:relevant: relevant of 'why' refers to 'agee', which is not in the form."
    assert "frobnicate" in errors[1].message


def test_an_unknown_dollar_reference_is_caught_by_pyxform_with_its_cell(write_form):
    path = write_form(
        """
        | survey | type | name | label | relevant |
        | | integer | age | Age | |
        | | text | why | Why | ${agee} > 3 |
        """
    )
    [error] = errors_of(path)
    assert (error.sheet, error.row, error.column) == ("survey", 3, "relevant")
    assert "agee" in error.message


def test_circular_dependencies_are_load_errors(write_form):
    path = write_form(
        """
        | survey | type | name | label | calculation |
        | | calculate | a | | ${b} + 1 |
        | | calculate | b | | ${a} + 1 |
        """
    )
    [error] = errors_of(path)
    assert error.code == "cycle" and "a -> b -> a" in error.message and error.row == 2


def test_pyxform_errors_keep_their_sheet_and_row(write_form):
    path = write_form(
        """
        | survey | type | name | label |
        | | select_one yn | ok | OK? |
        """,
        """
        | choices | list_name | name | label |
        | | yn | yes | Yes |
        | | yn | yes | Yes again |
        """,
    )
    [error] = errors_of(path)
    assert (error.sheet, error.row, error.column) == ("choices", 3, "name")
    assert "unique" in error.message


@pytest.mark.parametrize(
    "content, code",
    [(b"PK\x03\x04 not really a zip", "unreadable"), (b"", "unreadable")],
)
def test_broken_workbooks(tmp_path, content, code):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    errors = errors_of(path)
    assert errors[0].code in (code, "no_survey", "pyxform")
    assert str(errors[0]).startswith(str(path))


def test_missing_file_and_wrong_suffix(tmp_path):
    assert errors_of(tmp_path / "nope.xlsx")[0].code == "missing_file"
    (tmp_path / "form.docx").write_text("x")
    assert errors_of(tmp_path / "form.docx")[0].code == "file_type"


def test_external_data_loads_with_a_warning(write_form):
    path = write_form(
        """
        | survey | type | name | label | calculation |
        | | calculate | price | | pulldata('prices', 'price', 'item', 'bread') |
        """
    )
    loaded = load_form(path)
    [warning] = [w for w in loaded.warnings if w.code == "external_data"]
    assert (warning.row, warning.column) == (2, "calculation")


def test_multilingual_labels(form_of):
    form = form_of(
        """
        | survey | type | name | label::English (en) | label::Français (fr) | hint::English (en) | hint::Français (fr) |
        | | text | q | Where do you live? | Où habitez-vous ? | A town | Une ville |
        """,
        default_language="English (en)",
    )
    assert form.languages == ("English (en)", "Français (fr)")
    assert form.default_language == "English (en)"
    assert form.questions()[0].label["Français (fr)"] == "Où habitez-vous ?"


def test_a_stored_definition_rebuilds_the_same_form(write_form):
    loaded = load_form(write_form(
        """
        | survey | type | name | label | relevant |
        | | integer | age | Age | |
        | | text | why | Why | ${age} > 3 |
        """
    ))
    again = form_from_definition(loaded.definition_json())
    assert [(q.name, q.kind) for q in again.questions()] == [(q.name, q.kind) for q in loaded.form.questions()]
    assert again.questions()[1].relevant.source == "${age} > 3"


@pytest.mark.parametrize(
    "survey, code",
    [
        ("| survey | type | name | label |\n| | integer | age | Age |\n| | integer | age | Age again |", "pyxform"),
        ("| survey | type | name | label |\n| | telepathy | t | T |", "unknown_type"),
        ("| survey | type | name | label | relevant |\n| | integer | a | A | |\n| | integer | b | B | " + "(" * 500 + "1" + ")" * 500 + " |", "expression_too_deep"),
        ("| survey | type | name | label | calculation |\n| | calculate | c | | " + "1 + " * 3000 + "1 |", "expression_too_long"),
        ("| survey | type | name | label |\n| | begin_group | g | G |\n| | text | t | T |", "pyxform"),
    ],
    ids=["duplicate-name", "unknown-type", "absurd-nesting", "huge-expression", "unclosed-group"],
)
def test_bad_forms_give_located_errors_never_tracebacks(write_form, survey, code):
    errors = errors_of(write_form(survey))
    assert errors[0].code == code
    assert errors[0].row or errors[0].code == "pyxform"


def test_a_form_without_a_survey_sheet(write_form):
    errors = errors_of(write_form("| choices | list_name | name | label |\n| | yn | yes | Yes |"))
    assert errors[0].code in ("no_survey", "pyxform")
    assert "survey" in errors[0].message


def test_a_ten_megabyte_cell_is_refused_or_loaded_but_never_crashes(write_form):
    path = write_form("| survey | type | name | label |\n| | note | n | " + "x" * 10_000_000 + " |")
    try:
        load_form(path)
    except FormErrors as exc:
        assert str(exc.errors[0]).startswith(str(path))


def test_a_single_file_csv_form_loads(tmp_path):
    path = tmp_path / "form.csv"
    path.write_text(
        "survey,type,name,label,relevant\n"
        ",integer,age,Age,\n"
        ",text,why,Why,${age} > 3\n"
        "settings,form_id,version\n"
        ",csvform,2\n"
    )
    form = load_form(path).form
    assert form.form_id == "csvform" and [q.name for q in form.questions()][:2] == ["age", "why"]
