"""Queries that must stay linear at 100,000 responses: each walks one index or the table, never sorts all of it.

A new index can change SQLite's choice: the status index once turned each
chunk of an export's read into a sort of every completed response (14 s
instead of 4 s), and the list filtered by status into a 3 s sort.
"""

import pytest

from desktop_app.core.vault import exports_repo, outgoing


def plan(vault, sql: str, params: tuple | dict = ()) -> list[str]:
    return [row[3] for row in vault.db.execute("EXPLAIN QUERY PLAN " + sql, params)]


@pytest.mark.parametrize("sql", [exports_repo._KEPT_CHUNK, exports_repo._UNKEPT_CHUNK])
def test_an_export_reads_front_to_back(vault, sql):
    steps = plan(vault, sql, {"policy": "p", "last": 0, "size": 2000})
    assert any("INTEGER PRIMARY KEY (rowid>?)" in step for step in steps), steps
    assert not any("TEMP B-TREE" in step for step in steps), steps


@pytest.mark.parametrize("form_id, status", [(None, None), ("f", None), (None, "complete"), ("f", "draft")])
def test_a_page_of_the_responses_list_is_read_without_sorting(vault, form_id, status):
    where = " AND ".join(clause for clause, value in (("form_id = ?", form_id), ("status = ?", status)) if value)
    params = tuple(value for value in (form_id, status) if value)
    steps = plan(vault, "SELECT uuid, form_id, form_version, status, updated_at, created_by FROM responses"
                        f"{' WHERE ' + where if where else ''} ORDER BY updated_at DESC, uuid LIMIT 50", params)
    assert not any("TEMP B-TREE" in step for step in steps), steps


def test_status_counts_from_an_index_without_reading_the_answers(vault):
    steps = plan(vault, "SELECT uuid, revision FROM responses r WHERE status = 'complete'")
    assert any("COVERING INDEX responses_by_status" in step for step in steps), steps


def test_the_records_an_export_made_find_their_responses_by_id(vault):
    steps = plan(vault, outgoing._KEEP, ("p", "[]", "{}", "id", 1))
    assert steps == ["SEARCH responses USING INDEX sqlite_autoindex_responses_1 (uuid=?)"], steps
