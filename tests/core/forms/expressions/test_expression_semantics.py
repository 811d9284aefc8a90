"""ODK expression semantics, one rule per group, each citing where the rule comes from.

REFERENCE = /work/shared/REFERENCE.md, "ODK expression semantics to follow".
"""

import math
from datetime import date, datetime

import pytest

from desktop_app.core.forms.expressions.errors import ExpressionError


def same(actual, expected) -> bool:
    if isinstance(expected, float) and math.isnan(expected):
        return isinstance(actual, float) and math.isnan(actual)
    return actual == expected and type(actual) is type(expected)


NAN = math.nan


def case(text, expected, answers=None, *, id, **context):
    return pytest.param(text, answers or {}, context, expected, id=id)


RULES = [
    # REFERENCE: regex(value, pattern) matches the whole value (ODK docs: "exact and complete match").
    case("regex('123456789', '[0-9]{9}')", True, id="regex-whole-value-matches"),
    case("regex('1234567890', '[0-9]{9}')", False, id="regex-longer-value-does-not-match"),
    case("regex('x123456789', '[0-9]{9}')", False, id="regex-is-not-a-search"),
    case("regex(., '^[a-z]+$')", True, current="abc", id="regex-anchors-are-harmless"),
    case("regex(${p}, '[0-9]{9}')", False, {"p": ""}, id="regex-blank-does-not-match"),
    case("regex(${p}, ${pattern})", True, {"p": "ab", "pattern": "a."}, id="regex-pattern-from-answer"),
    # REFERENCE: blank values give NaN in arithmetic.
    case("${x} + 1", NAN, {"x": ""}, id="blank-plus-one-is-nan"),
    case("${x} * 0", NAN, {"x": ""}, id="blank-times-zero-is-nan"),
    case("string(${x} + 1)", "NaN", {"x": ""}, id="nan-prints-as-NaN"),
    case("number(' 12 ')", 12.0, id="number-trims-spaces"),
    case("number('1e5')", NAN, id="number-has-no-exponents-in-xpath"),
    case("number('abc')", NAN, id="number-of-text-is-nan"),
    # REFERENCE: comparisons with NaN are false.
    case("${x} > 18", False, {"x": ""}, id="blank-greater-is-false"),
    case("${x} <= 18", False, {"x": ""}, id="blank-less-equal-is-false"),
    case("${x} = 0", False, {"x": ""}, id="blank-equals-zero-is-false"),
    case("${x} + 0 = ${x} + 0", False, {"x": ""}, id="nan-is-not-equal-to-itself"),
    # JavaRosa XPathEqExpr: != is the negation of =, so a NaN side makes != true.
    case("${x} != 5", True, {"x": ""}, id="not-equal-is-negation-of-equal"),
    case("${age} != ''", True, {"age": 5}, id="answered-number-is-not-blank"),
    case("${age} != ''", False, {"age": ""}, id="blank-number-is-blank"),
    # REFERENCE: round() rounds halves away from zero.
    case("round(2.5)", 3.0, id="round-half-up"),
    case("round(-2.5)", -3.0, id="round-negative-half-away-from-zero"),
    case("round(0.5)", 1.0, id="round-point-five"),
    case("round(2.4)", 2.0, id="round-down"),
    case("round(1.25, 1)", 1.3, id="round-with-digits"),
    case("round(1.005, 2)", 1.01, id="round-decimal-text-like-bigdecimal"),
    case("round(1234.5, -2)", 1200.0, id="round-negative-digits"),
    case("round(${x})", NAN, {"x": ""}, id="round-blank-is-nan"),
    # REFERENCE: dates compare and subtract as dates only when typed.
    case("${d} < ${e}", True, {"d": date(2024, 1, 1), "e": date(2024, 2, 1)}, id="typed-dates-compare"),
    case("${d} = '2024-01-31'", True, {"d": date(2024, 1, 31)}, id="typed-date-equals-date-text"),
    case("${d} > '2024-01-01'", True, {"d": date(2024, 1, 31)}, id="typed-date-orders-against-date-text"),
    case("'2024-01-02' > '2024-01-01'", False, id="untyped-date-text-is-not-a-date"),
    case("today() - ${dob}", 30.0, {"dob": date(2024, 1, 1)}, id="date-difference-in-days"),
    case("date(${d} + 7)", date(2024, 2, 7), {"d": date(2024, 1, 31)}, id="date-plus-days"),
    case("${dt} > ${d}", True, {"dt": datetime(2024, 1, 31, 9), "d": date(2024, 1, 31)}, id="datetime-after-its-midnight"),
    case("today() = date('2024-01-31')", True, id="today-equals-date"),
    case("${d} = ''", False, {"d": date(2024, 1, 31)}, id="answered-date-is-not-blank"),
    # DESIGN 5 / brief: today() and now() read the injectable clock.
    case("today()", date(2020, 2, 29), clock=datetime(2020, 2, 29, 23, 59), id="today-uses-clock"),
    case("now()", datetime(2020, 2, 29, 23, 59), clock=datetime(2020, 2, 29, 23, 59), id="now-uses-clock"),
    # ODK: select_multiple answers are space-separated choice names.
    case("selected('a b c', 'b')", True, id="selected-finds-choice"),
    case("selected('a bc', 'b')", False, id="selected-matches-whole-names"),
    case("selected(${s}, ' b ')", True, {"s": "a b"}, id="selected-trims-the-choice"),
    case("selected(${s}, 'a')", False, {"s": ""}, id="selected-on-blank"),
    case("count-selected('  a   b ')", 2.0, id="count-selected-ignores-extra-spaces"),
    case("count-selected('')", 0.0, id="count-selected-blank"),
    case("selected-at('a b c', 1)", "b", id="selected-at-is-zero-based"),
    case("selected-at('a b c', 3)", "", id="selected-at-beyond-end"),
    case("jr:choice-name(${q}, '${q}')", "Bee", {"q": "b"}, labels={("q", "b"): "Bee"}, id="choice-name-by-ref"),
    case("jr:choice-name(${q}, '/data/grp/q')", "Bee", {"q": "b"}, labels={("q", "b"): "Bee"}, id="choice-name-by-path"),
    case("jr:choice-name(${q}, '${q}')", "", {"q": ""}, labels={("q", "b"): "Bee"}, id="choice-name-of-blank"),
    # XPath/ODK: if, coalesce, concat.
    case("if(${x} = 'yes', 'a', 'b')", "a", {"x": "yes"}, id="if-true-branch"),
    case("if(${x} = 'yes', 'a', 'b')", "b", {"x": ""}, id="if-false-branch"),
    case("if(true(), 'a', regex('x', ${bad}))", "a", {"bad": "["}, id="if-evaluates-only-the-chosen-branch"),
    case("coalesce(${a}, 'b')", "b", {"a": ""}, id="coalesce-skips-blank"),
    case("coalesce(${a}, 'b')", 0, {"a": 0}, id="coalesce-keeps-zero"),
    case("concat('a', 1, 2.5, true(), ${d})", "a12.5true2024-01-31", {"d": date(2024, 1, 31)}, id="concat-converts-to-text"),
    case("concat(${r}, '!')", "xyz!", {"r": ["x", "y", "z"]}, id="concat-joins-a-nodeset"),
    case("join(', ', ${r})", "x, y", {"r": ["x", "y"]}, id="join-a-nodeset"),
    # XPath 1.0 section 3.4: = compares as numbers when either side is a number.
    case("${n} = '5'", True, {"n": 5}, id="number-equals-number-text"),
    case("'5' = 5.0", True, id="text-to-number-in-equality"),
    case("'05' = '5'", False, id="two-texts-compare-as-text"),
    case("${sel} = 1", True, {"sel": "1"}, id="choice-name-equals-number"),
    case("true() = 'false'", True, id="boolean-side-compares-as-booleans"),
    case("2 = 2.0", True, id="int-equals-float"),
    # ODK constraints: '.' is the answer being checked.
    case(". >= 18", True, current=20, id="dot-in-constraint"),
    case(". < ${max}", False, {"max": 3}, current=5, id="dot-against-other-answer"),
    case("string-length(.) <= 3", True, current="abc", id="dot-as-text"),
    case("not(selected(., 'yes') and selected (., 'no'))", True, current="yes", id="dot-in-select-constraint"),
    # REFERENCE: ${x} inside a repeat refers to the same instance; position(..) numbers it.
    case("position(..)", 3.0, position=3, id="position-of-repeat-instance"),
    case("position(..) = 1", True, position=1, id="first-instance"),
    # XPath: sum() and count() over nodesets (answers in repeats, read from outside).
    case("sum(${r})", 6.0, {"r": [1, 2, 3]}, id="sum-of-nodeset"),
    case("count(${r})", 3.0, {"r": [1, 2, ""]}, id="count-counts-blank-entries"),
    case("count-non-empty(${r})", 2.0, {"r": [1, 2, ""]}, id="count-non-empty"),
    case("count(${r})", 0.0, {"r": []}, id="count-of-no-instances"),
    case("sum(${r})", 0.0, {"r": []}, id="sum-of-no-instances"),
    case("sum(${r})", NAN, {"r": [1, ""]}, id="sum-with-blank-is-nan"),
    case("count(${q})", 1.0, {"q": ""}, id="count-of-plain-question"),
    case("max(${r})", 3.0, {"r": [1, 3, 2]}, id="max-of-nodeset"),
    case("min(4, 2, 3)", 2.0, id="min-of-arguments"),
    case("${r} = 2", True, {"r": [1, 2, 3]}, id="nodeset-equality-is-existential"),
    case("${r} > 5", False, {"r": [1, 2, 3]}, id="nodeset-order-is-existential"),
    case("/data/household[2]/age", [40], {"age": [30, 40]}, id="path-predicate-picks-instance"),
    case("${r}[. > 1]", [2, 3], {"r": [1, 2, 3]}, id="predicate-filters-nodeset"),
    # XPath 1.0 section 3.5: arithmetic.
    case("7 div 2", 3.5, id="div"),
    case("7 mod 3", 1.0, id="mod"),
    case("-7 mod 3", -1.0, id="mod-keeps-sign-of-dividend"),
    case("1 div 0", math.inf, id="div-by-zero-is-infinity"),
    case("-1 div 0", -math.inf, id="negative-div-by-zero"),
    case("0 div 0", NAN, id="zero-div-zero-is-nan"),
    case("5 mod 0", NAN, id="mod-zero-is-nan"),
    case("2 + 3 * 4", 14.0, id="multiplication-binds-tighter"),
    case("(2 + 3) * 4", 20.0, id="parentheses"),
    case("10 - 4 - 3", 3.0, id="minus-is-left-associative"),
    case("2 - -2", 4.0, id="unary-minus"),
    case("2+2", 4.0, id="no-spaces"),
    case("${a}-${b}", 1.0, {"a": 3, "b": 2}, id="minus-between-refs"),
    case("${x}-1", 4.0, {"x-1": "", "x": 5}, id="minus-after-ref"),
    case("../x-1", "", {"x-1": "", "x": 5}, id="hyphen-inside-a-name-is-part-of-it"),
    # XPath 1.0 section 3.4: and/or evaluate left to right and stop early.
    case("true() or regex('a', ${bad})", True, {"bad": "["}, id="or-short-circuits"),
    case("false() and regex('a', ${bad})", False, {"bad": "["}, id="and-short-circuits"),
    case("${a} = 'x' or ${a} = 'y' or ${a} = 'z'", True, {"a": "z"}, id="or-chain"),
    case("1 and ''", False, id="and-converts-to-boolean"),
    # XPath 1.0 section 3.3: | joins nodesets.
    case("count(${a} | ${b})", 2.0, {"a": "x", "b": "y"}, id="union-of-two-values"),
    # XPath string(): how values print.
    case("string(2)", "2", id="whole-number-prints-without-point"),
    case("string(2.50)", "2.5", id="decimal-prints-shortest"),
    case("string(1 div 0)", "Infinity", id="infinity-prints-as-Infinity"),
    case("string(true())", "true", id="boolean-prints-as-true"),
    case("string(${dt})", "2024-01-31T09:30:00.000", {"dt": datetime(2024, 1, 31, 9, 30)}, id="datetime-prints-iso"),
    # REFERENCE: instance() and pulldata() evaluate as blank.
    case("instance('districts')/root/item[name = ${x}]/label", "", {"x": "a"}, id="instance-is-blank"),
    case("pulldata('f', 'c', 'k', ${x})", "", {"x": "a"}, id="pulldata-is-blank"),
    case("${last-saved#x}", "", {"x": "a"}, id="last-saved-is-blank"),
    # ODK choice_filter: a bare name is a column of the choice being filtered.
    case("prov_id=${prov_id}", True, {"prov_id": "1"}, choice={"prov_id": "1"}, id="choice-filter-keeps"),
    case("prov_id=${prov_id}", False, {"prov_id": "1"}, choice={"prov_id": "2"}, id="choice-filter-drops"),
    # Location paths read the question they end in.
    case("/data/grp/age > 18", True, {"age": 20}, id="absolute-path"),
    case("../age > 18", True, {"age": 20}, id="relative-path"),
    case("current()/../age", 20, {"age": 20}, id="current-then-parent"),
    case("..", "", {"age": 20}, id="parent-alone-is-blank"),
]


@pytest.mark.parametrize("text, answers, context, expected", RULES)
def test_rule(run, text, answers, context, expected):
    assert same(run(text, answers, **context), expected)


def test_once_keeps_an_existing_answer(run):
    assert run("once(uuid())", current="kept") == "kept"
    assert len(run("once(uuid())", current="")) == 36


def test_a_bad_regex_from_an_answer_is_an_expression_error(run):
    with pytest.raises(ExpressionError) as caught:
        run("regex('a', ${p})", {"p": "("})
    assert caught.value.code == "regex"
