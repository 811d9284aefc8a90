"""Schema versions of the vault, applied in order by `PRAGMA user_version`.

Each migration runs in one transaction with its version bump, so a kill
mid-way leaves the vault at the previous version, never in between.
Append new migrations; never edit a released one.
"""

import sqlcipher3

from desktop_app.core.errors import VaultError

V1_INITIAL = """
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE users (
            name       TEXT PRIMARY KEY,
            role       TEXT NOT NULL CHECK (role IN ('admin', 'worker')),
            created_at TEXT NOT NULL
        );
        CREATE TABLE forms (
            form_id    TEXT NOT NULL,
            version    TEXT NOT NULL,
            title      TEXT NOT NULL,
            definition TEXT NOT NULL,
            sha256     TEXT NOT NULL,
            added_at   TEXT NOT NULL,
            added_by   TEXT NOT NULL,
            PRIMARY KEY (form_id, version)
        );
        CREATE TABLE responses (
            uuid         TEXT PRIMARY KEY,
            form_id      TEXT NOT NULL,
            form_version TEXT NOT NULL,
            status       TEXT NOT NULL CHECK (status IN ('draft', 'complete', 'withdrawn')),
            answers      TEXT NOT NULL,
            receipt_hash TEXT UNIQUE,
            created_at   TEXT NOT NULL,
            updated_at   TEXT NOT NULL,
            completed_at TEXT,
            created_by   TEXT NOT NULL,
            revision     INTEGER NOT NULL DEFAULT 1,
            FOREIGN KEY (form_id, form_version) REFERENCES forms (form_id, version)
        );
        CREATE TABLE audit (
            seq       INTEGER PRIMARY KEY,
            at        TEXT NOT NULL,
            actor     TEXT NOT NULL,
            action    TEXT NOT NULL,
            target    TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash      TEXT NOT NULL
        );
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""

# The responses list filters by form and status and sorts by time; without
# this index each page of a 100,000-row list is a full scan of the cipher pages.
V2_RESPONSE_LIST_INDEX = """
        CREATE INDEX responses_by_form_status ON responses (form_id, status, updated_at);
"""

# Corrections to completed responses keep the answers they replaced and the
# reason given, inside the vault; the audit log records only that an edit happened.
V3_RESPONSE_EDITS = """
        CREATE TABLE response_edits (
            id               INTEGER PRIMARY KEY,
            response_uuid    TEXT NOT NULL REFERENCES responses (uuid) ON DELETE CASCADE,
            at               TEXT NOT NULL,
            user             TEXT NOT NULL,
            reason           TEXT NOT NULL,
            previous_answers TEXT NOT NULL
        );
        CREATE INDEX response_edits_by_response ON response_edits (response_uuid);
