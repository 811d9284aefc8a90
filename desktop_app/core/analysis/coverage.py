"""Coverage of under-represented groups: how many responses reached each, against the project's targets.

A group is declared as data over the quasi-identifier questions and choice
names of the shipped public survey (forms/pathways_survey.md): a respondent
belongs when any of the group's conditions holds. Conditions on questions a
form does not ask are dropped; a group none of whose questions is asked is
skipped. Project files name groups by their keys (`project create --target
GROUP=N`), so the keys never change once released.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


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


def member(answers: Mapping[str, Any], group: CoverageGroup) -> bool:
    """Whether one respondent (answers keyed by question, choice names as values) belongs to the group."""
    return any(answers.get(condition.question) in condition.choices for condition in group.conditions)
