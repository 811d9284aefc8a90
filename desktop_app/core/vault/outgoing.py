"""The kept outgoing records (privacy/outgoing.py): made as responses are completed, used by exports.

A kept record goes with its response: a trigger removes it whenever the
response's answers, status or revision change, and a foreign key when the
response is deleted, so one can never outlive what it was made from.
"""

import json

from desktop_app.core import fast_json
from desktop_app.core.forms.loader import form_from_definition
from desktop_app.core.privacy.outgoing import OutgoingRecords, fingerprint
from desktop_app.core.vault.database import Database
from desktop_app.core.vault.forms_repo import FormsRepository
from desktop_app.core.vault.key_store import DEVICE_SIGNING, KeyStore

SETTINGS = "outgoing"  # meta key: the project and allow-list the records are made for, set at setup and by each export


# Of responses still at the revision the record was made from.
_KEEP = ("INSERT OR REPLACE INTO outgoing (uuid, form_id, form_version, revision, policy, gate, record)"
         " SELECT uuid, form_id, form_version, revision, ?, ?, ? FROM responses"
         " WHERE uuid = ? AND revision = ? AND status = 'complete'")
_KEEP_CACHE_KIB = -256 * 1024  # negative: KiB, as PRAGMA cache_size takes it


class OutgoingRepository:
    def __init__(self, db: Database, forms: FormsRepository, keys: KeyStore):
        self.db, self.forms, self.keys = db, forms, keys
        self._maker: OutgoingRecords | None = None  # made from the settings when first needed

    def configure(self, project_id: str, allow: list[str]) -> None:
        """Make records for this project and allow-list from now on (inside the caller's transaction).

        Records made for other settings can never be used again, so they go.
        """
        text = json.dumps({"project_id": project_id, "allow": list(allow)})
        self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (SETTINGS, text))
        self.db.execute("DELETE FROM outgoing WHERE policy != ?", (fingerprint(project_id, allow),))
        self._maker = None

    def allow_list(self) -> list[str] | None:
        """The allow-list records are made with, or None before the device has a project."""
        settings = self._settings()
        return None if settings is None else json.loads(settings)["allow"]

    def refresh(self, response_id: str, form_id: str, version: str, revision: int, completed_at: str | None,
                user: str, answers: dict) -> None:
        """Keep the record of a response just completed or corrected (inside the transaction that saves it).

        Nothing is kept before the device has a project. A record that cannot be made or kept
        never fails the save: the export anonymises the response then, and reports there what is wrong.
        """
        maker = self._maker or self._make_maker()
        if maker is None:
            return
        try:
            record, gate = maker.record(response_id, form_id, version, revision, completed_at, user, answers)
            with self.db.savepoint():
                self.db.execute("INSERT OR REPLACE INTO outgoing (uuid, form_id, form_version, revision, policy, gate, record)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)", (response_id, form_id, version, revision, maker.fingerprint,
                                                                  fast_json.dumps(gate).decode(), fast_json.dumps(record).decode()))
        except Exception:  # noqa: BLE001 - see above; the message could quote answers, so it is not kept either
            if not self.db.conn.in_transaction:
                raise  # the error undid the whole save (a full disk): it must fail, not half-commit

    def keep(self, policy: str, made: list[tuple[str, int, str, str]]) -> None:
        """Keep the records an export made itself, (uuid, revision, gate, record), for the next
        (inside its transaction). Row by row, so that the driver lets go of the GIL while SQLite
        works; with room in the page cache for the id index being filled, whose pages the default
        cache wrote out and read back again (5 s instead of 2 s at 100,000)."""
        size = self.db.execute("PRAGMA cache_size").fetchone()[0]
        self.db.execute(f"PRAGMA cache_size = {_KEEP_CACHE_KIB}")
        try:
            self.db.executemany_rows(_KEEP, [(policy, gate, record, uuid, revision) for uuid, revision, gate, record in made])
        finally:
            self.db.execute(f"PRAGMA cache_size = {size}")

    def _settings(self) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (SETTINGS,)).fetchone()
        return row[0] if row else None

    def _make_maker(self) -> OutgoingRecords | None:
        settings, key = self._settings(), self.keys.find(DEVICE_SIGNING)
        if settings is not None and key is not None:
            decoded = json.loads(settings)
            self._maker = OutgoingRecords(self._form_of, key.secret, decoded["project_id"], decoded["allow"])
        return self._maker

    def _form_of(self, form_id: str, version: str):
        return form_from_definition(self.forms.get(form_id, version).definition)
