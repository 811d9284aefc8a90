"""The analysts' dataset: one pandas DataFrame per form, one row per response.

A respondent who declined ("prefer not to say", "don't know", "skipped") or
whose answer the device's k-anonymity gate withheld ("suppressed") told us
something, so those codes stay distinct from missing (a question not asked or
left blank) in every column type: categories of a select, codes in
`q/declined` beside a number, text elsewhere. The column layout is fixed in
/work/briefs/analysis_contract.md; `variables` describes each column for
codebooks, SPSS labels and reports. pandas is imported only when a frame is built.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.analysis.errors import AnalysisError
from desktop_app.core.forms.answers import DECLINE_CODES, DECLINE_LABELS, is_blank
from desktop_app.core.forms.model import Form, Group, Question, text_in
from desktop_app.core.privacy.anonymise import DROP, QUASI, SCRUB, policy_of

SUPPRESSED = "suppressed"
SPECIAL_CODES = (*DECLINE_CODES, SUPPRESSED)
SPECIAL_LABELS = {**DECLINE_LABELS, SUPPRESSED: "Suppressed"}
CHOSEN = {1: "Chosen", 0: "Not chosen"}

# Column kinds (Variable.kind).
META, SELECT_ONE, SELECT_MULTIPLE, OPTION = "meta", "select_one", "select_multiple", "option"
INTEGER, DECIMAL, DECLINED, TEXT, COUNT = "integer", "decimal", "declined", "text", "count"

_META = (
    ("id", "Response id (random)", ""),
    ("form_version", "Form version", ""),
    ("device", "Device (random id)", "random device id"),
    ("worker", "Worker (pseudonym)", "pseudonym"),
    ("completed", "Date completed", "date only"),
)
_NUMERIC = ("integer", "decimal", "range")


@dataclass(frozen=True)
class Variable:
    """One column: what it holds, and the codes it may hold with their labels, in order."""

    name: str
    label: str
    kind: str  # META, SELECT_ONE, SELECT_MULTIPLE, OPTION, INTEGER, DECIMAL, DECLINED, TEXT or COUNT
    values: Mapping[Any, str] = field(default_factory=dict)  # code -> label: choices, then decline/suppressed codes
    question: str = ""  # the question (or repeat) the column comes from
    options: tuple[str, ...] = ()  # choice names in order (selects); the choice name (OPTION)
    privacy: str = ""  # what the device did to it before export, in words


def variables(form: Form) -> list[Variable]:
    """Every column `frame` can produce, in column order (a `q/declined` column only appears when used)."""
    out = [Variable(name, label, META, privacy=note) for name, label, note in _META]
    for node in _top_level(form):
        out.extend(_variables_of(form, node, taken=_META_NAMES))
    return out


def repeat_variables(form: Form, repeat: str) -> list[Variable]:
    """The columns of `repeat_frame(form, records, repeat)`."""
    parents, group = _find_repeat(form, repeat)
    out = [Variable("id", "Response id (random)", META)]
    out += [Variable(f"{parent.name}/index", f"{_label(form, parent)}: entry number", META) for parent in parents]
    out.append(Variable("index", f"{_label(form, group)}: entry number", META))
    taken = {v.name for v in out}
    for node in _children(form, group):
        out.extend(_variables_of(form, node, taken))
    return out


def frame(form: Form, records: Iterable[dict], *, labels: bool = True):
    """One row per record, in record order; choice labels (labels=True) or choice names and codes."""
    records = list(records)
    answers = [record.get("answers") or {} for record in records]
    meta = {name: [_text_or_missing(record.get(name)) for record in records] for name, _, _ in _META}
    return _build(variables(form), meta, answers, labels, form)


def repeat_frame(form: Form, records: Iterable[dict], repeat: str, *, labels: bool = True):
    """One row per entry of a repeat group, in record order then entry order."""
    parents, group = _find_repeat(form, repeat)
    path = [parent.name for parent in parents] + [group.name]
    meta: dict[str, list] = {"id": []}
    for name in path[:-1]:
        meta[f"{name}/index"] = []
    meta["index"] = []
    rows: list[dict] = []
    for record in records:
        for indexes, entry in _entries(record.get("answers") or {}, path, ()):
            meta["id"].append(_text_or_missing(record.get("id")))
            for name, number in zip([*path[:-1], None], indexes):
                meta["index" if name is None else f"{name}/index"].append(number)
            rows.append(entry)
    df = _build(repeat_variables(form, repeat), meta, rows, labels, form)
    for name in meta:
        if name != "id":
            df[name] = df[name].astype("Int64")
    return df


# -- describing columns ---------------------------------------------------------------

_META_NAMES = frozenset(name for name, _, _ in _META)


def _variables_of(form: Form, node: Question | Group, taken) -> list[Variable]:
    name = node.name if node.name not in taken else f"{node.name}/answer"  # a question called "id" keeps its answer
    label = _label(form, node)
    if isinstance(node, Group):
        return [Variable(name, f"{label}: number of entries", COUNT, question=node.name)]
    privacy = _privacy_note(form, node)
    common = {"question": node.name, "privacy": privacy}
    if node.kind == "select_one":
        options, values = _choices(form, node)
        return [Variable(name, label, SELECT_ONE, values, options=options, **common)]
    if node.kind in ("select_multiple", "rank"):
        options, values = _choices(form, node)
        out = [Variable(name, label, SELECT_MULTIPLE, values, options=options, **common)]
        out += [Variable(f"{name}/{option}", f"{label}: {values[option]}", OPTION, dict(CHOSEN), options=(option,), **common)
                for option in options]
        return out
    if node.kind in _NUMERIC and not _generalised(form, node):
        kind = DECIMAL if node.kind == "decimal" or (node.kind == "range" and not _whole_range(node)) else INTEGER
        return [Variable(name, label, kind, **common),
                Variable(f"{name}/declined", f"{label}: declined or withheld", DECLINED, dict(SPECIAL_LABELS),
                         options=SPECIAL_CODES, **common)]
    return [Variable(name, label, TEXT, **common)]


def _choices(form: Form, question: Question) -> tuple[tuple[str, ...], dict[str, str]]:
    """Choice names in order, and every code's label: a choice named like a decline code shares its label."""
    choice_list = form.choice_lists.get(question.list_name)
    values: dict[str, str] = {}
    used: set[str] = set()
    for choice in choice_list.choices if choice_list else ():
        values[choice.name] = _unique(text_in(choice.label, form.default_language) or choice.name, choice.name, used)
    options = tuple(values)
    for code in SPECIAL_CODES:
        if code not in values:
            values[code] = _unique(SPECIAL_LABELS[code], code, used)
    return options, values


