"""`=`, `!=`, `<`, `<=`, `>`, `>=` with XPath 1.0 / JavaRosa type rules.

Equality, in this order: a nodeset matches if any of its values does (but
against a boolean, the nodeset's boolean is used); if either side is a
boolean, compare as booleans; else if either is a number, as numbers (text
converted, so '5' = 5); else if either is a typed date, as dates (text like
'2024-01-31' read as a date); else as text. `!=` is the negation of `=`, as
in JavaRosa, so NaN != 5 is true while NaN = 5 is false.

Order (`<` and friends) is numeric; when either side is a typed date, text
on the other side is read as a date. Comparisons with NaN are false
(REFERENCE), so a blank answer never satisfies `${age} > 18` nor `<= 18`.
"""

import math
import operator

from desktop_app.core.forms.expressions.dates import days_since_epoch, parse_date_text
from desktop_app.core.forms.expressions.values import (
    is_date,
    is_number,
    to_boolean,
    to_number,
    to_string,
)


def equals(a, b) -> bool:
    if type(a) is str and type(b) is str:
        return a == b
    if type(a) is list or type(b) is list:
        return _nodeset_equals(a, b)
    if type(a) is bool or type(b) is bool:
        return to_boolean(a) == to_boolean(b)
    if is_number(a) or is_number(b):
        return to_number(a) == to_number(b)
    if is_date(a) or is_date(b):
        return _as_days(a) == _as_days(b)
    return to_string(a) == to_string(b)


def not_equals(a, b) -> bool:
    return not equals(a, b)


def _nodeset_equals(a, b) -> bool:
    if type(a) is bool or type(b) is bool:
        return to_boolean(a) == to_boolean(b)
    left = a if type(a) is list else [a]
    right = b if type(b) is list else [b]
    return any(equals(x, y) for x in left for y in right)


def _as_days(value) -> float:
    """A value on the date scale: typed dates and date text as days since 1970-01-01; other text NaN."""
    if is_date(value):
        return days_since_epoch(value)
    if type(value) is str:
        moment = parse_date_text(value)
        return math.nan if moment is None else days_since_epoch(moment)
    return to_number(value)


def _ordering(compare):
    def ordered(a, b) -> bool:
        if (type(a) is float or type(a) is int) and (type(b) is float or type(b) is int):
            return compare(a, b)  # the common case, ${age} >= 18, without conversions
        if type(a) is list or type(b) is list:
            left = a if type(a) is list else [a]
            right = b if type(b) is list else [b]
            return any(ordered(x, y) for x in left for y in right)
        if is_date(a) or is_date(b):
            return compare(_as_days(a), _as_days(b))
        return compare(to_number(a), to_number(b))

    ordered.__name__ = compare.__name__
    return ordered


less = _ordering(operator.lt)
less_equal = _ordering(operator.le)
greater = _ordering(operator.gt)
greater_equal = _ordering(operator.ge)
