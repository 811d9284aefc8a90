"""evaluate(expr, ctx): the value of a parsed expression for one field of a session."""

from desktop_app.core.forms.expressions.context import Context
from desktop_app.core.forms.expressions.expression import Expr
from desktop_app.core.forms.expressions.values import Value, to_boolean


def evaluate(expr: Expr, ctx: Context) -> Value:
    """Run the compiled expression; raises ExpressionError only for a pattern regex() cannot use."""
    return expr.program(ctx)


def evaluate_boolean(expr: Expr, ctx: Context) -> bool:
    """For relevant, constraint, required and read_only: the value as XPath boolean()."""
    return to_boolean(expr.program(ctx))
