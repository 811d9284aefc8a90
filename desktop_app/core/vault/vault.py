"""The device vault: an encrypted database plus the keyslots that open it.

A vault is a folder holding `vault.db` (SQLCipher, keyed with a random
256-bit data key) and `keyslots.json` (that key wrapped per user and once for
the recovery key). Opening it means proving a passphrase against a keyslot,
then proving the unwrapped key against the database.
"""

import os
import secrets
import shutil
from pathlib import Path

from desktop_app.core.errors import AuthError, VaultError
from desktop_app.core.vault import keyslots, migrations
from desktop_app.core.vault.accounts import (
    Account,
    Accounts,
    check_role,
    check_user_name,
)
from desktop_app.core.vault.audit import AuditLog
from desktop_app.core.vault.clock import utc_now
from desktop_app.core.vault.database import (
    KEY_BYTES,
    Database,
    open_database,
    translate,
)
from desktop_app.core.vault.exports_repo import ExportsRepository
from desktop_app.core.vault.files import VaultFiles, require_vault, user_names  # noqa: F401 (re-exported)
from desktop_app.core.vault.forms_repo import FormsRepository, StoredForm
from desktop_app.core.vault.key_store import KeyStore
from desktop_app.core.vault.outgoing import OutgoingRepository
from desktop_app.core.vault.passphrase_policy import check_passphrase
from desktop_app.core.vault.recovery_key import new_recovery_key, normalise_recovery_key
from desktop_app.core.vault.responses import ResponsesRepository
from desktop_app.core.vault.reviews_repo import ReviewsRepository
from desktop_app.core.vault.throttle import UnlockThrottle