def _unique(label: str, code: str, used: set[str]) -> str:
    """Two codes never share a label: a category must map back to one code (SPSS, --codes)."""
    if label in used:
        label = f"{label} ({code})"
    used.add(label)
    return label


def _privacy_note(form: Form, question: Question) -> str:
    policy = policy_of(form)
    action = policy.actions.get(question.name)
    if question.name in policy.timestamps:
        return "date only"
    if action == QUASI:
        rule = policy.rules.get(question.name, "")
        checked = "quasi-identifier: k-anonymity checked, may be coarsened or suppressed"
        return f"generalised: {rule}; {checked}" if rule else checked
    if action == SCRUB:
        return "free text: identifiers redacted"
    return ""


def _generalised(form: Form, question: Question) -> bool:
    """A quasi-identifier with a rule leaves the device as a band or period label: text, not a number."""
    return policy_of(form).actions.get(question.name) == QUASI and bool(policy_of(form).rules.get(question.name))


def _whole_range(question: Question) -> bool:
    try:
        return all(float(question.parameters.get(p, d)).is_integer() for p, d in (("start", 1), ("end", 10), ("step", 1)))
    except (TypeError, ValueError):
        return False


def _label(form: Form, node: Question | Group) -> str:
    return text_in(node.label, form.default_language) or node.name


