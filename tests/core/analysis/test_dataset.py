"""The analysts' dataset: one row per response, columns per question, declines never confused with missing."""

import random
import textwrap
import uuid
from pathlib import Path

import pandas as pd
import pytest

from desktop_app.core.analysis.dataset import (
    frame,
    repeat_frame,
    repeat_variables,
    variables,
)
from desktop_app.core.analysis.errors import AnalysisError
from desktop_app.core.forms.loader import load_form
from desktop_app.core.forms.synthetic import synthetic_session
from desktop_app.core.privacy.anonymise import anonymise

FORMS = Path(__file__).resolve().parents[3] / "forms"
META = ["id", "form_version", "device", "worker", "completed"]

SMALL = """
| survey | type | name | label | privacy | privacy_generalise | parameters |
| | note | intro | Welcome | | | |
| | text | full_name | Your name | drop | | |
| | text | phone | Phone | contact | | |
| | select_one yn | worried | Are you worried? | keep | | |
| | select_multiple needs | needs | What do you need? | keep | | |
| | integer | kids | How many children? | keep | | |
| | decimal | hours | Hours a week | keep | | |
| | integer | age | Age | quasi | band(18,25,35) | |
| | range | mood | Mood | keep | | start=1 end=5 step=1 |
| | begin_group | more | More | | | |
| | text | story | What helped? | scrub | | |
| | date | seen | Seen | keep | | |
| | end_group | | | | | |
| | begin_repeat | people | People | | | |
| | text | person_name | Their name | drop | | |
| | select_one yn | person_safe | Are they safe? | keep | | |
| | integer | person_age | Their age | keep | | |
| | end_repeat | | | | | |

| choices | list_name | name | label |
| | yn | yes | Yes |
| | yn | no | No |
| | yn | prefer_not_to_say | I'd rather not say |
| | needs | legal | Legal advice |
| | needs | housing | Housing |
| | needs | money | Money |

| settings | form_id | version |
| | small | 3 |
"""

PNTS = {"declined": "prefer_not_to_say"}
DK = {"declined": "dont_know"}
SKIPPED = {"declined": "skipped"}
SUPPRESSED = {"suppressed": "k_anonymity"}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp("forms") / "small.md"
    path.write_text(textwrap.dedent(SMALL).strip() + "\n")
    return load_form(path).form


def record(answers: dict, n: int = 0, **meta) -> dict:
    return {"id": f"00000000-0000-4000-8000-{n:012d}", "form_id": "small", "form_version": "3", "revision": 1,
            "completed": "2026-11-03", "worker": "worker-1a2b3c4d", "device": "dev-9f8e7d6c", "answers": answers, **meta}


RECORDS = [
    record({"worried": "yes", "needs": ["money", "legal"], "kids": 2, "hours": 7.5, "age": "25-34", "mood": 4,
            "story": "A worker who listened.", "seen": "2026-10-01",
            "people": [{"person_safe": "no", "person_age": 9}, {"person_safe": PNTS}]}, 0),
    record({"worried": PNTS, "needs": DK, "kids": PNTS, "hours": SKIPPED, "age": SUPPRESSED, "story": DK,
            "people": []}, 1),
    record({}, 2, completed=""),  # nothing asked: every answer missing
    record({"worried": "prefer_not_to_say", "needs": ["housing"], "kids": 0, "hours": 0.0, "age": "under 18",
            "mood": SUPPRESSED}, 3),
]


def test_one_row_per_response_with_meta_then_questions_in_form_order(small):
    df = frame(small, RECORDS)
    assert len(df) == 4
    assert list(df.columns[:5]) == META
    assert list(df.columns[5:]) == [
        "worried", "needs", "needs/legal", "needs/housing", "needs/money", "kids", "kids/declined",
        "hours", "hours/declined", "age", "mood", "mood/declined", "story", "seen", "people", "instanceID"]
    assert df["id"].tolist() == [r["id"] for r in RECORDS]
    assert df.loc[0, "device"] == "dev-9f8e7d6c" and df.loc[0, "worker"] == "worker-1a2b3c4d"
    assert df.loc[0, "form_version"] == "3" and df.loc[0, "completed"] == "2026-11-03"
    assert pd.isna(df.loc[2, "completed"])


def test_identifiers_notes_and_repeat_contents_are_not_columns(small):
    columns = set(frame(small, RECORDS).columns)
    assert not columns & {"intro", "full_name", "phone", "person_name", "person_safe", "person_age"}


