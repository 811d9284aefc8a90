"""Properties over generated input: the parser never fails in any way but ExpressionError,
and expressions built from the grammar parse, print back to the same tree, and evaluate
against any kind of answer without crashing."""

from datetime import UTC

from expression_answers_context import AnswersContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.forms.expressions.errors import ExpressionError
from desktop_app.core.forms.expressions.evaluator import evaluate
from desktop_app.core.forms.expressions.function_table import FUNCTIONS, MANY
from desktop_app.core.forms.expressions.parser import parse
from desktop_app.core.forms.expressions.unparse import to_text

NAMES = ["a", "b", "age", "q-1", "grp.x", "r"]
OPERATORS = ["or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "div", "mod", "|"]
PIECES = [
    *OPERATORS, "(", ")", "[", "]", ",", "/", "//", ".", "..", "@", "*", "${a}", "${", "}", "'", '"', "'x'",
    "1", "2.5", ".5", "-", "not(", "if(", "regex(", "selected(", "concat(", "instance('i')", "foo(", " ", "\u2018",
    "jr:choice-name(", "a", "b:c", "::", "$", "#", "\n", "[1]", "last-saved#", "${last-saved#a}",
]


def _parses_or_refuses(text: str) -> None:
    try:
        parse(text)
    except ExpressionError as exc:
        assert exc.code in {"syntax", "unknown_function", "arity", "too_deep", "too_long", "regex"}
        assert exc.offset is None or 0 <= exc.offset <= len(text)
        assert exc.message


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_parses_or_raises_expression_error(text):
    _parses_or_refuses(text)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_any_token_soup_parses_or_raises_expression_error(text):
    _parses_or_refuses(text)


# --- expressions generated from the grammar -------------------------------------------

_text_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="'\"")
atoms = st.one_of(
    st.integers(0, 10**6).map(str),
    st.decimals(0, 10**6, places=3, allow_nan=False, allow_infinity=False).map(str),
    st.text(_text_chars, max_size=6).map(lambda s: f"'{s}'"),
    st.sampled_from(NAMES).map(lambda n: "${" + n + "}"),
    st.sampled_from(NAMES).map(lambda n: f"../{n}"),
    st.sampled_from(NAMES).map(lambda n: f"/data/grp/{n}"),
    st.sampled_from(NAMES),
    st.sampled_from([".", "..", "position(..)", "today()", "now()", "${last-saved#a}"]),
)


def _call(children):
    def build(spec, args):
        return f"{spec.name}({', '.join(args)})"

    def args_for(spec):
        most = 3 if spec.max_args == MANY else int(spec.max_args)
        return st.lists(children, min_size=spec.min_args, max_size=max(spec.min_args, most))

    return st.sampled_from(sorted(FUNCTIONS.values(), key=lambda s: s.name)).flatmap(
        lambda spec: args_for(spec).map(lambda args: build(spec, args))
    )


def _extend(children):
    return st.one_of(
        st.tuples(children, st.sampled_from(OPERATORS), children).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        children.map(lambda c: f"({c})"),
        children.map(lambda c: f"-{c}"),
        st.tuples(children, children).map(lambda t: f"({t[0]})[{t[1]}]"),
        st.tuples(st.sampled_from(NAMES), children).map(lambda t: f"${{{t[0]}}}[{t[1]}]"),
        st.tuples(st.sampled_from(NAMES), children).map(lambda t: f"instance('x')/root/item[name = {t[1]}]/{t[0]}"),
        _call(children),
    )


expressions = st.recursive(atoms, _extend, max_leaves=20)

answers = st.one_of(
    st.just(""),
    st.text(max_size=8),
    st.sampled_from(["a b", "1", "2024-01-31", "12:30:00", "-3.5", "NaN", "Infinity", "("]),
    st.integers(-(10**30), 10**30),
    st.floats(),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.just(UTC)),
    st.booleans(),
    st.none(),
    st.lists(st.one_of(st.just(""), st.integers(-5, 5), st.text(max_size=3), st.dates()), max_size=4),
)
contexts = st.builds(
    AnswersContext,
    answers=st.fixed_dictionaries({name: answers for name in NAMES}),
    current=answers,
    position=st.integers(1, 5),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions, contexts)
def test_generated_expressions_parse_and_evaluate(text, context):
    try:
        expr = parse(text)
    except ExpressionError as exc:
        assert exc.code == "regex", f"{text!r}: {exc.message}"
        return
    try:
        evaluate(expr, context)
    except ExpressionError as exc:
        assert exc.code == "regex"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions)
def test_generated_expressions_print_back_to_the_same_tree(text):
    try:
        expr = parse(text)
    except ExpressionError as exc:
        assert exc.code == "regex", f"{text!r}: {exc.message}"
        return
    printed = to_text(expr.root)
    assert parse(printed) == expr, printed
    assert to_text(parse(printed).root) == printed


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_round_halves_away_from_zero_like_decimal_text(x):
    """round(x) agrees with rounding the shortest decimal text half away from zero."""
    from decimal import ROUND_HALF_UP, Decimal

    literal = format(Decimal(repr(abs(x))), "f")  # XPath numbers have no exponent
    result = evaluate(parse(f"round({literal})" if x >= 0 else f"round(-{literal})"), AnswersContext())
    expected = float(Decimal(repr(x)).quantize(Decimal(1), ROUND_HALF_UP))
    assert result == expected
