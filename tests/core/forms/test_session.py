"""Filling a form without a screen: skip logic, calculations, validation, repeats, pages, drafts."""

import json
from datetime import datetime

import pytest

from desktop_app.core.forms.session import FormSession, SessionError

SURVEY = """
| survey | type | name | label | hint | relevant | constraint | constraint_message | required | required_message | calculation | appearance | choice_filter | repeat_count |
| | select_one yn | consent | Do you agree to take part? | | | | | yes | Please say yes or no. | | | | |
| | integer | age | How old are you? | In years | ${consent} = 'yes' | . >= 16 and . <= 120 | Age must be between 16 and 120. | yes | | | | | |
| | calculate | adult | | | | | | | | if(${age} >= 18, 'yes', 'no') | | | |
| | begin_group | about | About you | | ${consent} = 'yes' | | | | | | field-list | | |
| | select_one region | region | Region | | | | | | | | | | |
| | select_one district | district | District | | | | | | | | | region = ${region} | |
| | select_multiple needs | needs | Support needed | | | not(selected(., 'none') and count-selected(.) > 1) | 'None' goes alone. | | | | | | |
| | end_group | | | | | | | | | | | | |
| | text | why_legal | Tell us more | | selected(${needs}, 'legal') | | | | | | | | |
| | integer | n_kids | Children at home | | ${consent} = 'yes' | | | | | | | | |
| | begin_repeat | kids | Child | | | | | | | | | | ${n_kids} |
| | integer | kid_age | Child's age | | | . < ${age} | A child is younger than you. | | | | | | |
| | calculate | kid_no | | | | | | | | position(..) | | | |
| | end_repeat | | | | | | | | | | | | |
| | calculate | total_kid_ages | | | | | | | | sum(${kid_age}) | | | |
| | note | thanks | Thank you | | | | | | | | | | |
"""
CHOICES = """
| choices | list_name | name | label | region |
| | yn | yes | Yes | |
| | yn | no | No | |
| | region | east | East | |
| | region | west | West | |
| | district | broxbourne | Broxbourne | east |
| | district | watford | Watford | west |
| | needs | legal | Legal | |
| | needs | housing | Housing | |
| | needs | none | None | |
"""


@pytest.fixture
def form(form_of):
    return form_of(SURVEY, CHOICES)


@pytest.fixture
def session(form):
    return FormSession(form, clock=lambda: datetime(2026, 11, 22, 10, 30))


def test_skip_logic_shows_and_hides_as_answers_change(session):
    assert not session.relevant("age") and not session.relevant("region")
    session.set("consent", "yes")
    assert session.relevant("age") and session.relevant("region")
    assert not session.relevant("why_legal")
    session.set("needs", ["housing", "legal"])
    assert session.relevant("why_legal")
    session.set("consent", "no")
    assert not session.relevant("why_legal"), "inside a non-relevant group, everything is hidden"


def test_required_and_constraint_messages_in_words(session):
    assert [i.message for i in session.issues("consent")] == ["Please say yes or no."]
    session.set("consent", "yes")
    assert session.issues("consent") == []
    assert session.issues("age")[0].code == "required"
    session.set("age", 12)
    assert [(i.code, i.message) for i in session.issues("age")] == [("constraint", "Age must be between 16 and 120.")]
    session.set("age", "forty")
    assert session.issues("age")[0].code == "type"
    assert session.value("age") == "forty", "what was typed is kept, not thrown away"
    session.set("age", "40")
    assert session.value("age") == 40 and session.issues("age") == []


@pytest.mark.parametrize("typed, message", [
    ("1e30", "Enter a number of at most 15 digits."),  # a slip no spreadsheet, SPSS file or export holds exactly
    ("inf", "Enter a whole number."),
    ("nan", "Enter a whole number."),
])
def test_numbers_no_analysis_tool_can_hold_are_refused(session, typed, message):
    session.set("consent", "yes")
    session.set("age", typed)
    assert [i.message for i in session.issues("age")] == [message]


