"""Apply a form's privacy column to one stored response, before it leaves the device.

Each question's `privacy` says what happens to its answer (DESIGN.md, section 5):
drop and contact answers are removed; quasi-identifiers are generalised by
`privacy_generalise`; free text is scrubbed of identifiers, including the
names given in the same response's drop and contact fields; the rest is kept.
Device metadata leaves as a date at most. Anything the form does not declare
is left out: nothing reaches the analysts by default.

Calculations are judged by what they read, since a calculate question can
copy an identifier (`concat(${first_name}, ' ', ${last_name})`): one that
reads a drop or contact field is dropped; one that reads a quasi-identifier
is dropped unless it is a quasi-identifier itself (there is no telling how to
generalise it); one that reads free text is scrubbed.
"""

import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop_app.core.forms.model import Form, Group, Question
from desktop_app.core.privacy.generalise import generalise, parse_rule
from desktop_app.core.privacy.names import names_from
from desktop_app.core.privacy.scrub import scrub

WORKER_KEY = "_worker"

# What happens to an answer, by action.
DROP, QUASI, SCRUB, KEEP = "drop", "quasi", "scrub", "keep"
_STRICTNESS = {KEEP: 0, SCRUB: 1, QUASI: 2, DROP: 3}
_TIMESTAMPS = ("start", "end", "today")


@dataclass(frozen=True)
class Policy:
    """What to do with each name a stored response can hold, worked out once per form."""

    actions: dict[str, str]  # question name -> DROP | QUASI | SCRUB | KEEP
    rules: dict[str, str]  # quasi question name -> privacy_generalise ("" for none)
    repeats: frozenset[str]  # repeat names: their answers are lists of dicts
    name_sources: frozenset[str]  # drop/contact text questions: their values are scrubbed from free text
    timestamps: frozenset[str]  # start, end, today: cut to the date before anything else
    quasi: tuple[str, ...]  # top-level quasi-identifiers, in form order: the k-anonymity key
    untouched: frozenset[str]  # kept exactly as stored: no timestamp, no repeat, nothing to scrub or generalise
    name_walk: tuple[str, ...]  # name sources and repeats, in form order: where a response's names can be


def anonymise(form: Form, answers: dict, *, pseudonym: str, allow: Iterable[str] = ()) -> dict:
    """A new dict of the answers as they may leave the device, with "_worker" set to the pseudonym."""
    out = Anonymiser(form, allow).anonymised(answers)
    out[WORKER_KEY] = pseudonym
    return out


