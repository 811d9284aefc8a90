"""The disclosure gate: k-anonymity over the quasi-identifiers before records leave the device.

Someone who knows a respondent's age band, gender, ethnicity and district must
not be able to pick out their record, so every combination of quasi values
that is exported must be shared by at least k records (REFERENCE.md, "Record-
level exports"). The gate counts combinations over every record exported so
far for one form, because a bundle is combined with the ones before it.

While some combination is rarer than k, the gate first generalises: it widens
the one field whose next step on the ladder (generalise.LADDER) leaves fewest
records in small groups, across the whole column so that categories stay
consistent. When no widening helps, it suppresses locally: in the records
still in small groups, it replaces quasi values, one field at a time, with
SUPPRESSED.

Suppressed values count as a category of their own, as declined ones do. A
record whose quasi-identifiers are all suppressed says nothing about who it
is (it matches every record), so it is not counted as a group: every other
combination ends with at least k records.
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.privacy.generalise import coarser, describe, generalise, next_rule

# The marker for a value withheld by the gate: a dict like {"declined": code},
# so it can never be mistaken for an answer, a blank, or a choice name.
SUPPRESSED_CODE = "k_anonymity"


def suppressed() -> dict:
    return {"suppressed": SUPPRESSED_CODE}


@dataclass(frozen=True)
class GateStep:
    """One thing the gate did (or found), in words and as data."""

    action: str  # "generalised" | "suppressed" | "checked"
    message: str
    field: str | None = None
    rule: str | None = None  # for "generalised": the field's rule from now on
    groups: int = 0  # groups smaller than k when the step was taken
    records: int = 0  # records in those groups (for "suppressed": records whose value was withheld)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class GateResult:
    records: list[dict]
    report: list[GateStep]
    rules: dict[str, str] = field(default_factory=dict)  # each quasi field's rule after the gate: keep for later exports


@dataclass(frozen=True)
class DiversityWarning:
    """A group whose records all share one value of a sensitive attribute (l-diversity, report only)."""

    values: dict[str, Any]  # the group's quasi-identifiers
    size: int
    distinct: int
    sensitive: str
    message: str

    def __str__(self) -> str:
        return self.message


def disclosure_gate(records: list[dict], quasi: list[str], k: int, rules: dict[str, str],
                    floor: dict[str, str] | None = None) -> GateResult:
    """The records, with every combination of quasi values shared by at least k of them.

    The records given are never changed: where the gate changes a value, the
    record comes back as a copy; the others come back as they were given.
    """
    out = list(records)
    quasi = list(dict.fromkeys(quasi))
    columns = {name: [record.get(name, "") for record in out] for name in quasi}
    gated = gate_columns(columns, quasi, k, rules, floor)
    copied: set[int] = set()
    for name in [name for name in quasi if name in gated.changed]:  # in form order: a record's keys, run after run
        for index, (record, value) in enumerate(zip(out, columns[name])):
            if (name in record or value != "") and record.get(name, _ABSENT) is not value:
                if index not in copied:
                    record = out[index] = dict(record)
                    copied.add(index)
                record[name] = value
    return GateResult(out, gated.report, gated.rules)


@dataclass(frozen=True)
class GatedColumns:
    report: list[GateStep]
    rules: dict[str, str]  # as GateResult.rules
    changed: set[str]  # the fields in which some value was replaced (by a new object: compare with `is not`)


def gate_columns(columns: dict[str, list], quasi: list[str], k: int, rules: dict[str, str],
                 floor: dict[str, str] | None = None) -> GatedColumns:
    """The gate over each quasi-identifier's values, `record.get(name, "")` of each record: changed in place.

    An export works on columns, since its records are kept encoded. `floor` holds
    the rules earlier exports ended with (GateResult.rules): a field starts there
    when that is coarser than its own rule, so that records never go out finer
    than their neighbours went before, which would let the two be laid over each other.
    """
    quasi = list(dict.fromkeys(quasi))
    rules = {name: rules.get(name) or "" for name in quasi}
    if not quasi or not columns[quasi[0]] or k <= 1:
        return GatedColumns([GateStep("checked", "No quasi-identifiers to check.")], rules, set())
    total = len(columns[quasi[0]])
    keys = {name: _keys(columns[name]) for name in quasi}
    report: list[GateStep] = []
    changed: set[str] = set()
    for name in quasi:
        start = (floor or {}).get(name)
        if start and _above(rules[name], start):
            columns[name] = _coarsened(columns[name], keys[name], start, generalise)
            keys[name], rules[name] = _keys(columns[name]), start
            changed.add(name)
            report.append(GateStep("generalised", f"{name} kept at {describe(start)}, as earlier exports sent it.",
                                   name, start))

    small = _small_groups(keys, quasi, k)
    while small:
        groups, in_small = len(small), sum(small.values())
        best = None
        for name in quasi:
            step = next_rule(rules[name])
            if step is None:
                continue
            values = _coarsened(columns[name], keys[name], rules[name])
            trial = {**keys, name: _keys(values)}
            left = _small_groups(trial, quasi, k)
            size = sum(left.values())
            if size < in_small and (best is None or size < best[0]):
                best = (size, left, name, step, values, trial[name])
        if best is None:
            break
        _, small, name, step, values, new_keys = best
        columns[name], keys[name], rules[name] = values, new_keys, step
        changed.add(name)
        report.append(GateStep(
            "generalised", f"{name} widened to {describe(step)}: {_groups(groups)} had fewer than {k} people "
                           f"({in_small} records).", name, step, groups, in_small))

    withheld, still_small = Counter(), len(small)
    while small:
        rows = [i for i, combination in enumerate(zip(*(keys[n] for n in quasi))) if combination in small]
        best = None
        for name in quasi:
            todo = [i for i in rows if keys[name][i] != _SUPPRESSED_KEY]
            if not todo:
                continue
            trial = {**keys, name: _with_suppressed(keys[name], todo)}
            left = _small_groups(trial, quasi, k)
            size = sum(left.values())
            if best is None or size < best[0]:
                best = (size, left, name, todo, trial[name])
        _, small, name, todo, new_keys = best
        keys[name] = new_keys
        for i in todo:
            columns[name][i] = suppressed()
        withheld[name] += len(todo)
        changed.add(name)
    for name in quasi:
        if withheld[name]:
            report.append(GateStep(
                "suppressed", f"{name} suppressed in {_records(withheld[name])}: still in groups of fewer than {k} "
                              f"people after generalisation.", name, None, still_small, withheld[name]))

    report.append(_summary(total, k, changed))
    return GatedColumns(report, rules, changed)


def l_diversity(records: list[dict], quasi: list[str], sensitive: str, l: int = 2) -> list[DiversityWarning]:
    """Groups (by quasi values) in which the sensitive attribute has fewer than l distinct values."""
    groups: dict[tuple, list[dict]] = {}
    for record in records:
        combination = tuple(_key(record.get(name, "")) for name in quasi)
        if all(key == _SUPPRESSED_KEY for key in combination):
            continue  # matches everyone: not a group
        groups.setdefault(combination, []).append(record)
    warnings = []
    for members in groups.values():
        distinct = len({_key(member.get(sensitive, "")) for member in members})
        if distinct < l:
            values = {name: members[0].get(name, "") for name in quasi}
            shown = ", ".join(f"{name}={_shown(value)}" for name, value in values.items())
            warnings.append(DiversityWarning(
                values, len(members), distinct, sensitive,
                f"All {len(members)} records with {shown} have the same {sensitive}."))
    return warnings


# -- counting --------------------------------------------------------------------

_SUPPRESSED_KEY = ("{}", (("suppressed", SUPPRESSED_CODE),))
_ABSENT = object()


def _key(value: Any) -> Any:
    """A hashable stand-in for a stored value: declined and suppressed codes and blanks are categories too."""
    if isinstance(value, dict):
        return "{}", tuple(sorted((str(k), str(v)) for k, v in value.items()))
    if isinstance(value, list):
        return "[]", tuple(sorted(str(v) for v in value))
    if value is None:
        return ""
    return value


def _keys(values: list) -> list:
    key = _key
    return [value if value.__class__ is str else key(value) for value in values]


def _small_groups(keys: dict[str, list], quasi: list[str], k: int) -> dict[tuple, int]:
    """Combinations shared by fewer than k records, with their sizes (all-suppressed records excepted)."""
    counts = Counter(zip(*(keys[name] for name in quasi)))
    everything_withheld = (_SUPPRESSED_KEY,) * len(quasi)
    return {combination: size for combination, size in counts.items()
            if size < k and combination != everything_withheld}


def _coarsened(values: list, keys: list, rule: str, step=coarser) -> list:
    """The column one step coarser (or as `step` makes it), each distinct value worked out once."""
    memo: dict = {}
    out = []
    for value, key in zip(values, keys):
        if key not in memo:
            memo[key] = step(rule, value)
        out.append(memo[key])
    return out


def _above(rule: str, other: str) -> bool:
    """Whether `other` is further up `rule`'s ladder."""
    step = next_rule(rule)
    while step is not None:
        if step == other:
            return True
        step = next_rule(step)
    return False


def _with_suppressed(keys: list, rows: list[int]) -> list:
    out = list(keys)
    for i in rows:
        out[i] = _SUPPRESSED_KEY
    return out


# -- words -----------------------------------------------------------------------

def _summary(total: int, k: int, changed: set[str]) -> GateStep:
    if not changed:
        return GateStep("checked", f"All {_records(total)} are in groups of at least {k} people; nothing changed.")
    return GateStep("checked", f"Every group of the {_records(total)} now has at least {k} people "
                               f"(records with every quasi-identifier suppressed match everyone).")


def _groups(n: int) -> str:
    return "1 group" if n == 1 else f"{n} groups"


def _records(n: int) -> str:
    return "1 record" if n == 1 else f"{n} records"


def _shown(value: Any) -> str:
    if isinstance(value, dict) and len(value) == 1:
        return f"({next(iter(value.values()))})"
    if isinstance(value, list):
        return "+".join(map(str, value)) or "(none)"
    return str(value) if value not in (None, "") else "(blank)"