@pytest.mark.parametrize("typed", ["inf", "-inf", "nan", "1e999"])
def test_a_decimal_must_be_a_number_a_file_can_hold(form_of, typed):
    session = FormSession(form_of("""
        | survey | type | name | label |
        | | decimal | weight | Weight |
        """))
    session.set("weight", typed)
    assert [i.message for i in session.issues("weight")] == ["Enter a number."]
    session.set("weight", "1e16")
    assert [i.message for i in session.issues("weight")] == ["Enter a number of at most 15 digits."]


def test_calculations_follow_their_inputs(session):
    session.set("consent", "yes")
    session.set("age", 17)
    assert session.value("adult") == "no"
    session.set("age", 30)
    assert session.value("adult") == "yes"


def test_choice_filter_narrows_the_options(session):
    session.set("consent", "yes")
    assert [c.name for c in session.choices("district")] == []
    session.set("region", "west")
    assert [c.name for c in session.choices("district")] == ["watford"]
    session.set("district", "broxbourne")
    assert session.issues("district")[0].code == "type"


def test_select_multiple_constraint(session):
    session.set("consent", "yes")
    session.set("needs", ["none", "legal"])
    assert session.issues("needs")[0].message == "'None' goes alone."
    session.set("needs", ["none"])
    assert session.issues("needs") == []


def test_declining_is_an_answer_not_a_blank(session):
    session.set("consent", "yes")
    session.decline("age", "prefer_not_to_say")
    assert session.issues("age") == []
    assert session.value("age") == {"declined": "prefer_not_to_say"}
    assert session.value("adult") == "no", "a declined age reads as blank in expressions"
    session.decline("age", "dont_know")
    assert session.final_answers()["age"] == {"declined": "dont_know"}
    with pytest.raises(ValueError):
        session.decline("age", "maybe")


def test_repeats_follow_repeat_count_and_keep_their_own_values(session):
    session.set("consent", "yes")
    session.set("age", 40)
    session.set("n_kids", 2)
    assert session.repeat_count("kids") == 2
    session.set("kids[1]/kid_age", 5)
    session.set("kids[2]/kid_age", 41)
    assert session.issues("kids[1]/kid_age") == []
    assert session.issues("kids[2]/kid_age")[0].message == "A child is younger than you."
    assert [session.value(f"kids[{i}]/kid_no") for i in (1, 2)] == [1, 2]
    assert session.value("total_kid_ages") == 46
    session.set("age", 50)
    assert session.issues("kids[2]/kid_age") == [], "changing the parent's age re-checks every child"
    session.set("n_kids", 1)
    assert session.repeat_count("kids") == 1 and session.value("total_kid_ages") == 5


def test_repeats_without_a_count_are_added_and_removed(form_of):
    form = form_of(
        """
        | survey | type | name | label |
        | | begin_repeat | people | Person |
        | | text | role | Role |
        | | end_repeat | | |
        | | calculate | how_many | count(${people}) |
        """.replace("count(${people}) |", "| count(${people}) |").replace("| survey | type | name | label |", "| survey | type | name | label | calculation |")
    )
    session = FormSession(form)
    assert session.add_repeat("people") == 1
    assert session.add_repeat("people") == 2
    session.set("people[2]/role", "sister")
    assert session.value("how_many") == 2
    session.remove_repeat("people", 1)
    assert session.value("people[1]/role") == "sister" and session.value("how_many") == 1
    with pytest.raises(SessionError):
        session.value("people[5]/role")


def test_pages_one_question_each_and_field_lists_together(session):
    def shown():
        return [[session.path(k) for k in page.keys] for page in session.pages()]

    assert shown() == [["consent"], ["thanks"]]
    session.set("consent", "yes")
    session.set("n_kids", 1)
    assert shown() == [["consent"], ["age"], ["region", "district", "needs"], ["n_kids"], ["kids[1]/kid_age"], ["thanks"]]