class Anonymiser:
    """One form version's policy applied to many responses, each column's distinct values worked out once.

    An export runs every response of a form through the same rules, and most
    columns hold a handful of values (a band, a district, the same helpline
    sentence), so generalised quasi values and scrubbed texts are remembered.
    A scrubbed text is remembered with the names it was scrubbed of: the same
    sentence in another response may name other people.
    """

    def __init__(self, form: Form, allow: Iterable[str] = ()):
        self.policy = policy = policy_of(form)
        self.allow = tuple(allow)
        self._steps = {name: _STEPS[action] | (_DATE if name in policy.timestamps and action != DROP else 0)
                       for name, action in policy.actions.items()}
        self._steps.update(dict.fromkeys(policy.repeats, _REPEAT))
        self._kept = frozenset(name for name, step in self._steps.items() if step != _DROP)
        self._generalised: dict[str, dict] = {name: {} for name in policy.rules}
        self._scrubbed: dict[tuple[str, tuple[str, ...]], str] = {}  # (text, name field values) -> scrubbed text

    def anonymised(self, answers: dict) -> dict:
        """A new dict of the answers as they may leave the device (without the worker's pseudonym)."""
        return self._apply(answers, _Names(answers, self.policy))

    def anonymised_part(self, answers: dict, fields: Iterable[str]) -> dict:
        """Only these top-level fields, as the whole response would have them: what the gate counts of one not sent."""
        part = {name: answers[name] for name in fields if name in answers}
        return self._apply(part, _Names(answers, self.policy))

    def anonymise_all(self, responses: list[dict]) -> None:
        """Each response made what `anonymised` returns for it, in place, a column at a time.

        An export holds every response decoded and owns the dicts, so it need not copy
        them; going down each column once, with the column's rule and memo at hand,
        costs a fraction of going through each response's fields. A response's names
        are read before anything in it changes, as `anonymised` reads them from the original.
        """
        values = self._name_values(responses)
        for name, step in self._steps.items():
            if step == _DROP or name in self.policy.untouched:
                continue  # dropped last, with whatever the form does not declare
            if step == _QUASI:
                self._generalise_column(name, responses)
            elif step == _SCRUB:
                self._scrub_column(name, responses, values)
            else:
                for index, answers in enumerate(responses):
                    value = answers.get(name, _MISSING)
                    if value is not _MISSING:
                        value = self._one(name, step, value, _Names.of(self._values_at(values, index, answers)))
                        if value is _MISSING:
                            del answers[name]
                        else:
                            answers[name] = value
        kept = self._kept
        for answers in responses:
            if not kept.issuperset(answers):
                for name in answers.keys() - kept:
                    del answers[name]

    def _name_values(self, responses: list[dict]) -> list[tuple[str, ...] | None]:
        """The values of each response's name fields where they must be read before anything changes
        (None: read when a text needs them).

        Name fields are only dropped at the end, so those outside repeats can be read when a text needs
        them; those inside repeats are read now, since a repeat is anonymised as a whole.
        """
        policy = self.policy
        if not policy.name_walk:
            return [()] * len(responses)
        if policy.repeats.isdisjoint(policy.name_walk):
            return [None] * len(responses)
        texts = [name for name, step in self._steps.items() if (step & ~_DATE) in (_SCRUB, _REPEAT)]
        return [_name_values(answers, policy) if any(answers.get(name) for name in texts) else ()
                for answers in responses]

    def _values_at(self, values: list, index: int, answers: dict) -> tuple[str, ...]:
        own = values[index]
        if own is None:
            own = values[index] = tuple([value for field in self.policy.name_walk
                                         if isinstance(value := answers.get(field), str)])
        return own

    def _generalise_column(self, name: str, responses: list[dict]) -> None:
        rule = self.policy.rules[name]
        if not parse_rule(rule)[0]:
            return  # a category with no rule: unchanged
        memo = self._generalised[name]
        for answers in responses:
            value = answers.get(name, _MISSING)
            kind = value.__class__
            if kind is str or kind is int:
                key = value if kind is str else (kind, value)  # as in _generalise
                found = memo.get(key, _MISSING)
                if found is _MISSING:
                    found = memo[key] = generalise(rule, value)
                answers[name] = found
            elif value is not _MISSING:
                answers[name] = self._generalise(name, value)

    def _scrub_column(self, name: str, responses: list[dict], values: list) -> None:
        memo = self._scrubbed
        for index, answers in enumerate(responses):
            text = answers.get(name)
            if text and isinstance(text, str):
                own = self._values_at(values, index, answers)
                found = memo.get((text, own))
                if found is None:
                    found = memo[text, own] = scrub(text, _names_in(own), self.allow).text
                answers[name] = found

    def _apply(self, box: dict, names: "_Names") -> dict:
        """A copy of one level of answers (the response, or a repeat's entry), in the original order.

        Copied whole, then changed where the policy says: the names are read from the original.
        """
        steps, out = self._steps, dict(box)
        for name in box.keys() - self.policy.untouched:
            value = self._one(name, steps.get(name, _DROP), box[name], names)  # not in the form: never exported
            if value is _MISSING:
                del out[name]
            else:
                out[name] = value
        return out

    def _one(self, name: str, step: int, value: Any, names: "_Names") -> Any:
        """One answer as it may leave, or _MISSING when it may not."""
        if step == _DROP:
            return _MISSING
        if step & _DATE:
            value = _date_only(value)
            if not value:
                return _MISSING
            step ^= _DATE
        if step == _QUASI:
            return self._generalise(name, value)
        if step == _SCRUB:
            return self._scrub(value, names) if value and isinstance(value, str) else value
        if step == _REPEAT:
            if not isinstance(value, list):
                return _MISSING
            return [self._apply(entry, names) for entry in value if isinstance(entry, dict)]
        return value

    def _generalise(self, name: str, value: Any) -> Any:
        memo = self._generalised[name]
        if isinstance(value, (list, dict)):
            if isinstance(value, dict) and memo:
                return value  # declined or suppressed: passed through by any rule that has worked before
            return generalise(self.policy.rules[name], value)
        key = value if value.__class__ is str else (type(value), value)  # 1, 1.0 and True: equal keys, not answers
        found = memo.get(key, _MISSING)
        if found is _MISSING:
            found = memo[key] = generalise(self.policy.rules[name], value)
        return found

    def _scrub(self, text: str, names: "_Names") -> str:
        key = (text, names.values())
        found = self._scrubbed.get(key)
        if found is None:
            found = self._scrubbed[key] = scrub(text, names.names(), self.allow).text
        return found


_MISSING = object()
# What _apply does with a name; _DATE is added for start/end/today, cut to the date first.
_DROP, _QUASI, _SCRUB, _KEEP, _REPEAT, _DATE = 0, 1, 2, 3, 4, 8
_STEPS = {DROP: _DROP, QUASI: _QUASI, SCRUB: _SCRUB, KEEP: _KEEP}


class _Names:
    """A response's names, looked up the first time one of its texts needs scrubbing (most need none).

    The values of its name fields are enough to recognise a text scrubbed before; the names
    in them are only worked out for a text not seen with those values.
    """

    __slots__ = ("_names", "_values", "answers", "policy")

    def __init__(self, answers: dict, policy: Policy):
        self.answers, self.policy, self._values, self._names = answers, policy, None, None

    @classmethod
    def of(cls, values: tuple[str, ...]) -> "_Names":
        """Names already read: the response may change from now on."""
        names = cls({}, _EMPTY)
        names._values = values
        return names

    def values(self) -> tuple[str, ...]:
        if self._values is None:
            self._values = _name_values(self.answers, self.policy)
        return self._values

    def names(self) -> tuple[str, ...]:
        if self._names is None:
            self._names = _names_in(self.values())
        return self._names


