"""What an expression sees while a session evaluates it for one field.

`${name}` resolves relative to the current repeat entry (ODK: a reference
inside a repeat means the same entry); a question in a repeat the current
field is not inside gives the list of all entries' values (a nodeset, for
count() and sum()); answers of non-relevant fields read as blank. While a
choice filter runs, bare names (`state` in `state = ${state}`) are the
choice's own columns.
"""

from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop_app.core.forms import answers as values
from desktop_app.core.forms.model import Choice, Group, text_in

if TYPE_CHECKING:
    from desktop_app.core.forms.session import FormSession, Key


class SessionContext:
    __slots__ = ("session", "key", "_current", "choice")

    def __init__(self, session: "FormSession", key: "Key", current: Any = None, choice: Choice | None = None):
        self.session = session
        self.key = key
        self._current = current
        self.choice = choice

    def value(self, name: str) -> Any:
        session = self.session
        node = session.plan.nodes.get(name)
        if node is None:
            return ""
        if isinstance(node, Group):
            if node.repeat:
                return [{}] * len(self._values_of_repeat(name))
            return ""
        found = [self._read(k) for k in session._instances(name, self.key)]
        if self._inside_all(name):
            return found[0] if found else ""
        return found  # a nodeset: the field sits in repeat entries this field is not part of

    def current(self) -> Any:
        if self._current is None:
            return self._read(self.key)
        return values.for_expression(self.session.plan.nodes[self.key[-1]], self._current)

    def position(self) -> int:
        return self.key[-2] + 1 if len(self.key) >= 3 else 1

    def choice_label(self, name: str, value: str) -> str:
        node = self.session.plan.nodes.get(name)
        choice_list = self.session.form.choice_lists.get(getattr(node, "list_name", ""))
        choice = choice_list.get(str(value)) if choice_list else None
        if choice is None:
            return ""
        return text_in(choice.label, self.session.language, self.session.form.default_language)

    def choice_field(self, name: str) -> Any:
        if self.choice is None:
            return ""
        if name == "name":
            return self.choice.name
        return self.choice.extra.get(name, "")

    def now(self) -> datetime:
        return self.session.clock()

    def _read(self, key: "Key") -> Any:
        session = self.session
        if not session._relevant.get(key, True):
            return ""
        try:
            raw = session._container(key).get(key[-1], "")
        except Exception:
            return ""
        return values.for_expression(session.plan.nodes[key[-1]], raw)

    def _inside_all(self, name: str) -> bool:
        """Whether the current field sits inside every repeat that `name` sits in."""
        repeats = self.session.plan.repeats_of[name]
        mine = self.key[0:-1:2]
        return tuple(mine[: len(repeats)]) == repeats

    def _values_of_repeat(self, name: str) -> list:
        session = self.session
        keys = session._instances(name, self.key)
        entries = []
        for key in keys:
            try:
                entries.extend(session._container(key).get(name) or [])
            except Exception:
                continue
        return entries
