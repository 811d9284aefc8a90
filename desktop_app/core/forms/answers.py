"""Answer values: how typed input is stored, checked, and shown to expressions.

Stored answers are JSON: strings, numbers, lists of choice names for
select_multiple, ISO strings for dates and times, and `{"declined": code}`
when a respondent chose not to answer. Declining is never the same as blank.
"""

import math
from datetime import date, datetime, time
from typing import Any

from desktop_app.core.forms.model import Question

LARGEST = 10**15  # beyond it a number is a slip, and SPSS, pandas and orjson no longer hold it exactly
DECLINE_CODES = ("prefer_not_to_say", "dont_know", "skipped")
DECLINE_LABELS = {"prefer_not_to_say": "Prefer not to say", "dont_know": "Don't know", "skipped": "Skipped"}


def declined(code: str) -> dict:
    if code not in DECLINE_CODES:
        raise ValueError(f"unknown decline code {code!r}")
    return {"declined": code}


def decline_code(value: Any) -> str | None:
    return value.get("declined") if isinstance(value, dict) else None


def is_blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or (isinstance(value, float) and math.isnan(value))


def coerce(question: Question, value: Any) -> Any:
    """Typed input as stored: "34" becomes 34 for an integer. Unparseable input is kept as typed,
    so nothing the respondent said is lost; `type_problem` then reports it."""
    if is_blank(value) or decline_code(value):
        return "" if is_blank(value) else value
    kind = question.kind
    try:
        if kind == "integer":
            number = float(value) if isinstance(value, str) else value
            if isinstance(number, bool) or number != int(number):
                return value
            return int(number)
        if kind in ("decimal", "range"):
            number = float(value)
            if not math.isfinite(number):
                return value
            return int(number) if kind == "range" and number == int(number) else number
        if kind in ("select_multiple", "rank"):
            return list(value) if isinstance(value, (list, tuple)) else str(value).split()
        if kind == "date":
            return (value if isinstance(value, date) else date.fromisoformat(str(value))).isoformat()
        if kind == "datetime":
            return (value if isinstance(value, datetime) else datetime.fromisoformat(str(value))).isoformat()
        if kind == "time":
            return (value if isinstance(value, time) else time.fromisoformat(str(value))).isoformat()
    except (TypeError, ValueError, OverflowError):
        return value
    return value if isinstance(value, str) else str(value)


def type_problem(question: Question, value: Any, choices: list[str] | None) -> str | None:
    """Why a stored value does not fit its question, in words; None when it fits."""
    kind = question.kind
    if kind == "integer" and not (isinstance(value, int) and not isinstance(value, bool)):
        return "Enter a whole number."
    if kind in ("decimal", "range") and not (isinstance(value, (int, float)) and math.isfinite(value)):
        return "Enter a number."
    if kind in ("integer", "decimal") and abs(value) >= LARGEST:
        return "Enter a number of at most 15 digits."
    if kind == "range":
        start = float(question.parameters.get("start", 1))
        end = float(question.parameters.get("end", 10))
        low, high = min(start, end), max(start, end)
        if not low <= value <= high:
            return f"Choose a value from {start:g} to {end:g}."
    if kind in ("date", "datetime", "time"):
        parse = {"date": date.fromisoformat, "datetime": datetime.fromisoformat, "time": time.fromisoformat}[kind]
        try:
            parse(str(value))
        except ValueError:
            return {"date": "Enter a date (YYYY-MM-DD).", "datetime": "Enter a date and time.", "time": "Enter a time (HH:MM)."}[kind]
    if kind == "select_one" and choices is not None and value not in choices:
        return "Choose one of the options shown."
    if kind in ("select_multiple", "rank"):
        if not isinstance(value, list) or (choices is not None and any(v not in choices for v in value)):
            return "Choose from the options shown."
        if len(set(value)) != len(value):
            return "Each option can be chosen once."
    return None


def for_expression(question: Question, value: Any) -> Any:
    """The value an ODK expression sees: lists as space-separated names, dates as dates, declines as blank."""
    if is_blank(value) or decline_code(value):
        return ""
    kind = question.kind
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    try:
        if kind == "date":
            return date.fromisoformat(value)
        if kind == "datetime":
            return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
