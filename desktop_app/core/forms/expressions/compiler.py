"""Syntax tree to nested Python closures, built once at parse time.

A form session re-evaluates many expressions on every keystroke; walking
the tree and dispatching on node types each time would be several times
slower than calling closures that already know what to do. No eval, no
exec: each closure is ordinary code chosen by node type.
"""

from desktop_app.core.forms.expressions import location_paths as paths
from desktop_app.core.forms.expressions.errors import REGEX, ExpressionError, at
from desktop_app.core.forms.expressions.function_table import FUNCTIONS
from desktop_app.core.forms.expressions.nodes import (
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
)
from desktop_app.core.forms.expressions.operators import BINARY
from desktop_app.core.forms.expressions.text_functions import compiled_pattern
from desktop_app.core.forms.expressions.values import to_boolean, to_number, to_string


def compile_node(node: Node):
    """A function of a Context that returns the node's value."""
    kind = type(node)
    if kind is Number or kind is Literal:
        return _constant(node.value)
    if kind is Ref:
        return paths.read_question(node.name)
    if kind is LastSaved:
        return paths.read_nothing  # the last saved response is not kept
    if kind is Path:
        return _path(node)
    if kind is Filtered:
        return _filtered(node)
    if kind is Call:
        return _call(node)
    if kind is Negate:
        return _negate(compile_node(node.operand))
    if kind is Chain:
        return _chain(node)
    raise TypeError(f"not an expression node: {node!r}")


def _constant(value):
    def program(ctx):
        return value

    return program


def _negate(operand):
    def program(ctx):
        return -to_number(operand(ctx))

    return program


def _predicates(steps) -> tuple:
    return tuple(compile_node(p) for step in steps for p in step.predicates)


def _path(node: Path):
    kind, name = paths.classify(node.absolute, node.steps)
    return paths.filtered(paths.reader_for(kind, name), _predicates(node.steps))


def _filtered(node: Filtered):
    primary = node.primary
    if (type(primary) is Call and FUNCTIONS[primary.name].external) or type(primary) is LastSaved:
        return paths.read_nothing  # external data: blank, whatever the path below it
    predicates = tuple(compile_node(p) for p in node.predicates) + _predicates(node.steps)
    if not node.steps:
        read = compile_node(primary)
    elif type(primary) is Ref or (type(primary) is Call and primary.name == "current"):
        read = paths.reader_for(*paths.classify(True, node.steps))
    else:
        read = paths.read_nothing
    return paths.filtered(read, predicates)


def _call(node: Call):
    spec = FUNCTIONS[node.name]
    implementation = spec.implementation
    args = tuple(compile_node(arg) for arg in node.args)
    if node.name == "regex" and type(node.args[1]) is Literal:
        return _regex_with_literal(args[0], node.args[1])
    if spec.lazy:
        return lambda ctx: implementation(ctx, *args)
    if len(args) == 0:
        return lambda ctx: implementation(ctx)
    if len(args) == 1:
        (a,) = args
        return lambda ctx: implementation(ctx, a(ctx))
    if len(args) == 2:
        a, b = args
        return lambda ctx: implementation(ctx, a(ctx), b(ctx))
    if len(args) == 3:
        a, b, c = args
        return lambda ctx: implementation(ctx, a(ctx), b(ctx), c(ctx))
    return lambda ctx: implementation(ctx, *[arg(ctx) for arg in args])


def _regex_with_literal(value, pattern: Literal):
    """A literal pattern is checked and compiled now, so a bad one is a load error with its place."""
    try:
        compiled = compiled_pattern(pattern.value)
    except ExpressionError as exc:
        raise ExpressionError(REGEX, f"{exc.message} {at(pattern.offset)}", pattern.offset) from None
    whole_match = compiled.fullmatch
    return lambda ctx: whole_match(to_string(value(ctx))) is not None


def _chain(node: Chain):
    operands = [compile_node(operand) for operand in node.operands]
    operator = node.operators[0]
    if operator == "or":
        return _any(operands)
    if operator == "and":
        return _all(operands)
    first = operands[0]
    rest = tuple((BINARY[op], operand) for op, operand in zip(node.operators, operands[1:]))
    if len(rest) == 1:
        ((apply, second),) = rest
        return lambda ctx: apply(first(ctx), second(ctx))

    def program(ctx):
        value = first(ctx)
        for apply, operand in rest:
            value = apply(value, operand(ctx))
        return value

    return program


def _any(operands):
    """`or`, stopping at the first true operand."""
    if len(operands) == 2:
        a, b = operands
        return lambda ctx: to_boolean(a(ctx)) or to_boolean(b(ctx))

    def program(ctx):
        for operand in operands:
            if to_boolean(operand(ctx)):
                return True
        return False

    return program


def _all(operands):
    """`and`, stopping at the first false operand."""
    if len(operands) == 2:
        a, b = operands
        return lambda ctx: to_boolean(a(ctx)) and to_boolean(b(ctx))

    def program(ctx):
        for operand in operands:
            if not to_boolean(operand(ctx)):
                return False
        return True

    return program
