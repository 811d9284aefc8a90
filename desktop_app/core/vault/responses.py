"""Survey responses: drafts saved as they are typed, completed ones made durable.

Answers are stored as JSON inside the encrypted database. Every write is one
transaction; with `synchronous=FULL` a completed response is on disk when
`complete` returns.
"""

import json
import uuid as uuidlib
from dataclasses import dataclass

import sqlcipher3

from desktop_app.core.errors import VaultError
from desktop_app.core.vault import receipts
from desktop_app.core.vault.audit import AuditLog
from desktop_app.core.vault.clock import utc_now
from desktop_app.core.vault.database import Database, translate
from desktop_app.core.vault.outgoing import OutgoingRepository

STATUSES = ("draft", "complete", "withdrawn")
_OUTGOING = "form_id, form_version, revision, completed_at, created_by"  # what OutgoingRepository.refresh takes


@dataclass(frozen=True)
class Response:
    uuid: str
    form_id: str
    form_version: str
    status: str
    answers: dict
    created_at: str
    updated_at: str
    completed_at: str | None
    created_by: str
    revision: int


class ResponsesRepository:
    _COLUMNS = "uuid, form_id, form_version, status, answers, created_at, updated_at, completed_at, created_by, revision"

    def __init__(self, db: Database, audit: AuditLog, receipt_secret: bytes, outgoing: OutgoingRepository):
        self.db = db
        self.audit = audit
        self._receipt_secret = receipt_secret
        self._outgoing = outgoing

    def create_draft(self, form_id: str, form_version: str, answers: dict, user: str) -> str:
        """Start a response; returns its id."""
        response_id = str(uuidlib.uuid4())
        with self.db.transaction():
            self._insert(response_id, form_id, form_version, answers, utc_now(), user)
            self.audit.record(user, "response.create", response_id)
        return response_id

    def save_draft(self, response_id: str, answers: dict) -> None:
        """Overwrite a draft's answers (called about once a second while typing; not audited)."""
        with self.db.transaction():
            changed = self.db.change(
                "UPDATE responses SET answers = ?, updated_at = ? WHERE uuid = ? AND status = 'draft'",
                (_dump(answers), utc_now(), response_id),
            )
            if not changed:
                self._explain_not_draft(response_id)

    def complete(self, response_id: str, answers: dict, user: str) -> str:
        """Store the final answers and return a new receipt code (shown once, stored only hashed)."""
        with self.db.transaction():
            return self._finish(response_id, answers, user)

    def store_complete(self, form_id: str, form_version: str, answers: dict, user: str) -> tuple[str, str]:
        """A response captured whole (headless capture): created and completed in one transaction."""
        response_id = str(uuidlib.uuid4())
        now = utc_now()
        with self.db.transaction():
            self._insert(response_id, form_id, form_version, answers, now, user)
            self.audit.record(user, "response.create", response_id)
            return response_id, self._finish(response_id, answers, user)

    def _insert(self, response_id: str, form_id: str, form_version: str, answers: dict, now: str, user: str) -> None:
        try:
            self.db.conn.execute(
                "INSERT INTO responses (uuid, form_id, form_version, status, answers, created_at, updated_at, created_by)"
                " VALUES (?, ?, ?, 'draft', ?, ?, ?, ?)",
                (response_id, form_id, form_version, _dump(answers), now, now, user),
            )
        except sqlcipher3.IntegrityError:
            raise VaultError("unknown_form", f"Form '{form_id}' version {form_version} is not in this vault.") from None
        except sqlcipher3.Error as exc:
            raise translate(exc, self.db.path) from None

    def _finish(self, response_id: str, answers: dict, user: str) -> str:
        now = utc_now()
        while True:
            code = receipts.new_code()
            try:
                stored = self.db.conn.execute(
                    "UPDATE responses SET status = 'complete', answers = ?, receipt_hash = ?, updated_at = ?,"
                    f" completed_at = ? WHERE uuid = ? AND status = 'draft' RETURNING {_OUTGOING}",
                    (_dump(answers), receipts.code_hash(self._receipt_secret, code), now, now, response_id),
                ).fetchone()
                break
            except sqlcipher3.IntegrityError:
                continue  # 40 random bits met an existing receipt: draw again
            except sqlcipher3.Error as exc:
                raise translate(exc, self.db.path) from None
        if stored is None:
            self._explain_not_draft(response_id)
        self._outgoing.refresh(response_id, *stored, answers)
        self.audit.record(user, "response.complete", response_id)
        return code

    def amend(self, response_id: str, answers: dict, user: str, reason: str) -> None:
        """Correct a completed response; the reason and the replaced answers stay in the vault."""
        if not reason.strip():
            raise VaultError("reason_required", "Say why the response is being changed.")
        with self.db.transaction():
            row = self.db.execute("SELECT status, answers FROM responses WHERE uuid = ?", (response_id,)).fetchone()
            if row is None or row[0] != "complete":
                raise VaultError("not_editable", f"Response {response_id} is {row[0] if row else 'missing'}; only completed responses can be corrected.")
            now = utc_now()
            self.db.execute(
                "INSERT INTO response_edits (response_uuid, at, user, reason, previous_answers) VALUES (?, ?, ?, ?, ?)",
                (response_id, now, user, reason.strip(), row[1]),
            )
            stored = self.db.execute(
                f"UPDATE responses SET answers = ?, updated_at = ?, revision = revision + 1 WHERE uuid = ? RETURNING {_OUTGOING}",
                (_dump(answers), now, response_id),
            ).fetchone()
            self._outgoing.refresh(response_id, *stored, answers)
            self.audit.record(user, "response.edit", response_id)

    def edits(self, response_id: str) -> list[tuple[str, str, str]]:
        """(when, who, why) of each correction, oldest first."""
        return self.db.execute(
            "SELECT at, user, reason FROM response_edits WHERE response_uuid = ? ORDER BY id", (response_id,)
        ).fetchall()

    def withdraw(self, code: str, user: str) -> str:
        """A respondent's withdrawal by receipt code: the answers are erased, the id remains as a tombstone."""
        with self.db.transaction():
            digest = receipts.code_hash(self._receipt_secret, code)
            row = self.db.execute("SELECT uuid, status FROM responses WHERE receipt_hash = ?", (digest,)).fetchone()
            if row is None:
                raise VaultError("unknown_receipt", f"No response on this device has receipt code {receipts.display(code)}.")
            response_id, status = row
            if status == "withdrawn":
                raise VaultError("already_withdrawn", f"The response with receipt code {receipts.display(code)} was already withdrawn.")
            self.db.execute("DELETE FROM response_edits WHERE response_uuid = ?", (response_id,))
            self.db.execute(
                "UPDATE responses SET status = 'withdrawn', answers = '{}', updated_at = ? WHERE uuid = ?",
                (utc_now(), response_id),
            )
            self.audit.record(user, "response.withdraw", response_id)
        return response_id

    def discard_draft(self, response_id: str, user: str) -> None:
        """Drop a draft entirely (consent declined, or abandoned): nothing of it is kept."""
        with self.db.transaction():
            if not self.db.change("DELETE FROM responses WHERE uuid = ? AND status = 'draft'", (response_id,)):
                self._explain_not_draft(response_id)
            self.audit.record(user, "response.discard", response_id)

    def count_completed_since(self, iso_date: str) -> int:
        return self.db.execute(
            "SELECT count(*) FROM responses WHERE status = 'complete' AND completed_at >= ?", (iso_date,)
        ).fetchone()[0]

    def summaries(self, offset: int, limit: int, form_id: str | None = None, status: str | None = None) -> list[tuple]:
        """Rows for a list view, without the answers: (uuid, form_id, form_version, status, updated_at, created_by)."""
        where, params = _filters(form_id, status)
        return self.db.execute(
            f"SELECT uuid, form_id, form_version, status, updated_at, created_by FROM responses{where}"
            " ORDER BY updated_at DESC, uuid LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()

    def get(self, response_id: str) -> Response | None:
        row = self.db.execute(f"SELECT {self._COLUMNS} FROM responses WHERE uuid = ?", (response_id,)).fetchone()
        return _response(row) if row else None

    def find_by_receipt(self, code: str) -> Response | None:
        digest = receipts.code_hash(self._receipt_secret, code)
        row = self.db.execute(f"SELECT {self._COLUMNS} FROM responses WHERE receipt_hash = ?", (digest,)).fetchone()
        return _response(row) if row else None

    def count(self, form_id: str | None = None, status: str | None = None) -> int:
        where, params = _filters(form_id, status)
        return self.db.execute(f"SELECT count(*) FROM responses{where}", params).fetchone()[0]

    def page(self, offset: int, limit: int, form_id: str | None = None, status: str | None = None) -> list[Response]:
        """One window of the list, newest first, for lazy views over many rows."""
        where, params = _filters(form_id, status)
        rows = self.db.execute(
            f"SELECT {self._COLUMNS} FROM responses{where} ORDER BY updated_at DESC, uuid LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [_response(row) for row in rows]

    def _explain_not_draft(self, response_id: str) -> None:
        row = self.db.execute("SELECT status FROM responses WHERE uuid = ?", (response_id,)).fetchone()
        if row is None:
            raise VaultError("unknown_response", f"There is no response {response_id} in this vault.")
        raise VaultError("wrong_status", f"Response {response_id} is {row[0]}, no longer a draft.")


def _dump(answers: dict) -> str:
    return json.dumps(answers, ensure_ascii=False, separators=(",", ":"))


def _response(row: tuple) -> Response:
    values = list(row)
    values[4] = json.loads(values[4])
    return Response(*values)


def _filters(form_id: str | None, status: str | None) -> tuple[str, tuple]:
    clauses, params = [], []
    if form_id is not None:
        clauses.append("form_id = ?")
        params.append(form_id)
    if status is not None:
        clauses.append("status = ?")
        params.append(status)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)
