"""Worker and admin accounts stored in the vault (their keyslots live beside it)."""

import re
from dataclasses import dataclass

from desktop_app.core.errors import AuthError
from desktop_app.core.vault.clock import utc_now
from desktop_app.core.vault.database import Database

ROLES = ("admin", "worker")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,31}")


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    created_at: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def check_user_name(name: str) -> None:
    if not _NAME.fullmatch(name or ""):
        raise AuthError(
            "bad_user_name",
            f"'{name}' is not a usable account name: use 1-32 letters, digits, '.', '_' or '-', starting with a letter or digit.",
        )


def check_role(role: str) -> None:
    if role not in ROLES:
        raise AuthError("bad_role", f"Unknown role '{role}': choose one of {', '.join(ROLES)}.")


class Accounts:
    def __init__(self, db: Database):
        self.db = db

    def add(self, name: str, role: str) -> Account:
        check_user_name(name)
        check_role(role)
        if self.find(name):
            raise AuthError("user_exists", f"There is already an account named '{name}'.")
        account = Account(name, role, utc_now())
        self.db.execute(
            "INSERT INTO users (name, role, created_at) VALUES (?, ?, ?)",
            (account.name, account.role, account.created_at),
        )
        return account

    def find(self, name: str) -> Account | None:
        row = self.db.execute("SELECT name, role, created_at FROM users WHERE name = ?", (name,)).fetchone()
        return Account(*row) if row else None

    def all(self) -> list[Account]:
        rows = self.db.execute("SELECT name, role, created_at FROM users ORDER BY name")
        return [Account(*row) for row in rows]
