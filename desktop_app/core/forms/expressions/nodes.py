"""The parsed form of an expression: small immutable trees.

Nodes compare by structure only; `offset` (where the node starts in the
source, for error messages) is left out of equality so that a tree printed
and parsed again compares equal. Runs of operators of one precedence level
(`a or b or c`, `1 + 2 - 3`) are one flat `Chain`, evaluated left to right,
so that a long but shallow expression never becomes a deep tree.
"""

from dataclasses import dataclass, field
from typing import TypeAlias


@dataclass(frozen=True, slots=True)
class Number:
    value: float
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Literal:
    """A quoted string."""

    value: str
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Ref:
    """`${name}`: the answer to a question, in the current repeat instance when inside one."""

    name: str
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class LastSaved:
    """`${last-saved#name}`: the answer in the previously saved response, which Fieldbook does not keep."""

    name: str
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a location path: a name, '*', '@name', '.' or '..', with its [predicates]."""

    name: str
    predicates: tuple["Node", ...] = ()


@dataclass(frozen=True, slots=True)
class Path:
    """A location path: `.`, `..`, `../age`, `/data/group/age`, `item[name = 'x']/label`."""

    absolute: bool
    steps: tuple[Step, ...]
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Filtered:
    """A value followed by [predicates] and/or a path: `instance('x')/root/item[...]/label`."""

    primary: "Node"
    predicates: tuple["Node", ...]
    steps: tuple[Step, ...]
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple["Node", ...]
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Negate:
    operand: "Node"
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Chain:
    """`operands[0] operators[0] operands[1] operators[1] ...`, all of one precedence level."""

    operators: tuple[str, ...]
    operands: tuple["Node", ...]
    offset: int = field(default=0, compare=False)


Node: TypeAlias = Number | Literal | Ref | LastSaved | Path | Filtered | Call | Negate | Chain

# Precedence levels, loosest first (XPath 1.0 section 3.4-3.7: unary minus
# binds looser than union, tighter than multiplication).
LEVELS: dict[str, int] = {
    "or": 1,
    "and": 2,
    "=": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "div": 6,
    "mod": 6,
    "|": 8,
}
UNARY_LEVEL = 7


def level_of(node: Node) -> int:
    """How tightly a node binds when printed: a chain by its operators, anything else tightest."""
    if isinstance(node, Chain):
        return LEVELS[node.operators[0]]
    if isinstance(node, Negate):
        return UNARY_LEVEL
    return 9
