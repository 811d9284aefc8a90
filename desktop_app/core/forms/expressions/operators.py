"""Binary operators as functions of two values, by their XPath spelling.

Arithmetic converts both sides with number() (blank gives NaN, a typed date
its days since 1970-01-01) and follows IEEE like Java: division by zero gives
an infinity or NaN, never an exception. `mod` keeps the sign of the dividend
(XPath 1.0, section 3.5). `|` joins two nodesets into one list.
"""

import math

from desktop_app.core.forms.expressions import comparison
from desktop_app.core.forms.expressions.values import to_nodeset, to_number


def add(a, b) -> float:
    return to_number(a) + to_number(b)


def subtract(a, b) -> float:
    return to_number(a) - to_number(b)


def multiply(a, b) -> float:
    return to_number(a) * to_number(b)


def divide(a, b) -> float:
    x, y = to_number(a), to_number(b)
    if y == 0:
        if x == 0 or math.isnan(x):
            return math.nan
        return math.copysign(math.inf, x) * math.copysign(1.0, y)
    return x / y


def modulo(a, b) -> float:
    x, y = to_number(a), to_number(b)
    if y == 0 or not math.isfinite(x) or math.isnan(y):
        return math.nan
    return math.fmod(x, y)


def union(a, b) -> list:
    return to_nodeset(a) + to_nodeset(b)


BINARY = {
    "=": comparison.equals,
    "!=": comparison.not_equals,
    "<": comparison.less,
    "<=": comparison.less_equal,
    ">": comparison.greater,
    ">=": comparison.greater_equal,
    "+": add,
    "-": subtract,
    "*": multiply,
    "div": divide,
    "mod": modulo,
    "|": union,
}
