"""What has been exported, and so what must go in the next bundle.

A response goes out when it is complete and no acknowledged bundle carried
its current revision; a withdrawal goes out when an earlier bundle carried
the response and no acknowledged bundle has carried its tombstone yet.
Unacknowledged records are simply sent again: the analysts' import is
idempotent.
"""

import json
from dataclasses import dataclass

from desktop_app.core.vault.clock import utc_now
from desktop_app.core.vault.database import Database

_ACKED = "SELECT 1 FROM export_items i JOIN exports e ON e.seq = i.seq WHERE e.state = 'acknowledged' AND i.response_uuid = r.uuid"


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

    def pending_ids(self) -> set[str]:
        """Ids of the completed responses the next bundle must carry (without reading their answers)."""
        rows = self.db.execute(
            "SELECT uuid FROM responses r"
            f" WHERE status = 'complete' AND NOT EXISTS ({_ACKED} AND i.kind = 'response' AND i.revision >= r.revision)"
        )
        return {row[0] for row in rows}

    def complete_responses(self, form_id: str) -> list[Pending]:
        """Every completed response of a form: what the disclosure gate must consider."""
        rows = self.db.execute(
            "SELECT uuid, form_id, form_version, revision, answers, completed_at, created_by FROM responses"
            " WHERE status = 'complete' AND form_id = ? ORDER BY completed_at, uuid",
            (form_id,),
        )
        return [Pending(u, f, v, rev, json.loads(a), c, by) for u, f, v, rev, a, c, by in rows]

    def pending_withdrawals(self) -> list[tuple[str, str, str]]:
        """(uuid, form_id, withdrawn at) of withdrawals the analysts have not confirmed."""
        return self.db.execute(
            "SELECT uuid, form_id, updated_at FROM responses r WHERE status = 'withdrawn'"
            " AND EXISTS (SELECT 1 FROM export_items i WHERE i.response_uuid = r.uuid AND i.kind = 'response')"
            f" AND NOT EXISTS ({_ACKED} AND i.kind = 'withdrawal') ORDER BY uuid"
        ).fetchall()

    def record_sent(self, seq: int, name: str, items: list[tuple[str, int, str]]) -> None:
        """Call inside a transaction, only once the bundle is in place under its final name."""
        self.db.execute("INSERT INTO exports (seq, name, created_at, state) VALUES (?, ?, ?, 'sent')", (seq, name, utc_now()))
        self.db.executemany_rows(
            "INSERT INTO export_items (seq, response_uuid, revision, kind) VALUES (?, ?, ?, ?)",
            # in key order: random uuids inserted as they come split index pages all over the file
            sorted((seq, uuid, revision, kind) for uuid, revision, kind in items),
        )

    def unacknowledged(self) -> list[tuple[int, str]]:
        return self.db.execute("SELECT seq, name FROM exports WHERE state = 'sent' ORDER BY seq").fetchall()

    def acknowledge(self, seq: int) -> bool:
        return bool(self.db.change(
            "UPDATE exports SET state = 'acknowledged', acknowledged_at = ? WHERE seq = ? AND state = 'sent'", (utc_now(), seq)
        ))

    def status(self) -> dict[str, int]:
        """Completed responses by where they stand: waiting, sent (not yet confirmed), acknowledged."""
        waiting = len(self.pending_responses())
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
            f"DELETE FROM responses WHERE uuid IN (SELECT uuid FROM responses r WHERE status IN ('complete', 'withdrawn')"
            f" AND coalesce(completed_at, updated_at) < ? AND EXISTS ({_ACKED}))",
            (completed_before,),
        )
