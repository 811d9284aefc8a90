"""What an expression depends on, read from its tree once at parse time.

The session builds its dependency graph from `references`; the loader
checks them against the form and warns on `external` expressions.
"""

from dataclasses import dataclass

from desktop_app.core.forms.expressions import location_paths as paths
from desktop_app.core.forms.expressions.function_table import FUNCTIONS
from desktop_app.core.forms.expressions.nodes import (
    Call,
    Chain,
    Filtered,
    LastSaved,
    Negate,
    Node,
    Path,
    Ref,
)

# Functions whose value depends on the current answer even when `.` is not written.
_READ_CURRENT = {"current", "once"}
_READ_CURRENT_WITHOUT_ARGS = {"string", "string-length", "normalize-space"}


@dataclass(frozen=True, slots=True)
class Analysis:
    references: frozenset[str]
    choice_fields: frozenset[str]
    functions: frozenset[str]
    uses_current: bool
    external: bool


def analyse(root: Node) -> Analysis:
    """Walk the tree without recursion (depth is bounded, but a loop costs nothing)."""
    references: set[str] = set()
    choice_fields: set[str] = set()
    functions: set[str] = set()
    uses_current = external = False
    # (node, whether inside the predicates of an external path, where bare names are columns of
    # that data; whether inside any predicate, where `.` is the entry tested, not the current answer)
    pending: list[tuple[Node, bool, bool]] = [(root, False, False)]
    while pending:
        node, in_external, in_predicate = pending.pop()
        kind = type(node)
        if kind is Ref:
            references.add(node.name)
        elif kind is LastSaved:
            external = True
        elif kind is Path:
            what, name = paths.classify(node.absolute, node.steps)
            if what == paths.QUESTION:
                references.add(name)
            elif what == paths.CHOICE_FIELD and not in_external:
                choice_fields.add(name)
            elif what == paths.CURRENT and not in_predicate:
                uses_current = True
            pending.extend((p, in_external, True) for step in node.steps for p in step.predicates)
        elif kind is Call:
            functions.add(node.name)
            spec = FUNCTIONS[node.name]
            external = external or spec.external
            if node.name in _READ_CURRENT or (node.name in _READ_CURRENT_WITHOUT_ARGS and not node.args):
                uses_current = True
            pending.extend((arg, in_external, in_predicate) for arg in node.args)
        elif kind is Filtered:
            primary = node.primary
            outside = in_external or type(primary) is LastSaved or (type(primary) is Call and FUNCTIONS[primary.name].external)
            if node.steps and (type(primary) is Ref or (type(primary) is Call and primary.name == "current")):
                what, name = paths.classify(True, node.steps)
                if what == paths.QUESTION:
                    references.add(name)
            if type(primary) is Call and primary.name == "current" and node.steps:
                functions.add("current")  # current()/../x reads x, not the current answer
            else:
                pending.append((primary, in_external, in_predicate))
            pending.extend((p, outside, True) for p in node.predicates)
            pending.extend((p, outside, True) for step in node.steps for p in step.predicates)
        elif kind is Negate:
            pending.append((node.operand, in_external, in_predicate))
        elif kind is Chain:
            pending.extend((operand, in_external, in_predicate) for operand in node.operands)
    return Analysis(frozenset(references), frozenset(choice_fields), frozenset(functions), uses_current, external)
