"""Answers from a JSON document, applied through a FormSession exactly as typing would.

The document has the stored shape: `{"age": 34, "needs": ["legal"],
"kids": [{"kid_age": 3}], "gender": {"declined": "prefer_not_to_say"}}`.
Used by `forms try` and `capture`, so headless answers meet the same rules
as the GUI.
"""

from typing import Any

from desktop_app.core.forms import answers as values
from desktop_app.core.forms.model import Form, Group, Question
from desktop_app.core.forms.session import FormSession, Key, SessionError


def session_from_answers(form: Form, document: dict) -> FormSession:
    if not isinstance(document, dict):
        raise SessionError("bad_answers", "The answers must be a JSON object of question names to values.")
    session = FormSession(form)
    _apply(session, document, ())
    return session


def _apply(session: FormSession, document: dict, prefix: Key) -> None:
    for name, value in document.items():
        node = session.plan.nodes.get(name)
        if node is None:
            raise SessionError("unknown_field", f"The answers name '{name}', which is not a question of '{session.form.form_id}'.")
        key = (*prefix, name)
        if isinstance(node, Group) and node.repeat:
            if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
                raise SessionError("bad_answers", f"'{name}' is a repeat: give a list of objects, one per entry.")
            for index, entry in enumerate(value):
                if session.repeat_count(key) <= index:
                    session.add_repeat(key)
                _apply(session, entry, (*key, index))
        elif isinstance(node, Question) and node.answerable:
            _set(session, key, value)
        elif isinstance(node, Question) and node.kind == "calculate":
            raise SessionError("bad_answers", f"'{name}' is calculated by the form; leave it out of the answers.")
        else:
            raise SessionError("bad_answers", f"'{name}' is a {getattr(node, 'kind', 'group')} and takes no answer.")


def _set(session: FormSession, key: Key, value: Any) -> None:
    code = values.decline_code(value)
    if code:
        if code not in values.DECLINE_CODES:
            raise SessionError("bad_answers", f"'{key[-1]}' declines with '{code}'; use one of {', '.join(values.DECLINE_CODES)}.")
        session.decline(key, code)
    else:
        session.set(key, value)


def report(session: FormSession) -> list[dict]:
    """Each field's path, type, relevance, value and problems: skip logic debugged without clicking."""
    rows = []
    for key in session.keys():
        node = session.plan.nodes[key[-1]]
        rows.append({
            "path": session.path(key),
            "type": node.kind,
            "relevant": session.relevant(key),
            "value": session.value(key),
            "errors": [{"code": i.code, "message": i.message} for i in session.issues(key)],
        })
    return rows
