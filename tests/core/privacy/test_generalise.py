"""Generalisation by privacy_generalise, and the ladder the disclosure gate climbs."""

import datetime as dt

import pytest

from desktop_app.core.privacy.generalise import (
    PrivacyError,
    coarser,
    describe,
    generalise,
    next_rule,
)

DECLINED = {"declined": "prefer_not_to_say"}


@pytest.mark.parametrize("rule, value, expected", [
    ("band(18,25,35)", 30, "25-34"),
    ("band(18,25,35)", 17, "under 18"),
    ("band(18,25,35)", 40, "35+"),
    ("band(18,25,35)", 18, "18-24"),
    ("band(18,25,35)", 24, "18-24"),
    ("band(18,25,35)", 35, "35+"),
    ("band(18,25,35)", "30", "25-34"),  # typed as text
    ("band(18,25,35)", 24.5, "18-24"),
    ("band(1,2,3)", 0, "0"),  # counts: "0", not "under 1"
    ("band(1,2,3)", 1, "1"),  # a band one wide is named by its member
    ("band(1,2,3)", 7, "3+"),
    ("band(1.5,2.5)", 2, "1.5 to under 2.5"),
    ("band(18,25,35)", "thirty", ""),  # unreadable: never passed through as typed
    ("band(18,25,35)", True, ""),
    ("postcode_district", "SG13 7AB", "SG13"),
    ("postcode_district", "sg137ab", "SG13"),
    ("postcode_district", " EC1A 1BB ", "EC1A"),
    ("postcode_district", "GIR 0AA", "GIR"),
    ("postcode_district", "SG13", "SG13"),
    ("postcode_district", "near the station", ""),
    ("postcode_district", 12345, ""),
    ("month", "2024-03-05", "2024-03"),
    ("month", "2024-03-05T21:14:09", "2024-03"),
    ("month", dt.date(2024, 3, 5), "2024-03"),
    ("month", "last spring", ""),
    ("quarter", "2024-03-05", "2024-Q1"),
    ("quarter", "2024-11-30", "2024-Q4"),
    ("year", "2024-03-05T21:14:09", "2024"),
    ("", "anything", "anything"),  # a quasi-identifier without a rule is kept
])
def test_generalise(rule, value, expected):
    assert generalise(rule, value) == expected


@pytest.mark.parametrize("rule", ["band(18,25,35)", "postcode_district", "month", "quarter", "year", ""])
@pytest.mark.parametrize("value", [DECLINED, {"declined": "dont_know"}, "", None, [], {"suppressed": "k"}])
def test_declined_suppressed_and_blank_values_pass_through(rule, value):
    assert generalise(rule, value) == value


@pytest.mark.parametrize("rule, value, expected", [
    ("month", "2024-03", "2024-Q1"),
    ("quarter", "2024-Q1", "2024"),
    ("year", "2024", None),
    ("postcode_district", "SG13", "SG"),
    ("postcode_area", "SG", None),
    ("band(18,25,35,45,55,65)", "25-34", "18-34"),
    ("band(18,25,35,45,55,65)", "45-54", "35-54"),
    ("band(18,25,35,45,55,65)", "65+", "55+"),
    ("band(18,25,35,45,55,65)", "under 18", "under 18"),
    ("band(18,35,55)", "35-54", "18-54"),
    ("band(18)", "18+", None),
    ("band(1,2,3)", "2", "1-2"),
    ("band(1,2,3)", "0", "0"),
    ("", "woman", None),  # a category: nothing to widen, only to suppress
])
def test_coarser_climbs_the_ladder(rule, value, expected):
    assert coarser(rule, value) == expected


def test_the_ladder_merges_bands_pairwise_and_ends():
    rule, steps = "band(18,25,35,45,55,65)", []
    while rule is not None:
        steps.append(rule)
        rule = next_rule(rule)
    assert steps == ["band(18,25,35,45,55,65)", "band(18,35,55)", "band(18,55)", "band(18)"]
    assert [next_rule(r) for r in ("month", "quarter", "year")] == ["quarter", "year", None]


def test_a_coarser_band_agrees_with_generalising_the_raw_value():
    """Coarsening a label gives what the coarser rule gives on the number itself."""
    fine, coarse = "band(16,25,35,45,55,65)", "band(16,35,55)"
    for age in range(100):
        assert coarser(fine, generalise(fine, age)) == generalise(coarse, age)


def test_describe():
    assert describe("band(18,25,35)") == "bands under 18, 18-24, 25-34, 35+"
    assert describe("band(1,2,3)") == "bands 0, 1, 2, 3+"
    assert describe("quarter") == "quarters"


@pytest.mark.parametrize("rule", ["bogus", "band()", "band(35,18)", "band(a,b)", "month(3)x"])
def test_unknown_or_malformed_rules_are_errors(rule):
    with pytest.raises(PrivacyError) as error:
        generalise(rule, 30)
    assert error.value.code == "privacy_rule"