_EMPTY = Policy({}, {}, frozenset(), frozenset(), frozenset(), (), frozenset(), ())


def names_to_scrub(form: Form, answers: dict) -> tuple[str, ...]:
    """The names recorded in this response's drop/contact fields, which its free text must not carry."""
    return _names_in(_name_values(answers, policy_of(form)))


def quasi_fields(form: Form) -> list[str]:
    """Top-level quasi-identifiers in form order (not those inside repeats): the k-anonymity key."""
    return list(policy_of(form).quasi)


def quasi_rules(form: Form) -> dict[str, str]:
    """Each top-level quasi-identifier's privacy_generalise ("" when it has none)."""
    policy = policy_of(form)
    return {name: policy.rules[name] for name in policy.quasi}


_policies: "weakref.WeakKeyDictionary[Form, Policy]" = weakref.WeakKeyDictionary()


def policy_of(form: Form) -> Policy:
    policy = _policies.get(form)
    if policy is None:
        policy = _policies[form] = _build_policy(form)
    return policy


def _build_policy(form: Form) -> Policy:
    questions: dict[str, Question] = {}
    in_repeat: set[str] = set()
    repeats = set()
    for node, parents in form.walk():
        if isinstance(node, Group):
            if node.repeat:
                repeats.add(node.name)
        else:
            questions[node.name] = node
            if any(parent.repeat for parent in parents):
                in_repeat.add(node.name)
    actions: dict[str, str] = {}
    for name in questions:
        _action(name, questions, actions, set())
    sources = frozenset(name for name, q in questions.items() if q.kind == "text" and q.privacy.rule in ("drop", "contact"))
    quasi = tuple(name for name in questions if actions[name] == QUASI and name not in in_repeat)
    rules = {name: q.privacy.generalise for name, q in questions.items() if actions[name] == QUASI}
    timestamps = frozenset(name for name, q in questions.items() if q.kind == "metadata" and q.metadata in _TIMESTAMPS)
    untouched = frozenset(name for name, action in actions.items()
                          if action == KEEP and name not in timestamps and name not in repeats)
    walk = tuple(node.name for node, _ in form.walk() if node.name in sources or node.name in repeats)
    return Policy(actions=actions, rules=rules, repeats=frozenset(repeats), name_sources=sources, quasi=quasi,
                  timestamps=timestamps, untouched=untouched, name_walk=walk)


def _action(name: str, questions: dict[str, Question], actions: dict[str, str], visiting: set[str]) -> str:
    """A question's action; for calculations, at least as strict as what they read."""
    if name in actions:
        return actions[name]
    question = questions[name]
    own = {"drop": DROP, "contact": DROP, "quasi": QUASI, "scrub": SCRUB, "keep": KEEP}[question.privacy.rule]
    if question.kind == "metadata":
        # start/end/today leave as dates (or coarser, if quasi); uuid is random; the rest is never captured
        action = own if question.metadata in (*_TIMESTAMPS, "uuid") else DROP
    elif question.kind == "unsupported":
        action = DROP  # locations, photos, audio: never captured here, never exported if present
    elif question.calculation is not None:
        visiting.add(name)
        read = [_action(ref, questions, actions, visiting) for ref in question.calculation.references()
                if ref in questions and ref not in visiting]
        strictest = max((_STRICTNESS.get(a, 0) for a in read), default=0)
        if strictest == _STRICTNESS[DROP]:
            action = DROP
        elif own in (DROP, QUASI):
            action = own
        elif strictest == _STRICTNESS[QUASI]:
            action = DROP
        else:
            action = SCRUB if strictest == _STRICTNESS[SCRUB] else own
    else:
        action = own
    actions[name] = action
    return action


def _name_values(answers: dict, policy: Policy) -> tuple[str, ...]:
    """The text answers of the response's drop/contact fields, repeats included."""
    found: list[str] = []
    if policy.name_walk:
        _collect_values(answers, policy, found)
    return tuple(found)


def _collect_values(box: dict, policy: Policy, found: list[str]) -> None:
    for name in policy.name_walk:
        value = box.get(name)
        if name in policy.repeats:
            if isinstance(value, list):
                for entry in value:
                    if isinstance(entry, dict):
                        _collect_values(entry, policy, found)
        elif isinstance(value, str):
            found.append(value)


def _names_in(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name for value in values for name in names_from(value))


def _date_only(value: Any) -> str:
    """"2026-03-05T21:14:09+00:00" -> "2026-03-05"; unreadable -> "" (never the value as stored)."""
    try:
        return datetime.fromisoformat(str(value)).date().isoformat()
    except ValueError:
        return ""
