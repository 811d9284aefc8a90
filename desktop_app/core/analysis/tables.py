"""The report's tables, counted with pandas and published under a disclosure rule.

A Table holds only what may be shown: labels, published cells (text, and the
number when one is shown) and notes. The true counts stay inside the functions
that build it, so nothing that renders a Table (HTML, Excel, the analyst tab)
can print a count the rule hid. `shown` keeps each row's publication so that
linked tables (a cross-tabulation and the frequency tables of its two
questions; coverage and its quasi-identifiers) publish the same numbers.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from desktop_app.core.analysis.dataset import SPECIAL_CODES, SPECIAL_LABELS, Variable
from desktop_app.core.analysis.disclosure_tables import (
    Rule,
    Shown,
    concealed,
    percent,
    primary,
    publish_crosstab,
    publish_frequency,
    publish_multiple,
)

FREQUENCY, MULTIPLE, CROSSTAB, COVERAGE = "frequency", "multiple", "crosstab", "coverage"
TOTAL = "Total"
ANSWER = "Answer"
NO_ANSWER = "No answer"
WITHHELD = "Withheld: with so few responses, no version of this table keeps every small count hidden."


@dataclass(frozen=True)
class Cell:
    text: str
    value: float | None = None  # the published number, None when hidden or not a number


@dataclass(frozen=True)
class Table:
    key: str  # unique within a report
    title: str
    kind: str  # FREQUENCY, MULTIPLE, CROSSTAB or COVERAGE
    stub: str  # the heading over the row labels
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    percents: tuple[tuple[Cell, ...], ...] = ()  # cross-tabulations: column percentages, shaped like cells
    notes: tuple[str, ...] = ()
    withheld: str = ""  # why no cells are shown, when none are
    shown: Mapping[str, Shown] = field(default_factory=dict, repr=False)  # row code (or TOTAL) -> publication
    subtotals: Mapping[str, Shown] = field(default_factory=dict, repr=False)  # group key -> publication


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval for k successes in n trials, as proportions (sound near 0 and 1)."""
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"wilson needs 0 <= k <= n and n > 0, not k={k}, n={n}")
    p = k / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def codes(series, variable: Variable) -> list:
    """A select column as choice names and decline codes, whether the frame was built with labels or codes."""
    import pandas as pd

    by_label = {label: code for code, label in variable.values.items()}
    return [None if pd.isna(v) else (v if v in variable.values else by_label.get(v, v)) for v in series.astype(object)]


def frequency(df, variable: Variable, rule: Rule, *, groups: Mapping[str, Sequence[str]] | None = None) -> Table:
    """Counts, percentages and 95% intervals for a select_one; `groups` (choice names) publish subtotals too."""
    values = codes(df[variable.name], variable)
    order = _order(values, variable)
    counts = [sum(1 for v in values if v == code) for code in order]
    members = {key: [order.index(c) for c in choices if c in order] for key, choices in (groups or {}).items()}
    joint = {key: m for key, m in members.items() if len(m) > 1}
    published = publish_frequency(counts, rule, groups=list(joint.values()), responses=primary(len(df), rule))
    labels = [_label(variable, code) for code in order]
    if published is None:
        hidden = {code: concealed() for code in [*order, TOTAL]}
        return _withheld(variable.name, variable.label, FREQUENCY, ANSWER, labels, hidden,
                         {key: concealed() for key in members})
    subtotals = dict(zip(joint, published.subtotals))
    for key, m in members.items():
        if key not in joint:
            subtotals[key] = published.cells[m[0]] if m else primary(0, rule)
    everyone = (_cell(published.total), Cell("100%", 100.0) if published.total.value else Cell(""), Cell(""))
    rows = [*(_share_row(s, published.total) for s in published.cells), everyone]
    shown = dict(zip(order, published.cells)) | {TOTAL: published.total}
    return Table(variable.name, variable.label, FREQUENCY, ANSWER, (*labels, TOTAL), ("Count", "%", "95% CI"),
                 tuple(rows), notes=(f"Base: everyone who answered, {published.total.text}.",),
                 shown=shown, subtotals=subtotals)


