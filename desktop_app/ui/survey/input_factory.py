"""Which widget answers which question type (types.py names the kinds)."""

from desktop_app.core.forms.model import Question
from desktop_app.ui.survey.answer_input import AnswerInput
from desktop_app.ui.survey.choice_input import ChoiceInput
from desktop_app.ui.survey.date_input import DateInput, DateTimeInput, TimeInput
from desktop_app.ui.survey.ordered_input import AcknowledgeInput, RangeInput, RankInput
from desktop_app.ui.survey.text_input import MultilineInput, NumberInput, TextInput


def appearance_has(question: Question, word: str) -> bool:
    return word in question.appearance.split()


def input_for(question: Question, choices: list[tuple[str, str]]) -> AnswerInput | None:
    """A widget for `question`, or None when it takes no answer here (notes, unsupported types)."""
    kind = question.kind
    if kind == "select_one":
        return ChoiceInput(choices, multiple=False, horizontal=appearance_has(question, "likert"))
    if kind == "select_multiple":
        return ChoiceInput(choices, multiple=True)
    if kind == "rank":
        return RankInput(choices)
    if kind == "text":
        return MultilineInput() if appearance_has(question, "multiline") else TextInput()
    if kind in ("integer", "decimal"):
        return NumberInput(decimal=kind == "decimal")
    if kind == "range":
        return RangeInput(question.parameters)
    if kind == "date":
        return DateInput()
    if kind == "time":
        return TimeInput()
    if kind == "datetime":
        return DateTimeInput()
    if kind == "acknowledge":
        return AcknowledgeInput()
    return None
