"""Append-only, hash-chained record of who did what to which record, never the content.

Each row's hash covers its fields and the previous row's hash, and the head
(last sequence number and hash) is kept in `meta`, so an edited, deleted or
truncated row breaks the chain. Triggers refuse UPDATE and DELETE outright.
"""

import hashlib
from dataclasses import dataclass, field

from desktop_app.core.vault.clock import utc_now
from desktop_app.core.vault.database import Database

GENESIS = "0" * 64


@dataclass
class AuditReport:
    rows: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _row_hash(prev_hash: str, seq: int, at: str, actor: str, action: str, target: str) -> str:
    joined = "\x1f".join([prev_hash, str(seq), at, actor, action, target])
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


class AuditLog:
    def __init__(self, db: Database):
        self.db = db

    def record(self, actor: str, action: str, target: str = "") -> None:
        """Append one event; call inside the transaction that makes the change it describes."""
        seq, prev_hash = self._head()
        seq += 1
        at = utc_now()
        digest = _row_hash(prev_hash, seq, at, actor, action, target)
        self.db.execute(
            "INSERT INTO audit (seq, at, actor, action, target, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (seq, at, actor, action, target, prev_hash, digest),
        )
        self.db.execute(
            "INSERT INTO meta (key, value) VALUES ('audit_head', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (f"{seq}:{digest}",),
        )

    def _head(self) -> tuple[int, str]:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
        if row is None:
            return 0, GENESIS
        seq, digest = row[0].split(":")
        return int(seq), digest

    def entries(self, limit: int = 100) -> list[tuple]:
        """The most recent events, newest first: (seq, at, actor, action, target)."""
        return self.db.execute(
            "SELECT seq, at, actor, action, target FROM audit ORDER BY seq DESC LIMIT ?", (limit,)
        ).fetchall()

    def verify(self) -> AuditReport:
        """Walk the whole chain and name every row that does not fit."""
        report = AuditReport(rows=0)
        expected_seq, prev_hash = 1, GENESIS
        rows = self.db.execute(
            "SELECT seq, at, actor, action, target, prev_hash, hash FROM audit ORDER BY seq"
        )
        for seq, at, actor, action, target, stored_prev, stored_hash in rows:
            report.rows += 1
            if seq != expected_seq:
                report.problems.append(f"rows {expected_seq}-{seq - 1} are missing (deleted)")
            elif stored_prev != prev_hash:
                report.problems.append(f"row {seq} does not follow row {seq - 1} (a row before it was changed or removed)")
            if _row_hash(stored_prev, seq, at, actor, action, target) != stored_hash:
                report.problems.append(f"row {seq} ({action}) was edited after it was written")
            expected_seq, prev_hash = seq + 1, stored_hash
        head_seq, head_hash = self._head()
        if head_seq != expected_seq - 1 or (head_seq and head_hash != prev_hash):
            report.problems.append(f"the log ends at row {expected_seq - 1} but {head_seq} rows were written (rows removed from the end)")
        return report
