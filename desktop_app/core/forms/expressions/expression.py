"""`Expr`: one parsed expression, ready to evaluate, and what it depends on."""

from collections.abc import Callable
from dataclasses import dataclass, field

from desktop_app.core.forms.expressions.analysis import Analysis, analyse
from desktop_app.core.forms.expressions.compiler import compile_node
from desktop_app.core.forms.expressions.nodes import Node


@dataclass(frozen=True, slots=True)
class Expr:
    """An immutable parsed expression: its source text, its tree, and its compiled program.

    Two Exprs are equal when their trees are, whatever the spacing of their
    source. Create them with parser.parse(), not directly.
    """

    source: str = field(compare=False)
    root: Node
    program: Callable = field(compare=False, repr=False)
    analysis: Analysis = field(compare=False, repr=False)

    def references(self) -> frozenset[str]:
        """Question names read: ${name}, and the last step of paths like /data/grp/age or ../age."""
        return self.analysis.references

    def choice_fields(self) -> frozenset[str]:
        """Bare names such as `prov_id` in the choice_filter `prov_id=${prov_id}`: columns of the choice."""
        return self.analysis.choice_fields

    def functions(self) -> frozenset[str]:
        """Names of the functions called, e.g. {'selected', 'not'}."""
        return self.analysis.functions

    def uses_current(self) -> bool:
        """Whether the current answer is read: `.`, current(), once(), string() without arguments."""
        return self.analysis.uses_current

    def external(self) -> bool:
        """Whether external data is used (instance(), pulldata(), ${last-saved#...}): evaluated as blank."""
        return self.analysis.external

    def __str__(self) -> str:
        return self.source


def build(source: str, root: Node) -> Expr:
    """Compile and analyse a checked tree; may raise ExpressionError('regex') for a bad literal pattern."""
    return Expr(source, root, compile_node(root), analyse(root))
