"""What has been exported, and so what must go in the next bundle.

A response goes out when it is complete and no acknowledged bundle carried
its current revision; a withdrawal goes out when an earlier bundle carried
the response and no acknowledged bundle has carried its tombstone yet.
Unacknowledged records are simply sent again: the analysts' import is
idempotent.
"""

import json
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import sqlcipher3

from desktop_app.core import fast_json
from desktop_app.core.vault.clock import utc_now
from desktop_app.core.vault.database import Database, translate

_ACKED = "SELECT 1 FROM export_items i JOIN exports e ON e.seq = i.seq WHERE e.state = 'acknowledged' AND i.response_uuid = r.uuid"
_CARRIED = ("SELECT 1 FROM export_items i JOIN exports e ON e.seq = i.seq"
            " WHERE i.response_uuid = r.uuid AND i.kind = 'response' AND i.revision >= r.revision")


@dataclass(frozen=True)
class Pending:
    uuid: str
    form_id: str
    form_version: str
    revision: int
    answers: dict
    completed_at: str
    created_by: str


class ExportsRepository:
    def __init__(self, db: Database):
        self.db = db

    def next_seq(self) -> int:
        return (self.db.execute("SELECT max(seq) FROM exports").fetchone()[0] or 0) + 1

    def pending_responses(self) -> list[Pending]:
        rows = self.db.execute(
            "SELECT uuid, form_id, form_version, revision, answers, completed_at, created_by FROM responses r"
            f" WHERE status = 'complete' AND NOT EXISTS ({_ACKED} AND i.kind = 'response' AND i.revision >= r.revision)"
            " ORDER BY completed_at, uuid"
        )
        return [Pending(u, f, v, rev, json.loads(a), c, by) for u, f, v, rev, a, c, by in rows]

    def kept_in_chunks(self, policy: str) -> Iterator[tuple[list[list], list[str]]]:
        """The kept records made for `policy` (vault/outgoing.py), in the order they were made, a chunk at a time.

        Each chunk is ([[uuid, form_id, form_version, revision, acknowledged, gate values], ...],
        their records as JSON texts): acknowledged when an acknowledged bundle carried this
        revision; the gate values are the record's answers to its form version's
        quasi-identifiers (privacy/outgoing.py, OutgoingRecords.record). SQLite builds each chunk as
        two texts with the GIL released, so the next chunk is read and decrypted on another
        thread while the caller works on this one; the caller must not use the vault until
        the iteration ends.
        """
        for about, records in _read_ahead(self.db, _KEPT_CHUNK, _CHUNK, {"policy": policy}):
            yield fast_json.loads(about), records.split(_SEPARATOR)

    def unkept_in_chunks(self, policy: str) -> Iterator[list[list]]:
        """Completed responses without a record kept for `policy`, decoded, a chunk at a time (read as kept_in_chunks).

        Each as [uuid, form_id, form_version, revision, completed_at, created_by, acknowledged, answers],
        in the order they were first stored.
        """
        for (text,) in _read_ahead(self.db, _UNKEPT_CHUNK, _CHUNK, {"policy": policy}):
            yield fast_json.loads(text)

    def count_completed(self) -> int:
        return self.db.execute("SELECT count(*) FROM responses WHERE status = 'complete'").fetchone()[0]

    def pending_withdrawals(self) -> list[tuple[str, str, str]]:
        """(uuid, form_id, withdrawn at) of withdrawals the analysts have not confirmed, by uuid.

        Sorted here: ordered by SQLite, the query walks the table by uuid instead of a covering index.
        """
        return sorted(self.db.execute(
            "SELECT uuid, form_id, updated_at FROM responses r WHERE status = 'withdrawn'"
            " AND EXISTS (SELECT 1 FROM export_items i WHERE i.response_uuid = r.uuid AND i.kind = 'response')"
            f" AND NOT EXISTS ({_ACKED} AND i.kind = 'withdrawal')"
        ))

    def record_pending(self, seq: int, name: str, responses: dict[str, int], withdrawals: list[str]) -> None:
        """Record a bundle being written, with its responses ({uuid: revision}) and withdrawals: 'pending'
        counts as nothing, so a failure or a kill before `mark_sent` leaves nothing marked as sent."""
        self.db.execute("INSERT INTO exports (seq, name, created_at, state) VALUES (?, ?, ?, 'pending')",
                        (seq, name, utc_now()))
        # One statement per kind over a JSON object {uuid: revision}: row by row, the driver costs
        # several times as much. In key order, since random uuids inserted as they come split index
        # pages all over the file; sorted by SQLite, which does it without holding the GIL.
        for kind, revisions in (("response", responses), ("withdrawal", dict.fromkeys(withdrawals, 0))):
            if revisions:
                self.db.execute(
                    "INSERT INTO export_items (seq, response_uuid, revision, kind)"
                    " SELECT ?, key, value, ? FROM json_each(?) ORDER BY key",
                    (seq, kind, fast_json.dumps(revisions)),
                )

    def mark_sent(self, seq: int) -> None:
        """The pending bundle is in place: its records count as sent from now on."""
        self.db.execute("UPDATE exports SET state = 'sent' WHERE seq = ? AND state = 'pending'", (seq,))

    def forget_pending(self) -> None:
        """Bundles recorded as pending by an export that failed or was killed: they were never sent."""
        self.db.execute("DELETE FROM export_items WHERE seq IN (SELECT seq FROM exports WHERE state = 'pending')")
        self.db.execute("DELETE FROM exports WHERE state = 'pending'")

    def unacknowledged(self) -> list[tuple[int, str]]:
        return self.db.execute("SELECT seq, name FROM exports WHERE state = 'sent' ORDER BY seq").fetchall()

    def acknowledge(self, seq: int) -> bool:
        return bool(self.db.change(
            "UPDATE exports SET state = 'acknowledged', acknowledged_at = ? WHERE seq = ? AND state = 'sent'", (utc_now(), seq)
        ))

    def status(self) -> dict[str, int]:
        """Completed responses by where they stand: waiting, sent (not yet confirmed), acknowledged.

        One pass over an index of the responses (the answers are not read): a revision counts as
        sent or acknowledged when a bundle in that state carried it or a later one.
        """
        total, acknowledged, sent = self.db.execute(
            "SELECT count(*), coalesce(sum(acked), 0), coalesce(sum(sent AND NOT acked), 0) FROM ("
            f" SELECT EXISTS ({_CARRIED} AND e.state = 'acknowledged') AS acked,"
            f"        EXISTS ({_CARRIED} AND e.state = 'sent') AS sent"
            " FROM responses r WHERE status = 'complete')"
        ).fetchone()
        drafts = self.db.execute("SELECT count(*) FROM responses WHERE status = 'draft'")
        return {"waiting": total - acknowledged - sent, "sent": sent, "acknowledged": acknowledged,
                "drafts": drafts.fetchone()[0]}

    def purge_acknowledged(self, completed_before: str) -> int:
        """Delete responses the analysts hold, once the project's retention period has passed."""
        return self.db.change(
            "DELETE FROM responses WHERE uuid IN (SELECT i.response_uuid FROM export_items i JOIN exports e"
            " ON e.seq = i.seq WHERE e.state = 'acknowledged') AND status IN ('complete', 'withdrawn')"
            " AND coalesce(completed_at, updated_at) < ?",  # from the acknowledged items: no scan of every response
            (completed_before,),
        )