def test_non_relevant_answers_are_not_stored_on_completion(session):
    session.set("consent", "yes")
    session.set("age", 30)
    session.set("needs", ["legal"])
    session.set("why_legal", "court")
    session.set("needs", ["housing"])
    final = session.final_answers()
    assert "why_legal" not in final and final["needs"] == ["housing"]
    assert session.value("why_legal") == "court", "the draft keeps it, in case the answer changes back"


def test_a_draft_restores_exactly(session, form):
    session.set("consent", "yes")
    session.set("age", 30)
    session.set("n_kids", 1)
    session.set("kids[1]/kid_age", 3)
    session.decline("region", "skipped")
    session.position = "n_kids"
    saved = json.loads(json.dumps(session.to_draft()))
    again = FormSession.from_draft(form, saved)
    assert again.answers == session.answers
    assert again.position == "n_kids"
    assert [again.relevant(k) for k in again.keys()] == [session.relevant(k) for k in session.keys()]
    assert again.all_issues() == session.all_issues()


def test_unknown_paths_are_clear_errors(session):
    with pytest.raises(SessionError) as error:
        session.set("agee", 3)
    assert error.value.code == "unknown_field"
    with pytest.raises(SessionError):
        session.set("kid_age", 3)
    with pytest.raises(SessionError) as error:
        session.set("adult", "yes")
    assert error.value.code == "not_answerable"


def test_labels_follow_the_chosen_language(form_of):
    form = form_of(
        """
        | survey | type | name | label::English (en) | label::Cymraeg (cy) | required | required_message::English (en) | required_message::Cymraeg (cy) |
        | | text | town | Town | Tref | yes | Needed | Angenrheidiol |
        """,
        default_language="English (en)",
    )
    session = FormSession(form)
    assert session.label("town") == "Town" and session.issues("town")[0].message == "Needed"
    welsh = FormSession(form, language="Cymraeg (cy)")
    assert welsh.label("town") == "Tref" and welsh.issues("town")[0].message == "Angenrheidiol"


def test_metadata_is_filled_in_and_never_identifies_the_device(form_of):
    form = form_of(
        """
        | survey | type | name | label |
        | | start | started | |
        | | today | day | |
        | | deviceid | device | |
        | | phonenumber | phone | |
        | | end | ended | |
        """
    )
    session = FormSession(form, clock=lambda: datetime(2026, 11, 22, 10, 30))
    session.stamp_end()
    answers = session.final_answers()
    assert answers["started"] == "2026-11-22T10:30:00" and answers["day"] == "2026-11-22"
    assert answers["ended"] == "2026-11-22T10:30:00"
    assert "device" not in answers and "phone" not in answers


def test_labels_fill_in_earlier_answers(form_of):
    form = form_of(
        """
        | survey | type | name | label | hint |
        | | text | name | What should we call you? | |
        | | integer | kids | How many children, ${name}? | Including any who stay with ${name} part time |
        """
    )
    session = FormSession(form)
    assert session.label("kids") == "How many children, ?"
    session.set("name", "Sam")
    assert session.label("kids") == "How many children, Sam?"
    assert session.hint("kids") == "Including any who stay with Sam part time"


def test_read_only_follows_its_expression(form_of):
    form = form_of(
        """
        | survey | type | name | label | read_only |
        | | select_one yn | locked | Lock the next one? | |
        | | text | note_text | Notes | ${locked} = 'yes' |
        | | text | fixed | Fixed | yes |
        """,
        """
        | choices | list_name | name | label |
        | | yn | yes | Yes |
        | | yn | no | No |
        """,
    )
    session = FormSession(form)
    assert not session.read_only("note_text") and session.read_only("fixed")
    session.set("locked", "yes")
    assert session.read_only("note_text")
