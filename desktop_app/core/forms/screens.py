"""The screens a person steps through while filling a form, worked out from a FormSession.

FormSession.pages() says which questions go together; a screen adds what a
person needs to find their way: the section it belongs to (the outermost
group with a label), which repeat entry it is about, a screen after each
repeat without a fixed count for adding and removing entries, and the
"specify other" text of an `or_other` select kept on the select's own screen
(pyxform makes it a separate question, but asking it on its own would lose
the context). A field-list screen lists all its questions, relevant or not,
so a screen keeps its identity while answers on it show and hide others.

Screen ids are stable strings (the first question's path, or the repeat's
path plus "#entries") kept in the draft as the person's position.
"""

from dataclasses import dataclass

from desktop_app.core.forms.model import Group, Question, text_in
from desktop_app.core.forms.session import FormSession, Key

ENTRIES_SUFFIX = "#entries"


@dataclass(frozen=True)
class Screen:
    id: str
    keys: tuple[Key, ...]  # questions shown on this screen, in form order
    section: str  # label of the outermost labelled group, "" outside any
    entry: tuple[str, int] | None = None  # (repeat label, 1-based number) when inside a repeat entry
    repeat: Key | None = None  # set on a screen that adds and removes entries of this repeat

    @property
    def is_entries(self) -> bool:
        return self.repeat is not None


def other_text_of(session: FormSession, name: str) -> str | None:
    """The name of the "specify other" question pyxform attached to select `name`, if any."""
    node = session.plan.nodes.get(name)
    if isinstance(node, Question) and node.or_other:
        other = f"{name}_other"
        if isinstance(session.plan.nodes.get(other), Question):
            return other
    return None


def is_shown(node) -> bool:
    """Questions that appear on screen: not calculations, hidden fields or device metadata."""
    return isinstance(node, Question) and node.kind not in ("calculate", "hidden", "metadata")


class ScreenPlan:
    """Every screen to show now, in order; rebuild it after an answer changes."""

    def __init__(self, session: FormSession):
        self.session = session
        self._attached = {o for n in session.plan.nodes if (o := other_text_of(session, n))}
        self.screens: list[Screen] = []
        self._collect(session.form.children, (), "", None)
        if not self.screens:  # nothing to show (all calculations, say): one empty screen, so it can be finished
            self.screens.append(Screen("", (), ""))
        self._index = {screen.id: i for i, screen in enumerate(self.screens)}
        self._by_key = {key: i for i, screen in enumerate(self.screens) for key in screen.keys}

    def __len__(self) -> int:
        return len(self.screens)

    def __getitem__(self, index: int) -> Screen:
        return self.screens[index]

    def index_of(self, position: str | None) -> int:
        """Where to put a person whose position is `position`: that screen, else the next one in form order."""
        if not self.screens:
            return 0
        if position in self._index:
            return self._index[position]
        order = self._order_of(position)
        if order is None:
            return 0
        for i, screen in enumerate(self.screens):
            if self._screen_order(screen) >= order:
                return i
        return len(self.screens) - 1

    def index_of_key(self, key: Key) -> int | None:
        """The screen showing question `key` (the select's screen for its "specify other" text)."""
        found = self._by_key.get(key)
        if found is None and key[-1] in self._attached:
            found = self._by_key.get((*key[:-1], key[-1][: -len("_other")]))
        return found

    def sections(self) -> list[tuple[str, int]]:
        """(section label, index of its first screen) for each section, in order."""
        seen: dict[str, int] = {}
        for i, screen in enumerate(self.screens):
            if screen.section and screen.section not in seen:
                seen[screen.section] = i
        return list(seen.items())

    # -- building ------------------------------------------------------------

    def _collect(self, nodes, prefix: Key, section: str, entry: tuple[str, int] | None) -> None:
        session = self.session
        for node in nodes:
            key = (*prefix, node.name)
            if isinstance(node, Group):
                if not session.relevant(key):
                    continue
                inner_section = section or self._text(node.label)
                if node.repeat:
                    self._collect_repeat(node, key, inner_section)
                elif node.field_list:
                    self._field_list(node, prefix, inner_section, entry)
                else:
                    self._collect(node.children, prefix, inner_section, entry)
            elif is_shown(node) and node.name not in self._attached and session.relevant(key):
                self.screens.append(Screen(session.path(key), (key,), section, entry))

    def _collect_repeat(self, group: Group, key: Key, section: str) -> None:
        label = self._text(group.label) or group.name
        for i in range(self.session.repeat_count(key)):
            inner, entry = (*key, i), (label, i + 1)
            if group.field_list:
                self._field_list(group, inner, section, entry)
            else:
                self._collect(group.children, inner, section, entry)
        if group.repeat_count is None:
            self.screens.append(Screen(self.session.path(key) + ENTRIES_SUFFIX, (), section, None, key))

    def _field_list(self, group: Group, prefix: Key, section: str, entry) -> None:
        keys = tuple(self._shown_under(group.children, prefix))
        if any(self.session.relevant(k) for k in keys):
            self.screens.append(Screen(self.session.path(keys[0]), keys, section, entry))

    def _shown_under(self, nodes, prefix: Key):
        for node in nodes:
            key = (*prefix, node.name)
            if isinstance(node, Group):
                if node.repeat:
                    for i in range(self.session.repeat_count(key)):
                        yield from self._shown_under(node.children, (*key, i))
                else:
                    yield from self._shown_under(node.children, prefix)
            elif is_shown(node) and node.name not in self._attached:
                yield key

    # -- ordering ------------------------------------------------------------

    def _order_of(self, position: str | None) -> int | None:
        if not position:
            return None
        name = position.removesuffix(ENTRIES_SUFFIX).rsplit("/", 1)[-1].split("[", 1)[0]
        return self.session.plan.order.get(name)

    def _screen_order(self, screen: Screen) -> int:
        name = screen.repeat[-1] if screen.repeat else screen.keys[0][-1]
        return self.session.plan.order[name]

    def _text(self, text) -> str:
        return text_in(text, self.session.language, self.session.form.default_language)
