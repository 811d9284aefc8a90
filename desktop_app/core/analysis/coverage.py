"""Coverage of under-represented groups: how many responses reached each, against the project's targets.

A group is declared as data over the quasi-identifier questions and choice
names of the shipped public survey (forms/pathways_survey.md): a respondent
belongs when any of the group's conditions holds. Conditions on questions a
form does not ask are dropped; a group none of whose questions is asked is
skipped. Project files name groups by their keys (`project create --target
GROUP=N`), so the keys never change once released.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desktop_app.core.analysis.disclosure_tables import (
    CONFIDENTIAL,
    SECONDARY,
    UNBOUNDED,
    Rule,
    Shown,
    primary,
    rule_for,
)


@dataclass(frozen=True)
class Condition:
    question: str
    choices: frozenset[str]


@dataclass(frozen=True)
class CoverageGroup:
    key: str
    label: str
    conditions: tuple[Condition, ...]  # any of them

    @property
    def questions(self) -> tuple[str, ...]:
        return tuple(condition.question for condition in self.conditions)


def _group(key: str, label: str, *conditions: tuple[str, Iterable[str]]) -> CoverageGroup:
    return CoverageGroup(key, label, tuple(Condition(question, frozenset(choices)) for question, choices in conditions))


GROUPS: dict[str, CoverageGroup] = {group.key: group for group in (
    _group("ethnic_minority", "Ethnic minority respondents", ("ethnicity", ("asian", "black", "mixed", "other_ethnic"))),
    _group("lgbtq", "LGBTQ+ respondents", ("sexual_orientation", ("gay_lesbian", "bisexual", "another")),
           ("gender", ("non_binary", "another"))),
    _group("older", "Older respondents (55 or over)", ("age_band", ("55_64", "65_plus"))),
    _group("disabled", "Disabled respondents", ("disability", ("yes",))),
    _group("male", "Male respondents", ("gender", ("man",))),
)}


def applicable(questions: Iterable[str]) -> list[CoverageGroup]:
    """The groups a form can count, each with only the conditions on questions it asks, in GROUPS order."""
    asked = set(questions)
    out = []
    for group in GROUPS.values():
        kept = tuple(condition for condition in group.conditions if condition.question in asked)
        if kept:
            out.append(CoverageGroup(group.key, group.label, kept))
    return out


@dataclass(frozen=True)
class CoverageRow:
    group: str
    label: str
    count: Shown  # published under the same rule as every table
    target: int | None
    share: float | None  # percentage of the target reached, when the count is shown


def subtotals(question: str, groups: Iterable[CoverageGroup]) -> dict[str, tuple[str, ...]]:
    """The choice sets a question's frequency table publishes as subtotals, so coverage matches it."""
    return {group.key: tuple(sorted(condition.choices)) for group in groups
            for condition in group.conditions if condition.question == question}


def coverage(data, targets: Mapping[str, int], *, form, min_cell: int = 10, preset: str = "default") -> list[CoverageRow]:
    """Responses from each group the form can count, against the targets, under the disclosure rule.

    `data` is the form's frame (labels or codes) or its records as exported.
    """
    from desktop_app.core.analysis.dataset import SELECT_ONE, frame, variables
    from desktop_app.core.analysis.tables import frequency

    rule = rule_for(preset, min_cell)
    df = data if hasattr(data, "columns") else frame(form, data, labels=False)
    described = {v.name: v for v in variables(form) if v.kind == SELECT_ONE and v.name in df.columns}
    groups = applicable(described)
    asked = {condition.question for group in groups for condition in group.conditions}
    tables = {q: frequency(df, described[q], rule, groups=subtotals(q, groups)) for q in asked}
    return coverage_rows(df, groups, tables, described, rule, targets)


def coverage_rows(df, groups: list[CoverageGroup], tables: Mapping, described: Mapping, rule: Rule,
                  targets: Mapping[str, int]) -> list[CoverageRow]:
    """Coverage counts as their frequency tables published them.

    A group on one question is a subtotal of that question's table, audited with it. A group on
    several questions is shown only when each question's subtotal is shown and every overlap
    pattern (in A only, in B only, in both...) is zero or at least the threshold: then the count
    reveals nothing but sums of shown numbers and counts that are not small.
    """
    from desktop_app.core.analysis.tables import codes

    out = []
    for group in groups:
        parts = [tables[condition.question].subtotals[group.key] for condition in group.conditions]
        if len(parts) == 1:
            count = parts[0]
        else:
            answers = [codes(df[c.question], described[c.question]) for c in group.conditions]
            patterns = Counter(tuple(v in c.choices for v, c in zip(row, group.conditions)) for row in zip(*answers))
            inside = sum(n for pattern, n in patterns.items() if any(pattern))
            count = primary(inside, rule)
            small_overlap = any(1 <= n < rule.threshold for pattern, n in patterns.items() if any(pattern))
            if count.value and (small_overlap or any(part.value is None for part in parts)):
                count = Shown(CONFIDENTIAL, None, rule.threshold, UNBOUNDED, SECONDARY)
        target = targets.get(group.key)
        share = 100.0 * count.value / target if count.value is not None and target else None
        out.append(CoverageRow(group.key, group.label, count, target, share))
    return out
