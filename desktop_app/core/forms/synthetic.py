"""Synthetic responses that a form accepts: for demos, tests and benchmarks, never for real data.

Answers are proposed page by page through a FormSession, so relevance,
constraints and choice filters are respected exactly as when a person types;
a value the form refuses twenty times is recorded as "skipped". Free text
sometimes carries planted identifiers (postcodes, phone numbers, emails) so
that the scrubber has something to catch.
"""

import random
from datetime import date, datetime, timedelta

from desktop_app.core.forms.model import Form, Question
from desktop_app.core.forms.session import FormSession

PHRASES = [
    "Someone at the community centre listened and believed me.",
    "I did not know where to go or who to ask.",
    "The helpline told me about the refuge.",
    "Waiting lists were too long and I gave up.",
    "My GP noticed and asked me gently.",
    "I was worried about my children being taken away.",
    "Having someone who spoke my language made the difference.",
    "The police took it seriously the second time.",
]
PLANTED = [
    "You can reach me on 07700 900123 after six.",
    "I live near SG13 7AB, by the school.",
    "Email me at sam.example@example.org if you need more.",
    "My NHS number is 943 476 5919 if that helps.",
]
TRIES = 20


def synthetic_session(form: Form, rng: random.Random, clock=datetime.now) -> FormSession:
    session = FormSession(form, clock=clock)
    for _ in range(100):  # an answer can open pages further on: go round until nothing new appears
        answered = False
        for page in session.pages():
            for key in page.keys:
                question = session.plan.nodes[key[-1]]
                if question.answerable and session.value(key) in ("", None, []):
                    _answer(session, key, question, rng)
                    answered = True
        if not answered:
            break
    session.stamp_end()
    return session


def _answer(session: FormSession, key, question: Question, rng: random.Random) -> None:
    if not question.required and question.required_if is None and rng.random() < 0.04:
        session.decline(key, rng.choice(("prefer_not_to_say", "dont_know")))
        return
    for _ in range(TRIES):
        value = _propose(session, key, question, rng)
        if value is None:
            break
        session.set(key, value)
        if not session.issues(key):
            return
    session.decline(key, "skipped")


def _propose(session: FormSession, key, question: Question, rng: random.Random):
    kind = question.kind
    if kind in ("select_one", "select_multiple", "rank"):
        names = [c.name for c in session.choices(key)]
        if not names:
            return None
        if kind == "select_one":
            preferred = [n for n in names if n in ("yes", "agree")]
            return preferred[0] if preferred and rng.random() < 0.85 else rng.choice(names)
        if kind == "rank":
            return rng.sample(names, len(names))
        plain = [n for n in names if n not in ("none", "nobody", "prefer_not_to_say", "dont_know", "other")] or names
        return rng.sample(plain, rng.randint(1, min(3, len(plain))))
    if kind == "integer":
        return rng.choice([rng.randint(0, 5), rng.randint(16, 80), rng.randint(0, 20)])
    if kind in ("decimal", "range"):
        start = float(question.parameters.get("start", 0))
        end = float(question.parameters.get("end", 10))
        step = float(question.parameters.get("step", 1)) or 1
        steps = int(abs(end - start) / step)
        return start + step * rng.randint(0, steps) if kind == "range" else round(rng.uniform(0, 100), 1)
    if kind == "date":
        return (date.today() - timedelta(days=rng.randint(0, 730))).isoformat()
    if kind == "datetime":
        return (datetime.now() - timedelta(minutes=rng.randint(0, 100_000))).isoformat(timespec="seconds")
    if kind == "time":
        return f"{rng.randint(8, 20):02d}:{rng.choice((0, 15, 30, 45)):02d}:00"
    if kind == "acknowledge":
        return "OK"
    if kind == "text":
        text = rng.choice(PHRASES)
        return f"{text} {rng.choice(PLANTED)}" if rng.random() < 0.2 else text
    return None
