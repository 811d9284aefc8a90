"""Disclosure control for published tables: which counts a report may show, and how.

Three presets (REFERENCE.md, "Disclosure control for tables"): the default
10-rule, NHS Digital and Ofqual/GSS. Whatever the preset, no count from 1 up
to the threshold is shown; the threshold is the preset's own, raised to the
project's minimum cell size when that is stricter.

Hiding small cells is not enough: a hidden cell can be worked out from a
published total minus the published cells beside it. So every table is
published as a set of counts tied by sums (cells, their row and column totals,
subtotals), and audited as a whole. The reader is assumed to know every
published number, what each symbol means (a small-count symbol: 1 to
threshold-1; [c]: a hidden count of at least the threshold; a rounded count:
within 2 of the truth and at least the threshold, the smallest rounded number
standing for every count from the threshold up to it plus 2) and every sum the table
obeys. A publication passes when, for every count from 1 to threshold-1,
both 1 and threshold-1 are still possible values (unless the tables it is
linked to already ruled them out): the published numbers add nothing to
"fewer than threshold". While a count fails, the smallest shown
count that shares a sum with it is hidden as well ([c], "secondary
suppression"); when nothing is left to hide, the whole table is withheld.

The sums of a table form a network (each count is the flow on one edge, each
sum a node), so whether a value is possible is a feasible-circulation question,
answered exactly with a maximum flow; for network matrices the possible values
of a count form an interval, so checking its two ends is enough.
"""

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.core.analysis.errors import AnalysisError

PRESETS = ("default", "nhs", "gss")
_PRESET_THRESHOLD = {"default": 1, "nhs": 8, "gss": 5}
UNBOUNDED = 10**15

# Shown.state
SHOWN, ROUNDED, SMALL, SECONDARY, CONCEALED = "shown", "rounded", "small", "secondary", "concealed"
CONFIDENTIAL = "[c]"


@dataclass(frozen=True)
class Rule:
    """A preset with the threshold it enforces."""

    preset: str
    threshold: int  # the smallest count ever shown (other than 0)
    min_cell: int

    @property
    def rounds(self) -> bool:
        return self.preset != "default"

    @property
    def small_label(self) -> str:
        return {"default": f"<{self.threshold}", "nhs": "*"}.get(self.preset, f"fewer than {self.threshold}")

    def describe(self) -> list[str]:
        """The rule in words, for the report."""
        t = self.threshold
        small = f"Counts from 1 to {t - 1} are shown as {self.small_label}; a true zero is shown as 0."
        if self.preset == "default":
            lines = [f"Disclosure rule: the {t}-rule (ONS principles), with the project's minimum cell size of {self.min_cell}.",
                     small]
        else:
            name = "NHS Digital (HES)" if self.preset == "nhs" else "Ofqual / GSS"
            lines = [f"Disclosure rule: {name}.", small,
                     (f"Other counts, totals included, are rounded to the nearest 5, and never shown below {5 * -(-t // 5)}; "
                      "percentages are worked out from the rounded counts.")]
            own = _PRESET_THRESHOLD[self.preset]
            if t > own:
                lines.append(f"The project's minimum cell size ({self.min_cell}) is stricter than the preset's "
                             f"({own}), so it applies.")
        lines += [(f"{CONFIDENTIAL}: a count hidden so that a smaller one cannot be worked out from the totals "
                  "(secondary suppression)."),
                  f"A percentage is shown only when its count and its base are both shown and at least {t}.",
                  "A table where no safe version exists is withheld, and says so."]
        return lines


def rule_for(preset: str, min_cell: int) -> Rule:
    if preset not in PRESETS:
        raise AnalysisError("unknown_preset", f"Unknown disclosure preset '{preset}' (use one of: {', '.join(PRESETS)}).")
    if min_cell < 1:
        raise AnalysisError("bad_min_cell", f"The minimum cell size must be at least 1 (it is {min_cell}).")
    return Rule(preset, max(_PRESET_THRESHOLD[preset], min_cell), min_cell)


@dataclass(frozen=True)
class Shown:
    """One published count: what the reader sees, and what they can tell about the true count from it."""

    text: str
    value: int | None  # the number shown (exact or rounded); None when hidden
    low: int
    high: int
    state: str


