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
from desktop_app.core.privacy.generalise import generalise
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


def anonymise(form: Form, answers: dict, *, pseudonym: str, allow: Iterable[str] = ()) -> dict:
    """A new dict of the answers as they may leave the device, with "_worker" set to the pseudonym."""
    policy = policy_of(form)
    names: list[str] = []
    _collect_names(answers, policy, names)
    allow = tuple(allow)
    out = _walk(answers, policy, tuple(names), allow)
    out[WORKER_KEY] = pseudonym
    return out


def names_to_scrub(form: Form, answers: dict) -> tuple[str, ...]:
    """The names recorded in this response's drop/contact fields, which its free text must not carry."""
    names: list[str] = []
    _collect_names(answers, policy_of(form), names)
    return tuple(names)


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
    return Policy(actions=actions, rules=rules, repeats=frozenset(repeats), name_sources=sources, quasi=quasi,
                  timestamps=timestamps)


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


def _collect_names(box: dict, policy: Policy, names: list[str]) -> None:
    for name, value in box.items():
        if name in policy.repeats and isinstance(value, list):
            for entry in value:
                if isinstance(entry, dict):
                    _collect_names(entry, policy, names)
        elif name in policy.name_sources:
            names.extend(names_from(value))


def _walk(box: dict, policy: Policy, names: tuple[str, ...], allow: tuple[str, ...]) -> dict:
    out: dict[str, Any] = {}
    for name, value in box.items():
        if name in policy.repeats:
            if isinstance(value, list):
                out[name] = [_walk(entry, policy, names, allow) for entry in value if isinstance(entry, dict)]
            continue
        action = policy.actions.get(name, DROP)  # not in the form: never exported
        if action == DROP:
            continue
        if name in policy.timestamps:
            value = _date_only(value)
            if not value:
                continue
        if action == QUASI:
            out[name] = generalise(policy.rules[name], value)
        elif action == SCRUB:
            out[name] = scrub(value, names, allow).text if isinstance(value, str) else value
        else:
            out[name] = value
    return out


def _date_only(value: Any) -> str:
    """"2026-03-05T21:14:09+00:00" -> "2026-03-05"; unreadable -> "" (never the value as stored)."""
    try:
        return datetime.fromisoformat(str(value)).date().isoformat()
    except ValueError:
        return ""