def multiple(df, variable: Variable, rule: Rule) -> Table:
    """For a select_multiple: how many respondents chose each option, as a share of those who answered."""
    options = [name for name in variable.options if f"{variable.name}/{name}" in df.columns]
    one_hot = [df[f"{variable.name}/{name}"] for name in options]
    answered = int(one_hot[0].notna().sum()) if one_hot else 0
    chosen = [int(column.fillna(0).sum()) for column in one_hot]
    labels = [_label(variable, name) for name in options]
    publication = publish_multiple(chosen, answered, rule)
    if publication is None:
        return Table(variable.name, variable.label, MULTIPLE, ANSWER, (*labels, "Respondents who answered (base)"), (),
                     (), withheld=WITHHELD, shown={name: concealed() for name in [*options, TOTAL]})
    published, base = publication
    rows = [_share_row(s, base) for s in published]
    rows.append((_cell(base), Cell(""), Cell("")))
    labels.append("Respondents who answered (base)")
    unanswered = one_hot[0].isna() if one_hot else df[variable.name].notna()
    raw = df[variable.name].astype(object)[unanswered]  # a choice named like a decline code is an answer
    for code in SPECIAL_CODES:
        count = int(((raw == code) | (raw == SPECIAL_LABELS[code])).sum())
        if count:
            rows.append((_cell(primary(count, rule)), Cell(""), Cell("")))
            labels.append(f"Did not answer: {SPECIAL_LABELS[code].lower()}")
    return Table(variable.name, variable.label, MULTIPLE, ANSWER, tuple(labels),
                 ("Respondents", "% of respondents", "95% CI"), tuple(rows),
                 notes=("Respondents could choose more than one answer, so the percentages add up to more than 100.",
                        f"Base: respondents who answered, {base.text}."),
                 shown=dict(zip(options, published)) | {TOTAL: base})


def crosstab(df, variable: Variable, by: Variable, rule: Rule, *, rows: Table, columns: Table) -> Table:
    """Answers to one select_one by the categories of another, linked to both frequency tables and the
    number of responses (which the report shows as `primary(len(df))`)."""
    key, title = f"{variable.name}_by_{by.name}", f"{variable.label} (by {by.name.replace('_', ' ')})"
    if rows.withheld or columns.withheld:
        return Table(key, title, CROSSTAB, ANSWER, (), (), (), withheld=WITHHELD)
    row_codes = [code for code in rows.shown if code != TOTAL]
    group_codes = [code for code in columns.shown if code != TOTAL]
    index = {code: j for j, code in enumerate(group_codes)}
    cells = [[0] * (len(group_codes) + 1) for _ in row_codes]
    skipped = [0] * (len(group_codes) + 1)
    for answer, group in zip(codes(df[variable.name], variable), codes(df[by.name], by)):
        j = len(group_codes) if group is None else index[group]
        if answer is None:
            skipped[j] += 1
        else:
            cells[row_codes.index(answer)][j] += 1
    row_shown = [rows.shown[code] for code in row_codes]
    published = publish_crosstab(cells, skipped, rows=row_shown, answered=rows.shown[TOTAL],
                                 groups=[columns.shown[code] for code in group_codes], grouped=columns.shown[TOTAL],
                                 responses=primary(len(df), rule), rule=rule)
    width = len(group_codes) + (1 if any(line[-1] for line in cells) else 0)  # "No answer" only when someone gave none
    row_labels = [*(_label(variable, code) for code in row_codes), TOTAL]
    column_labels = [*(_label(by, code) for code in group_codes), NO_ANSWER][:width] + [TOTAL]
    if published is None:
        return Table(key, title, CROSSTAB, ANSWER, tuple(row_labels), tuple(column_labels), (), withheld=WITHHELD)
    total = rows.shown[TOTAL]
    grid = [[*line[:width], margin] for line, margin in zip(published.cells, row_shown)]
    grid.append([*published.columns[:width], total])
    bases = grid[-1]
    return Table(key, title, CROSSTAB, ANSWER, tuple(row_labels), tuple(column_labels),
                 tuple(tuple(_cell(s) for s in line) for line in grid),
                 percents=tuple(tuple(_percent_cell(percent(s, b)) for s, b in zip(line, bases)) for line in grid),
                 notes=("Percentages are of each column: the share of that group who gave each answer.",))


def _order(values: list, variable: Variable) -> list[str]:
    """Choices in form order, then decline codes that occur, then anything else that occurs."""
    present = set(values) - {None}
    specials = [c for c in SPECIAL_CODES if c in present and c not in variable.options]
    others = sorted(present - set(variable.options) - set(specials), key=str)
    return [*variable.options, *specials, *others]


def _label(variable: Variable, code: str) -> str:
    return variable.values.get(code) or SPECIAL_LABELS.get(code, str(code))


def _cell(s: Shown) -> Cell:
    return Cell(s.text, s.value)


def _percent_cell(value: float | None) -> Cell:
    return Cell("" if value is None else f"{value:.1f}%", None if value is None else round(value, 1))


def _share_row(count: Shown, base: Shown) -> tuple[Cell, Cell, Cell]:
    share = percent(count, base)
    if share is None:
        return _cell(count), Cell(""), Cell("")
    low, high = wilson(count.value, base.value)
    return _cell(count), _percent_cell(share), Cell(f"{100 * low:.1f}–{100 * high:.1f}%")


def _withheld(key: str, title: str, kind: str, stub: str, labels: list[str], shown: dict, subtotals: dict) -> Table:
    return Table(key, title, kind, stub, (*labels, TOTAL), (), (), withheld=WITHHELD, shown=shown, subtotals=subtotals)
