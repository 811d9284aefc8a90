"""Anonymising one response by its form's privacy column: nothing identifying leaves the device."""

import copy
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.forms.loader import load_form
from desktop_app.core.forms.synthetic import synthetic_session
from desktop_app.core.privacy.anonymise import (
    Anonymiser,
    anonymise,
    quasi_fields,
    quasi_rules,
)
from desktop_app.core.privacy.names import names_from
from desktop_app.core.signposting import load_services

FORMS = Path(__file__).resolve().parents[3] / "forms"
HELPLINES = [service.phone for service in load_services()]

PLANTED_TEXT = (
    "Priya Shah here. Call 07700 900123 or +44 7700 900 456, or email priya.shah@example.org "
    "or priya dot shah at example dot org. I live at SG13 7AB. NHS 943 476 5919, NI QQ 12 34 56 C, "
    "born 12/03/1985, aged 34, car AB12 CDE, sort code 12-34-56, @priyashah, www.priya-shah.co.uk. "
    "My sister Meena Kaur knows. Ring the helpline 0808 2000 247."
)
PLANTED = ["Priya", "Shah", "Meena", "Kaur", "07700", "900123", "900 456", "priya.shah", "example", "SG13", "7AB",
           "943", "5919", "QQ", "1985", "34", "AB12", "12-34-56", "@priyashah", "priya-shah"]


@pytest.fixture(scope="module")
def pathways():
    return load_form(FORMS / "pathways_survey.md").form


@pytest.mark.parametrize("seed", range(8))
def test_no_planted_identifier_survives_in_the_shipped_survey(pathways, seed):
    answers = synthetic_session(pathways, random.Random(seed)).final_answers()
    answers |= {
        "contact_name": "Priya Shah",
        "contact_phone": "07700 900123",
        "contact_email": "priya.shah@example.org",
        "contact_notes": "Ask for Priya, or her sister Meena Kaur. Never leave a voicemail.",
        "what_would_have_helped": PLANTED_TEXT,
        "barriers_other": PLANTED_TEXT,
    }
    anonymised = anonymise(pathways, answers, pseudonym="worker-1a2b", allow=HELPLINES)
    assert anonymised.pop("instanceID").startswith("uuid:")  # random hex: could hold "34" by chance
    out = json.dumps(anonymised)
    for planted in PLANTED:
        assert planted.lower() not in out.lower(), planted
    assert "0808 2000 247" in out  # the helpline stays
    for field in ("contact_name", "contact_phone", "contact_email", "contact_notes", "contact_methods", "contact_safe_times"):
        assert f'"{field}"' not in out


def test_the_shipped_survey_keeps_what_it_may(pathways):
    answers = synthetic_session(pathways, random.Random(1)).final_answers()
    answers |= {"children_household": 2, "age_band": "25_34", "what_would_have_helped": "A worker who listened."}
    out = anonymise(pathways, answers, pseudonym="worker-1a2b", allow=HELPLINES)
    assert out["_worker"] == "worker-1a2b"
    assert out["children_household"] == "2"  # band(1,2,3)
    assert out["age_band"] == "25_34"  # quasi without a rule: kept, and counted by the gate
    assert out["what_would_have_helped"] == "A worker who listened."
    assert out["consent"] == answers["consent"] and out["instanceID"] == answers["instanceID"]
    assert quasi_fields(pathways) == ["age_band", "gender", "sexual_orientation", "ethnicity", "disability",
                                      "district", "children_household"]
    assert quasi_rules(pathways)["children_household"] == "band(1,2,3)"


def test_anonymise_returns_a_new_dict(pathways):
    answers = {"what_would_have_helped": "Call 07700 900123", "contact_name": "Sam"}
    anonymise(pathways, answers, pseudonym="w")
    assert answers == {"what_would_have_helped": "Call 07700 900123", "contact_name": "Sam"}


