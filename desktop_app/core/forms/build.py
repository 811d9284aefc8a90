"""Stage two: pyxform's dict becomes Fieldbook's immutable Form.

Every expression is parsed here, at load time, and every ${reference} is
resolved, so a typo is a load error with its row and column instead of a
surprise in front of a respondent. All problems are collected and reported
together.
"""

import re
from collections.abc import Mapping
from typing import Any

from desktop_app.core.forms import types
from desktop_app.core.forms.errors import FormError, FormErrors, FormWarning
from desktop_app.core.forms.expressions.errors import ExpressionError
from desktop_app.core.forms.expressions.parser import Expr, parse
from desktop_app.core.forms.graph import find_cycle
from desktop_app.core.forms.model import (
    Choice,
    ChoiceList,
    Form,
    Group,
    Privacy,
    Question,
    Text,
)
from desktop_app.core.forms.workbook import Workbook

TRUE = {"yes", "true", "true()", "1"}
FALSE = {"", "no", "false", "false()", "0"}
_SCRUB, _KEEP, _DATE = Privacy("scrub"), Privacy("keep"), Privacy("quasi", types.DEFAULT_DATE_GENERALISE)
_SELECTS = ("select_one", "select_multiple", "rank")
_BIND_TEXTS = {"jr:constraintMsg": "constraint_message", "jr:requiredMsg": "required_message"}
_BIND_EXPRESSIONS = {"relevant": "relevant", "constraint": "constraint", "calculate": "calculation"}
_GENERALISER = re.compile(r"(\w+)(?:\((.*)\))?")


def build_form(workbook: Workbook) -> tuple[Form, list[FormWarning]]:
    builder = _Builder(workbook)
    form = builder.build()
    if builder.errors:
        raise FormErrors(builder.errors)
    return form, builder.warnings


