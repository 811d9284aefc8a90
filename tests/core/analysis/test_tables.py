"""Report tables: Wilson intervals, and numbers equal to an independent pandas computation where shown."""

import pandas as pd
import pytest

from desktop_app.core.analysis.dataset import (
    SELECT_MULTIPLE,
    SELECT_ONE,
    Variable,
)
from desktop_app.core.analysis.disclosure_tables import rule_for
from desktop_app.core.analysis.tables import (
    TOTAL,
    crosstab,
    frequency,
    multiple,
    wilson,
)

RULE = rule_for("default", 10)


@pytest.mark.parametrize(("k", "n", "low", "high"), [
    (0, 10, 0.0, 0.2775),  # closed form: z^2 / (n + z^2)
    (5, 10, 0.2366, 0.7634),
    (48, 100, 0.3846, 0.5768),
    (81, 263, 0.2553, 0.3662),  # Newcombe (1998), Stat Med 17:857, table I, method 3
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
    (10, 10, 0.7225, 1.0),
])
def test_wilson_interval_matches_published_references(k, n, low, high):
    got = wilson(k, n)
    assert got == pytest.approx((low, high), abs=5e-5)


def test_wilson_refuses_impossible_counts():
    for k, n in ((1, 0), (-1, 5), (6, 5)):
        with pytest.raises(ValueError):
            wilson(k, n)


GENDER = Variable("gender", "Gender", SELECT_ONE, {"woman": "Woman", "man": "Man", "non_binary": "Non-binary",
                                                     "prefer_not_to_say": "Prefer not to say"},
                  question="gender", options=("woman", "man", "non_binary"))
GOT_HELP = Variable("got_help", "Did you get help?", SELECT_ONE, {"yes": "Yes", "no": "No"}, question="got_help",
                    options=("yes", "no"))
NEEDS = Variable("needs", "What did you need?", SELECT_MULTIPLE,
                 {"housing": "Housing", "legal": "Legal help", "money": "Money advice", "dont_know": "Don't know"},
                 question="needs", options=("housing", "legal", "money"))


def dataset(rows: list[tuple]) -> pd.DataFrame:
    """A frame shaped like dataset.frame(labels=False): codes, None for missing, one-hot beside the multi-select."""
    df = pd.DataFrame(rows, columns=["gender", "got_help", "needs"])
    for column in ("gender", "got_help"):
        df[column] = pd.Categorical(df[column])
    for option in NEEDS.options:
        df[f"needs/{option}"] = pd.array([None if not isinstance(v, str) or v == "dont_know" else int(option in v.split())
                                          for v in df["needs"]], dtype="Int8")
    return df


@pytest.fixture
def survey() -> pd.DataFrame:
    rows = ([("woman", "yes", "housing legal")] * 60 + [("woman", "no", "money")] * 45 + [("man", "yes", "legal")] * 30
            + [("man", "no", "housing money")] * 22 + [("non_binary", "yes", "housing")] * 4
            + [("prefer_not_to_say", "no", "dont_know")] * 12 + [(None, "yes", None)] * 15)
    return dataset(rows)


def shown(table, column=0) -> dict[str, str]:
    return {label: row[column].text for label, row in zip(table.rows, table.cells)}


def test_frequency_counts_and_percentages_equal_pandas(survey):
    table = frequency(survey, GENDER, RULE)
    counts = survey["gender"].value_counts()
    base = int(survey["gender"].notna().sum())
    for label, row in zip(table.rows, table.cells):
        code = {v: k for k, v in GENDER.values.items()}.get(label)
        if row[0].value is None or label == TOTAL:
            continue
        assert row[0].value == counts[code]
        assert row[1].value == pytest.approx(round(100 * counts[code] / base, 1))
        low, high = wilson(int(counts[code]), base)
        assert row[2].text == f"{100 * low:.1f}–{100 * high:.1f}%"
    assert shown(table)[TOTAL] == str(base)


def test_small_counts_and_what_would_reveal_them_are_hidden(survey):
    table = frequency(survey, GENDER, RULE)
    cells = shown(table)
    assert cells["Non-binary"] == "<10"
    hidden = [label for label, text in cells.items() if text == "[c]"]
    assert hidden, "with a published total, one hidden count needs a second"
    assert all(row[1].text == "" for label, row in zip(table.rows, table.cells) if label in hidden + ["Non-binary"])


def test_labelled_and_coded_frames_give_the_same_table(survey):
    labelled = survey.copy()
    labelled["gender"] = survey["gender"].map(GENDER.values).astype("category")
    assert frequency(labelled, GENDER, RULE).cells == frequency(survey, GENDER, RULE).cells


def test_multiple_choice_shares_equal_pandas(survey):
    table = multiple(survey, NEEDS, RULE)
    answered = survey["needs/housing"].notna()
    for option in NEEDS.options:
        row = table.cells[table.rows.index(NEEDS.values[option])]
        chosen = int(survey.loc[answered, f"needs/{option}"].sum())
        assert row[0].value == chosen
        assert row[1].value == pytest.approx(round(100 * survey.loc[answered, f"needs/{option}"].astype(float).mean(), 1))
    assert shown(table)["Respondents who answered (base)"] == str(int(answered.sum()))
    assert shown(table)["Did not answer: don't know"] == "12"  # a decline, not an answer


def test_an_option_almost_everyone_chose_is_hidden_so_the_few_who_did_not_stay_hidden():
    rows = [("woman", "yes", "housing legal")] * 40 + [("woman", "yes", "legal")] * 3
    table = multiple(dataset(rows), NEEDS, RULE)
    cells = shown(table)
    assert cells["Legal help"] == "43"
    assert cells["Housing"] == "[c]"  # 43 - 40 = 3 did not choose it
    assert cells["Money advice"] == "0"


def test_crosstab_shown_cells_equal_pandas_crosstab(survey):
    rows, columns = frequency(survey, GOT_HELP, RULE), frequency(survey, GENDER, RULE)
    table = crosstab(survey, GOT_HELP, GENDER, rule=RULE, rows=rows, columns=columns)
    expected = pd.crosstab(survey["got_help"], survey["gender"].cat.add_categories("none").fillna("none"))
    names = {v: k for k, v in GENDER.values.items()} | {"No answer": "none"}
    for i, label in enumerate(table.rows[:-1]):
        answer = {"Yes": "yes", "No": "no"}[label]
        for j, column in enumerate(table.columns[:-1]):
            cell = table.cells[i][j]
            if cell.value is not None:
                assert cell.value == expected.loc[answer, names[column]]
                assert table.percents[i][j].value == pytest.approx(
                    round(100 * cell.value / table.cells[-1][j].value, 1))
        assert table.cells[i][-1].text == rows.cells[i][0].text  # the same row totals as the frequency table
    assert "No answer" in table.columns


def test_crosstab_hides_a_whole_group_whose_total_is_hidden(survey):
    rows, columns = frequency(survey, GOT_HELP, RULE), frequency(survey, GENDER, RULE)
    table = crosstab(survey, GOT_HELP, GENDER, rule=RULE, rows=rows, columns=columns)
    j = table.columns.index("Non-binary")
    assert [line[j].text for line in table.cells] == ["[c]", "[c]", "[c]"]
