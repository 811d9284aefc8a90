"""A form being filled in: answers, relevance, calculations and validation, without Qt.

Answers live in one nested dict in the stored shape: `{"age": 34, "kids":
[{"kid_age": 3}, ...]}`; repeats hold lists of instances, groups add no
level. A field is addressed by a path such as "age" or "kids[2]/kid_age"
(1-based, as in XPath). Changing one answer recomputes only what depends on
it (see plan.py); the GUI, `forms try` and `capture` all go through here, so
they agree on what is valid.
"""

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desktop_app.core.errors import FieldbookError
from desktop_app.core.forms import answers as values
from desktop_app.core.forms.expressions.errors import ExpressionError
from desktop_app.core.forms.expressions.evaluator import evaluate
from desktop_app.core.forms.expressions.values import to_boolean, to_string
from desktop_app.core.forms.model import Choice, Form, Group, Question, text_in
from desktop_app.core.forms.plan import FormPlan, plan_for
from desktop_app.core.forms.session_context import SessionContext

Key = tuple  # ("age",) or ("kids", 0, "kid_age"): repeat name and 0-based index pairs, then the name

DRAFT_FORMAT = 1
_REFERENCE = re.compile(r"\$\{([A-Za-z_][\w.-]*)\}")
DEFAULT_REQUIRED = "This question needs an answer."
DEFAULT_CONSTRAINT = "This answer is not allowed."


@dataclass(frozen=True)
class Issue:
    code: str  # required | constraint | type
    message: str


@dataclass(frozen=True)
class Page:
    keys: tuple[Key, ...]
    group: str | None  # the field-list group shown as this page, if any


class SessionError(FieldbookError):
    """A path or operation that does not fit the form."""