class Vault:
    """An unlocked vault, acting as one user."""

    def __init__(self, files: VaultFiles, db: Database, user: Account, data_key: bytes):
        self.files = files
        self.db = db
        self.user = user
        self._data_key = data_key
        self.audit = AuditLog(db)
        self.accounts = Accounts(db)
        self.forms = FormsRepository(db)
        self.keys = KeyStore(db)
        self.exports = ExportsRepository(db)
        self.reviews = ReviewsRepository(db)
        self.outgoing = OutgoingRepository(db, self.forms, self.keys)
        self.responses = ResponsesRepository(db, self.audit, bytes.fromhex(self._meta("receipt_secret")), self.outgoing)

    # -- opening ---------------------------------------------------------

    @classmethod
    def create(cls, folder: Path, admin: str, passphrase: str, kdf: keyslots.KdfParams | None = None) -> tuple["Vault", str]:
        """A new vault with its first admin; returns it and the recovery key (show it once)."""
        files = VaultFiles(folder)
        if files.exists():
            raise VaultError("vault_exists", f"There is already a vault in {folder}.")
        check_user_name(admin)
        check_passphrase(passphrase, admin)
        kdf = kdf or keyslots.DEFAULT_KDF
        data_key = secrets.token_bytes(KEY_BYTES)
        recovery_key = new_recovery_key()
        # Build the whole vault in a sibling folder and rename it into place,
        # so a kill during setup never leaves a half-made vault behind.
        staging = folder.with_name(f".{folder.name}.setup-{secrets.token_hex(4)}")
        try:
            staging.mkdir(parents=True)
            staged = VaultFiles(staging)
            conn = open_database(staged.database, data_key, create=True)
            db = Database(conn, staged.database)
            migrations.migrate(conn)
            with db.transaction():
                db.execute("INSERT INTO meta (key, value) VALUES ('vault_id', ?)", (secrets.token_hex(16),))
                db.execute("INSERT INTO meta (key, value) VALUES ('created_at', ?)", (utc_now(),))
                db.execute("INSERT INTO meta (key, value) VALUES ('receipt_secret', ?)", (secrets.token_hex(32),))
                account = Accounts(db).add(admin, "admin")
                audit = AuditLog(db)
                audit.record(admin, "vault.create")
                audit.record(admin, "user.add", admin)
            db.close()
            keyslots.save(staged.keyslots, {
                keyslots.user_slot_name(admin): keyslots.seal(data_key, keyslots.user_slot_name(admin), passphrase, kdf),
                keyslots.RECOVERY_SLOT: keyslots.seal(data_key, keyslots.RECOVERY_SLOT, recovery_key, kdf),
            })
            os.rename(staging, folder)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise translate(exc, files.database) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return cls._open_as(files, account.name, data_key), recovery_key

    @classmethod
    def unlock(cls, folder: Path, user: str | None, passphrase: str) -> "Vault":
        files = VaultFiles(folder)
        require_vault(files.folder)
        user = user or _only_user(folder)
        throttle = UnlockThrottle(files.throttle)
        throttle.check()
        slots = keyslots.load(files.keyslots)
        slot = slots.get(keyslots.user_slot_name(user))
        if slot is None:
            throttle.failed()
            raise AuthError("unknown_user", f"There is no account '{user}' in this vault.")
        try:
            data_key = keyslots.open_slot(slot, passphrase, files.keyslots)
        except AuthError:
            throttle.failed()
            raise
        vault = cls._open_as(files, user, data_key)
        throttle.succeeded()
        return vault

    @classmethod
    def recover(cls, folder: Path, user: str, recovery_key: str, new_passphrase: str) -> "Vault":
        """Set a forgotten passphrase using the recovery key shown at setup."""
        files = VaultFiles(folder)
        require_vault(files.folder)
        throttle = UnlockThrottle(files.throttle)
        throttle.check()
        slot = keyslots.load(files.keyslots).get(keyslots.RECOVERY_SLOT)
        if slot is None:
            raise VaultError("no_recovery_slot", f"{files.keyslots} has no recovery slot.")
        try:
            data_key = keyslots.open_slot(slot, normalise_recovery_key(recovery_key), files.keyslots)
        except AuthError:
            throttle.failed()
            raise
        vault = cls._open_as(files, user, data_key)
        throttle.succeeded()
        vault._set_slot(user, new_passphrase, action="user.recover")
        return vault

    @classmethod
    def _open_as(cls, files: VaultFiles, user: str, data_key: bytes) -> "Vault":
        conn = open_database(files.database, data_key)
        db = Database(conn, files.database)
        try:
            migrations.migrate(conn)
            account = Accounts(db).find(user)
        except BaseException:
            db.close()
            raise
        if account is None:
            db.close()
            raise AuthError("unknown_user", f"There is no account '{user}' in this vault.")
        return cls(files, db, account, data_key)

    def close(self) -> None:
        self.db.close()
        self._data_key = b""

    def __enter__(self) -> "Vault":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- accounts ----------------------------------------------------------

    def add_user(self, name: str, role: str, passphrase: str) -> Account:
        self.require_admin("add accounts")
        check_user_name(name)
        check_role(role)
        check_passphrase(passphrase, name)
        slots = keyslots.load(self.files.keyslots)
        slot_name = keyslots.user_slot_name(name)
        if slot_name in slots or self.accounts.find(name):
            raise AuthError("user_exists", f"There is already an account named '{name}'.")
        slots[slot_name] = keyslots.seal(self._data_key, slot_name, passphrase)
        with self.db.transaction():
            account = self.accounts.add(name, role)
            self.audit.record(self.user.name, "user.add", name)
            # The slot is written inside the transaction: if it cannot be
            # saved, the account row is rolled back with it.
            _save_slots(self.files, slots)
        return account

    def set_passphrase(self, name: str, new_passphrase: str) -> None:
        """Change your own passphrase, or (admins) anyone's; rewrites that one keyslot."""
        if name != self.user.name:
            self.require_admin("change another account's passphrase")
        if not self.accounts.find(name):
            raise AuthError("unknown_user", f"There is no account '{name}' in this vault.")
        self._set_slot(name, new_passphrase, action="user.passwd")

    def add_form(self, form_id: str, version: str, title: str, definition: str) -> StoredForm:
        self.require_admin("add forms")
        with self.db.transaction():
            stored = self.forms.add(form_id, version, title, definition, self.user.name)
            self.audit.record(self.user.name, "form.add", f"{form_id}@{version}")
        return stored

    def store_response(self, form_id: str, version: str, answers: dict) -> tuple[str, str]:
        """A completed response captured in one go; returns its id and receipt code."""
        return self.responses.store_complete(form_id, version, answers, self.user.name)

    def verify_passphrase(self, passphrase: str) -> None:
        """Prove the person at an unlocked laptop is this account's owner (before changing it)."""
        throttle = UnlockThrottle(self.files.throttle)
        throttle.check()
        slot = keyslots.load(self.files.keyslots).get(keyslots.user_slot_name(self.user.name))
        if slot is None:
            raise AuthError("unknown_user", f"There is no account '{self.user.name}' in this vault.")
        try:
            keyslots.open_slot(slot, passphrase, self.files.keyslots)
        except AuthError:
            throttle.failed()  # guesses at an unattended laptop are slowed like any others
            raise
        throttle.succeeded()

    def list_users(self) -> list[Account]:
        self.require_admin("list accounts")
        return self.accounts.all()

    def _set_slot(self, name: str, passphrase: str, action: str) -> None:
        check_passphrase(passphrase, name)
        slots = keyslots.load(self.files.keyslots)
        slot_name = keyslots.user_slot_name(name)
        slots[slot_name] = keyslots.seal(self._data_key, slot_name, passphrase)
        with self.db.transaction():
            self.audit.record(self.user.name, action, name)
            _save_slots(self.files, slots)

    def require_admin(self, what: str) -> None:
        if not self.user.is_admin:
            raise AuthError("forbidden", f"Only an admin can {what}; '{self.user.name}' is a {self.user.role}.")

    def check_integrity(self) -> None:
        """Read every page: HMAC of each (tampering, bit rot) and the b-tree structure (truncation)."""
        failures = [row[0] for row in self.db.execute("PRAGMA cipher_integrity_check")]
        failures += [row[0] for row in self.db.execute("PRAGMA integrity_check") if row[0] != "ok"]
        if failures:
            shown = "; ".join(failures[:3]) + (f"; and {len(failures) - 3} more" if len(failures) > 3 else "")
            raise VaultError("corrupt_database", f"The vault database {self.files.database} is damaged: {shown}.")

    def _meta(self, key: str) -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise VaultError("corrupt_database", f"The vault database {self.files.database} lacks its '{key}' record.")
        return row[0]

    @property
    def vault_id(self) -> str:
        return self._meta("vault_id")

    def meta(self, key: str) -> str | None:
        """A workspace setting kept in the vault (project, device id, workspace kind), or None."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str, action: str) -> None:
        self.require_admin("change this workspace's setup")
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
            self.audit.record(self.user.name, action, key)


def _save_slots(files: VaultFiles, slots: dict[str, keyslots.Keyslot]) -> None:
    try:
        keyslots.save(files.keyslots, slots)
    except OSError as exc:
        raise translate(exc, files.keyslots) from None


def _only_user(folder: Path) -> str:
    names = user_names(folder)
    if len(names) == 1:
        return names[0]
    raise AuthError("user_required", f"This vault has {len(names)} accounts: say which one is unlocking (--user NAME).")