class _Builder:
    def __init__(self, workbook: Workbook):
        self.wb = workbook
        self.d = workbook.definition
        self.errors: list[FormError] = []
        self.warnings: list[FormWarning] = list(workbook.warnings)
        self.languages: set[str] = set()
        self.all_names = set(_names(self.d))
        self.found: list[tuple[str, str, Expr, bool]] = []  # (node, column, expression, is a group)

    # -- errors --------------------------------------------------------

    def error(self, code: str, message: str, name: str = "", column: str = "", group: bool = False) -> None:
        rows = self.wb.group_rows if group else self.wb.survey_rows
        self.errors.append(FormError(code, message, sheet="survey", row=rows.get(name), column=column))

    def warn(self, code: str, message: str, name: str = "", column: str = "") -> None:
        self.warnings.append(FormWarning(code, message, sheet="survey", row=self.wb.survey_rows.get(name), column=column))

    # -- the form ------------------------------------------------------

    def build(self) -> Form:
        choice_lists = self._choice_lists()
        self.choice_lists = choice_lists
        children = tuple(self._node(child) for child in self.d.get("children", []))
        default_language = _language(self.d.get("default_language") or "")
        form = Form(
            form_id=str(self.d.get("id_string") or self.d.get("name") or ""),
            version=str(self.d.get("version") or ""),
            title=str(self.d.get("title") or self.d.get("id_string") or ""),
            children=children,
            choice_lists=choice_lists,
            languages=tuple(sorted(lang for lang in self.languages if lang)),
            default_language=default_language,
            settings={k: v for k, v in self.d.items() if k not in ("children", "choices")},
        )
        self._check_references(form)
        return form

    def _choice_lists(self) -> dict[str, ChoiceList]:
        lists = {}
        for list_name, choices in (self.d.get("choices") or {}).items():
            lists[list_name] = ChoiceList(
                list_name,
                tuple(
                    Choice(
                        name=str(choice.get("name", "")),
                        label=self._text(choice.get("label")),
                        extra={k: str(v) for k, v in choice.items() if k not in ("name", "label", "media")},
                    )
                    for choice in choices
                ),
            )
        return lists

    def _node(self, node: Mapping[str, Any]):
        kind = node.get("type", "")
        if kind in types.CONTAINERS:
            return self._group(node)
        return self._question(node)

    def _group(self, node: Mapping[str, Any]) -> Group:
        name = node.get("name", "")
        bind, control = node.get("bind") or {}, node.get("control") or {}
        return Group(
            name=name,
            row=self.wb.group_rows.get(name),
            children=tuple(self._node(child) for child in node.get("children", [])),
            label=self._text(node.get("label")),
            relevant=self._expr(bind.get("relevant"), name, "relevant", group=True),
            appearance=str(control.get("appearance") or ""),
            repeat=node.get("type") == "repeat",
            repeat_count=self._expr(control.get("jr:count"), name, "repeat_count", group=True),
        )

    def _question(self, node: Mapping[str, Any]) -> Question:
        # Only the cells a question has are converted: most have few, and a
        # 1,000-question form should load about as fast as pyxform reads it.
        name, raw_type = node.get("name", ""), node.get("type", "")
        bind, control = node.get("bind") or {}, node.get("control") or {}
        kind, metadata = self._kind(raw_type, bind, name)
        fields: dict[str, Any] = {"row": self.wb.survey_rows.get(name), "metadata": metadata}
        list_name = node.get("list_name") or node.get("itemset")
        if list_name:
            list_name = fields["list_name"] = str(list_name)
            if kind in _SELECTS and list_name not in self.choice_lists and "." in list_name:
                self.warn("external_data", f"'{name}' takes its choices from the file '{list_name}', which is not available here; it is shown as unsupported.", name, "type")
                kind = "unsupported"
            fields["or_other"] = self._has_other(node)
        for key, value in node.items():  # only the cells present: usually a handful
            if not value:
                continue
            if key in ("label", "hint"):
                fields[key] = self._text(value)
            elif key == "choice_filter":
                fields["choice_filter"] = self._expr(value, name, "choice_filter")
            elif key == "default":
                fields["default"], fields["default_expr"] = self._default(value, name)
            elif key == "parameters":
                fields["parameters"] = _parameters(value)
        for key, value in bind.items():
            if value in (None, ""):
                continue
            if key in _BIND_EXPRESSIONS:
                attribute = _BIND_EXPRESSIONS[key]
                fields[attribute] = self._expr(value, name, attribute)
            elif key in _BIND_TEXTS:
                fields[_BIND_TEXTS[key]] = self._text(value)
            elif key == "required":
                fields["required"], fields["required_if"] = self._flag(value, name, "required")
            elif key == "readonly":
                fields["read_only"], fields["read_only_if"] = self._flag(value, name, "read_only")
        if control.get("appearance"):
            fields["appearance"] = str(control["appearance"])
        return Question(name, kind, raw_type, privacy=self._privacy(node, kind, name), **fields)

    def _kind(self, raw_type: str, bind: Mapping[str, Any], name: str) -> tuple[str, str]:
        if bind.get("jr:preload") == "uid":
            return "metadata", "uuid"
        if raw_type in types.METADATA:
            return "metadata", types.METADATA[raw_type]
        if raw_type in types.CAPTURED:
            return types.CAPTURED[raw_type], ""
        if raw_type not in types.UNSUPPORTED:
            # pyxform's dict stage passes any type through; its XML stage (never run here) would refuse it.
            self.error("unknown_type", f"'{name}' has type '{raw_type}', which is not an XLSForm question type.", name, "type")
        return "unsupported", ""

    def _has_other(self, node: Mapping[str, Any]) -> bool:
        # pyxform turns `select_one x or_other` into an "other" choice plus a
        # sibling text question `<name>_other`; the dict keeps no flag.
        choices = node.get("choices") or []
        return any(c.get("name") == "other" for c in choices) and f"{node.get('name')}_other" in self.all_names

    # -- cells -----------------------------------------------------------

    def _text(self, value: Any) -> Text:
        if not value:
            return {}
        if isinstance(value, dict):
            text = {_language(lang): str(v) for lang, v in value.items() if v is not None}
            self.languages.update(text)
            return text
        return {"": str(value)}

    def _expr(self, text: Any, name: str, column: str, group: bool = False) -> Expr | None:
        if text is None or str(text).strip() == "":
            return None
        try:
            expr = parse(str(text))
        except ExpressionError as exc:
            self.error(f"expression_{exc.code}", f"{column} of '{name}': {exc.message}", name, column, group)
            return None
        self.found.append((name, column, expr, group))
        if expr.external():
            self.warn(
                "external_data",
                f"{column} of '{name}' uses instance() or pulldata(); external data is not available here, so it evaluates as blank.",
                name,
                column,
            )
        return expr

    def _flag(self, value: Any, name: str, column: str) -> tuple[bool, Expr | None]:
        text = "" if value is None else str(value).strip()
        if text.lower() in TRUE:
            return True, None
        if text.lower() in FALSE:
            return False, None
        return False, self._expr(text, name, column)

    def _default(self, value: Any, name: str) -> tuple[str, Expr | None]:
        if value is None or str(value) == "":
            return "", None
        from pyxform.utils import default_is_dynamic

        text = str(value)
        if default_is_dynamic(text):
            return "", self._expr(text, name, "default")
        return text, None

    def _privacy(self, node: Mapping[str, Any], kind: str, name: str) -> Privacy:
        if "privacy" not in node and "privacy_generalise" not in node:
            return _SCRUB if kind == "text" else _DATE if kind in types.DATES else _KEEP
        rule = str(node.get("privacy") or "").strip().lower() or types.default_privacy(kind)
        generalise = str(node.get("privacy_generalise") or "").strip()
        if not generalise and rule == "quasi" and kind in types.DATES:
            generalise = types.DEFAULT_DATE_GENERALISE  # a date declared quasi without a rule: to the month
        if rule not in types.PRIVACY:
            self.error("privacy", f"privacy of '{name}' is '{rule}'; use one of {', '.join(types.PRIVACY)}.", name, "privacy")
        if generalise:
            match = _GENERALISER.fullmatch(generalise)
            if rule != "quasi":
                self.error("privacy_generalise", f"'{name}' has privacy_generalise but privacy is '{rule}', not quasi.", name, "privacy_generalise")
            elif not match or match.group(1) not in types.GENERALISERS:
                self.error(
                    "privacy_generalise",
                    f"privacy_generalise of '{name}' is '{generalise}'; use band(a,b,...), {', '.join(types.GENERALISERS[1:])}.",
                    name,
                    "privacy_generalise",
                )
            elif match.group(1) == "band" and not _ascending_numbers(match.group(2) or ""):
                self.error("privacy_generalise", f"band() of '{name}' needs ascending numbers, e.g. band(18,25,35).", name, "privacy_generalise")
        return Privacy(rule, generalise)

    # -- whole-form checks ---------------------------------------------------

    def _check_references(self, form: Form) -> None:
        questions: dict[str, Question] = {}
        groups: set[str] = set()
        nodes = [node for node, _ in form.walk()]
        for node in nodes:
            if isinstance(node, Group):
                groups.add(node.name)
            elif node.name in questions:
                self.error("duplicate_name", f"Two questions are named '{node.name}'; Fieldbook needs unique names.", node.name, "name")
            else:
                questions[node.name] = node
        known = questions.keys() | groups
        edges: dict[str, set[str]] = {}
        for name, column, expr, is_group in self.found:
            refs = expr.references()
            if not refs <= known:
                for ref in sorted(refs - known):
                    self.error("unknown_reference", f"{column} of '{name}' refers to '{ref}', which is not in the form.", name, column, is_group)
            if column != "constraint":  # constraints produce no value, so cannot close a loop
                for ref in refs:
                    edges.setdefault(ref, set()).add(name)
        for node in questions.values():
            if node.kind in _SELECTS and node.list_name not in form.choice_lists:
                self.error("unknown_list", f"'{node.name}' uses choice list '{node.list_name}', which is not on the choices sheet.", node.name, "type")
        cycle = find_cycle(edges)
        if cycle:
            first = cycle[0]
            self.error(
                "cycle",
                f"Circular dependency: {' -> '.join(cycle + [first])}.",
                first,
                _column_referring(form, first, cycle[-1]),
                first in groups and first not in questions,
            )


def _parameters(value: Any) -> dict:
    """pyxform gives a dict for types it knows parameters of, and leaves the text otherwise."""
    if isinstance(value, dict):
        return value
    pairs = (part.split("=", 1) for part in str(value or "").split() if "=" in part)
    return {key.strip(): val.strip() for key, val in pairs}


def _names(node: Mapping[str, Any]):
    for child in node.get("children", []):
        yield child.get("name")
        yield from _names(child)


def _column_referring(form: Form, name: str, ref: str) -> str:
    for node, _ in form.walk():
        if node.name == name:
            for column, expr in node.expressions():
                if ref in expr.references():
                    return column
    return ""


def _language(lang: str) -> str:
    return "" if lang == "default" else lang


def _ascending_numbers(text: str) -> bool:
    try:
        numbers = [float(part) for part in text.split(",")]
    except ValueError:
        return False
    return len(numbers) >= 1 and numbers == sorted(set(numbers))
