"""Each whitelisted function on ordinary and awkward input (ODK XForms spec, "Functions")."""

import math
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from test_expression_semantics import same

from desktop_app.core.forms.expressions.function_table import FUNCTIONS

NAN = math.nan

CASES = [
    # logic
    ("not('')", True),
    ("boolean('false')", True),
    ("boolean(0)", False),
    ("boolean-from-string('true')", True),
    ("boolean-from-string('1')", True),
    ("boolean-from-string('yes')", False),
    ("true() and not(false())", True),
    # text
    ("string-length('héllo')", 5.0),
    ("substr('abcdef', 1, 3)", "bc"),
    ("substr('abcdef', 4)", "ef"),
    ("substr('abc', -5, 99)", "abc"),
    ("substr('abc', 2, 1)", ""),
    ("substring-before('a-b-c', '-')", "a"),
    ("substring-after('a-b-c', '-')", "b-c"),
    ("substring-before('abc', 'x')", ""),
    ("substring-after('abc', '')", "abc"),
    ("contains('fieldbook', 'book')", True),
    ("starts-with('fieldbook', 'field')", True),
    ("ends-with('fieldbook', 'field')", False),
    ("normalize-space('  a \n b  ')", "a b"),
    ("translate('bar', 'abc', 'ABC')", "BAr"),
    ("translate('--aaa--', 'a-', 'A')", "AAA"),
    ("concat()", ""),
    ("string(0.1 + 0.2)", "0.30000000000000004"),
    # numbers
    ("int(3.9)", 3.0),
    ("int(-3.9)", -3.0),
    ("int('')", NAN),
    ("floor(-1.5)", -2.0),
    ("ceiling(1.2)", 2.0),
    ("abs(-4)", 4.0),
    ("pow(2, 10)", 1024.0),
    ("pow(0, -1)", math.inf),
    ("pow(-8, 0.5)", NAN),
    ("pow(10, 400)", math.inf),
    ("sqrt(16)", 4.0),
    ("sqrt(-1)", NAN),
    ("log(0)", -math.inf),
    ("log10(1000)", 3.0),
    ("exp(0)", 1.0),
    ("exp(1000)", math.inf),
    ("exp10(2)", 100.0),
    ("round(sin(0) + cos(0) + tan(0), 3)", 1.0),
    ("round(asin(1) * 2, 5)", round(math.pi, 5)),
    ("acos(2)", NAN),
    ("round(atan2(1, 1) * 4, 5)", round(math.pi, 5)),
    ("pi()", math.pi),
    ("round(15 div (sqrt(cos(atan(10 div 100)))), 2)", 15.04),
    ("floor(1 div 0)", math.inf),
    ("number(true())", 1.0),
    # dates (ODK: days since 1970-01-01)
    ("date('2024-02-29')", date(2024, 2, 29)),
    ("date('2023-02-29')", ""),
    ("date('not a date')", ""),
    ("date(0)", date(1970, 1, 1)),
    ("date(1000000000)", ""),
    ("once('x')", "now"),
    ("date('2024-01-31T23:59:00')", date(2024, 1, 31)),
    ("date-time('2024-01-31')", datetime(2024, 1, 31)),
    ("date-time(0.5)", datetime(1970, 1, 1, 12)),
    ("date-time('2024-01-31T10:00:00Z')", datetime(2024, 1, 31, 10, tzinfo=UTC)),
    ("decimal-date-time('1970-01-02')", 1.0),
    ("decimal-date-time('1970-01-01T12:00:00Z')", 0.5),
    ("decimal-date-time('1970-01-01T12:00:00+02:00')", 10 / 24),
    ("decimal-date-time('x')", NAN),
    ("decimal-time('12:00:00.000+01:00')", 0.5),
    ("decimal-time('x')", NAN),
    ("format-date('2024-03-05', '%Y %y %m %n %b %d %e %a')", "2024 24 03 3 Mar 05 5 Tue"),
    ("format-date-time('2024-03-05T07:08:09.012', '%H:%M:%S.%3 %h')", "07:08:09.012 7"),
    ("format-date('2024-03-05', '100% %q')", "100% %q"),
    ("format-date('', '%Y')", ""),
    ("format-date(today(), '%d/%m/%Y')", "31/01/2024"),
    ("format-date(date('2024-01-31') + 1, '%Y-%m-%d')", "2024-02-01"),
    # form
    ("string-length(uuid())", 36.0),
    ("string-length(uuid(8))", 8.0),
    ("regex(uuid(12), '[A-Za-z0-9]{12}')", True),
    ("random() >= 0 and random() < 1", True),
    ("current()", "now"),
    ("string()", "now"),
    ("normalize-space()", "now"),
    ("string-length()", 3.0),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[text for text, _ in CASES])
def test_function(run, text, expected):
    assert same(run(text, current="now"), expected)


def test_every_listed_function_is_covered_by_a_case():
    """The table is the whitelist; a function nobody tests is a function nobody checked."""
    texts = " ".join(text for text, _ in CASES)
    from test_expression_semantics import RULES

    texts += " ".join(param.values[0] for param in RULES)
    untested = [name for name in FUNCTIONS if f"{name}(" not in texts]
    assert untested == []


def test_dates_before_1970_are_negative_days(run):
    assert run("decimal-date-time(${d})", {"d": date(1969, 12, 31)}) == -1.0


def test_now_from_an_aware_clock_counts_from_utc(run):
    clock = datetime(1970, 1, 2, 1, 0, tzinfo=timezone(timedelta(hours=1)))
    assert run("decimal-date-time(now())", clock=clock) == 1.0
