"""Tree back to text, in one canonical spelling that parses to the same tree.

Used to show an expression normalised (in `forms check` output, say) and by
the round-trip property test that keeps the parser and this printer honest.
"""

from decimal import Decimal

from desktop_app.core.forms.expressions.nodes import (
    LEVELS,
    UNARY_LEVEL,
    Call,
    Chain,
    Filtered,
    LastSaved,
    Literal,
    Negate,
    Node,
    Number,
    Path,
    Ref,
    Step,
    level_of,
)

_PRIMARIES = (Number, Literal, Ref, LastSaved, Call)


def to_text(node: Node) -> str:
    kind = type(node)
    if kind is Number:
        return _number(node.value)
    if kind is Literal:
        quote = "'" if "'" not in node.value else '"'
        return f"{quote}{node.value}{quote}"
    if kind is Ref:
        return "${" + node.name + "}"
    if kind is LastSaved:
        return "${last-saved#" + node.name + "}"
    if kind is Path:
        return ("/" if node.absolute else "") + _steps(node.steps)
    if kind is Filtered:
        primary = to_text(node.primary)
        if not isinstance(node.primary, _PRIMARIES):
            primary = f"({primary})"
        predicates = "".join(f"[{to_text(p)}]" for p in node.predicates)
        return primary + predicates + ("/" + _steps(node.steps) if node.steps else "")
    if kind is Call:
        return f"{node.name}({', '.join(to_text(arg) for arg in node.args)})"
    if kind is Negate:
        operand = to_text(node.operand)
        return f"-({operand})" if isinstance(node.operand, Chain) else f"-{operand}"
    if kind is Chain:
        return _chain(node)
    raise TypeError(f"not an expression node: {node!r}")


def _number(value: float) -> str:
    """Plain decimal notation: XPath has no exponents, so 1e-05 is written 0.00001."""
    text = format(Decimal(repr(value)), "f")
    return text.removesuffix(".0")


def _steps(steps: tuple[Step, ...]) -> str:
    return "/".join(step.name + "".join(f"[{to_text(p)}]" for p in step.predicates) for step in steps)


def _chain(node: Chain) -> str:
    level = LEVELS[node.operators[0]]
    parts = [_operand(node.operands[0], level, first=True)]
    for operator, operand in zip(node.operators, node.operands[1:]):
        parts.append(f" {operator} {_operand(operand, level, first=False)}")
    return "".join(parts)


def _operand(node: Node, level: int, first: bool) -> str:
    """Brackets where the operand binds looser, or as tightly on the right (a - (b - c))."""
    text = to_text(node)
    own = level_of(node)
    if own < level or (not first and own == level) or (own == UNARY_LEVEL and level > UNARY_LEVEL):
        return f"({text})"
    return text
