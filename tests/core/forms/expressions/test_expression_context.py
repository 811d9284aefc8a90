"""The Context protocol: what a form session must offer, and how fast evaluation is."""

import time
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


def test_a_thousand_typical_relevants_evaluate_well_within_the_keystroke_budget():
    """DESIGN 9: one change on a 1,000-question form recomputed in < 5 ms, session included.

    The engine's share is measured here with a 10x margin for slow machines:
    a typical relevant costs about 1 microsecond on the development laptop.
    """
    exprs = [parse(text) for text in ("${a} = 'yes'", "not(selected(${s}, 'x'))", "${n} >= 18 and ${n} < 65")]
    ctx = AnswersContext({"a": "yes", "s": "x y", "n": 30})
    best = min(_time_thousand(exprs, ctx) for _ in range(5))
    assert best < 0.010, f"{best * 1000:.2f} ms for 1,000 evaluations"


def _time_thousand(exprs, ctx) -> float:
    start = time.perf_counter()
    for _ in range(334):
        for expr in exprs:
            expr.program(ctx)
    return time.perf_counter() - start
