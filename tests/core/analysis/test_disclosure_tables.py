"""Disclosure control for tables: presets, secondary suppression, and a brute-force attacker.

The attacker is written here, independently of the module's max-flow audit: it
searches for whole tables of counts consistent with everything published, and
a publication is safe when every true count from 1 to threshold-1 could still
be 1 and could still be threshold-1.
"""

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from desktop_app.core.analysis.dataset import SELECT_ONE, Variable
from desktop_app.core.analysis.disclosure_tables import (
    percent,
    primary,
    publish_frequency,
    publish_multiple,
    rule_for,
)
from desktop_app.core.analysis.errors import AnalysisError
from desktop_app.core.analysis.tables import (
    NO_ANSWER,
    TOTAL,
    crosstab,
    frequency,
    wilson,
)


def test_presets_and_the_projects_minimum():
    assert rule_for("default", 10).threshold == 10
    assert rule_for("default", 3).threshold == 3
    assert rule_for("nhs", 5).threshold == 8  # NHS Digital: 1-7 hidden
    assert rule_for("nhs", 10).threshold == 10  # the project's minimum is stricter
    assert rule_for("gss", 1).threshold == 5
    with pytest.raises(AnalysisError) as error:
        rule_for("lenient", 10)
    assert error.value.code == "unknown_preset"


@pytest.mark.parametrize(("preset", "count", "text"), [
    ("default", 0, "0"), ("default", 9, "<10"), ("default", 10, "10"), ("default", 1234, "1,234"),
    ("nhs", 0, "0"), ("nhs", 7, "*"), ("nhs", 8, "10"), ("nhs", 12, "10"), ("nhs", 13, "15"),
    ("gss", 0, "0"), ("gss", 4, "fewer than 5"), ("gss", 5, "5"), ("gss", 7, "5"), ("gss", 8, "10"),
])
def test_each_preset_shows_counts_its_own_way(preset, count, text):
    assert primary(count, rule_for(preset, 1 if preset != "default" else 10)).text == text


def texts(published) -> list[str]:
    return [s.text for s in published.cells]


def test_one_hidden_count_brings_the_next_smallest_with_it():
    published = publish_frequency([3, 50, 60], rule_for("default", 10))
    assert texts(published) == ["<10", "[c]", "60"]
    assert published.total.text == "113"


def test_two_small_counts_whose_sum_is_known_are_protected_by_a_third():
    # 9 + 9 = 18 = 68 - 50: both would be exactly 9 without hiding the 50.
    assert texts(publish_frequency([9, 9, 50], rule_for("default", 10))) == ["<10", "<10", "[c]"]


def test_a_table_with_no_safe_version_is_withheld():
    assert publish_frequency([2, 1], rule_for("default", 10)) is None


def test_percentages_come_from_published_numbers_only():
    rule = rule_for("nhs", 10)
    assert percent(primary(13, rule), primary(52, rule)) == pytest.approx(100 * 15 / 50)
    assert percent(primary(3, rule), primary(52, rule)) is None
    assert percent(primary(13, rule), primary(4, rule)) is None


# -- the brute-force attacker ------------------------------------------------------------

SMALL_LABELS = {"<", "*", "fewer than"}


