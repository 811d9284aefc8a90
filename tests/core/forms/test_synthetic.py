import random
from pathlib import Path

import pytest

from desktop_app.core.forms.loader import load_form
from desktop_app.core.forms.synthetic import synthetic_session

FORMS = Path(__file__).resolve().parents[3] / "forms"


@pytest.mark.parametrize("name", ["pathways_survey", "practitioner_survey", "followup_interview", "strategy_consultation"])
def test_synthetic_responses_are_valid_for_every_shipped_form(name):
    form = load_form(FORMS / f"{name}.md").form
    for seed in range(5):
        session = synthetic_session(form, random.Random(seed))
        assert session.all_issues() == {}, (seed, session.all_issues())


def test_the_same_seed_gives_the_same_answers():
    form = load_form(FORMS / "pathways_survey.md").form
    first = synthetic_session(form, random.Random(7)).final_answers()
    again = synthetic_session(form, random.Random(7)).final_answers()
    strip = lambda answers: {k: v for k, v in answers.items() if k not in ("instanceID", "start", "end", "today")}  # noqa: E731
    assert strip(first) == strip(again)
