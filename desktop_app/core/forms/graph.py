"""Dependency order between questions: cycles at load time, what to recompute on a change."""

import heapq
from collections.abc import Mapping


def find_cycle(edges: Mapping[str, set[str]]) -> list[str]:
    """One cycle in the graph (as the list of names around it), or [] when there is none."""
    if _acyclic(edges):  # the usual case, answered by a cheap count
        return []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    # Children are visited in sorted order only so that the same form always
    # reports the same cycle.
    for start in sorted(edges):
        if state.get(start):
            continue
        path, stack = [], [(start, iter(sorted(edges.get(start, ()))))]
        state[start] = 1
        path.append(start)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif state.get(child) == 1:
                return path[path.index(child):]
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(edges.get(child, ())))))
    return []


def _acyclic(edges: Mapping[str, set[str]]) -> bool:
    """Kahn's algorithm: the graph has no cycle when every node can be peeled off."""
    indegree: dict[str, int] = dict.fromkeys(edges, 0)
    for targets in edges.values():
        for target in targets:
            indegree[target] = indegree.get(target, 0) + 1
    ready = [node for node, degree in indegree.items() if degree == 0]
    peeled = 0
    while ready:
        node = ready.pop()
        peeled += 1
        for target in edges.get(node, ()):
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return peeled == len(indegree)


def downstream(edges: Mapping[str, set[str]], order: Mapping[str, int], start: str) -> list[str]:
    """Everything that depends on `start`, directly or not, in evaluation order."""
    seen, todo = set(), [start]
    while todo:
        for child in edges.get(todo.pop(), ()):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return sorted(seen, key=order.__getitem__)


def topological_order(names: list[str], edges: Mapping[str, set[str]]) -> dict[str, int]:
    """A rank per name such that every name comes after what it depends on (form order breaks ties)."""
    indegree = {name: 0 for name in names}
    for source, targets in edges.items():
        for target in targets:
            if target in indegree and source in indegree:
                indegree[target] += 1
    position = {name: i for i, name in enumerate(names)}
    ready = [(position[n], n) for n, d in indegree.items() if d == 0]
    heapq.heapify(ready)
    order: dict[str, int] = {}
    while ready:
        _, name = heapq.heappop(ready)
        order[name] = len(order)
        for target in edges.get(name, ()):
            if target in indegree:
                indegree[target] -= 1
                if indegree[target] == 0:
                    heapq.heappush(ready, (position[target], target))
    for name in names:  # only reachable with a cycle, which loading already refused
        order.setdefault(name, len(order))
    return order
