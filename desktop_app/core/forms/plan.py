"""What a form session needs to know about a form, worked out once per form.

The dependency edges say which questions must be recomputed when an answer
changes: calculations, relevance, required and read-only conditions and
choice filters that read it, and everything inside a group whose relevance
reads it. Constraints are re-checked but never propagate further.
"""

import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field

from desktop_app.core.forms.graph import downstream, topological_order
from desktop_app.core.forms.model import Form, Group, Question


@dataclass(frozen=True, eq=False)
class FormPlan:
    form: Form
    nodes: Mapping[str, Question | Group]
    repeats_of: Mapping[str, tuple[str, ...]]  # name -> enclosing repeats, outermost first
    parent_of: Mapping[str, str | None]  # name -> enclosing group or repeat
    edges: Mapping[str, set[str]]  # name -> names whose state it feeds
    checks: Mapping[str, set[str]]  # name -> names whose constraint reads it
    order: Mapping[str, int]
    _affected: dict = field(default_factory=dict)

    def affected(self, name: str) -> list[str]:
        """Names to recompute, in order, after `name` changes."""
        found = self._affected.get(name)
        if found is None:
            found = self._affected[name] = downstream(self.edges, self.order, name)
        return found

    def in_order(self) -> list[str]:
        return sorted(self.nodes, key=self.order.__getitem__)


_plans: "weakref.WeakKeyDictionary[Form, FormPlan]" = weakref.WeakKeyDictionary()


def plan_for(form: Form) -> FormPlan:
    """The plan of `form`, worked out on first use and kept while the form lives."""
    plan = _plans.get(form)
    if plan is None:
        plan = _plans[form] = _make_plan(form)
    return plan


def _make_plan(form: Form) -> FormPlan:
    nodes: dict[str, Question | Group] = {}
    repeats_of: dict[str, tuple[str, ...]] = {}
    parent_of: dict[str, str | None] = {}
    edges: dict[str, set[str]] = {}
    checks: dict[str, set[str]] = {}
    for node, parents in form.walk():
        if node.name in nodes and isinstance(node, Group):
            continue  # a group may share its name with a question; the question's answer wins
        nodes[node.name] = node
        repeats_of[node.name] = tuple(p.name for p in parents if p.repeat)
        parent_of[node.name] = parents[-1].name if parents else None
        if parents:
            edges.setdefault(parents[-1].name, set()).add(node.name)
    for name, node in nodes.items():
        for column, expr in node.expressions():
            for ref in expr.references():
                if ref not in nodes or ref == name and column == "constraint":
                    continue
                (checks if column == "constraint" else edges).setdefault(ref, set()).add(name)
    names = [node.name for node, _ in form.walk() if nodes.get(node.name) is node]
    return FormPlan(form, nodes, repeats_of, parent_of, edges, checks, topological_order(names, edges))
