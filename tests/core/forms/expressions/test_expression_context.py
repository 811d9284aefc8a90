"""The Context protocol: what a form session must offer, and how fast evaluation is."""

from datetime import datetime

from expression_answers_context import AnswersContext

from desktop_app.core.forms.expressions.context import Context
from desktop_app.core.forms.expressions.evaluator import evaluate, evaluate_boolean
from desktop_app.core.forms.expressions.location_paths import EntryContext
from desktop_app.core.forms.expressions.parser import parse


def test_a_plain_object_with_the_methods_is_a_context():
    assert isinstance(AnswersContext(), Context)
    assert isinstance(EntryContext(AnswersContext(), "x", 1), Context)


class OlderContext:
    """A session context written before choice_field() existed."""

    def value(self, name):
        return {"prov_id": "1"}.get(name, "")

    def current(self):
        return ""

    def position(self):
        return 1

    def choice_label(self, name, value):
        return ""

    def now(self):
        return datetime(2024, 1, 1)


def test_without_choice_field_bare_names_are_read_through_value():
    assert evaluate(parse("prov_id = '1'"), OlderContext()) is True


def test_evaluate_boolean_applies_xpath_boolean():
    assert evaluate_boolean(parse("concat('', ${a})"), AnswersContext({"a": "x"})) is True
    assert evaluate_boolean(parse("${a}"), AnswersContext({"a": ""})) is False


def test_parse_shares_one_expr_for_one_text():
    assert parse("${a} = 'yes'") is parse("${a} = 'yes'")
