"""Fixtures for expression tests: run an expression against plain answers."""

import pytest
from expression_answers_context import AnswersContext

from desktop_app.core.forms.expressions.evaluator import evaluate
from desktop_app.core.forms.expressions.parser import parse


@pytest.fixture
def run():
    """run(text, **context) -> the value of the expression in an AnswersContext."""

    def run(text, answers=None, **context):
        return evaluate(parse(text), AnswersContext(answers, **context))

    return run