def primary(count: int, rule: Rule) -> Shown:
    """A count under the preset alone: zero, small (hidden), exact or rounded."""
    t = rule.threshold
    if count == 0:
        return Shown("0", 0, 0, 0, SHOWN)
    if count < t:
        return Shown(rule.small_label, None, 1, t - 1, SMALL)
    if rule.rounds:
        lowest = 5 * -(-t // 5)  # never show a number below the threshold, even rounded
        shown = max(5 * ((count + 2) // 5), lowest)
        return Shown(f"{shown:,}", shown, t if shown == lowest else shown - 2, shown + 2, ROUNDED)
    return Shown(f"{count:,}", count, count, count, SHOWN)


def secondary(rule: Rule) -> Shown:
    return Shown(CONFIDENTIAL, None, rule.threshold, UNBOUNDED, SECONDARY)


def concealed() -> Shown:
    """Hidden with everything around it, so it says nothing at all."""
    return Shown(CONFIDENTIAL, None, 0, UNBOUNDED, CONCEALED)


def percent(count: Shown, base: Shown) -> float | None:
    """A percentage of published numbers only; withheld when either is hidden or the base is zero."""
    if count.value is None or base.value is None or base.value == 0:
        return None
    return 100.0 * count.value / base.value


class Network:
    """Counts tied by sums: every count is the flow on one edge; flow is conserved at every node."""

    def __init__(self):
        self.nodes = 0
        self.edges: list[tuple[int, int]] = []

    def node(self) -> int:
        self.nodes += 1
        return self.nodes - 1

    def edge(self, tail: int, head: int) -> int:
        self.edges.append((tail, head))
        return len(self.edges) - 1


def protect(network: Network, counts: Sequence[int], shown: Sequence[Shown], locked: frozenset[int],
            rule: Rule) -> list[Shown] | None:
    """The publication with secondary suppression added until it passes the audit; None when none passes.

    `shown` is the starting publication (primary suppression); edges in `locked` keep theirs: what
    other tables already published, and unpublished sums (`concealed()`). The audit is relative to
    those: a value of 1 or threshold-1 that they leave possible must stay possible. (Two published
    frequency tables already bound their unpublished cross-tabulation; this table must add nothing.)
    """
    shown = list(shown)
    t = rule.threshold
    baseline = [s if i in locked else concealed() for i, s in enumerate(shown)]
    incident: dict[int, list[int]] = {}
    for index, (tail, head) in enumerate(network.edges):
        incident.setdefault(tail, []).append(index)
        incident.setdefault(head, []).append(index)

    def possible(publication: list[Shown], index: int, value: int) -> bool:
        bounds = [(s.low, s.high) for s in publication]
        bounds[index] = (value, value)
        return _feasible(network, bounds)

    def safe(index: int, probes: list[int]) -> bool:
        return all(possible(shown, index, value) for value in probes)

    def candidate(index: int, probes: list[int]) -> int | None:
        """The smallest shown count sharing a sum with `index` whose hiding alone makes it safe, else the smallest."""
        tail, head = network.edges[index]
        for pool in (incident[tail] + incident[head], range(len(shown))):
            open_ = sorted({i for i in pool if i not in locked and shown[i].state in (SHOWN, ROUNDED) and counts[i] > 0},
                           key=lambda i: (counts[i], i))
            for i in open_:
                kept, shown[i] = shown[i], secondary(rule)
                fixes = safe(index, probes)
                shown[i] = kept
                if fixes:
                    return i
            if open_:
                return open_[0]
        return None

    for index, count in enumerate(counts):
        if not 1 <= count < t:
            continue
        probes = [value for value in (1, t - 1) if possible(baseline, index, value)]
        while not safe(index, probes):
            extra = candidate(index, probes)
            if extra is None:
                return None
            shown[extra] = secondary(rule)
    return shown


def _feasible(network: Network, bounds: Sequence[tuple[int, int]]) -> bool:
    """Whether some flow respects every edge's bounds (circulation with lower bounds, by maximum flow)."""
    source, sink = network.nodes, network.nodes + 1
    flow = _MaxFlow(network.nodes + 2)
    excess = [0] * network.nodes
    for (tail, head), (low, high) in zip(network.edges, bounds):
        if low > high:
            return False
        if high > low:
            flow.add(tail, head, high - low)
        excess[head] += low
        excess[tail] -= low
    needed = 0
    for node, amount in enumerate(excess):
        if amount > 0:
            flow.add(source, node, amount)
            needed += amount
        elif amount < 0:
            flow.add(node, sink, -amount)
    return flow.run(source, sink) == needed


class _MaxFlow:
    """Dinic's algorithm on a small graph."""

    def __init__(self, size: int):
        self.graph: list[list[int]] = [[] for _ in range(size)]
        self.head: list[int] = []
        self.cap: list[int] = []

    def add(self, tail: int, head: int, capacity: int) -> None:
        self.graph[tail].append(len(self.head))
        self.head.append(head)
        self.cap.append(capacity)
        self.graph[head].append(len(self.head))
        self.head.append(tail)
        self.cap.append(0)

    def run(self, source: int, sink: int) -> int:
        total = 0
        while True:
            level = self._levels(source)
            if level[sink] < 0:
                return total
            pointer = [0] * len(self.graph)
            while pushed := self._push(source, sink, UNBOUNDED * 4, level, pointer):
                total += pushed

    def _levels(self, source: int) -> list[int]:
        level = [-1] * len(self.graph)
        level[source] = 0
        queue = deque([source])
        while queue:
            node = queue.popleft()
            for e in self.graph[node]:
                if self.cap[e] > 0 and level[self.head[e]] < 0:
                    level[self.head[e]] = level[node] + 1
                    queue.append(self.head[e])
        return level

    def _push(self, node: int, sink: int, limit: int, level: list[int], pointer: list[int]) -> int:
        if node == sink:
            return limit
        edges = self.graph[node]
        while pointer[node] < len(edges):
            e = edges[pointer[node]]
            nxt = self.head[e]
            if self.cap[e] > 0 and level[nxt] == level[node] + 1:
                pushed = self._push(nxt, sink, min(limit, self.cap[e]), level, pointer)
                if pushed:
                    self.cap[e] -= pushed
                    self.cap[e ^ 1] += pushed
                    return pushed
            pointer[node] += 1
        return 0


# -- the shapes of table a report publishes ------------------------------------------------

@dataclass(frozen=True)
class Published1D:
    cells: list[Shown]
    total: Shown
    subtotals: list[Shown]  # one per group, in order


def publish_frequency(counts: Sequence[int], rule: Rule, *, groups: Sequence[Sequence[int]] = (),
                      responses: Shown | None = None) -> Published1D | None:
    """One count per category and their total; `groups` (disjoint) also publish their subtotals.

    `responses` is the number of responses as the report publishes it: everyone who did not answer
    is the difference, so the total can be no more than that.
    """
    network = Network()
    into, out_of, top, rest = (network.node() for _ in range(4))
    group_of = {index: k for k, members in enumerate(groups) for index in members}
    group_nodes = [network.node() for _ in groups]
    edge_counts: list[int] = []
    shown: list[Shown] = []
    locked: set[int] = set()

    def add(tail: int, head: int, count: int, publication: Shown, lock: bool = False) -> int:
        edge_counts.append(count)
        shown.append(publication)
        if lock:
            locked.add(len(shown) - 1)
        return network.edge(tail, head)

    grand = sum(counts)
    add(into, top, 0, responses or concealed(), lock=True)
    add(top, into, 0, concealed(), lock=True)  # who did not answer: not protected, it follows from the totals
    total_edge = add(top, out_of, grand, primary(grand, rule))
    add(out_of, rest, sum(c for i, c in enumerate(counts) if i not in group_of), concealed(), lock=True)
    subtotal_edges = [add(out_of, node, sum(counts[i] for i in members), primary(sum(counts[i] for i in members), rule))
                      for node, members in zip(group_nodes, groups)]
    cell_edges = [add(group_nodes[group_of[i]] if i in group_of else rest, into, count, primary(count, rule))
                  for i, count in enumerate(counts)]
    final = protect(network, edge_counts, shown, frozenset(locked), rule)
    if final is None:
        return None
    return Published1D([final[e] for e in cell_edges], final[total_edge], [final[e] for e in subtotal_edges])


@dataclass(frozen=True)
class PublishedCrosstab:
    cells: list[list[Shown]]  # answers x (groups, then no answer to the group question)
    columns: list[Shown]  # each column's total among those who answered


def publish_crosstab(cells: Sequence[Sequence[int]], skipped: Sequence[int], *, rows: Sequence[Shown], answered: Shown,
                     groups: Sequence[Shown], grouped: Shown, responses: Shown, rule: Rule) -> PublishedCrosstab | None:
    """Answers (rows) by groups (columns, the last for no group given), audited with everything linked to them.

    `cells` counts those who answered; `skipped` counts, per column, those who did not answer (never
    shown). `rows`, `answered`, `groups`, `grouped` and `responses` are the frequency tables' and the
    report's publications, kept as they are. The network holds all respondents, so whatever those
    numbers imply about each other (skips worked out from the number of responses, say) is audited.
    A row or column whose total is hidden in its frequency table is concealed whole, so the table says
    nothing about that total (and tables sharing it cannot be combined to learn more).
    """
    network = Network()
    into, out_of, answers, non_answers, group_total, no_group = (network.node() for _ in range(6))
    row_nodes = [network.node() for _ in rows]
    column_nodes = [network.node() for _ in skipped]
    overall_nodes = [network.node() for _ in skipped]
    width = len(skipped)
    counts: list[int] = []
    shown: list[Shown] = []
    locked: set[int] = set()

    def add(tail: int, head: int, count: int, publication: Shown, lock: bool = True) -> int:
        counts.append(count)
        shown.append(publication)
        if lock:
            locked.add(len(shown) - 1)
        return network.edge(tail, head)

    column_counts = [sum(line[j] for line in cells) for j in range(width)]
    overall = [column_counts[j] + skipped[j] for j in range(width)]
    add(into, out_of, sum(overall), responses)
    add(out_of, answers, sum(column_counts), answered)
    add(out_of, non_answers, 0, concealed())  # skips are not protected: they follow from published totals
    for node, line, publication in zip(row_nodes, cells, rows):
        add(answers, node, sum(line), publication)
    hidden_column = [j < len(groups) and groups[j].value is None for j in range(width)]
    first_cell = len(shown)
    for i, line in enumerate(cells):
        for j, count in enumerate(line):
            hide = rows[i].value is None or hidden_column[j]
            add(row_nodes[i], column_nodes[j], count, concealed() if hide else primary(count, rule), lock=hide)
    totals = [add(column_nodes[j], overall_nodes[j], column_counts[j],
                  concealed() if hidden_column[j] else primary(column_counts[j], rule), lock=hidden_column[j])
              for j in range(width)]
    for j in range(width):
        add(non_answers, overall_nodes[j], 0, concealed())
        if j < len(groups):
            add(overall_nodes[j], group_total, overall[j], groups[j])
        else:
            add(overall_nodes[j], no_group, 0, concealed())
    add(group_total, into, sum(overall[:len(groups)]), grouped)
    add(no_group, into, 0, concealed())
    final = protect(network, counts, shown, frozenset(locked), rule)
    if final is None:
        return None
    return PublishedCrosstab([final[first_cell + i * width:first_cell + (i + 1) * width] for i in range(len(rows))],
                             [final[e] for e in totals])


def publish_multiple(chosen: Sequence[int], base: int, rule: Rule) -> tuple[list[Shown], Shown] | None:
    """How many respondents chose each option, and how many answered (the base); None when no safe version exists.

    Options are not exclusive, so their counts add up to nothing; but each count and the
    base together give the number who did not choose it, which is treated as a count too:
    when it is small, the option's count is hidden ([c]) as well. Below twice the threshold
    an option's count or its remainder is always small, and the two together would narrow
    each other down, so such a table is withheld.
    """
    base_shown = primary(base, rule)
    if 1 <= base <= 2 * rule.threshold - 2:
        return None
    out = []
    for count in chosen:
        publication = primary(count, rule)
        if publication.value is not None and base_shown.value is not None and 1 <= base - count < rule.threshold:
            publication = Shown(CONFIDENTIAL, None, max(rule.threshold, base - rule.threshold + 1), base - 1, SECONDARY)
        out.append(publication)
    return out, base_shown
