"""count(), count-non-empty(), sum(), min(), max(): over nodesets (repeats) and plain values."""

import math

from desktop_app.core.forms.expressions.values import (
    flatten,
    is_blank,
    to_nodeset,
    to_number,
)


def count(ctx, nodeset) -> float:
    """Entries of a nodeset; a question outside any repeat is one node, even when blank."""
    return float(len(to_nodeset(nodeset)))


def count_non_empty(ctx, nodeset) -> float:
    return float(sum(1 for value in to_nodeset(nodeset) if not is_blank(value)))


def sum_(ctx, nodeset) -> float:
    """XPath sum(): one blank entry makes the total NaN, as in Collect."""
    return sum((to_number(value) for value in to_nodeset(nodeset)), 0.0)


def min_(ctx, *values) -> float:
    """The smallest number among the arguments and nodeset entries; NaN if any is not a number."""
    numbers = [to_number(value) for value in flatten(values)]
    if not numbers or any(math.isnan(number) for number in numbers):
        return math.nan
    return min(numbers)


def max_(ctx, *values) -> float:
    numbers = [to_number(value) for value in flatten(values)]
    if not numbers or any(math.isnan(number) for number in numbers):
        return math.nan
    return max(numbers)