def interval(text: str, rule, cap: int, anything: bool = False) -> tuple[int, int]:
    """What a reader learns about a count from its published text, per the report's stated rules."""
    t = rule.threshold
    if text == "[c]":
        return (0 if anything else t), cap
    if text.startswith(("<", "*", "fewer than")):
        return 1, t - 1
    value = int(text.replace(",", ""))
    if rule.rounds and value:
        lowest = 5 * -(-t // 5)  # the smallest rounded number shown stands for every count from t
        return (t if value == lowest else value - 2), value + 2
    return value, value


def exists(domains: list[tuple[int, int]], constraints: list[tuple[list[int], int, int]]) -> bool:
    """Whether whole numbers within `domains` satisfy every (variables, low, high) sum: depth-first, each value
    tried only within what the sums still allow."""
    domains = list(domains)
    for members, low, high in constraints:
        if len(members) == 1:
            (v,) = members
            domains[v] = (max(domains[v][0], low), min(domains[v][1], high))
    if any(low > high for low, high in domains):
        return False
    n = len(domains)
    of = [[k for k, (members, _, _) in enumerate(constraints) if v in members] for v in range(n)]
    partial = [0] * len(constraints)
    rest_low = [sum(domains[v][0] for v in members) for members, _, _ in constraints]
    rest_high = [sum(domains[v][1] for v in members) for members, _, _ in constraints]

    def search(v: int) -> bool:
        if v == n:
            return all(low <= partial[k] <= high for k, (_, low, high) in enumerate(constraints))
        low, high = domains[v]
        for k in of[v]:
            rest_low[k] -= low
            rest_high[k] -= high
        lowest, highest = low, high
        for k in of[v]:
            _, c_low, c_high = constraints[k]
            lowest = max(lowest, c_low - partial[k] - rest_high[k])
            highest = min(highest, c_high - partial[k] - rest_low[k])
        found = False
        for value in range(lowest, highest + 1):
            for k in of[v]:
                partial[k] += value
            found = search(v + 1)
            for k in of[v]:
                partial[k] -= value
            if found:
                break
        for k in of[v]:
            rest_low[k] += low
            rest_high[k] += high
        return found

    return search(0)


def assert_nothing_small_is_narrowed(truth: list[int], domains, constraints, sensitive: list[tuple[list[int], int]], t):
    """Every sensitive sum (variables, true value) with a true value from 1 to t-1 could still be 1 and t-1."""
    for members, value in sensitive:
        if 1 <= value < t:
            for probe in (1, t - 1):
                assert exists(domains, [*constraints, (members, probe, probe)]), (
                    f"a count of {value} could be worked out as not {probe}: {truth}")


presets = st.sampled_from(["default", "nhs", "gss"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 14), min_size=1, max_size=6), st.integers(0, 3), st.data(), presets, st.integers(3, 6))
def test_no_frequency_table_or_subtotal_reveals_a_small_count(counts, skipped, data, preset, min_cell):
    rule = rule_for(preset, min_cell)
    responses = primary(sum(counts) + skipped, rule)
    assume(responses.value is not None)  # with fewer responses than the threshold, a report shows no table at all
    group = data.draw(st.lists(st.integers(0, len(counts) - 1), unique=True, max_size=len(counts)))
    groups = [sorted(group)] if len(group) > 1 else []
    published = publish_frequency(counts, rule, groups=groups, responses=responses)
    if published is None:
        return  # withheld: nothing is shown
    cap = 2 * (sum(counts) + skipped) + 3 * rule.threshold
    domains = [interval(s.text, rule, cap) for s in published.cells] + [(0, cap)]  # the last: who did not answer
    everything = list(range(len(counts)))
    constraints = [(everything, *interval(published.total.text, rule, cap)),
                   ([*everything, len(counts)], *interval(responses.text, rule, cap))]
    constraints += [(members, *interval(s.text, rule, cap)) for members, s in zip(groups, published.subtotals)]
    for s, count in zip(published.cells, counts):
        assert s.value is None or s.value == 0 or s.value >= rule.threshold
        assert (s.value == 0) == (count == 0) or s.value is None
    sensitive = [([i], c) for i, c in enumerate(counts)] + [(everything, sum(counts))]
    sensitive += [(members, sum(counts[i] for i in members)) for members in groups]
    assert_nothing_small_is_narrowed([*counts, skipped], domains, constraints, sensitive, rule.threshold)


ANSWER = Variable("answer", "Answer", SELECT_ONE, {"a": "A", "b": "B"}, question="answer", options=("a", "b"))
GROUP = Variable("group", "Group", SELECT_ONE, {"x": "X", "y": "Y", "z": "Z"}, question="group", options=("x", "y", "z"))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.integers(0, 6), min_size=3, max_size=3), min_size=2, max_size=2),
       st.lists(st.integers(0, 2), min_size=3, max_size=3), presets, st.integers(3, 4))
