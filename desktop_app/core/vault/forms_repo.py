"""Form definitions stored in the vault, one row per (form id, version)."""

import hashlib
from dataclasses import dataclass

from desktop_app.core.errors import VaultError
from desktop_app.core.vault.clock import utc_now
from desktop_app.core.vault.database import Database


@dataclass(frozen=True)
class StoredForm:
    form_id: str
    version: str
    title: str
    definition: str
    sha256: str
    added_at: str


class FormsRepository:
    _COLUMNS = "form_id, version, title, definition, sha256, added_at"

    def __init__(self, db: Database):
        self.db = db

    def add(self, form_id: str, version: str, title: str, definition: str, added_by: str) -> StoredForm:
        """Store a form version; adding the same content again is a no-op."""
        digest = hashlib.sha256(definition.encode("utf-8")).hexdigest()
        existing = self.get(form_id, version)
        if existing:
            if existing.sha256 != digest:
                raise VaultError(
                    "form_version_clash",
                    f"Form '{form_id}' version {version} is already stored with different content; give the new one a new version.",
                )
            return existing
        form = StoredForm(form_id, version, title, definition, digest, utc_now())
        self.db.execute(
            "INSERT INTO forms (form_id, version, title, definition, sha256, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (form.form_id, form.version, form.title, form.definition, form.sha256, form.added_at, added_by),
        )
        return form

    def get(self, form_id: str, version: str | None = None) -> StoredForm | None:
        """One version, or the most recently added one when `version` is None."""
        if version is None:
            row = self.db.execute(
                f"SELECT {self._COLUMNS} FROM forms WHERE form_id = ? ORDER BY added_at DESC, rowid DESC LIMIT 1",
                (form_id,),
            ).fetchone()
        else:
            row = self.db.execute(
                f"SELECT {self._COLUMNS} FROM forms WHERE form_id = ? AND version = ?", (form_id, version)
            ).fetchone()
        return StoredForm(*row) if row else None

    def count(self) -> int:
        """How many distinct forms (not versions) the vault holds."""
        return self.db.execute("SELECT count(DISTINCT form_id) FROM forms").fetchone()[0]

    def all(self) -> list[StoredForm]:
        rows = self.db.execute(f"SELECT {self._COLUMNS} FROM forms ORDER BY form_id, added_at, rowid")
        return [StoredForm(*row) for row in rows]