def _top_level(form: Form) -> list[Question | Group]:
    """Questions and repeats outside any repeat, in form order, that the devices export."""
    actions = policy_of(form).actions
    out = []
    for node, parents in form.walk():
        if any(parent.repeat for parent in parents):
            continue
        if isinstance(node, Group):
            if node.repeat:
                out.append(node)
        elif node.kind != "note" and actions.get(node.name, DROP) != DROP:
            out.append(node)
    return out


def _children(form: Form, group: Group) -> list[Question | Group]:
    """A repeat's own questions and nested repeats (not theirs), in form order."""
    actions = policy_of(form).actions
    out = []

    def visit(nodes):
        for node in nodes:
            if isinstance(node, Group):
                if node.repeat:
                    out.append(node)
                else:
                    visit(node.children)
            elif node.kind != "note" and actions.get(node.name, DROP) != DROP:
                out.append(node)

    visit(group.children)
    return out


def _find_repeat(form: Form, repeat: str) -> tuple[tuple[Group, ...], Group]:
    for node, parents in form.walk():
        if isinstance(node, Group) and node.repeat and node.name == repeat:
            return tuple(parent for parent in parents if parent.repeat), node
    known = ", ".join(node.name for node, _ in form.walk() if isinstance(node, Group) and node.repeat) or "none"
    raise AnalysisError("unknown_repeat", f"The form '{form.form_id}' has no repeat group '{repeat}' (repeats: {known}).")


def _entries(box: dict, path: list[str], indexes: tuple[int, ...]):
    entries = box.get(path[0])
    if not isinstance(entries, list):
        return
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            continue
        if len(path) == 1:
            yield (*indexes, number), entry
        else:
            yield from _entries(entry, path[1:], (*indexes, number))


# -- building columns ---------------------------------------------------------------

def _build(described: list[Variable], meta: dict[str, list], answers: list[dict], labels: bool, form: Form):
    import pandas as pd

    columns: dict[str, Any] = {}
    for name, values in meta.items():
        columns[name] = pd.Series(values, dtype=object)
    for variable in described:
        if variable.kind in (META, OPTION, DECLINED):
            continue  # filled with their question
        raw = [box.get(variable.question) for box in answers]
        if variable.kind == SELECT_ONE:
            columns[variable.name] = _categorical(raw, variable, labels)
        elif variable.kind == SELECT_MULTIPLE:
            columns.update(_multiple(raw, variable, described))
        elif variable.kind in (INTEGER, DECIMAL):
            columns.update(_numeric(raw, variable, labels, form))
        elif variable.kind == COUNT:
            columns[variable.name] = pd.array([len(v) if isinstance(v, list) else None for v in raw], dtype="Int64")
        else:
            columns[variable.name] = pd.Series([_text(v, labels) for v in raw], dtype=object)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(answers)))


def _special(value: Any) -> str | None:
    """The decline or suppressed code of a stored value, else None."""
    if isinstance(value, dict):
        if "declined" in value:
            return str(value["declined"])
        if "suppressed" in value:
            return SUPPRESSED
    return None


def _special_label(code: str, labels: bool) -> str:
    return SPECIAL_LABELS.get(code, code) if labels else code