SURVEY = """
| survey | type | name | label | privacy | privacy_generalise | calculation |
| | start | started | | | | |
| | end | ended | | | | |
| | today | day | | | | |
| | deviceid | device | | | | |
| | text | full_name | Name | drop | | |
| | calculate | greeting | | | | concat('Hello ', ${full_name}) |
| | integer | age | Age | quasi | band(18,25,35,45) | |
| | calculate | age_next_year | | | | ${age} + 1 |
| | date | seen | Seen | quasi | month | |
| | select_one yn | worried | Worried? | keep | | |
| | text | story | Story | | | |
| | calculate | story_copy | | | | ${story} |
| | begin_repeat | people | People | | | |
| | text | person_name | Their name | drop | | |
| | text | person_note | Note | scrub | | |
| | end_repeat | | | | | |
"""
CHOICES = """
| choices | list_name | name | label |
| | yn | yes | Yes |
| | yn | no | No |
"""


@pytest.fixture
def small(form_of):
    return form_of(SURVEY, CHOICES)


def test_each_privacy_rule(small):
    answers = {
        "started": "2026-03-05T21:14:09", "ended": "2026-03-05T21:40:00+00:00", "day": "2026-03-05",
        "device": "imei:123", "full_name": "Jane Doe", "greeting": "Hello Jane Doe", "age": 30, "age_next_year": 31,
        "seen": "2026-02-14", "worried": "yes", "story": "Jane Doe told me, then Tom came round.",
        "story_copy": "Jane Doe told me, then Tom came round.", "instanceID": "uuid:1",
        "people": [{"person_name": "Tom Smith", "person_note": "Tom is 07700 900123"}],
        "not_in_the_form": "secret",
    }
    out = anonymise(small, answers, pseudonym="worker-9", allow=())
    assert out == {
        "started": "2026-03-05", "ended": "2026-03-05", "day": "2026-03-05",  # dates only
        "age": "25-34", "seen": "2026-02", "worried": "yes",
        "story": "[name] told me, then [name] came round.",  # names from the same response, repeats included
        "story_copy": "[name] told me, then [name] came round.",  # a calculation reading free text is scrubbed
        "people": [{"person_note": "[name] is [phone]"}],
        "instanceID": "uuid:1",  # random: kept
        "_worker": "worker-9",
    }
    # dropped: the device id, the name, a calculation reading the name, a calculation reading the exact age,
    # and anything the form does not declare


def test_declined_answers_stay_declined_except_where_dropped(small):
    declined = {"declined": "prefer_not_to_say"}
    answers = {"full_name": declined, "age": declined, "seen": {"declined": "dont_know"}, "worried": declined,
               "story": {"declined": "skipped"}}
    out = anonymise(small, answers, pseudonym="w")
    assert out == {"age": declined, "seen": {"declined": "dont_know"}, "worried": declined,
                   "story": {"declined": "skipped"}, "_worker": "w"}


def test_the_k_anonymity_key_is_the_top_level_quasi_identifiers(small):
    assert quasi_fields(small) == ["age", "seen"]
    assert quasi_rules(small) == {"age": "band(18,25,35,45)", "seen": "month"}


@pytest.mark.parametrize("value, expected", [
    ("Priya", ["Priya"]),
    ("Priya Shah", ["Priya Shah"]),
    ("07700 900123", ["07700 900123"]),
    ("Ask for Priya, or her sister Meena. Never leave a voicemail after 6pm.", ["Priya", "Meena", "6pm"]),
    ("", []),
    ({"declined": "skipped"}, []),
])
def test_names_taken_from_identifier_fields(value, expected):
    assert names_from(value) == expected


# -- many responses through one Anonymiser, as the export does ------------------------------

def test_a_text_seen_before_is_scrubbed_of_each_response_s_own_names(small):
    anonymiser = Anonymiser(small)
    first = anonymiser.anonymised({"full_name": "Sam Jones", "story": "Sam told me, then Alex came round."})
    second = anonymiser.anonymised({"full_name": "Alex Brown", "story": "Sam told me, then Alex came round."})
    third = anonymiser.anonymised({"story": "Sam told me, then Alex came round."})
    assert first["story"] == "[name] told me, then Alex came round."
    assert second["story"] == "Sam told me, then [name] came round."
    assert third["story"] == "Sam told me, then Alex came round."


