"""What a location path means in a form, where every question has a unique name.

Fieldbook does not build an XML tree: a path is read by the name it ends in.
`/data/group/age`, `../age` and `current()/../age` all read the question
`age` (through Context.value, which resolves repeats). A bare name
(`prov_id`, `./prov_id`) is relative to the node being evaluated, which is
only meaningful in a choice_filter, where it names a column of the choice.
`.` is the current answer. Anything else (`..` alone, `/`, `*`, `@attr`)
names a group or nothing, and reads as blank.

Predicates filter the list the path reads: a number picks that position
(`/data/household[2]/age`), anything else keeps the entries for which it is
true, with `.` and position() bound to each entry.
"""

from desktop_app.core.forms.expressions.nodes import Step
from desktop_app.core.forms.expressions.values import (
    is_number,
    to_boolean,
    to_nodeset,
    to_number,
)

QUESTION = "question"
CHOICE_FIELD = "choice_field"
CURRENT = "current"
NOTHING = "nothing"


def classify(absolute: bool, steps: tuple[Step, ...]) -> tuple[str, str]:
    """(kind, name) that a path reads: a question, a choice column, the current answer, or nothing."""
    names = [step.name for step in steps]
    if not absolute and names == ["."]:
        return CURRENT, ""
    last = names[-1] if names else ""
    if not _plain(last):
        return NOTHING, ""
    if absolute:
        return QUESTION, last
    leading = [name for name in names[:-1] if name != "."]
    if not leading:
        return CHOICE_FIELD, last
    if leading[0] == "..":
        return QUESTION, last
    return NOTHING, ""


def _plain(name: str) -> bool:
    return name not in ("", ".", "..", "*") and not name.startswith("@")


def read_question(name: str):
    def program(ctx):
        return ctx.value(name)

    return program


def read_choice_field(name: str):
    def program(ctx):
        # Contexts written before choice_field existed resolve choice columns in value().
        reader = getattr(ctx, "choice_field", None)
        return ctx.value(name) if reader is None else reader(name)

    return program


def read_current(ctx):
    return ctx.current()


def read_nothing(ctx):
    return ""


def reader_for(kind: str, name: str):
    if kind == QUESTION:
        return read_question(name)
    if kind == CHOICE_FIELD:
        return read_choice_field(name)
    if kind == CURRENT:
        return read_current
    return read_nothing


def filtered(read, predicates: tuple):
    """`read` with each compiled predicate applied in turn to the list it gives."""
    if not predicates:
        return read

    def program(ctx):
        value = read(ctx)
        for predicate in predicates:
            value = _keep(value, predicate, ctx)
        return value

    return program


def _keep(value, predicate, ctx) -> list:
    kept = []
    for position, entry in enumerate(to_nodeset(value), start=1):
        verdict = predicate(EntryContext(ctx, entry, position))
        if is_number(verdict):
            if to_number(verdict) == position:
                kept.append(entry)
        elif to_boolean(verdict):
            kept.append(entry)
    return kept


class EntryContext:
    """The context inside a predicate: `.` and position() are the entry being tested."""

    __slots__ = ("entry", "index", "outer")

    def __init__(self, outer, entry, index: int):
        self.outer = outer
        self.entry = entry
        self.index = index

    def value(self, name: str):
        return self.outer.value(name)

    def current(self):
        return self.entry

    def position(self) -> int:
        return self.index

    def choice_label(self, name: str, value: str) -> str:
        return self.outer.choice_label(name, value)

    def now(self):
        return self.outer.now()

    def choice_field(self, name: str):
        return ""  # entries are plain answers, without columns