def _categorical(raw: list, variable: Variable, labels: bool):
    """Choices in order, then the decline codes that occur, then any value the form no longer lists."""
    import numpy as np
    import pandas as pd

    def category(code: str) -> str:
        return variable.values.get(code, code) if labels else code

    seen: dict[str, int] = {}  # code -> number, in order of first sight
    numbers: list[int] = []
    for value in raw:
        if value.__class__ is str:  # the common case, first
            code = value or None
        else:
            code = _special(value)
            if code is None and not is_blank(value):
                code = " ".join(map(str, value)) if isinstance(value, list) else str(value)
        numbers.append(-1 if code is None else seen.setdefault(code, len(seen)))
    order = [*variable.options, *(c for c in SPECIAL_CODES if c in seen and c not in variable.options),
             *(c for c in seen if c not in variable.values)]
    categories = list(dict.fromkeys(category(code) for code in order))  # a choice and a decline may share a label
    position = {name: i for i, name in enumerate(categories)}
    to_category = np.array([*(position[category(code)] for code in seen), -1], dtype=np.int64)
    return pd.Series(pd.Categorical.from_codes(to_category[np.array(numbers, dtype=np.int64)], categories=categories))


def _multiple(raw: list, variable: Variable, described: list[Variable]) -> dict:
    import numpy as np
    import pandas as pd

    rank = {name: i for i, name in enumerate(variable.options)}
    known: dict[tuple, tuple[str, list[int]]] = {}  # a set of choices -> its joined names and option numbers
    joined: list = [float("nan")] * len(raw)
    unanswered = np.ones(len(raw), dtype=bool)
    rows: list[int] = []
    ticks: list[int] = []
    for i, value in enumerate(raw):
        if not value or isinstance(value, dict):
            joined[i] = _special(value) or float("nan")
            continue
        key = tuple(value) if isinstance(value, list) else tuple(str(value).split())
        hit = known.get(key)
        if hit is None:
            names = sorted(map(str, key), key=lambda name: rank.get(name, len(rank)))  # choice order, not tick order
            hit = known[key] = (" ".join(names), [rank[name] for name in names if name in rank])
        joined[i] = hit[0]
        unanswered[i] = False
        rows.extend([i] * len(hit[1]))
        ticks.extend(hit[1])
    chosen = np.zeros((len(raw), len(rank)), dtype=np.int8)
    chosen[rows, ticks] = 1
    columns = {variable.name: pd.Series(joined, dtype=object)}
    for option in (v for v in described if v.kind == OPTION and v.question == variable.question):
        column = chosen[:, rank[option.options[0]]].copy()
        columns[option.name] = pd.Series(pd.arrays.IntegerArray(column, unanswered.copy()))
    return columns


def _numeric(raw: list, variable: Variable, labels: bool, form: Form) -> dict:
    import pandas as pd

    numbers: list = []
    codes: list = []
    for value in raw:
        code = _special(value)
        codes.append(code)
        if code is not None or is_blank(value):
            numbers.append(None)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            numbers.append(value)
        else:
            try:
                numbers.append(float(value))
            except (TypeError, ValueError):
                raise AnalysisError("not_a_number", f"Form '{form.form_id}': an answer to '{variable.question}' is not "
                                                    f"a number, though the form asks for one.") from None
    whole = variable.kind == INTEGER and all(n is None or float(n).is_integer() for n in numbers)
    columns = {variable.name: pd.array([None if n is None else (int(n) if whole else float(n)) for n in numbers],
                                       dtype="Int64" if whole else "Float64")}
    if any(codes):
        occurring = [code for code in dict.fromkeys(codes) if code]
        order = [*(c for c in SPECIAL_CODES if c in occurring), *(c for c in occurring if c not in SPECIAL_CODES)]
        columns[f"{variable.name}/declined"] = pd.Series(pd.Categorical(
            [None if c is None else _special_label(c, labels) for c in codes],
            categories=[_special_label(c, labels) for c in order]))
    return columns


def _text(value: Any, labels: bool) -> Any:
    if value.__class__ is str:
        return value or float("nan")
    code = _special(value)
    if code is not None:
        return _special_label(code, labels)
    if is_blank(value):
        return float("nan")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " ".join(map(str, value))
    return str(value)


def _text_or_missing(value: Any) -> Any:
    if value.__class__ is str:
        return value or float("nan")
    return float("nan") if is_blank(value) else str(value)