def test_no_crosstab_with_its_frequency_tables_reveals_a_small_count(grid, missing, preset, min_cell):
    """The cross-tabulation, the two frequency tables and the number of responses, read together by one attacker."""
    rule = rule_for(preset, min_cell)
    t = rule.threshold
    rows = []
    for i, answer in enumerate("ab"):
        for j, group in enumerate("xyz"):
            rows += [(answer, group)] * grid[i][j]
        rows += [(answer, None)] * missing[i]  # answered, but not the group question
    rows += [(None, "x")] * missing[2]  # the group question only
    assume(len(rows) >= t)  # with fewer responses than that, a report shows no table at all
    df = pd.DataFrame(rows, columns=["answer", "group"])
    for column in df:
        df[column] = pd.Categorical(df[column])
    answers, groups = frequency(df, ANSWER, rule), frequency(df, GROUP, rule)
    table = crosstab(df, ANSWER, GROUP, rule, rows=answers, columns=groups)

    # Variables: the 2 x 4 cells of answer by group-or-no-answer, then the respondents in each group who did not
    # give an answer (never published: the attacker does not know they are all in X).
    full = [[*line, missing[i]] for i, line in enumerate(grid)]
    truth = [c for line in full for c in line] + [missing[2], 0, 0]
    cell = {(i, j): 4 * i + j for i in range(2) for j in range(4)}
    cap = interval(primary(len(rows), rule).text, rule, 0)[1]  # the report says how many responded
    domains = [(0, cap)] * 11
    constraints = [(list(range(11)), 0, cap)]

    def publish(members: list[int], text: str, anything: bool = False):
        constraints.append((members, *interval(text, rule, cap, anything)))

    answer_rows = {label: [cell[i, j] for j in range(4)] for i, label in enumerate("AB")}
    group_columns = {label: [cell[0, j], cell[1, j], 8 + j] for j, label in enumerate("XYZ")}
    if not answers.withheld:
        for label, row in zip(answers.rows, answers.cells):
            publish([v for m in answer_rows.values() for v in m] if label == TOTAL else answer_rows[label], row[0].text)
    if not groups.withheld:
        for label, row in zip(groups.rows, groups.cells):
            publish([v for m in group_columns.values() for v in m] if label == TOTAL else group_columns[label],
                     row[0].text)
    linked = list(constraints)  # what the frequency tables and the number of responses say on their own
    if not table.withheld:
        assert table.columns[-1] == TOTAL and all(c in ("X", "Y", "Z", NO_ANSWER) for c in table.columns[:-1])
        columns = [("XYZ".index(c) if c in "XYZ" else 3) for c in table.columns[:-1]]
        assert set(range(4)) - set(columns) == ({3} if not any(missing[:2]) else set())
        overall = dict(zip(groups.rows, (row[0].text for row in groups.cells)))
        for i in range(2):
            for k, j in enumerate(columns):
                concealed_line = not table.cells[i][-1].text[0].isdigit() or not table.cells[-1][k].text[0].isdigit()
                publish([cell[i, j]], table.cells[i][k].text, anything=concealed_line)
            publish(answer_rows["AB"[i]], table.cells[i][-1].text)
        for k, j in enumerate(columns):  # a group hidden in its own table is concealed whole here
            hidden_group = not overall.get(table.columns[k], "0")[0].isdigit()
            publish([cell[0, j], cell[1, j]], table.cells[-1][k].text, anything=hidden_group)
        publish(list(cell.values()), table.cells[-1][-1].text)
        for line, percents in zip(table.cells, table.percents):
            for c, p, base in zip(line, percents, table.cells[-1]):
                assert p.value == percent_of(c.value, base.value)
    # The frequency tables' counts are protected outright. Two published frequency tables already bound their
    # cross-tabulation (at least R + C - N people are in both a row and a column), so for its cells the test is
    # that publishing the cross-tabulation rules out no value of 1 or t-1 that the frequency tables left open.
    # How many skipped a question is not protected (the number of responses and each question's total are
    # published), and it bounds the "no answer" column, which is left out here.
    margins = [(members, sum(truth[v] for v in members)) for members in [*answer_rows.values(), *group_columns.values()]]
    assert_nothing_small_is_narrowed(truth, domains, constraints, margins, t)
    inside = [([cell[i, j]], full[i][j]) for i in range(2) for j in range(3)]
    inside += [([cell[0, j], cell[1, j]], full[0][j] + full[1][j]) for j in range(3)]
    for members, value in inside:
        if 1 <= value < t:
            for probe in (1, t - 1):
                if exists(domains, [*linked, (members, probe, probe)]):
                    assert exists(domains, [*constraints, (members, probe, probe)]), (
                        f"the cross-tabulation shows a count of {value} is not {probe}: {truth}")


def percent_of(count, base):
    if count is None or not base:
        return None
    return round(100 * count / base, 1)


def test_confidence_intervals_use_published_numbers():
    df = pd.DataFrame({"answer": pd.Categorical(["a"] * 48 + ["b"] * 52)})
    table = frequency(df, ANSWER, rule_for("nhs", 10))
    low, high = wilson(50, 100)  # 48 and 52 are shown rounded, as 50 and 50
    assert table.cells[0][2].text == f"{100 * low:.1f}–{100 * high:.1f}%"


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 30), st.lists(st.integers(0, 30), min_size=1, max_size=5), presets, st.integers(3, 10))
def test_no_multiple_choice_count_reveals_a_small_count_or_a_small_remainder(base, chosen, preset, min_cell):
    """Each option's count and the base: both how many chose it and how many did not stay hidden when small."""
    rule = rule_for(preset, min_cell)
    t = rule.threshold
    chosen = [min(c, base) for c in chosen]
    publication = publish_multiple(chosen, base, rule)
    if publication is None:
        assert 1 <= base < 2 * t - 1  # every count or its remainder would be small: the table is withheld
        return
    published, shown_base = publication
    cap = 2 * base + 3 * t
    for count, s in zip(chosen, published):
        # variables: chose it, did not; the base is their sum
        domains = [(0, cap), (0, cap)]
        constraints = [([0, 1], *interval(shown_base.text, rule, cap))]
        if s.text == "[c]":  # hidden because few did not choose it
            constraints.append(([1], 1, t - 1))
        else:
            constraints.append(([0], *interval(s.text, rule, cap)))
        assert_nothing_small_is_narrowed([count, base - count], domains, constraints,
                                         [([0], count), ([1], base - count), ([0, 1], base)], t)
