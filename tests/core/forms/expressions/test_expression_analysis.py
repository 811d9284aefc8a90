"""What an expression tells the loader and the session about itself."""

import pytest

from desktop_app.core.forms.expressions.parser import parse
from desktop_app.core.forms.expressions.unparse import to_text

ANALYSES = [
    # text, references, functions, uses_current, external
    ("${a} = 'x' and ${b} > 2", {"a", "b"}, set(), False, False),
    ("not(selected(${skip_to_end}, 'yes'))", {"skip_to_end"}, {"not", "selected"}, False, False),
    (". < ${slope_radius}", {"slope_radius"}, set(), True, False),
    ("regex(., '[0-9]{9}')", set(), {"regex"}, True, False),
    ("/data/grp/age + ../height + ../../weight", {"age", "height", "weight"}, set(), False, False),
    ("current()/../age", {"age"}, {"current"}, False, False),
    ("current()", set(), {"current"}, True, False),
    ("once(uuid())", set(), {"once", "uuid"}, True, False),
    ("string-length(string())", set(), {"string-length", "string"}, True, False),
    ("${r}[. > 1]", {"r"}, set(), False, False),
    ("position(..)", set(), {"position"}, False, False),
    ("instance('features')/root/item[name=${feature}]/osm_id", {"feature"}, {"instance"}, False, True),
    ("pulldata('hh', 'name', 'id', ${id})", {"id"}, {"pulldata"}, False, True),
    ("${last-saved#material}", set(), set(), False, True),
    ("jr:choice-name(${q}, '${q}')", {"q"}, {"jr:choice-name"}, False, False),
    ("count-selected(${a}) > 1 or format-date(today(), '%Y') = '2024'", {"a"}, {"count-selected", "format-date", "today"}, False, False),
]


@pytest.mark.parametrize("text, references, functions, uses_current, external", ANALYSES, ids=[a[0] for a in ANALYSES])
def test_analysis(text, references, functions, uses_current, external):
    expr = parse(text)
    assert expr.references() == references
    assert expr.functions() == functions
    assert expr.uses_current() is uses_current
    assert expr.external() is external
    assert expr.source == text


def test_bare_names_in_a_choice_filter_are_choice_columns_not_questions():
    expr = parse("village=${village} and plant_phase=${plant_phase}")
    assert expr.references() == {"village", "plant_phase"}
    assert expr.choice_fields() == {"village", "plant_phase"}
    assert parse("${state}=cf").choice_fields() == {"cf"}


def test_names_inside_external_data_are_not_choice_columns():
    assert parse("instance('x')/root/item[name = ${n}]/label").choice_fields() == frozenset()


def test_exprs_are_equal_by_structure_and_hashable():
    assert parse("${a}='x'") == parse("  ${a} = 'x'  ")
    assert parse("${a}='x'") != parse("${a}='y'")
    assert len({parse("1+2"), parse("1 + 2")}) == 1


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("${a}='x'", "${a} = 'x'"),
        ("(1+2)+3", "1 + 2 + 3"),
        ("1-(2-3)", "1 - (2 - 3)"),
        ("-(1+2)*3", "-(1 + 2) * 3"),
        ("- ${a} | ${b}", "-(${a} | ${b})"),
        ("0.00001", "0.00001"),
        ("selected (., 'no')", "selected(., 'no')"),
        ("instance('x')/root/item[name=${f}]/label", "instance('x')/root/item[name = ${f}]/label"),
        ('concat("it\'s", \'"\')', 'concat("it\'s", \'"\')'),
    ],
)
def test_canonical_text(text, canonical):
    assert to_text(parse(text).root) == canonical
    assert parse(canonical) == parse(text)