def test_select_one_is_categorical_with_labels_in_choice_order_then_declines_that_occur(small):
    worried = frame(small, RECORDS)["worried"]
    assert isinstance(worried.dtype, pd.CategoricalDtype)
    # the choice named prefer_not_to_say and the decline share one category, under the form's own wording
    assert list(worried.cat.categories) == ["Yes", "No", "I'd rather not say"]
    assert worried.tolist()[:2] == ["Yes", "I'd rather not say"] and worried[3] == "I'd rather not say"
    assert pd.isna(worried[2])  # not asked: missing, not a decline

    coded = frame(small, RECORDS, labels=False)["worried"]
    assert list(coded.cat.categories) == ["yes", "no", "prefer_not_to_say"]
    assert coded[0] == "yes" and coded[1] == "prefer_not_to_say" and pd.isna(coded[2])


def test_every_decline_and_suppression_is_its_own_category(small):
    records = [record({"worried": value}, i) for i, value in enumerate([DK, SKIPPED, SUPPRESSED, "no", PNTS])]
    worried = frame(small, records)["worried"]
    assert list(worried.cat.categories) == ["Yes", "No", "I'd rather not say", "Don't know", "Skipped", "Suppressed"]
    assert worried.tolist() == ["Don't know", "Skipped", "Suppressed", "No", "I'd rather not say"]
    coded = frame(small, records, labels=False)["worried"]
    assert coded.tolist() == ["dont_know", "skipped", "suppressed", "no", "prefer_not_to_say"]
    assert worried.notna().all()


def test_a_value_the_form_no_longer_lists_is_kept_as_a_category(small):
    worried = frame(small, [record({"worried": "maybe"}), record({"worried": "yes"}, 1)])["worried"]
    assert worried.tolist() == ["maybe", "Yes"]
    assert list(worried.cat.categories) == ["Yes", "No", "I'd rather not say", "maybe"]


def test_select_multiple_is_a_joined_column_plus_one_hot_columns(small):
    df = frame(small, RECORDS)
    assert df["needs"].dtype == object
    assert df.loc[0, "needs"] == "legal money"  # choice order, whatever order they were ticked in
    assert df.loc[1, "needs"] == "dont_know"
    assert pd.isna(df.loc[2, "needs"])
    assert df.loc[3, "needs"] == "housing"
    for option in ("legal", "housing", "money"):
        assert df[f"needs/{option}"].dtype == "Int8"
    assert df[["needs/legal", "needs/housing", "needs/money"]].iloc[0].tolist() == [1, 0, 1]
    assert df[["needs/legal", "needs/housing", "needs/money"]].iloc[3].tolist() == [0, 1, 0]
    # declined or missing: unknown, neither chosen nor not chosen
    assert df[["needs/legal", "needs/housing", "needs/money"]].iloc[1:3].isna().all().all()


def test_numbers_are_nullable_with_declines_in_a_column_beside_them(small):
    df = frame(small, RECORDS)
    assert df["kids"].dtype == "Int64" and df["hours"].dtype == "Float64" and df["mood"].dtype == "Int64"
    assert df["kids"].tolist()[:1] == [2] and df.loc[3, "kids"] == 0
    assert df["kids"][1:3].isna().all()
    assert df["hours"][0] == 7.5 and df["hours"][3] == 0.0
    declined = df["kids/declined"]
    assert isinstance(declined.dtype, pd.CategoricalDtype)
    assert list(declined.cat.categories) == ["Prefer not to say"]
    assert declined[1] == "Prefer not to say" and declined[[0, 2, 3]].isna().all()
    assert df.loc[1, "hours/declined"] == "Skipped"
    assert df.loc[3, "mood/declined"] == "Suppressed" and pd.isna(df.loc[3, "mood"])
    coded = frame(small, RECORDS, labels=False)
    assert coded.loc[1, "kids/declined"] == "prefer_not_to_say" and coded.loc[3, "mood/declined"] == "suppressed"


def test_no_declined_column_when_nobody_declined(small):
    df = frame(small, [record({"kids": 1}), record({}, 1)])
    assert "kids/declined" not in df.columns and "hours/declined" not in df.columns
    assert df["kids"].dtype == "Int64" and df["hours"].dtype == "Float64"


def test_text_dates_and_generalised_bands_are_strings_with_declines_as_words(small):
    df = frame(small, RECORDS)
    for column in ("story", "seen", "age"):
        assert df[column].dtype == object
    assert df.loc[0, "age"] == "25-34" and df.loc[3, "age"] == "under 18"  # a band: the category as exported
    assert df.loc[1, "age"] == "Suppressed" and df.loc[1, "story"] == "Don't know"
    assert df.loc[0, "seen"] == "2026-10-01"
    assert pd.isna(df.loc[2, "story"]) and pd.isna(df.loc[2, "age"])
    coded = frame(small, RECORDS, labels=False)
    assert coded.loc[1, "age"] == "suppressed" and coded.loc[1, "story"] == "dont_know"


