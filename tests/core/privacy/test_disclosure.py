"""The disclosure gate: every exported combination of quasi-identifiers is shared by at least k records."""

import copy
import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.privacy.disclosure import (
    SUPPRESSED_CODE,
    disclosure_gate,
    l_diversity,
    suppressed,
)

AGES = "band(16,25,35,45,55,65)"
WITHHELD = {"suppressed": SUPPRESSED_CODE}


def smallest_group(records, quasi):
    """The size of the rarest combination, not counting records with every quasi value suppressed."""
    counts = Counter(
        tuple(repr(r.get(name, "")) for name in quasi) for r in records
        if not all(r.get(name) == WITHHELD for name in quasi)
    )
    return min(counts.values(), default=None)


def people(*groups):
    """Records from (count, age, gender, district) rows, each with a free answer that the gate leaves alone."""
    out = []
    for count, age, gender, district in groups:
        out += [{"age": age, "gender": gender, "district": district, "story": f"answer {len(out)}"} for _ in range(count)]
    return out


def test_a_group_of_two_is_widened_into_a_group_of_five():
    records = people((12, "25-34", "woman", "watford"), (5, "35-44", "woman", "watford"), (2, "45-54", "woman", "watford"))
    result = disclosure_gate(records, ["age", "gender", "district"], 5, {"age": AGES})
    assert smallest_group(result.records, ["age", "gender", "district"]) >= 5
    assert Counter(r["age"] for r in result.records) == {"16-34": 12, "35-54": 7}
    assert [str(step) for step in result.report] == [
        "age widened to bands under 16, 16-34, 35-54, 55+: 1 group had fewer than 5 people (2 records).",
        "Every group of the 19 records now has at least 5 people (records with every quasi-identifier suppressed match everyone).",
    ]
    step = result.report[0]
    assert (step.action, step.field, step.rule, step.groups, step.records) == ("generalised", "age", "band(16,35,55)", 1, 2)
    assert result.rules == {"age": "band(16,35,55)", "gender": "", "district": ""}
    assert [r["story"] for r in result.records] == [r["story"] for r in records]  # other answers untouched


def test_a_field_widened_by_an_earlier_export_starts_there():
    records = people((12, "25-34", "woman", "watford"), (8, "35-44", "woman", "watford"))  # safe as they are
    result = disclosure_gate(records, ["age", "gender", "district"], 5, {"age": AGES}, floor={"age": "band(16,35,55)"})
    assert Counter(r["age"] for r in result.records) == {"16-34": 12, "35-54": 8}, "never finer than sent before"
    assert str(result.report[0]) == "age kept at bands under 16, 16-34, 35-54, 55+, as earlier exports sent it."
    assert result.rules["age"] == "band(16,35,55)"
    finer = disclosure_gate(records, ["age", "gender", "district"], 5, {"age": "band(16,35,55)"}, floor={"age": AGES})
    assert Counter(r["age"] for r in finer.records) == {"25-34": 12, "35-44": 8}, "a finer floor changes nothing"


def test_categories_that_cannot_be_widened_are_suppressed_locally():
    records = people((10, "25-34", "woman", "watford"), (6, "25-34", "man", "dacorum"), (2, "25-34", "man", "watford"))
    result = disclosure_gate(records, ["age", "gender", "district"], 5, {"age": AGES})
    assert smallest_group(result.records, ["age", "gender", "district"]) >= 5
    # widening age alone cannot help (everyone is 25-34), so the two records lose their quasi values
    assert not any(step.action == "generalised" for step in result.report)
    withheld = [r for r in result.records if WITHHELD in (r["age"], r["gender"], r["district"])]
    assert len(withheld) == 2 and all(r == {**r, "age": WITHHELD, "gender": WITHHELD, "district": WITHHELD} for r in withheld)
    assert [str(s) for s in result.report if s.action == "suppressed"] == [
        "age suppressed in 2 records: still in groups of fewer than 5 people after generalisation.",
        "gender suppressed in 2 records: still in groups of fewer than 5 people after generalisation.",
        "district suppressed in 2 records: still in groups of fewer than 5 people after generalisation.",
    ]


def test_suppression_stops_as_soon_as_the_group_is_large_enough():
    # five records already have district withheld; suppressing it in the two rare ones joins them to those
    records = people((10, "25-34", "woman", "watford"), (2, "25-34", "woman", "dacorum"))
    records += [{"age": "25-34", "gender": "woman", "district": suppressed()} for _ in range(5)]
    result = disclosure_gate(records, ["age", "gender", "district"], 5, {"age": AGES})
    assert smallest_group(result.records, ["age", "gender", "district"]) >= 5
    assert Counter(str(r["district"]) for r in result.records) == {"watford": 10, str(WITHHELD): 7}
    assert Counter(r["gender"] for r in result.records) == {"woman": 17}


