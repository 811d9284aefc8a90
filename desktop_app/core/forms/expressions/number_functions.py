"""Number functions. IEEE results (NaN, infinities) where Python would raise.

Python's math module raises on domain errors and overflow, where Java (and
so Collect) returns NaN or an infinity; a form must get a value, not a crash.
"""

import math
import random as _random
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from desktop_app.core.forms.expressions.values import to_number

_WIDE = Context(prec=800, Emin=-999999, Emax=999999)


def number(ctx, value) -> float:
    return to_number(value)


def int_(ctx, value) -> float:
    """Truncates toward zero, like Java's (long) cast in JavaRosa."""
    x = to_number(value)
    return float(math.trunc(x)) if math.isfinite(x) else x


def round_(ctx, value, digits=0.0) -> float:
    """Halves away from zero (REFERENCE): round(2.5) = 3, round(-2.5) = -3, round(1.25, 1) = 1.3.

    Rounds the shortest decimal text of the number, as JavaRosa's BigDecimal
    does, so round(1.005, 2) is 1.01 although the float is a hair below 1.005.
    """
    x, places = to_number(value), to_number(digits)
    if math.isnan(places):
        return math.nan
    if not math.isfinite(x):
        return x
    places = int(max(-400.0, min(400.0, places)))
    try:
        rounded = Decimal(repr(x)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP, _WIDE)
    except InvalidOperation:
        return x
    return float(rounded)


def floor(ctx, value) -> float:
    x = to_number(value)
    return float(math.floor(x)) if math.isfinite(x) else x


def ceiling(ctx, value) -> float:
    x = to_number(value)
    return float(math.ceil(x)) if math.isfinite(x) else x


def abs_(ctx, value) -> float:
    return abs(to_number(value))


def pow_(ctx, base, exponent) -> float:
    x, y = to_number(base), to_number(exponent)
    try:
        return math.pow(x, y)
    except ValueError:  # 0 to a negative power (Java: infinity), or a negative base to a fraction
        return math.inf if x == 0 else math.nan
    except OverflowError:
        negative = x < 0 and y.is_integer() and y % 2 == 1
        return -math.inf if negative else math.inf


def _unary(function):
    """A math function of one number that answers NaN or infinity instead of raising."""

    def apply(ctx, value) -> float:
        x = to_number(value)
        try:
            return function(x)
        except ValueError:
            return math.nan
        except OverflowError:
            return math.inf

    apply.__name__ = function.__name__
    return apply


def _log(function):
    def guarded(x: float) -> float:
        return -math.inf if x == 0 else function(x)

    guarded.__name__ = function.__name__
    return _unary(guarded)


def _exp10(x: float) -> float:
    return math.pow(10.0, x)


sqrt = _unary(math.sqrt)
exp = _unary(math.exp)
exp10 = _unary(_exp10)
log = _log(math.log)
log10 = _log(math.log10)
sin = _unary(math.sin)
cos = _unary(math.cos)
tan = _unary(math.tan)
asin = _unary(math.asin)
acos = _unary(math.acos)
atan = _unary(math.atan)


def atan2(ctx, y, x) -> float:
    return math.atan2(to_number(y), to_number(x))


def pi(ctx) -> float:
    return math.pi


def random(ctx) -> float:
    """A fresh number in [0, 1) on every evaluation, as in Collect (wrap in once() to keep one)."""
    return _random.random()
