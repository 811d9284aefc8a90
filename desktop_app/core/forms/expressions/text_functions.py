"""String functions of XPath 1.0 and ODK, and regex() as a whole-value match."""

import math
import re
import warnings
from functools import lru_cache

from desktop_app.core.forms.expressions.errors import REGEX, ExpressionError
from desktop_app.core.forms.expressions.values import flatten, to_number, to_string

_CURRENT = object()  # marks an argument left out, meaning the current answer


def concat(ctx, *values) -> str:
    """Nodesets contribute every value, not just the first (a JavaRosa extension)."""
    return "".join(to_string(value) for value in flatten(values))


def join(ctx, separator, *values) -> str:
    return to_string(separator).join(to_string(value) for value in flatten(values))


def string(ctx, value=_CURRENT) -> str:
    """string() with no argument is the current answer, as in XPath."""
    return to_string(ctx.current() if value is _CURRENT else value)


def string_length(ctx, value=_CURRENT) -> float:
    return float(len(to_string(ctx.current() if value is _CURRENT else value)))


def substr(ctx, value, start, end=None) -> str:
    """ODK substr(): 0-based start, exclusive end, both clipped to the text."""
    text = to_string(value)
    first = to_index(to_number(start), len(text))
    last = len(text) if end is None else to_index(to_number(end), len(text))
    return text[first:last] if first < last else ""


def to_index(number: float, length: int) -> int:
    """A string position from a number: NaN as 0, fractions dropped, clipped to 0..length."""
    if math.isnan(number) or number <= 0:
        return 0
    if number >= length:
        return length
    return int(number)


def substring_before(ctx, value, separator) -> str:
    text, part = to_string(value), to_string(separator)
    found = text.find(part)
    return text[:found] if found >= 0 and part else ""


def substring_after(ctx, value, separator) -> str:
    text, part = to_string(value), to_string(separator)
    found = text.find(part)
    return text[found + len(part) :] if found >= 0 else ""


def contains(ctx, value, part) -> bool:
    return to_string(part) in to_string(value)


def starts_with(ctx, value, part) -> bool:
    return to_string(value).startswith(to_string(part))


def ends_with(ctx, value, part) -> bool:
    return to_string(value).endswith(to_string(part))


def normalize_space(ctx, value=_CURRENT) -> str:
    return " ".join(to_string(ctx.current() if value is _CURRENT else value).split())


def translate(ctx, value, source, target) -> str:
    """XPath translate(): characters of `source` become the one at the same place in `target`, or vanish."""
    source_text, target_text = to_string(source), to_string(target)
    table: dict[int, int | None] = {}
    for index, char in enumerate(source_text):
        if ord(char) not in table:  # the first occurrence wins
            table[ord(char)] = ord(target_text[index]) if index < len(target_text) else None
    return to_string(value).translate(table)


def regex(ctx, value, pattern) -> bool:
    """ODK: true when the WHOLE value matches (REFERENCE: regex matches the whole value)."""
    return compiled_pattern(to_string(pattern)).fullmatch(to_string(value)) is not None


@lru_cache(maxsize=512)
def compiled_pattern(pattern: str) -> re.Pattern:
    """A compiled pattern, or ExpressionError('regex') saying why it cannot be used.

    Collect uses Java regexes. Python warns (FutureWarning) where the two read
    a set differently, as in Java's `[a-z&&[^b]]`; that is refused here rather
    than silently matching something else.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", FutureWarning)
            return re.compile(pattern)
    except FutureWarning:
        raise ExpressionError(REGEX, f"'{pattern}' uses a set that Java and Python read differently; escape '[' or '&' inside [...]") from None
    except (re.error, OverflowError, RecursionError, ValueError) as exc:
        raise ExpressionError(REGEX, f"'{pattern}' is not a regular expression Fieldbook can use ({exc})") from None
