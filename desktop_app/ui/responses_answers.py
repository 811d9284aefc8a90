"""One stored response as the questions it answered, in words: what the read-only view shows.

Qt-free. The labels come from the form's own session (its language, its
choice labels), so the view reads the way the respondent was asked.
Declined answers are shown as what the respondent chose ("Prefer not to
say"), never as blanks.
"""

import copy
from dataclasses import dataclass
from typing import Any

from desktop_app.core.forms.answers import DECLINE_LABELS, decline_code, is_blank
from desktop_app.core.forms.model import Form, Question
from desktop_app.core.forms.session import FormSession, Key


@dataclass(frozen=True)
class AnswerRow:
    path: str  # "age" or "children[2]/age": what a correction addresses
    question: str
    answer: str


def session_for(form: Form, answers: dict) -> FormSession:
    """A session over a copy of stored answers: reading it never changes the stored ones."""
    return FormSession(form, answers=copy.deepcopy(answers))


def answer_rows(session: FormSession) -> list[AnswerRow]:
    rows = []
    for key in session.keys():
        if not is_answer(session, key):
            continue
        value = session.value(key)
        if is_blank(value):
            continue
        rows.append(AnswerRow(session.path(key), question_text(session, key), answer_text(session, key, value)))
    return rows


def is_answer(session: FormSession, key: Key) -> bool:
    question = session.question(key)
    return isinstance(question, Question) and question.answerable


def question_text(session: FormSession, key: Key) -> str:
    """The label, with the entry number for a question inside a repeat ("Age (entry 2)")."""
    label = session.label(key) or key[-1]
    entries = [str(part + 1) for part in key[1:-1:2]]
    return f"{label} (entry {', '.join(entries)})" if entries else label


def answer_text(session: FormSession, key: Key, value: Any) -> str:
    code = decline_code(value)
    if code:
        return DECLINE_LABELS.get(code, code)
    kind = session.question(key).kind
    if kind == "select_one":
        return session.choice_label(key, str(value)) or str(value)
    if kind in ("select_multiple", "rank") and isinstance(value, list):
        return "; ".join(session.choice_label(key, str(name)) or str(name) for name in value)
    if kind == "acknowledge":
        return "Yes" if value in ("OK", "ok", True, "true") else str(value)
    return str(value)
