import os

import pytest
import sqlcipher3

from desktop_app.core.errors import VaultError
from desktop_app.core.vault import migrations
from desktop_app.core.vault.database import open_database


@pytest.fixture
def conn(tmp_path):
    connection = open_database(tmp_path / "v.db", os.urandom(32), create=True)
    yield connection
    connection.close()


def tables(conn):
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'index', 'trigger')")}


def test_v1_creates_the_tables_and_makes_the_audit_log_append_only(conn):
    assert migrations.migrate(conn, target=1) == [1]
    assert {"meta", "users", "forms", "responses", "audit", "audit_no_update", "audit_no_delete"} <= tables(conn)
    conn.execute("INSERT INTO audit VALUES (1, 't', 'a', 'x', '', '0', '1')")
    with pytest.raises(Exception, match="append-only"):
        conn.execute("DELETE FROM audit")


def test_v2_adds_the_index_the_responses_list_pages_by(conn):
    migrations.migrate(conn, target=1)
    assert migrations.migrate(conn, target=2) == [2]
    assert "responses_by_form_status" in tables(conn)
    plan = " ".join(str(r) for r in conn.execute(
        "EXPLAIN QUERY PLAN SELECT uuid FROM responses WHERE form_id = 'f' AND status = 'complete' ORDER BY updated_at"
    ))
    assert "responses_by_form_status" in plan


def test_migrating_is_idempotent_and_records_the_version(conn):
    migrations.migrate(conn)
    assert migrations.migrate(conn) == []
    assert migrations.schema_version(conn) == migrations.LATEST


def test_a_failing_migration_leaves_the_previous_version_intact(conn, monkeypatch):
    migrations.migrate(conn, target=1)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS[:1], "CREATE TABLE half (x); SELECT no_such_function();"])
    with pytest.raises(Exception):
        migrations.migrate(conn, target=2)
    assert migrations.schema_version(conn) == 1
    assert "half" not in tables(conn)


def test_a_vault_from_a_newer_fieldbook_is_refused(conn):
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    with pytest.raises(VaultError) as error:
        migrations.migrate(conn)
    assert error.value.code == "newer_schema"


def test_v3_adds_corrections_that_go_with_their_response(conn):
    migrations.migrate(conn, target=2)
    assert migrations.migrate(conn, target=3) == [3]
    assert "response_edits" in tables(conn)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(response_edits)")]
    assert columns == ["id", "response_uuid", "at", "user", "reason", "previous_answers"]


def test_v4_keeps_private_keys_inside_the_vault(conn):
    migrations.migrate(conn, target=3)
    assert migrations.migrate(conn, target=4) == [4]
    columns = [row[1] for row in conn.execute("PRAGMA table_info(keys)")]
    assert columns == ["name", "secret", "public", "created_at"]


def test_v5_records_what_each_bundle_carried(conn):
    migrations.migrate(conn, target=4)
    assert migrations.migrate(conn, target=5) == [5]
    assert {"exports", "export_items", "export_items_by_response"} <= tables(conn)


def test_v6_lets_the_responses_list_page_without_sorting(conn):
    migrations.migrate(conn, target=5)
    assert migrations.migrate(conn, target=6) == [6]
    plan = " ".join(str(r) for r in conn.execute(
        "EXPLAIN QUERY PLAN SELECT uuid, form_id, form_version, status, updated_at, created_by FROM responses"
        " ORDER BY updated_at DESC, uuid LIMIT 200 OFFSET 1000"
    ))
    assert "responses_list" in plan and "TEMP B-TREE" not in plan


def test_v7_keeps_free_text_reviews_with_their_response(conn):
    migrations.migrate(conn, target=6)
    assert migrations.migrate(conn, target=7) == [7]
    columns = [row[1] for row in conn.execute("PRAGMA table_info(free_text_reviews)")]
    assert columns == ["response_uuid", "path", "revision", "text", "manual_spans"]


def test_v8_gives_an_existing_vault_the_analysts_store(conn):
    migrations.migrate(conn, target=7)
    assert migrations.migrate(conn, target=8) == [8]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"analyst_projects", "devices", "bundles", "records", "withdrawn"} <= tables


def test_v9_keeps_what_each_bundle_carried(conn):
    migrations.migrate(conn, target=8)
    conn.execute("INSERT INTO exports (seq, name, created_at, state) VALUES (1, 'd-000001.fbx', 'x', 'acknowledged')")
    conn.execute("INSERT INTO exports (seq, name, created_at, state) VALUES (2, 'd-000002.fbx', 'x', 'sent')")
    items = [("r1", 1, 1, "response"), ("r1", 2, 2, "response"), ("r2", 2, 0, "withdrawal")]
    conn.executemany("INSERT INTO export_items (response_uuid, seq, revision, kind) VALUES (?, ?, ?, ?)", items)
    assert migrations.migrate(conn, target=9) == [9]
    assert sorted(conn.execute("SELECT response_uuid, seq, revision, kind FROM export_items")) == items
    with pytest.raises(sqlcipher3.IntegrityError):  # one row per response and bundle, as before
        conn.execute("INSERT INTO export_items (response_uuid, seq, revision, kind) VALUES ('r1', 1, 3, 'response')")


def test_v10_keeps_outgoing_records_only_as_long_as_the_answers_they_were_made_from_and_bundles_pending(conn):
    migrations.migrate(conn, target=9)
    conn.execute("INSERT INTO forms (form_id, version, title, definition, sha256, added_at, added_by)"
                 " VALUES ('f', '1', 'F', '{}', 'x', 'x', 'x')")
    uuids = ("r1", "r2", "r3", "r4", "r5")
    for uuid in uuids:
        conn.execute("INSERT INTO responses (uuid, form_id, form_version, status, answers, created_at, updated_at,"
                     " created_by) VALUES (?, 'f', '1', 'complete', '{}', 'x', 'x', 'x')", (uuid,))
    conn.execute("INSERT INTO exports (seq, name, created_at, state) VALUES (1, 'd-000001.fbx', 'x', 'acknowledged')")
    conn.execute("INSERT INTO export_items (response_uuid, seq, revision, kind) VALUES ('r1', 1, 1, 'response')")
    assert migrations.migrate(conn) == [10]
    assert conn.execute("SELECT seq, state FROM exports").fetchall() == [(1, "acknowledged")]
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("INSERT INTO exports (seq, name, created_at, state) VALUES (2, 'd-000002.fbx', 'x', 'pending')")
    with pytest.raises(sqlcipher3.IntegrityError):  # the bundles' items still refer to the rebuilt table
        conn.execute("INSERT INTO export_items (response_uuid, seq, revision, kind) VALUES ('r1', 3, 1, 'response')")
    conn.executemany("INSERT INTO outgoing (uuid, form_id, form_version, revision, policy, gate, record)"
                     " VALUES (?, 'f', '1', 1, 'p', '[]', '{}')", [(uuid,) for uuid in uuids])
    conn.execute("UPDATE responses SET answers = '{\"a\": 1}' WHERE uuid = 'r1'")
    conn.execute("UPDATE responses SET revision = 2 WHERE uuid = 'r2'")
    conn.execute("UPDATE responses SET status = 'withdrawn' WHERE uuid = 'r3'")
    conn.execute("DELETE FROM responses WHERE uuid = 'r4'")
    conn.execute("UPDATE responses SET updated_at = 'y' WHERE uuid = 'r5'")  # not a change to what it holds
    assert conn.execute("SELECT uuid FROM outgoing").fetchall() == [("r5",)]
