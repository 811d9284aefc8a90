"""Coverage of under-represented groups: declared over the public survey, counted like every table."""

import random
import uuid

import pytest

from desktop_app.core.analysis.coverage import GROUPS, applicable, coverage
from desktop_app.core.analysis.dataset import frame, variables
from desktop_app.core.analysis.disclosure_tables import rule_for
from desktop_app.core.analysis.tables import frequency
from desktop_app.core.forms.loader import load_form
from tests.core.exchange.journey import FORMS


@pytest.fixture(scope="module")
def pathways():
    return load_form(FORMS / "pathways_survey.md").form


def record(form, answers: dict) -> dict:
    return {"id": str(uuid.uuid4()), "form_id": form.form_id, "form_version": form.version, "revision": 1,
            "completed": "", "worker": "worker-1", "device": "dev-1", "answers": answers}


def test_group_keys_are_stable_and_name_real_questions_and_choices(pathways):
    assert list(GROUPS) == ["ethnic_minority", "lgbtq", "older", "disabled", "male"]
    questions = {q.name: q for q in pathways.questions()}
    for group in GROUPS.values():
        for condition in group.conditions:
            choices = {c.name for c in pathways.choice_lists[questions[condition.question].list_name].choices}
            assert condition.choices <= choices, (group.key, condition.question)


def test_groups_on_one_question_do_not_overlap_so_each_is_one_subtotal():
    seen: dict[str, set] = {}
    for group in GROUPS.values():
        for condition in group.conditions:
            assert not seen.setdefault(condition.question, set()) & condition.choices
            seen[condition.question] |= condition.choices


def test_groups_whose_questions_a_form_does_not_ask_are_skipped():
    assert [g.key for g in applicable(["gender", "district"])] == ["lgbtq", "male"]
    assert [c.question for c in applicable(["gender"])[0].conditions] == ["gender"]
    assert applicable(["district"]) == []
    practitioner = load_form(FORMS / "practitioner_survey.md").form
    assert coverage([], {"male": 10}, form=practitioner) == []


def test_counts_equal_an_independent_count_of_the_records(pathways):
    rng = random.Random(3)
    pools = {"ethnicity": ["asian", "black", "mixed", "white", "other_ethnic", {"declined": "prefer_not_to_say"}],
             "sexual_orientation": ["straight", "gay_lesbian", "bisexual", "another"],
             "gender": ["woman", "man", "non_binary", "another"], "age_band": ["16_24", "35_44", "55_64", "65_plus"],
             "disability": ["yes", "no"]}
    answers = [{q: rng.choice(pool) for q, pool in pools.items()} for _ in range(600)]
    rows = coverage([record(pathways, a) for a in answers], {"male": 200, "older": 1000}, form=pathways)
    assert [r.group for r in rows] == list(GROUPS)
    wanted = {"ethnic_minority": lambda a: a["ethnicity"] in ("asian", "black", "mixed", "other_ethnic"),
              "lgbtq": lambda a: a["sexual_orientation"] != "straight" or a["gender"] in ("non_binary", "another"),
              "older": lambda a: a["age_band"] in ("55_64", "65_plus"),
              "disabled": lambda a: a["disability"] == "yes", "male": lambda a: a["gender"] == "man"}
    for row in rows:
        expected = sum(map(wanted[row.group], answers))
        assert row.count.value == expected, row.group
        assert row.count.text == f"{expected:,}"
    by_key = {r.group: r for r in rows}
    assert by_key["male"].target == 200 and by_key["male"].share == pytest.approx(100 * by_key["male"].count.value / 200)
    assert by_key["lgbtq"].target is None and by_key["lgbtq"].share is None


def answers_of(**counts) -> list[dict]:
    out = []
    for spec, n in counts.items():
        question, choice = spec.split("__")
        out += [{question: choice, "ethnicity": "white"}] * n
    return out


def test_a_small_group_is_hidden_and_its_share_withheld(pathways):
    records = [record(pathways, a) for a in answers_of(gender__woman=40, gender__man=3, gender__non_binary=12)]
    rows = {r.group: r for r in coverage(records, {"male": 20}, form=pathways)}
    assert rows["male"].count.text == "<10" and rows["male"].share is None


def test_the_same_numbers_as_the_frequency_table(pathways):
    records = [record(pathways, a) for a in answers_of(gender__woman=40, gender__man=3, gender__non_binary=12,
                                                       gender__another=11)]
    df = frame(pathways, records, labels=True)
    gender = next(v for v in variables(pathways) if v.name == "gender")
    rows = {r.group: r for r in coverage(df, {}, form=pathways)}
    table = frequency(df, gender, rule_for("default", 10), groups={"lgbtq": ("non_binary", "another"), "male": ("man",)})
    assert rows["male"].count == table.shown["man"]
    assert rows["lgbtq"].count == table.subtotals["lgbtq"] and rows["lgbtq"].count.text == "23"


def test_a_group_over_two_questions_is_hidden_when_a_small_overlap_could_be_worked_out(pathways):
    # 20 gay or lesbian women, 15 non-binary straight people, 3 non-binary gay or lesbian people: the overlap is 3.
    answers = ([{"sexual_orientation": "gay_lesbian", "gender": "woman"}] * 20
               + [{"sexual_orientation": "straight", "gender": "non_binary"}] * 15
               + [{"sexual_orientation": "gay_lesbian", "gender": "non_binary"}] * 3
               + [{"sexual_orientation": "straight", "gender": "woman"}] * 40)
    rows = {r.group: r for r in coverage([record(pathways, a) for a in answers], {}, form=pathways)}
    assert rows["lgbtq"].count.text == "[c]"
    answers += [{"sexual_orientation": "gay_lesbian", "gender": "non_binary"}] * 10  # now 13 in both
    rows = {r.group: r for r in coverage([record(pathways, a) for a in answers], {}, form=pathways)}
    assert rows["lgbtq"].count.text == "48"