def test_a_repeat_is_its_number_of_entries_and_its_own_frame(small):
    df = frame(small, RECORDS)
    assert df["people"].dtype == "Int64"
    assert df["people"].tolist()[:2] == [2, 0] and df["people"][2:].isna().all()

    entries = repeat_frame(small, RECORDS, "people")
    assert list(entries.columns) == ["id", "index", "person_safe", "person_age"]
    assert entries["id"].tolist() == [RECORDS[0]["id"]] * 2
    assert entries["index"].tolist() == [1, 2]
    assert entries["person_safe"].tolist() == ["No", "I'd rather not say"]
    assert entries.loc[0, "person_age"] == 9 and pd.isna(entries.loc[1, "person_age"])
    assert [v.name for v in repeat_variables(small, "people")] == ["id", "index", "person_safe", "person_age",
                                                                   "person_age/declined"]
    with pytest.raises(AnalysisError) as caught:
        repeat_frame(small, RECORDS, "pets")
    assert caught.value.code == "unknown_repeat"


def test_a_number_that_is_not_one_is_an_error_naming_the_question(small):
    with pytest.raises(AnalysisError) as caught:
        frame(small, [record({"kids": "several"})])
    assert caught.value.code == "not_a_number" and "'kids'" in caught.value.message
    assert "several" not in caught.value.message  # answers never reach error messages


def test_no_records_give_an_empty_frame_with_every_column_typed(small):
    df = frame(small, [])
    assert len(df) == 0
    assert list(df["worried"].cat.categories) == ["Yes", "No", "I'd rather not say"]
    assert df["kids"].dtype == "Int64" and df["needs/legal"].dtype == "Int8"


def test_variables_describe_every_column_in_order(small):
    described = variables(small)
    df = frame(small, RECORDS)
    assert [v.name for v in described] == list(df.columns)
    by_name = {v.name: v for v in described}
    worried = by_name["worried"]
    assert worried.kind == "select_one" and worried.label == "Are you worried?"
    assert worried.options == ("yes", "no", "prefer_not_to_say")
    assert worried.values == {"yes": "Yes", "no": "No", "prefer_not_to_say": "I'd rather not say",
                              "dont_know": "Don't know", "skipped": "Skipped", "suppressed": "Suppressed"}
    assert by_name["needs/money"].kind == "option" and by_name["needs/money"].label == "What do you need?: Money"
    assert by_name["needs/money"].values == {1: "Chosen", 0: "Not chosen"}
    assert by_name["kids/declined"].kind == "declined"
    assert by_name["age"].kind == "text" and by_name["age"].privacy.startswith("generalised: band(18,25,35)")
    assert by_name["story"].privacy == "free text: identifiers redacted"
    assert by_name["people"].kind == "count"
    assert by_name["worker"].privacy == "pseudonym"


# -- the shipped survey, as devices export it ---------------------------------------------

@pytest.fixture(scope="module")
def pathways():
    return load_form(FORMS / "pathways_survey.md").form


def exported(form, n: int, seed: int = 7) -> list[dict]:
    """Synthetic responses, anonymised as a device exports them (export.py `_record`)."""
    rng = random.Random(seed)
    records = []
    for i in range(n):
        answers = anonymise(form, synthetic_session(form, rng).final_answers(), pseudonym=f"worker-{i % 3}")
        worker = answers.pop("_worker")
        records.append({"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "form_id": form.form_id,
                        "form_version": form.version, "revision": 1, "completed": "2026-11-03", "worker": worker,
                        "device": f"dev-{i % 2}", "answers": answers})
    return records


def test_the_shipped_survey_as_exported(pathways):
    records = exported(pathways, 60)
    df = frame(pathways, records)
    assert len(df) == 60
    described = {v.name: v for v in variables(pathways)}
    assert set(df.columns) <= set(described)
    assert not {c for c in df.columns if c.startswith("contact_")}  # contact details never reach analysts
    assert list(df["age_band"].cat.categories[:6]) == ["16 to 24", "25 to 34", "35 to 44", "45 to 54", "55 to 64",
                                                       "65 or over"]
    assert df["children_household"].dropna().isin(["0", "1", "2", "3+", "Prefer not to say", "Don't know",
                                                    "Skipped", "Suppressed"]).all()
    options = [v.name for v in described.values() if v.kind == "option" and v.question == "told_whom"]
    for i, answers in enumerate(r["answers"] for r in records):
        told = answers.get("told_whom")
        if isinstance(told, list):
            assert df.loc[i, options].sum() == len(told)
            assert set(df.loc[i, "told_whom"].split()) == set(told)
        else:
            assert df.loc[i, options].isna().all()