def test_values_that_are_equal_in_python_are_still_generalised_apart(small):
    anonymiser = Anonymiser(small)
    ages = [anonymiser.anonymised({"age": age})["age"] for age in (30, 30.0, "30", True, 30, True)]
    assert ages == ["25-34", "25-34", "25-34", "", "25-34", ""]  # True is not a number of years


@pytest.mark.parametrize("seed", range(3))
def test_anonymising_many_responses_together_gives_what_each_gives_alone(pathways, seed):
    rng = random.Random(seed)
    responses = [synthetic_session(pathways, rng).final_answers() for _ in range(40)]
    for i, answers in enumerate(responses):
        if i % 3 == 0:
            answers |= {"contact_name": rng.choice(["Priya Shah", "Meena Kaur"]),
                        "what_would_have_helped": rng.choice([PLANTED_TEXT, "Meena Kaur and Priya helped.", ""])}
    anonymiser = Anonymiser(pathways, HELPLINES)
    together = [anonymiser.anonymised(answers) for answers in responses]
    alone = [anonymise(pathways, answers, pseudonym="w", allow=HELPLINES) for answers in responses]
    assert together == [{k: v for k, v in out.items() if k != "_worker"} for out in alone]
    assert [list(out) for out in together] == [[k for k in out if k != "_worker"] for out in alone]  # same key order
    in_place = copy.deepcopy(responses)
    Anonymiser(pathways, HELPLINES).anonymise_all(in_place)  # as an export does: no name field inside a repeat
    assert in_place == together and [list(out) for out in in_place] == [list(out) for out in together]


_TEXTS = st.sampled_from(["Jane Doe", "Tom Smith told Jane", "Call 07700 900123", "2026-03-05T21:14:09", "", "30",
                          "Hello Jane Doe", "Tom came round", "SG13 7AB"])
_VALUES = st.one_of(_TEXTS, st.integers(-5, 120), st.just({"declined": "skipped"}), st.none(), st.lists(_TEXTS, max_size=2))
_ENTRY = st.fixed_dictionaries({}, optional={"person_name": _TEXTS, "person_note": _TEXTS, "stray": _VALUES})
_RESPONSE = st.fixed_dictionaries({}, optional={
    "full_name": _TEXTS, "story": _TEXTS, "story_copy": _TEXTS, "people": st.one_of(st.lists(_ENTRY, max_size=2), _VALUES),
    **{name: _VALUES for name in ["started", "ended", "day", "device", "greeting", "age", "age_next_year", "seen",
                                  "worried", "instanceID", "not_in_the_form"]},
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(responses=st.lists(_RESPONSE, max_size=8))
def test_a_column_at_a_time_gives_what_one_response_at_a_time_gives(small, responses):
    expected = [Anonymiser(small).anonymised(answers) for answers in responses]
    in_place = copy.deepcopy(responses)
    Anonymiser(small).anonymise_all(in_place)
    assert in_place == expected
    assert [list(out) for out in in_place] == [list(out) for out in expected]  # same key order


def test_the_part_the_gate_counts_matches_the_whole_response(small):
    anonymiser = Anonymiser(small)
    answers = {"ended": "2026-02-14T10:00:00", "age": 44, "seen": "2026-02-14", "full_name": "Jo", "story": "Jo"}
    whole = anonymiser.anonymised(answers)
    part = anonymiser.anonymised_part(answers, ["age", "seen", "full_name", "missing"])
    assert part == {"age": whole["age"], "seen": whole["seen"]} == {"age": "35-44", "seen": "2026-02"}


def test_a_date_the_form_says_nothing_about_leaves_as_its_month(form_of):
    form = form_of("""
        | survey | type | name | label |
        | | date | left_home | When did you leave? |
        | | integer | kids | Children |
        """)
    out = anonymise(form, {"left_home": "2026-02-14", "kids": 2}, pseudonym="w")
    assert (out["left_home"], out["kids"]) == ("2026-02", 2)
    assert quasi_fields(form) == ["left_home"], "counted by the disclosure gate too"
