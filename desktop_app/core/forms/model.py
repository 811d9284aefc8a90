"""Fieldbook's immutable form model, built from pyxform's dict stage.

Labels and messages are `Text`: a mapping from language to string, where the
language "" stands for an untranslated column.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Union

from desktop_app.core.forms.expressions.parser import Expr

Text = Mapping[str, str]


class _Empty(Mapping):
    """A shared, read-only, hashable empty mapping: one default for every unset label or message,
    instead of a new dict per field (forms with 1,000 questions load noticeably faster)."""

    def __getitem__(self, key):
        raise KeyError(key)

    def __iter__(self):
        return iter(())

    def __len__(self) -> int:
        return 0

    def __hash__(self) -> int:
        return 0


NONE: Mapping = _Empty()


def text_in(text: Text | None, language: str | None, fallback: str | None = None) -> str:
    """The text in `language`, else the fallback language, else untranslated, else any."""
    if not text:
        return ""
    for lang in (language, fallback, ""):
        if lang is not None and text.get(lang):
            return text[lang]
    return next(iter(text.values()), "")


@dataclass(frozen=True)
class Choice:
    name: str
    label: Text
    extra: Mapping[str, str] = field(default_factory=dict)  # other columns, read by choice filters


@dataclass(frozen=True)
class ChoiceList:
    name: str
    choices: tuple[Choice, ...]

    def get(self, name: str) -> Choice | None:
        return next((c for c in self.choices if c.name == name), None)


@dataclass(frozen=True)
class Privacy:
    rule: str  # drop | contact | quasi | scrub | keep
    generalise: str = ""


class Question(NamedTuple):
    """One question. A NamedTuple rather than a frozen dataclass: just as immutable, and about
    six times cheaper to build, which is most of the load time of a 1,000-question form."""

    name: str
    kind: str  # see types.py: text, integer, select_one, ..., metadata, unsupported
    raw_type: str  # pyxform's type name, kept for messages and conformance
    row: int | None
    label: Text = NONE
    hint: Text = NONE
    list_name: str = ""
    or_other: bool = False
    relevant: Expr | None = None
    constraint: Expr | None = None
    constraint_message: Text = NONE
    required: bool = False
    required_if: Expr | None = None
    required_message: Text = NONE
    calculation: Expr | None = None
    choice_filter: Expr | None = None
    default: str = ""
    default_expr: Expr | None = None
    read_only: bool = False
    read_only_if: Expr | None = None
    appearance: str = ""
    parameters: Mapping[str, Any] = NONE
    privacy: Privacy = Privacy("keep")
    metadata: str = ""  # for kind "metadata": start | end | today | blank

    @property
    def answerable(self) -> bool:
        from desktop_app.core.forms.types import ANSWERABLE

        return self.kind in ANSWERABLE

    def expressions(self) -> Iterator[tuple[str, Expr]]:
        for column in ("relevant", "constraint", "required_if", "calculation", "choice_filter", "default_expr", "read_only_if"):
            expr = getattr(self, column)
            if expr is not None:
                yield column, expr


@dataclass(frozen=True)
class Group:
    name: str
    row: int | None
    children: tuple["Node", ...]
    label: Text = NONE
    relevant: Expr | None = None
    appearance: str = ""
    repeat: bool = False
    repeat_count: Expr | None = None

    @property
    def field_list(self) -> bool:
        return "field-list" in self.appearance.split()

    def expressions(self) -> Iterator[tuple[str, Expr]]:
        for column in ("relevant", "repeat_count"):
            expr = getattr(self, column)
            if expr is not None:
                yield column, expr


Node = Union[Question, Group]


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one load, one form
class Form:
    form_id: str
    version: str
    title: str
    children: tuple[Node, ...]
    choice_lists: Mapping[str, ChoiceList]
    languages: tuple[str, ...] = ()
    default_language: str = ""
    settings: Mapping[str, Any] = NONE

    def walk(self) -> Iterator[tuple[Node, tuple[Group, ...]]]:
        """Every node in form order, with the groups and repeats around it."""

        def visit(nodes, parents):
            for node in nodes:
                yield node, parents
                if isinstance(node, Group):
                    yield from visit(node.children, (*parents, node))

        yield from visit(self.children, ())

    def questions(self) -> list[Question]:
        return [node for node, _ in self.walk() if isinstance(node, Question)]
