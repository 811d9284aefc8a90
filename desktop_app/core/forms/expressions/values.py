"""XPath 1.0 value conversions as ODK Collect (JavaRosa) applies them.

Answers arrive as Python values: str for text and select_one, space-separated
str for select_multiple, int or float for numbers, date and datetime for
dates, "" for blank, and a list for a nodeset (a question inside a repeat
read from outside it). Every conversion accepts any of these, plus None and
unknown types, and never raises: a form must not crash on a strange answer.
"""

import math
import re
from datetime import date, datetime
from typing import Any, TypeAlias

from desktop_app.core.forms.expressions.dates import days_since_epoch

Value: TypeAlias = Any  # str | int | float | bool | date | datetime | list
BLANK = ""
NAN = math.nan

# XPath 1.0 Number: optional minus, digits with an optional fraction. Python's
# float() would also accept "1e5", "inf", "nan" and "1_000"; XPath does not.
_NUMBER_TEXT = re.compile(r"\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*")


def is_number(value: Value) -> bool:
    """Whether the value is typed as a number (bool is not, though Python says so)."""
    kind = type(value)
    return kind is float or kind is int


def is_date(value: Value) -> bool:
    """Whether the value is a typed date or datetime (strings never are)."""
    return isinstance(value, date)


def is_blank(value: Value) -> bool:
    """Whether the value reads as blank: "", None, an empty nodeset, or a nodeset of blank first."""
    if value is None or value == "":
        return True
    if type(value) is list:
        return not value or is_blank(value[0])
    return False


def to_number(value: Value) -> float:
    """XPath number(): blank and non-numeric text give NaN; dates give days since 1970-01-01."""
    kind = type(value)
    if kind is float:
        return value
    if kind is str:
        if value and _NUMBER_TEXT.fullmatch(value):
            return float(value)
        return NAN
    if kind is bool:
        return 1.0 if value else 0.0
    if kind is int:
        return _int_to_float(value)
    if kind is list:
        return to_number(value[0]) if value else NAN
    if isinstance(value, date):
        return days_since_epoch(value)
    if isinstance(value, (int, float)):
        return _int_to_float(value)
    return NAN


def _int_to_float(value: int) -> float:
    try:
        return float(value)
    except (OverflowError, ValueError):
        return math.inf if value > 0 else -math.inf


def to_string(value: Value) -> str:
    """XPath string(): numbers without a needless '.0', dates in ISO 8601, booleans as true/false."""
    kind = type(value)
    if kind is str:
        return value
    if kind is float:
        return format_number(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is list:
        return to_string(value[0]) if value else ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="milliseconds")
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return ""
    return str(value)


def format_number(number: float) -> str:
    """Whole numbers as integers (2, not 2.0), as JavaRosa does; NaN and infinities by XPath names."""
    if math.isnan(number):
        return "NaN"
    if number in (math.inf, -math.inf):
        return "Infinity" if number > 0 else "-Infinity"
    if number.is_integer() and abs(number) < 2**63:
        return str(int(number))
    return repr(number)


def to_boolean(value: Value) -> bool:
    """XPath boolean(): non-empty text, non-zero numbers, non-empty nodesets and dates are true."""
    kind = type(value)
    if kind is bool:
        return value
    if kind is str:
        return value != ""
    if kind is float:
        return value != 0 and not math.isnan(value)
    if kind is int:
        return value != 0
    if kind is list:
        return len(value) > 0
    if value is None:
        return False
    if isinstance(value, date):
        return True
    if isinstance(value, (int, float)):
        return value != 0 and not (isinstance(value, float) and math.isnan(value))
    return to_string(value) != ""


def to_nodeset(value: Value) -> list:
    """A nodeset as a list; a single value is a nodeset of one (ODK reads a non-repeated question so)."""
    return value if type(value) is list else [value]


def flatten(values) -> list:
    """Arguments with nodesets spread out, for functions like concat() and max() that take both."""
    flat = []
    for value in values:
        if type(value) is list:
            flat.extend(value)
        else:
            flat.append(value)
    return flat


def split_selection(value: Value) -> list[str]:
    """The choices of a select_multiple answer: its text split on spaces."""
    return to_string(value).split()
