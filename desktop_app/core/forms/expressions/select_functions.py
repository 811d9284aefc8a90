"""Functions over select answers, which ODK stores as space-separated choice names."""

import math

from desktop_app.core.forms.expressions.values import (
    split_selection,
    to_number,
    to_string,
)


def selected(ctx, value, choice) -> bool:
    """Whether `choice` is one of the names in a select answer (JavaRosa trims the choice)."""
    return to_string(choice).strip() in split_selection(value)


def selected_at(ctx, value, index) -> str:
    """The choice at a 0-based place in a select_multiple answer, or blank beyond its end."""
    choices = split_selection(value)
    number = to_number(index)
    if math.isnan(number) or not 0 <= number < len(choices):
        return ""
    return choices[int(number)]


def count_selected(ctx, value) -> float:
    return float(len(split_selection(value)))


def choice_name(ctx, value, reference) -> str:
    """jr:choice-name(value, '${q}'): the label of choice `value` in the list of question q."""
    choice = to_string(value)
    if not choice:
        return ""
    return ctx.choice_label(question_name(to_string(reference)), choice)


def question_name(reference: str) -> str:
    """The question named by '${q}', '/data/group/q' or 'q[...]' in jr:choice-name's second argument."""
    text = reference.strip()
    if text.startswith("${") and text.endswith("}"):
        return text[2:-1]
    last = text.rstrip("/").rsplit("/", 1)[-1]
    return last.split("[", 1)[0].strip()