def test_nothing_changes_when_every_group_is_large_enough():
    records = people((5, "25-34", "woman", "watford"), (5, "35-44", "man", "watford"))
    result = disclosure_gate(records, ["age", "gender", "district"], 5, {"age": AGES})
    assert result.records == records
    assert [str(s) for s in result.report] == ["All 10 records are in groups of at least 5 people; nothing changed."]


def test_declined_answers_are_a_category_of_their_own():
    declined = {"declined": "prefer_not_to_say"}
    records = people((5, "25-34", "woman", "watford"), (4, "25-34", declined, "watford"), (1, "25-34", {"declined": "dont_know"}, "watford"))
    result = disclosure_gate(records, ["age", "gender", "district"], 5, {"age": AGES})
    assert smallest_group(result.records, ["age", "gender", "district"]) >= 5
    assert sum(r["gender"] == "woman" for r in result.records) == 5  # the women's group was never touched


def test_dates_are_widened_to_quarters_and_then_years():
    months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    records = [{"seen": months[i % 6], "area": "north"} for i in range(24)]
    result = disclosure_gate(records, ["seen", "area"], 5, {"seen": "month"})
    assert Counter(r["seen"] for r in result.records) == {"2026-Q1": 12, "2026-Q2": 12}
    assert result.report[0].message == "seen widened to quarters: 6 groups had fewer than 5 people (24 records)."


def test_blank_answers_are_a_category_and_stay_absent():
    records = [{"age": "25-34"} for _ in range(5)] + [{} for _ in range(5)] + [{"age": "65+"}]
    result = disclosure_gate(records, ["age"], 5, {"age": AGES})
    assert smallest_group(result.records, ["age"]) >= 5
    assert sum("age" not in r for r in result.records) == 5


def test_the_gate_leaves_its_input_alone_and_is_deterministic():
    rng = random.Random(4)
    records = [{"age": rng.choice(["16-24", "25-34", "35-44", "65+"]), "gender": rng.choice(["woman", "man", "non_binary"]),
                "district": rng.choice(["watford", "dacorum", "stevenage"])} for _ in range(60)]
    before = copy.deepcopy(records)
    first = disclosure_gate(records, ["age", "gender", "district"], 5, {"age": AGES})
    again = disclosure_gate(records, ["age", "gender", "district"], 5, {"age": AGES})
    assert records == before
    assert first.records == again.records and [str(s) for s in first.report] == [str(s) for s in again.report]
    assert smallest_group(first.records, ["age", "gender", "district"]) >= 5


values = st.one_of(st.sampled_from(["a", "b", "c", "d", ""]), st.just({"declined": "dont_know"}), st.just(["x", "y"]))


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.tuples(st.integers(0, 90), values, st.sampled_from(["2026-01-05", "2026-02-11", "2026-07-30"])),
                     max_size=60),
       k=st.integers(2, 10))
def test_no_group_is_ever_smaller_than_k(rows, k):
    records = [{"age": str(age) if age % 7 else age, "group": group, "seen": seen[:7]} for age, group, seen in rows]
    quasi = ["age", "group", "seen"]
    result = disclosure_gate(records, quasi, k, {"age": AGES, "seen": "month"})
    smallest = smallest_group(result.records, quasi)
    assert smallest is None or smallest >= k
    assert len(result.records) == len(records)


def test_l_diversity_reports_groups_sharing_one_sensitive_value():
    records = people((5, "25-34", "woman", "watford"), (5, "35-44", "woman", "watford"))
    for i, record in enumerate(records):
        record["abuse"] = ["physical"] if i < 5 else (["economic"] if i % 2 else ["physical", "online"])
    warnings = l_diversity(records, ["age", "gender", "district"], "abuse")
    assert [(w.values["age"], w.size, w.distinct) for w in warnings] == [("25-34", 5, 1)]
    assert str(warnings[0]) == "All 5 records with age=25-34, gender=woman, district=watford have the same abuse."


def test_values_the_gate_adds_come_in_the_order_of_the_quasi_identifiers():
    records = [{"age": "25-34", "district": "watford", "story": "x"} for _ in range(6)] + [{"story": "y"}]
    for quasi in (["age", "district"], ["district", "age"]):
        result = disclosure_gate(records, quasi, 5, {"age": AGES})
        assert list(result.records[-1]) == ["story", *quasi]  # suppressed where blank: added in this order
        assert result.records[-1]["age"] == result.records[-1]["district"] == WITHHELD
        assert records[-1] == {"story": "y"}
