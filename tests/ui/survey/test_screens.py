"""The screens a person steps through (desktop_app/core/forms/screens.py: Qt-free, tested here with the survey)."""

from desktop_app.core.forms.loader import load_form
from desktop_app.core.forms.screens import ScreenPlan
from desktop_app.core.forms.session import FormSession

HOUSEHOLD = """
| survey |
| | type | name | label | relevant | repeat_count | appearance |
| | note | hello | Hello | | | |
| | begin_group | home | Your home | | | field-list |
| | select_one yn | has_kids | Any children? | | | |
| | integer | kids | How many? | ${has_kids} = 'yes' | | |
| | end_group | | | | | |
| | begin_repeat | kid | Child | | ${kids} | |
| | integer | kid_age | Age | | | |
| | end_repeat | | | | | |
| | begin_repeat | pets | Pet | | | |
| | text | pet_name | Name | | | |
| | end_repeat | | | | | |
| | begin_group | later | Later | ${has_kids} = 'no' | | |
| | text | why | Why not? | | | |
| | end_group | | | | | |
"""
YES_NO = """
| choices |
| | list_name | name | label |
| | yn | yes | Yes |
| | yn | no | No |
"""


def session_of(form_file, survey=HOUSEHOLD, choices=YES_NO) -> FormSession:
    return FormSession(load_form(form_file(survey, choices)).form)


def ids(plan: ScreenPlan) -> list[str]:
    return [screen.id for screen in plan.screens]


def test_a_field_list_is_one_screen_listing_hidden_questions_too(form_file):
    session = session_of(form_file)
    plan = ScreenPlan(session)
    assert ids(plan) == ["hello", "has_kids", "pets#entries"], "the group asking why not waits for a no"
    home = plan[1]
    assert home.keys == (("has_kids",), ("kids",)) and home.section == "Your home"
    assert not session.relevant("kids"), "listed, to be shown as soon as it applies"


def test_repeats_get_entry_screens_and_a_screen_to_add_more_unless_counted(form_file):
    session = session_of(form_file)
    session.set("has_kids", "yes")
    session.set("kids", 2)
    session.add_repeat("pets")
    plan = ScreenPlan(session)
    assert ids(plan) == ["hello", "has_kids", "kid[1]/kid_age", "kid[2]/kid_age", "pets[1]/pet_name", "pets#entries"]
    assert plan[3].entry == ("Child", 2)
    assert plan[5].is_entries and plan[5].repeat == ("pets",)


def test_positions_that_no_longer_exist_land_on_the_next_screen(form_file):
    session = session_of(form_file)
    session.set("has_kids", "yes")
    session.set("kids", 1)
    plan = ScreenPlan(session)
    assert plan.index_of("kid[1]/kid_age") == 2
    session.set("kids", 0)
    plan = ScreenPlan(session)
    assert plan[plan.index_of("kid[1]/kid_age")].id == "pets#entries"
    assert plan.index_of(None) == 0 and plan.index_of("nonsense") == 0


def test_the_other_text_of_a_select_stays_on_its_screen(survey_vault, pathways):
    session = FormSession(pathways.form)
    session.set("consent", "yes")
    session.set("safe_now", "yes")
    plan = ScreenPlan(session)
    assert "barriers_other" not in ids(plan)
    assert plan[plan.index_of_key(("barriers_other",))].id == "barriers"


def test_sections_are_the_outermost_labelled_groups(pathways):
    session = FormSession(pathways.form)
    assert ScreenPlan(session).sections() == [], "nothing beyond consent shows before it is given"
    session.set("consent", "yes")
    session.set("safe_now", "yes")
    session.set("support_needed", ["legal"])
    sections = dict(ScreenPlan(session).sections())
    plan = ScreenPlan(session)
    assert plan[sections["Support"]].id == "support_needed"
    assert plan[plan.index_of("support_outcomes_intro")].section == "Support", "a nested group belongs to its section"
