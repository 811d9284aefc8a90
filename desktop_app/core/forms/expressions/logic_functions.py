"""not(), true(), false(), boolean(), boolean-from-string(), if(), coalesce().

Every function here takes the evaluation context first, like all functions
in the table, even when it does not need it.
"""

from desktop_app.core.forms.expressions.values import is_blank, to_boolean, to_string


def not_(ctx, value) -> bool:
    return not to_boolean(value)


def true(ctx) -> bool:
    return True


def false(ctx) -> bool:
    return False


def boolean(ctx, value) -> bool:
    return to_boolean(value)


def boolean_from_string(ctx, value) -> bool:
    """JavaRosa: only the exact texts 'true' and '1' are true (so 'yes' is false)."""
    return to_string(value) in ("true", "1")


def if_(ctx, condition, then, otherwise):
    """Lazy: only the chosen branch is evaluated, as in Collect."""
    return then(ctx) if to_boolean(condition(ctx)) else otherwise(ctx)


def coalesce(ctx, first, second):
    """The first argument unless it is blank, else the second."""
    return second if is_blank(first) else first
