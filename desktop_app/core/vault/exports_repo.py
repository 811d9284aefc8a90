"""What has been exported, and so what must go in the next bundle.

A response goes out when it is complete and no acknowledged bundle carried
its current revision; a withdrawal goes out when an earlier bundle carried
the response and no acknowledged bundle has carried its tombstone yet.
Unacknowledged records are simply sent again: the analysts' import is
idempotent.
"""

import json
from dataclasses import dataclass
from typing import NamedTuple

from desktop_app.core.vault.clock import utc_now
from desktop_app.core.vault.database import Database

_ACKED = "SELECT 1 FROM export_items i JOIN exports e ON e.seq = i.seq WHERE e.state = 'acknowledged' AND i.response_uuid = r.uuid"


class Stored(NamedTuple):
    uuid: str
    form_version: str
    revision: int
    answers: str  # JSON
    completed_at: str
    created_by: str


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

    def complete_responses(self, form_id: str) -> list[Stored]:
        """Every completed response of a form (what the disclosure gate must consider), answers still as JSON.

        In order of completion. The export decodes each one as it goes, and needs only the
        quasi-identifiers of those already acknowledged. Sorted here rather than by SQLite,
        whose sort would copy every row's answers once more.
        """
        rows = self.db.execute(
            "SELECT uuid, form_version, revision, answers, completed_at, created_by FROM responses"
            " WHERE status = 'complete' AND form_id = ?",
            (form_id,),
        )
        rows.sort(key=_completion_order)
        return list(map(Stored._make, rows))

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

    def record_sent(self, seq: int, name: str, items: list[tuple[str, int, str]]) -> None:
        """Call inside a transaction, only once the bundle is in place under its final name."""
        self.db.execute("INSERT INTO exports (seq, name, created_at, state) VALUES (?, ?, ?, 'sent')", (seq, name, utc_now()))
        # One statement per kind over a JSON object {uuid: revision}: row by row, the driver (and
        # SQLCipher's locked memory) costs several times as much. In key order, since random uuids
        # inserted as they come split index pages all over the file.
        items = sorted(items)
        for kind in ("response", "withdrawal"):
            revisions = {uuid: revision for uuid, revision, item_kind in items if item_kind == kind}
            if revisions:
                self.db.execute(
                    "INSERT INTO export_items (seq, response_uuid, revision, kind) SELECT ?, key, value, ? FROM json_each(?)",
                    (seq, kind, json.dumps(revisions)),
                )

    def unacknowledged(self) -> list[tuple[int, str]]:
        return self.db.execute("SELECT seq, name FROM exports WHERE state = 'sent' ORDER BY seq").fetchall()

    def acknowledge(self, seq: int) -> bool:
        return bool(self.db.change(
            "UPDATE exports SET state = 'acknowledged', acknowledged_at = ? WHERE seq = ? AND state = 'sent'", (utc_now(), seq)
        ))

    def status(self) -> dict[str, int]:
        """Completed responses by where they stand: waiting, sent (not yet confirmed), acknowledged."""
        waiting = self.db.execute(
            "SELECT count(*) FROM responses r WHERE status = 'complete'"
            f" AND NOT EXISTS ({_ACKED} AND i.kind = 'response' AND i.revision >= r.revision)"
        ).fetchone()[0]
        acknowledged = self.db.execute(
            f"SELECT count(*) FROM responses r WHERE status = 'complete' AND EXISTS ({_ACKED} AND i.kind = 'response' AND i.revision >= r.revision)"
        ).fetchone()[0]
        sent = self.db.execute(
            "SELECT count(DISTINCT r.uuid) FROM responses r JOIN export_items i ON i.response_uuid = r.uuid"
            " JOIN exports e ON e.seq = i.seq WHERE r.status = 'complete' AND e.state = 'sent' AND i.revision >= r.revision"
        ).fetchone()[0]
        return {"waiting": waiting - sent, "sent": sent, "acknowledged": acknowledged,
                "drafts": self.db.execute("SELECT count(*) FROM responses WHERE status = 'draft'").fetchone()[0]}

    def purge_acknowledged(self, completed_before: str) -> int:
        """Delete responses the analysts hold, once the project's retention period has passed."""
        return self.db.change(
            "DELETE FROM responses WHERE uuid IN (SELECT i.response_uuid FROM export_items i JOIN exports e"
            " ON e.seq = i.seq WHERE e.state = 'acknowledged') AND status IN ('complete', 'withdrawn')"
            " AND coalesce(completed_at, updated_at) < ?",  # from the acknowledged items: no scan of every response
            (completed_before,),
        )


def _completion_order(row: tuple) -> tuple:
    """ORDER BY completed_at, uuid, as SQLite sorts them (NULL first; text by UTF-8 bytes, which is code point order)."""
    return row[4] is not None, row[4] or "", row[0]
