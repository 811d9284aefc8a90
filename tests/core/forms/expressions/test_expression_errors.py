"""Expressions that cannot be used fail with a stable code, a sentence, and the place."""

import pytest

from desktop_app.core.errors import FieldbookError
from desktop_app.core.forms.expressions.errors import ExpressionError
from desktop_app.core.forms.expressions.parser import MAX_DEPTH, MAX_LENGTH, parse

ERRORS = [
    # text, code, offset (0-based), words the message must contain
    ("1 + 2)", "syntax", 5, "unexpected ')' at character 6"),
    ("1 +", "syntax", 3, "ends too soon at character 4"),
    ("(1 + 2", "syntax", 6, "expected ')' to close the '(' at character 1"),
    ("concat('a', 'b'", "syntax", 15, "',' or ')'"),
    ("${a} = 'b", "syntax", 7, "no closing '"),
    ("${a} ${b}", "syntax", 5, "unexpected '${b}'"),
    ("1 = = 2", "syntax", 4, "unexpected '='"),
    ("${}", "syntax", 0, "not a valid question name"),
    ("${a b}", "syntax", 0, "not a valid question name"),
    ("${a", "syntax", 0, "not closed"),
    ("a//b", "syntax", 1, "'//'"),
    ("child::a", "syntax", 5, "axes"),
    ("${a} # 2", "syntax", 5, "unexpected character '#'"),
    ("${a} = \u2018yes\u2019", "syntax", 7, "curly quote"),
    ("", "syntax", 0, "empty"),
    ("   ", "syntax", 0, "empty"),
    ("/data/text()", "syntax", 6, "cannot be used in a path"),
    ("foo(1)", "unknown_function", 0, "unknown function 'foo()' at character 1"),
    ("not(selectd(${a}, 'x'))", "unknown_function", 4, "did you mean 'selected()'?"),
    ("lower-case('A')", "unknown_function", 0, "unknown function 'lower-case()'"),
    ("jr:itext('x')", "unknown_function", 0, "jr:itext"),
    ("round(1, 2, 3)", "arity", 0, "round() takes 1 or 2 arguments but was given 3 at character 1"),
    ("if(1, 2)", "arity", 0, "if() takes 3 arguments but was given 2"),
    ("1 + not()", "arity", 4, "not() takes 1 argument but was given 0"),
    ("pulldata('a')", "arity", 0, "pulldata() takes 4 arguments"),
    ("regex(., '[')", "regex", 9, "not a regular expression"),
    ("regex(., '\\p{L}+')", "regex", 9, "at character 10"),
    ("regex(., '[a-z&&[^b]]')", "regex", 9, "Java and Python read differently"),
]


@pytest.mark.parametrize("text, code, offset, words", ERRORS, ids=[e[0] or "empty" for e in ERRORS])
def test_error(text, code, offset, words):
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    assert caught.value.code == code
    assert caught.value.offset == offset
    assert words in caught.value.message
    assert str(caught.value) == caught.value.message


def test_expression_error_is_a_fieldbook_error():
    """The CLI and GUI show any FieldbookError as one line; expression errors need no special case."""
    assert issubclass(ExpressionError, FieldbookError)


def test_overlong_text_is_refused_before_reading():
    with pytest.raises(ExpressionError) as caught:
        parse("1" * (MAX_LENGTH + 1))
    assert caught.value.code == "too_long"
    assert caught.value.offset is None


@pytest.mark.parametrize(
    "text",
    [
        "(" * 200 + "1" + ")" * 200,
        "-" * 200 + "1",
        "not(" * 150 + "1" + ")" * 150,
        "${r}[" * 150 + "1" + "]" * 150,
        "if(1, " * 150 + "1" + ", 2)" * 150,
    ],
    ids=["parentheses", "unary-minus", "calls", "predicates", "nested-ifs"],
)
def test_absurd_nesting_is_too_deep_not_a_recursion_error(text):
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    assert caught.value.code == "too_deep"
    assert f"more than {MAX_DEPTH} levels" in caught.value.message


def test_reasonable_nesting_is_fine(run):
    assert run("(" * 40 + "1" + ")" * 40) == 1.0
    assert run("if(false(), 1, " * 20 + "7" + ")" * 20) == 7.0


def test_long_flat_chains_are_shallow(run):
    """500 alternatives in one relevant: long, but not deep, so it parses and evaluates."""
    text = " or ".join(f"${{a}} = '{i}'" for i in range(500))
    assert len(text) < MAX_LENGTH
    assert run(text, {"a": "499"}) is True
    assert run("+".join(["1"] * 4000)) == 4000.0


def test_runtime_regex_error_has_no_position(run):
    with pytest.raises(ExpressionError) as caught:
        run("regex('a', concat('(', ''))")
    assert caught.value.code == "regex"
    assert caught.value.offset is None