"""

# Private keys (device and analyst signing keys, the analyst's age identity)
# live inside the encrypted vault and nowhere else.
V4_KEYS = """
        CREATE TABLE keys (
            name       TEXT PRIMARY KEY,
            secret     BLOB NOT NULL,
            public     TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
"""

# What each bundle carried, so that only new, changed or withdrawn records
# go out, unacknowledged ones go again, and acknowledged ones can be purged.
V5_EXPORTS = """
        CREATE TABLE exports (
            seq          INTEGER PRIMARY KEY,
            name         TEXT NOT NULL,
            created_at   TEXT NOT NULL,
            state        TEXT NOT NULL CHECK (state IN ('sent', 'acknowledged')),
            acknowledged_at TEXT
        );
        CREATE TABLE export_items (
            seq           INTEGER NOT NULL REFERENCES exports (seq),
            response_uuid TEXT NOT NULL,
            revision      INTEGER NOT NULL,
            kind          TEXT NOT NULL CHECK (kind IN ('response', 'withdrawal')),
            PRIMARY KEY (seq, response_uuid)
        );
        CREATE INDEX export_items_by_response ON export_items (response_uuid);
"""

# The responses list pages newest first, optionally by form: covering indexes
# in exactly that order let a page of a 100,000-row list be read without
# sorting the whole table (about 1.1 s down to 0.1 s, bench_responses_list.py).
V6_RESPONSE_LIST_ORDER = """
        CREATE INDEX responses_list ON responses (updated_at DESC, uuid, form_id, form_version, status, created_by);
        CREATE INDEX responses_list_by_form ON responses (form_id, updated_at DESC, uuid, form_version, status, created_by);
"""

# A worker's review of scrubbed free text before export: the text as it will
# leave (only ever more redacted than the automatic scrub), valid for one revision.
V7_FREE_TEXT_REVIEWS = """
        CREATE TABLE free_text_reviews (
            response_uuid TEXT NOT NULL REFERENCES responses (uuid) ON DELETE CASCADE,
            path          TEXT NOT NULL,
            revision      INTEGER NOT NULL,
            text          TEXT NOT NULL,
            manual_spans  TEXT NOT NULL,
            PRIMARY KEY (response_uuid, path)
        );
"""

# The analysts' side: projects they signed, devices they trust (first key
# seen wins), every bundle imported (its hash makes a re-import a no-op and a
# replay with other content a refusal), the merged records as received, and
# tombstones, so a withdrawal wins over any revision imported before or after it.
# A record keeps the bundle it came from: of two copies of one revision (sent
# again because unacknowledged, perhaps generalised differently), the later wins.
V8_ANALYST_STORE = """
        CREATE TABLE analyst_projects (
            project_id TEXT PRIMARY KEY,
            body       TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE devices (
            device_id   TEXT PRIMARY KEY,
            public_key  TEXT NOT NULL,
            project_id  TEXT NOT NULL,
            first_seen  TEXT NOT NULL
        );
        CREATE TABLE bundles (
            device_id         TEXT NOT NULL REFERENCES devices (device_id),
            seq               INTEGER NOT NULL,
            ciphertext_sha256 TEXT NOT NULL,
            imported_at       TEXT NOT NULL,
            records           INTEGER NOT NULL,
            PRIMARY KEY (device_id, seq)
        );
        CREATE TABLE records (
            id           TEXT PRIMARY KEY,
            form_id      TEXT NOT NULL,
            revision     INTEGER NOT NULL,
            device_id    TEXT NOT NULL,
            seq          INTEGER NOT NULL,
            body         TEXT NOT NULL
        );
        CREATE TABLE withdrawn (
            id        TEXT PRIMARY KEY,
            form_id   TEXT NOT NULL,
            device_id TEXT NOT NULL,
            withdrawn TEXT NOT NULL
        );
"""

# What each bundle carried, as one B-tree keyed by response: a rowid table with two
# indexes wrote three, and an export of 100,000 responses waited for them to commit.
# Where each response stands (`fieldbook status`) is counted from an index, without
# reading the answers: 3.7 s down to a fraction of a second at 100,000 responses. The
# same index pages the list filtered by status, which would otherwise sort on it.
V9_EXPORT_ITEMS_BY_RESPONSE = """
        CREATE TABLE export_items_v9 (
            response_uuid TEXT NOT NULL,
            seq           INTEGER NOT NULL REFERENCES exports (seq),
            revision      INTEGER NOT NULL,
            kind          TEXT NOT NULL CHECK (kind IN ('response', 'withdrawal')),
            PRIMARY KEY (response_uuid, seq)
        ) WITHOUT ROWID;
        INSERT INTO export_items_v9 (response_uuid, seq, revision, kind)
            SELECT response_uuid, seq, revision, kind FROM export_items;
        DROP TABLE export_items;
        ALTER TABLE export_items_v9 RENAME TO export_items;
        CREATE INDEX responses_by_status ON responses (status, updated_at DESC, uuid, form_id, form_version, created_by, revision);
"""

# Each completed response as it will leave the device (privacy/outgoing.py), kept from
# when it is completed so that an export need not anonymise everything while the
# worker waits. Its own table, appended to as responses are completed, so an export
# reads it front to back: kept in the responses' rows, they doubled the pages an
# export decrypts; keyed by response id, each was a random lookup (13 s at 100,000).
# Whatever changes a response's answers removes its record.
#
# A bundle is recorded as 'pending' while it is written, and becomes 'sent' once it is
# in place: the bulk of the record is written beside the encryption, not after it.
V10_OUTGOING_RECORDS = """
        CREATE TABLE outgoing (
            uuid         TEXT NOT NULL UNIQUE REFERENCES responses (uuid) ON DELETE CASCADE,
            form_id      TEXT NOT NULL,
            form_version TEXT NOT NULL,
            revision     INTEGER NOT NULL,
            policy       TEXT NOT NULL,
            gate         TEXT NOT NULL,
            record       TEXT NOT NULL
        );
        CREATE TRIGGER outgoing_stale AFTER UPDATE OF answers, status, revision, form_version ON responses
        BEGIN
            DELETE FROM outgoing WHERE uuid = old.uuid;
        END;
        CREATE TABLE exports_v10 (
            seq          INTEGER PRIMARY KEY,
            name         TEXT NOT NULL,
            created_at   TEXT NOT NULL,
            state        TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'acknowledged')),
            acknowledged_at TEXT
        );
        INSERT INTO exports_v10 SELECT seq, name, created_at, state, acknowledged_at FROM exports;
        DROP TABLE exports;
        ALTER TABLE exports_v10 RENAME TO exports;
"""

MIGRATIONS = [V1_INITIAL, V2_RESPONSE_LIST_INDEX, V3_RESPONSE_EDITS, V4_KEYS, V5_EXPORTS, V6_RESPONSE_LIST_ORDER,
              V7_FREE_TEXT_REVIEWS, V8_ANALYST_STORE, V9_EXPORT_ITEMS_BY_RESPONSE, V10_OUTGOING_RECORDS]
LATEST = len(MIGRATIONS)


def schema_version(conn: sqlcipher3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlcipher3.Connection, target: int = LATEST) -> list[int]:
    """Bring the schema up to `target`; return the versions applied."""
    applied = []
    current = schema_version(conn)
    if current > LATEST:
        raise VaultError(
            "newer_schema",
            f"This vault was written by a newer Fieldbook (schema {current}, this one knows {LATEST}); update Fieldbook.",
        )
    # A table others refer to is rebuilt with foreign keys off (they can only be switched
    # outside a transaction), and the references are checked before each commit.
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        for version in range(current + 1, target + 1):
            # executescript commits whatever is open before it runs, so the
            # transaction is part of the script itself.
            conn.executescript(f"BEGIN IMMEDIATE;\n{MIGRATIONS[version - 1]}\nPRAGMA user_version = {version};")
            if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise VaultError("corrupt_database", f"Upgrading the vault to schema {version} broke a reference.")
            conn.execute("COMMIT")
            applied.append(version)
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    return applied