# One chunk of kept records or of completed responses after a rowid (see kept_in_chunks and
# unkept_in_chunks): whole texts, so the reading thread holds the GIL once per chunk, not per row.
# A JSON text never holds a raw control character, so records are joined by one.
# NOT INDEXED: by the status index, SQLite would sort every completed response for each chunk.
_SEPARATOR = "\x1e"
_ACKNOWLEDGED = "EXISTS (" + _ACKED + " AND i.kind = 'response' AND i.revision >= r.revision) AS acked"
_KEPT_CHUNK = (
    "SELECT '[' || group_concat('[' || json_quote(uuid) || ',' || json_quote(form_id) || ',' || json_quote(form_version)"
    " || ',' || revision || ',' || acked || ',' || gate || ']', ',') || ']',"
    " group_concat(record, char(30)), max(id)"
    " FROM (SELECT r.rowid AS id, r.*, " + _ACKNOWLEDGED + " FROM outgoing r"
    " WHERE r.rowid > :last AND r.policy = :policy ORDER BY r.rowid LIMIT :size)"
)
_UNKEPT_CHUNK = (
    "SELECT '[' || group_concat('[' || json_quote(uuid) || ',' || json_quote(form_id) || ',' || json_quote(form_version)"
    " || ',' || revision || ',' || json_quote(completed_at) || ',' || json_quote(created_by) || ',' || acked"
    " || ',' || answers || ']', ',') || ']', max(id)"
    " FROM (SELECT r.rowid AS id, r.*, " + _ACKNOWLEDGED + " FROM responses r NOT INDEXED"
    " WHERE r.rowid > :last AND r.status = 'complete'"
    " AND NOT EXISTS (SELECT 1 FROM outgoing o WHERE o.uuid = r.uuid AND o.policy = :policy)"
    " ORDER BY r.rowid LIMIT :size)"
)
_CHUNK = 2000


def _read_ahead(db: Database, sql: str, size: int, params: dict) -> Iterator[tuple]:
    """The rows of a query run chunk by chunk, one chunk read ahead.

    `sql` takes :last, the last key, :size and `params`, and returns one row of texts, ending with
    the chunk's last key; the rows come without it, until a chunk is empty.

    The reading thread uses the connection while this thread holds its lock, so nothing
    else uses it meanwhile; this thread must not either until the iteration ends.
    """
    chunks: queue.Queue = queue.Queue(maxsize=2)
    stop = threading.Event()

    def put(item) -> None:
        while not stop.is_set():
            try:
                chunks.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def read() -> None:
        last = 0
        try:
            while not stop.is_set():
                *texts, last = db.conn.execute(sql, {**params, "last": last, "size": size}).fetchone()
                if texts[0] is None:
                    put(None)
                    return
                put(tuple(texts))
        except sqlcipher3.Error as exc:
            put(translate(exc, db.path))
        except BaseException as exc:  # handed to the caller, whatever it is
            put(exc)

    with db.lock:
        reader = threading.Thread(target=read, name="vault-read-ahead", daemon=True)
        reader.start()
        try:
            while (item := chunks.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            stop.set()
            reader.join()
