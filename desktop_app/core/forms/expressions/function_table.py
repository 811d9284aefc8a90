"""The whitelist of ODK functions, as data: name -> (fewest args, most args, implementation).

A name not in this table is a load error ('unknown_function'); a call with
too few or too many arguments is one too ('arity'). Implementations take
the evaluation context first, then the argument values; `lazy` ones get the
compiled arguments instead, to evaluate only what they need (if, once) or
nothing (position's '..').
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

from desktop_app.core.forms.expressions import (
    date_functions as dates,
)
from desktop_app.core.forms.expressions import (
    form_functions as form,
)
from desktop_app.core.forms.expressions import (
    logic_functions as logic,
)
from desktop_app.core.forms.expressions import (
    nodeset_functions as nodesets,
)
from desktop_app.core.forms.expressions import (
    number_functions as numbers,
)
from desktop_app.core.forms.expressions import (
    select_functions as selects,
)
from desktop_app.core.forms.expressions import (
    text_functions as text,
)

MANY = math.inf  # no upper limit on the number of arguments


@dataclass(frozen=True, slots=True)
class FunctionSpec:
    name: str
    min_args: int
    max_args: float
    implementation: Callable
    lazy: bool = False
    external: bool = False

    def arity_text(self) -> str:
        """'2 arguments', '1 or 2 arguments', 'at least 1 argument' for messages."""
        low, high = self.min_args, self.max_args
        noun = "argument" if (high if high != MANY else low) == 1 else "arguments"
        if high == MANY:
            return f"at least {low} {noun}"
        if low == high:
            return f"{low} {noun}"
        if high == low + 1:
            return f"{low} or {int(high)} {noun}"
        return f"{low} to {int(high)} {noun}"


_SPECS = (
    # logic
    FunctionSpec("not", 1, 1, logic.not_),
    FunctionSpec("true", 0, 0, logic.true),
    FunctionSpec("false", 0, 0, logic.false),
    FunctionSpec("boolean", 1, 1, logic.boolean),
    FunctionSpec("boolean-from-string", 1, 1, logic.boolean_from_string),
    FunctionSpec("if", 3, 3, logic.if_, lazy=True),
    FunctionSpec("coalesce", 2, 2, logic.coalesce),
    # selects
    FunctionSpec("selected", 2, 2, selects.selected),
    FunctionSpec("selected-at", 2, 2, selects.selected_at),
    FunctionSpec("count-selected", 1, 1, selects.count_selected),
    FunctionSpec("jr:choice-name", 2, 2, selects.choice_name),
    # text
    FunctionSpec("concat", 0, MANY, text.concat),
    FunctionSpec("join", 1, MANY, text.join),
    FunctionSpec("string", 0, 1, text.string),
    FunctionSpec("string-length", 0, 1, text.string_length),
    FunctionSpec("substr", 2, 3, text.substr),
    FunctionSpec("substring-before", 2, 2, text.substring_before),
    FunctionSpec("substring-after", 2, 2, text.substring_after),
    FunctionSpec("contains", 2, 2, text.contains),
    FunctionSpec("starts-with", 2, 2, text.starts_with),
    FunctionSpec("ends-with", 2, 2, text.ends_with),
    FunctionSpec("normalize-space", 0, 1, text.normalize_space),
    FunctionSpec("translate", 3, 3, text.translate),
    FunctionSpec("regex", 2, 2, text.regex),
    # dates
    FunctionSpec("today", 0, 0, dates.today),
    FunctionSpec("now", 0, 0, dates.now),
    FunctionSpec("date", 1, 1, dates.date_),
    FunctionSpec("date-time", 1, 1, dates.date_time),
    FunctionSpec("decimal-date-time", 1, 1, dates.decimal_date_time),
    FunctionSpec("decimal-time", 1, 1, dates.decimal_time),
    FunctionSpec("format-date", 2, 2, dates.format_date),
    FunctionSpec("format-date-time", 2, 2, dates.format_date),
    # numbers
    FunctionSpec("number", 1, 1, numbers.number),
    FunctionSpec("int", 1, 1, numbers.int_),
    FunctionSpec("round", 1, 2, numbers.round_),
    FunctionSpec("floor", 1, 1, numbers.floor),
    FunctionSpec("ceiling", 1, 1, numbers.ceiling),
    FunctionSpec("abs", 1, 1, numbers.abs_),
    FunctionSpec("pow", 2, 2, numbers.pow_),
    FunctionSpec("sqrt", 1, 1, numbers.sqrt),
    FunctionSpec("exp", 1, 1, numbers.exp),
    FunctionSpec("exp10", 1, 1, numbers.exp10),
    FunctionSpec("log", 1, 1, numbers.log),
    FunctionSpec("log10", 1, 1, numbers.log10),
    FunctionSpec("sin", 1, 1, numbers.sin),
    FunctionSpec("cos", 1, 1, numbers.cos),
    FunctionSpec("tan", 1, 1, numbers.tan),
    FunctionSpec("asin", 1, 1, numbers.asin),
    FunctionSpec("acos", 1, 1, numbers.acos),
    FunctionSpec("atan", 1, 1, numbers.atan),
    FunctionSpec("atan2", 2, 2, numbers.atan2),
    FunctionSpec("pi", 0, 0, numbers.pi),
    FunctionSpec("random", 0, 0, numbers.random),
    # nodesets
    FunctionSpec("count", 1, 1, nodesets.count),
    FunctionSpec("count-non-empty", 1, 1, nodesets.count_non_empty),
    FunctionSpec("sum", 1, 1, nodesets.sum_),
    FunctionSpec("min", 1, MANY, nodesets.min_),
    FunctionSpec("max", 1, MANY, nodesets.max_),
    # the form session
    FunctionSpec("position", 0, 1, form.position, lazy=True),
    FunctionSpec("once", 1, 1, form.once, lazy=True),
    FunctionSpec("current", 0, 0, form.current),
    FunctionSpec("uuid", 0, 1, form.uuid),
    # external data: parsed, flagged by Expr.external(), evaluated as blank
    FunctionSpec("instance", 1, 1, form.external, lazy=True, external=True),
    FunctionSpec("pulldata", 4, 4, form.external, lazy=True, external=True),
)

FUNCTIONS: dict[str, FunctionSpec] = {spec.name: spec for spec in _SPECS}
