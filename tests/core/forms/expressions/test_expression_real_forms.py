"""Every expression in the conformance corpus of real XLSForms parses and evaluates.

The forms are read with pyxform's dict stage, as the loader does (DESIGN 5),
from ../shared/conformance/xlsforms; a form pyxform itself refuses
(unhcr_demo.xlsx) is left out, since it never reaches the expression engine.
"""

import warnings
from pathlib import Path

import pytest
from expression_answers_context import AnswersContext

from desktop_app.core.forms.expressions.evaluator import evaluate
from desktop_app.core.forms.expressions.function_table import FUNCTIONS
from desktop_app.core.forms.expressions.parser import parse

CORPUS = Path(__file__).resolve().parents[4].parent / "shared" / "conformance" / "xlsforms"
BIND_COLUMNS = {"relevant", "constraint", "calculate", "required", "readonly"}


def _walk(node: dict, form: str, found: list) -> None:
    from pyxform.aliases import yes_no
    from pyxform.utils import default_is_dynamic

    name = node.get("name", "?")
    for column, text in (node.get("bind") or {}).items():
        if column in BIND_COLUMNS and isinstance(text, str) and text not in yes_no:
            found.append((form, name, column, text))
    for column, text in (node.get("control") or {}).items():
        if column == "jr:count" and isinstance(text, str):
            found.append((form, name, "repeat_count", text))
    if isinstance(node.get("choice_filter"), str):
        found.append((form, name, "choice_filter", node["choice_filter"]))
    default = node.get("default")
    if isinstance(default, str) and default_is_dynamic(default, node.get("type")):
        found.append((form, name, "default", default))
    for child in node.get("children") or ():
        _walk(child, form, found)


def _corpus_expressions() -> list:
    if not CORPUS.is_dir():
        return []
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import get_xlsform

    found: list = []
    for path in sorted(CORPUS.glob("*.xlsx")):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl: unreadable page headers, irrelevant here
                form = workbook_to_json(get_xlsform(str(path)))
        except PyXFormError:
            continue  # refused by pyxform, so never loaded
        _walk(form, path.name, found)
    return found


EXPRESSIONS = _corpus_expressions()
needs_corpus = pytest.mark.skipif(not EXPRESSIONS, reason=f"conformance forms not found in {CORPUS}")


@needs_corpus
@pytest.mark.parametrize("form, name, column, text", EXPRESSIONS, ids=[f"{f}:{n}:{c}" for f, n, c, _ in EXPRESSIONS])
def test_real_expression_parses_and_evaluates(form, name, column, text):
    expr = parse(text)
    assert expr.functions() <= set(FUNCTIONS)
    assert expr.external() == ("instance(" in text or "pulldata(" in text or "last-saved#" in text)
    evaluate(expr, AnswersContext(current=""))  # no answers yet: must not raise


@needs_corpus
def test_the_corpus_is_the_one_expected():
    """Guards against the walk silently finding nothing (pyxform dict shape changed)."""
    columns = {column for _, _, column, _ in EXPRESSIONS}
    assert len(EXPRESSIONS) > 150
    assert {"relevant", "constraint", "calculate", "choice_filter", "default", "required"} <= columns
