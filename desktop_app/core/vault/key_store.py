"""Private keys kept inside the encrypted vault, by name, with their public halves."""

from dataclasses import dataclass

from desktop_app.core.errors import VaultError
from desktop_app.core.vault.clock import utc_now
from desktop_app.core.vault.database import Database

DEVICE_SIGNING = "device_signing"
ANALYST_SIGNING = "analyst_signing"
ANALYST_AGE = "analyst_age"


@dataclass(frozen=True)
class StoredKey:
    name: str
    secret: bytes
    public: str


class KeyStore:
    def __init__(self, db: Database):
        self.db = db

    def put(self, name: str, secret: bytes, public: str) -> StoredKey:
        """Store a new key; keys are never replaced, since bundles and projects name them."""
        if self.find(name):
            raise VaultError("key_exists", f"This vault already has a {name.replace('_', ' ')} key.")
        self.db.execute(
            "INSERT INTO keys (name, secret, public, created_at) VALUES (?, ?, ?, ?)", (name, secret, public, utc_now())
        )
        return StoredKey(name, secret, public)

    def find(self, name: str) -> StoredKey | None:
        row = self.db.execute("SELECT name, secret, public FROM keys WHERE name = ?", (name,)).fetchone()
        return StoredKey(row[0], bytes(row[1]), row[2]) if row else None

    def get(self, name: str) -> StoredKey:
        key = self.find(name)
        if key is None:
            raise VaultError("no_key", f"This vault has no {name.replace('_', ' ')} key.")
        return key