class FormSession:
    def __init__(self, form: Form, answers: dict | None = None, language: str | None = None,
                 clock: Callable[[], datetime] = datetime.now):
        self.form = form
        self.plan: FormPlan = plan_for(form)
        self.language = language if language is not None else form.default_language
        self.clock = clock
        self.position: str | None = None  # where the person was, kept in the draft
        self.answers: dict = answers if answers is not None else {}
        self._relevant: dict[Key, bool] = {}
        self._issues: dict[Key, list[Issue]] = {}
        if answers is None:
            self._fill_new(self.answers)
        self.recompute_all()

    # -- reading -----------------------------------------------------------

    def value(self, path: str | Key) -> Any:
        key = self.key(path)
        return self._container(key).get(key[-1], "")

    def relevant(self, path: str | Key) -> bool:
        return self._relevant.get(self.key(path), True)

    def read_only(self, path: str | Key) -> bool:
        """Shown but not editable: the `read_only` column, as yes/no or as an expression on other answers."""
        key = self.key(path)
        node = self.plan.nodes[key[-1]]
        if not isinstance(node, Question):
            return False
        return node.read_only or (node.read_only_if is not None and to_boolean(self._eval(node.read_only_if, key)))

    def issues(self, path: str | Key) -> list[Issue]:
        return list(self._issues.get(self.key(path), ()))

    def question(self, path: str | Key) -> Question | Group:
        return self.plan.nodes[self.key(path)[-1]]

    def label(self, path: str | Key) -> str:
        """The label in the session's language, with ${name} references filled in as ODK does."""
        key = self.key(path)
        return self._fill_in(text_in(self.plan.nodes[key[-1]].label, self.language, self.form.default_language), key)

    def hint(self, path: str | Key) -> str:
        key = self.key(path)
        node = self.plan.nodes[key[-1]]
        return self._fill_in(text_in(getattr(node, "hint", {}), self.language, self.form.default_language), key)

    def _fill_in(self, text: str, key: Key) -> str:
        if "${" not in text:
            return text
        context = SessionContext(self, key)

        def value(match: re.Match) -> str:
            found = context.value(match.group(1)) if match.group(1) in self.plan.nodes else ""
            return " ".join(to_string(v) for v in found) if isinstance(found, list) else to_string(found)

        return _REFERENCE.sub(value, text)

    def choices(self, path: str | Key) -> list[Choice]:
        """The options to show now: the list, narrowed by its choice filter."""
        key = self.key(path)
        question = self.plan.nodes[key[-1]]
        choice_list = self.form.choice_lists.get(getattr(question, "list_name", ""))
        if choice_list is None:
            return []
        if question.choice_filter is None:
            return list(choice_list.choices)
        return [c for c in choice_list.choices if to_boolean(self._eval(question.choice_filter, key, choice=c))]

    def choice_label(self, path: str | Key, name: str) -> str:
        question = self.question(path)
        choice_list = self.form.choice_lists.get(getattr(question, "list_name", ""))
        choice = choice_list.get(name) if choice_list else None
        return text_in(choice.label, self.language, self.form.default_language) if choice else ""

    def repeat_count(self, path: str | Key) -> int:
        key = self.key(path)
        return len(self._container(key).get(key[-1]) or [])

    def keys(self) -> Iterator[Key]:
        """Every field instance in form order (questions only)."""
        yield from self._keys_under(self.form.children, ())

    # -- changing ------------------------------------------------------------

    def set(self, path: str | Key, value: Any) -> None:
        key = self.key(path)
        question = self._answerable(key)
        self._container(key)[key[-1]] = values.coerce(question, value)
        self._changed(key)

    def decline(self, path: str | Key, code: str) -> None:
        """Record "prefer not to say", "don't know" or "skipped": an answer, not a blank."""
        key = self.key(path)
        self._answerable(key)
        self._container(key)[key[-1]] = values.declined(code)
        self._changed(key)

    def add_repeat(self, path: str | Key) -> int:
        """Add an instance to a repeat; returns its 1-based number."""
        key = self.key(path)
        group = self._repeat(key)
        instances = self._container(key).setdefault(key[-1], [])
        instance: dict = {}
        instances.append(instance)
        self._fill_new(instance, group.children, (*key, len(instances) - 1))
        self.recompute_all()
        return len(instances)

    def remove_repeat(self, path: str | Key, number: int) -> None:
        key = self.key(path)
        self._repeat(key)
        instances = self._container(key).get(key[-1]) or []
        if not 1 <= number <= len(instances):
            raise SessionError("no_instance", f"'{key[-1]}' has no entry number {number}.")
        del instances[number - 1]
        self.recompute_all()

    def stamp_end(self) -> None:
        for key in self.keys():
            if self.plan.nodes[key[-1]].metadata == "end":
                self._container(key)[key[-1]] = self.clock().isoformat(timespec="seconds")

    # -- validation and pages ------------------------------------------------------

    def all_issues(self) -> dict[str, list[Issue]]:
        """Every relevant field with a problem, by path, in form order."""
        return {self.path(key): list(self._issues[key]) for key in self.keys() if self._issues.get(key)}

    def is_complete(self) -> bool:
        return not self.all_issues()

    def final_answers(self) -> dict:
        """What gets stored on completion: answers of non-relevant fields are dropped (as ODK does)."""
        return self._prune(self.answers, ())

    def pages(self) -> list[Page]:
        """The screens to show now: a field-list group is one page, otherwise one question per page."""
        pages: list[Page] = []
        self._collect_pages(self.form.children, (), pages)
        return pages

    # -- drafts --------------------------------------------------------------

    def to_draft(self) -> dict:
        return {"format": DRAFT_FORMAT, "form_id": self.form.form_id, "form_version": self.form.version,
                "language": self.language, "position": self.position, "answers": self.answers}

    @classmethod
    def from_draft(cls, form: Form, draft: dict, clock: Callable[[], datetime] = datetime.now) -> "FormSession":
        if draft.get("format") != DRAFT_FORMAT or draft.get("form_id") != form.form_id:
            raise SessionError("bad_draft", f"This draft is not a draft of '{form.form_id}'.")
        session = cls(form, answers=draft.get("answers") or {}, language=draft.get("language"), clock=clock)
        session.position = draft.get("position")
        return session

    # -- paths ---------------------------------------------------------------

    def key(self, path: str | Key) -> Key:
        if isinstance(path, tuple):
            return path
        parts: list = []
        for step in path.strip("/").split("/"):
            name, _, index = step.partition("[")
            parts.append(name)
            if index:
                parts.append(int(index.rstrip("]")) - 1)
        name = parts[-1]
        if name not in self.plan.nodes:
            raise SessionError("unknown_field", f"The form has no question '{name}'.")
        if len(self.plan.repeats_of[name]) * 2 + 1 != len(parts) and not (
            isinstance(self.plan.nodes[name], Group) and len(self.plan.repeats_of[name]) * 2 + 1 == len(parts)
        ):
            raise SessionError("bad_path", f"'{path}' does not say which entry of {', '.join(self.plan.repeats_of[name])} it means.")
        return tuple(parts)

    @staticmethod
    def path(key: Key) -> str:
        steps, i = [], 0
        while i < len(key) - 1:
            steps.append(f"{key[i]}[{key[i + 1] + 1}]")
            i += 2
        steps.append(key[-1])
        return "/".join(steps)

    # -- internals -----------------------------------------------------------

    def _answerable(self, key: Key) -> Question:
        node = self.plan.nodes[key[-1]]
        if not isinstance(node, Question) or not node.answerable:
            raise SessionError("not_answerable", f"'{key[-1]}' is not a question that takes an answer.")
        self._container(key)  # checks the repeat instance exists
        return node

    def _repeat(self, key: Key) -> Group:
        node = self.plan.nodes[key[-1]]
        if not isinstance(node, Group) or not node.repeat:
            raise SessionError("not_a_repeat", f"'{key[-1]}' is not a repeat.")
        return node

    def _container(self, key: Key) -> dict:
        box = self.answers
        for i in range(0, len(key) - 1, 2):
            instances = box.get(key[i]) or []
            if not 0 <= key[i + 1] < len(instances):
                raise SessionError("no_instance", f"'{key[i]}' has no entry number {key[i + 1] + 1}.")
            box = instances[key[i + 1]]
        return box

    def _fill_new(self, box: dict, nodes=None, prefix: Key = ()) -> None:
        """Defaults, metadata and fixed repeat counts for a new response or repeat entry."""
        for node in self.form.children if nodes is None else nodes:
            if isinstance(node, Group):
                if node.repeat:
                    box.setdefault(node.name, [])
                else:
                    self._fill_new(box, node.children, prefix)
            elif node.metadata in ("start", "today", "uuid"):
                now = self.clock()
                box[node.name] = {"start": now.isoformat(timespec="seconds"), "today": now.date().isoformat(),
                                  "uuid": f"uuid:{uuid.uuid4()}"}[node.metadata]
            elif node.default:
                box[node.name] = values.coerce(node, node.default)
            elif node.default_expr is not None:
                box[node.name] = values.coerce(node, self._eval(node.default_expr, (*prefix, node.name)))

    def _changed(self, key: Key) -> None:
        name = key[-1]
        self._check(key)
        for other in self.plan.checks.get(name, ()):
            for other_key in self._instances(other, key):
                self._check(other_key)
        for other in self.plan.affected(name):
            for other_key in self._instances(other, key):
                self._update(other_key)

    def recompute_all(self) -> None:
        self._relevant.clear()
        self._issues.clear()
        for name in self.plan.in_order():
            for key in self._instances(name, ()):
                self._update(key)

    def _instances(self, name: str, near: Key) -> list[Key]:
        """Keys of `name`: within the same repeat entries as `near` where they share repeats, else all."""
        repeats = self.plan.repeats_of[name]
        prefixes: list[Key] = [()]
        for depth, repeat in enumerate(repeats):
            same = len(near) > depth * 2 + 1 and near[depth * 2] == repeat
            grown = []
            for prefix in prefixes:
                try:
                    count = len(self._container((*prefix, repeat)).get(repeat) or [])
                except SessionError:
                    continue
                indices = [near[depth * 2 + 1]] if same else range(count)
                grown.extend((*prefix, repeat, i) for i in indices if i < count)
            prefixes = grown
        return [(*prefix, name) for prefix in prefixes]

    def _update(self, key: Key) -> None:
        node = self.plan.nodes[key[-1]]
        parent = self.plan.parent_of[key[-1]]
        parent_ok = True
        if parent is not None:
            parent_key = self._parent_key(key, parent)
            parent_ok = self._relevant.get(parent_key, True)
        own = node.relevant is None or to_boolean(self._eval(node.relevant, key))
        self._relevant[key] = parent_ok and own
        if isinstance(node, Group):
            if node.repeat and node.repeat_count is not None:
                self._resize(key, node)
            return
        if node.calculation is not None:
            result = self._eval(node.calculation, key) if self._relevant[key] else ""
            self._container(key)[key[-1]] = _stored(result)
        self._check(key)

    def _parent_key(self, key: Key, parent: str) -> Key:
        depth = len(self.plan.repeats_of[parent])
        return (*key[: depth * 2], parent)

    def _resize(self, key: Key, group: Group) -> None:
        try:
            wanted = int(float(self._eval(group.repeat_count, key) or 0))
        except (TypeError, ValueError, OverflowError):
            wanted = 0
        wanted = max(0, min(wanted, 1000))
        box = self._container(key)
        instances = box.setdefault(key[-1], [])
        if len(instances) == wanted:
            return
        while len(instances) < wanted:
            instance: dict = {}
            instances.append(instance)
            self._fill_new(instance, group.children, (*key, len(instances) - 1))
        del instances[wanted:]
        self.recompute_all()

    def _check(self, key: Key) -> None:
        node = self.plan.nodes[key[-1]]
        self._issues.pop(key, None)
        if not isinstance(node, Question) or not node.answerable or not self._relevant.get(key, True):
            return
        value = self._container(key).get(key[-1], "")
        if values.decline_code(value):
            return
        issue = None
        if values.is_blank(value):
            required = node.required or (node.required_if is not None and to_boolean(self._eval(node.required_if, key)))
            if required:
                issue = Issue("required", self._text(node.required_message) or DEFAULT_REQUIRED)
        else:
            names = None
            if node.kind in ("select_one", "select_multiple", "rank"):
                names = [c.name for c in self.choices(key)]
            problem = values.type_problem(node, value, names)
            if problem:
                issue = Issue("type", problem)
            elif node.constraint is not None and not to_boolean(self._eval(node.constraint, key, current=value)):
                issue = Issue("constraint", self._text(node.constraint_message) or DEFAULT_CONSTRAINT)
        if issue:
            self._issues[key] = [issue]

    def _eval(self, expr, key: Key, current: Any = None, choice: Choice | None = None) -> Any:
        context = SessionContext(self, key, current, choice)
        try:
            return evaluate(expr, context)
        except ExpressionError:
            return ""  # a runtime problem (say, a bad regex on this value) reads as blank, as in Collect

    def _text(self, text) -> str:
        return text_in(text, self.language, self.form.default_language)

    def _keys_under(self, nodes, prefix: Key) -> Iterator[Key]:
        for node in nodes:
            if isinstance(node, Group):
                if node.repeat:
                    for i in range(len(self._container((*prefix, node.name)).get(node.name) or [])):
                        yield from self._keys_under(node.children, (*prefix, node.name, i))
                else:
                    yield from self._keys_under(node.children, prefix)
            elif self.plan.nodes.get(node.name) is node:
                yield (*prefix, node.name)

    def _collect_pages(self, nodes, prefix: Key, pages: list[Page]) -> None:
        for node in nodes:
            if isinstance(node, Group):
                if not self._relevant.get((*prefix, node.name), True):
                    continue
                if node.repeat:
                    count = len(self._container((*prefix, node.name)).get(node.name) or [])
                    for i in range(count):
                        inner = (*prefix, node.name, i)
                        if node.field_list:
                            self._field_list_page(node, inner, pages)
                        else:
                            self._collect_pages(node.children, inner, pages)
                elif node.field_list:
                    self._field_list_page(node, prefix, pages)
                else:
                    self._collect_pages(node.children, prefix, pages)
            elif _shown(node) and self._relevant.get((*prefix, node.name), True):
                pages.append(Page(((*prefix, node.name),), None))

    def _field_list_page(self, group: Group, prefix: Key, pages: list[Page]) -> None:
        keys = tuple(k for k in self._keys_under(group.children, prefix)
                     if _shown(self.plan.nodes[k[-1]]) and self._relevant.get(k, True))
        if keys:
            pages.append(Page(keys, group.name))

    def _prune(self, box: dict, prefix: Key) -> dict:
        kept = {}
        for name, value in box.items():
            node = self.plan.nodes.get(name)
            if node is None:
                continue
            if isinstance(node, Group) and node.repeat:
                if self._relevant.get((*prefix, name), True):
                    kept[name] = [self._prune(inst, (*prefix, name, i)) for i, inst in enumerate(value)]
            elif self._relevant.get((*prefix, name), True) and not values.is_blank(value):
                kept[name] = value
        return kept


def _shown(node) -> bool:
    return isinstance(node, Question) and node.kind not in ("calculate", "hidden", "metadata")


def _stored(result: Any) -> Any:
    """A calculation's result as stored: numbers stay numbers, NaN is blank, the rest is text."""
    if isinstance(result, bool):
        return "true" if result else "false"
    if isinstance(result, float):
        if result != result:  # NaN
            return ""
        return int(result) if result.is_integer() and abs(result) < 2**53 else result
    if isinstance(result, int):
        return result
    if isinstance(result, (date, datetime)):
        return result.isoformat()
    return to_string(result)
