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

    def at_most(self) -> int:
        """An upper bound on how many responses there are, read at once (for progress bars): rowids count from 1."""
        return self.db.execute("SELECT max(rowid) FROM responses").fetchone()[0] or 0

    def completed_in_chunks(self) -> Iterator[list[list]]:
        """Every completed response (what the disclosure gate must consider), decoded, a chunk at a time.

        Each as [uuid, form_id, form_version, revision, completed_at, created_by, answers],
        in the order they were first stored. SQLite builds each chunk as
        one JSON text with the GIL released, so the next chunk is read and decrypted on
        another thread while the caller works on this one; the caller must not use the
        vault until the iteration ends.
        """
        for text in _read_ahead(self.db, _COMPLETE_CHUNK, _CHUNK):
            yield fast_json.loads(text)

    def acknowledged_revisions(self) -> dict[str, int]:
        """Each response's newest revision that an acknowledged bundle carried: newer ones must go out."""
        return dict(self.db.execute(
            "SELECT i.response_uuid, max(i.revision) FROM export_items i JOIN exports e ON e.seq = i.seq"
            " WHERE e.state = 'acknowledged' AND i.kind = 'response' GROUP BY i.response_uuid"
        ))

    def pending_withdrawals(self) -> list[tuple[str, str, str]]:
        """(uuid, form_id, withdrawn at) of withdrawals the analysts have not confirmed, by uuid.

        Sorted here: ordered by SQLite, the query walks the table by uuid instead of a covering index.
        """
        return sorted(self.db.execute(
            "SELECT uuid, form_id, updated_at FROM responses r WHERE status = 'withdrawn'"
            " AND EXISTS (SELECT 1 FROM export_items i WHERE i.response_uuid = r.uuid AND i.kind = 'response')"
            f" AND NOT EXISTS ({_ACKED} AND i.kind = 'withdrawal')"
        ))

    def record_sent(self, seq: int, name: str, responses: dict[str, int], withdrawals: list[str]) -> None:
        """Record a bundle's responses ({uuid: revision}) and withdrawals as sent, inside a transaction
        that commits only once the bundle is in place under its final name."""
        self.db.execute("INSERT INTO exports (seq, name, created_at, state) VALUES (?, ?, ?, 'sent')", (seq, name, utc_now()))
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


# One chunk of completed responses after a rowid, as a JSON array of
# [uuid, form_id, form_version, revision, completed_at, created_by, answers]:
# one text per chunk, so the reading thread holds the GIL once per chunk, not per row.
# NOT INDEXED: by the status index, SQLite would sort every completed response for each chunk.
_COMPLETE_CHUNK = (
    "SELECT '[' || group_concat('[' || json_quote(uuid) || ',' || json_quote(form_id) || ',' || json_quote(form_version)"
    " || ',' || revision || ',' || json_quote(completed_at) || ',' || json_quote(created_by) || ',' || answers || ']', ',')"
    " || ']', max(id) FROM (SELECT rowid AS id, * FROM responses NOT INDEXED WHERE rowid > ? AND status = 'complete'"
    " ORDER BY rowid LIMIT ?)"
)
_CHUNK = 2000


def _read_ahead(db: Database, sql: str, size: int) -> Iterator[str]:
    """The texts of a query run chunk by chunk (`sql` takes the last key and a size), one chunk read ahead.

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
                text, last = db.conn.execute(sql, (last, size)).fetchone()
                put(text)
                if text is None:
                    return
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
