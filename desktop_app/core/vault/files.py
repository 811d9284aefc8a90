"""Where a vault's files are, and what can be read of it before it is opened.

Kept apart from vault.py so that the unlock screen can appear without
loading the database driver and the key-derivation libraries (and a
NamedTuple rather than a dataclass, which would cost more than the rest).
"""

from pathlib import Path
from typing import NamedTuple

from desktop_app.core.errors import VaultError


class VaultFiles(NamedTuple):
    folder: Path

    @property
    def database(self) -> Path:
        return self.folder / "vault.db"

    @property
    def keyslots(self) -> Path:
        return self.folder / "keyslots.json"

    @property
    def throttle(self) -> Path:
        return self.folder / "unlock-failures.json"

    def exists(self) -> bool:
        return self.database.exists() or self.keyslots.exists()


def user_names(folder: Path) -> list[str]:
    """Accounts that can unlock this vault, read from the keyslots (no passphrase needed)."""
    from desktop_app.core.vault import (
        keyslots,  # after the unlock window is up, not before
    )

    files = VaultFiles(folder)
    require_vault(files.folder)
    prefix = keyslots.user_slot_name("")
    return sorted(name[len(prefix):] for name in keyslots.load(files.keyslots) if name.startswith(prefix))


def require_vault(folder: Path) -> None:
    """Fail early, before asking for a passphrase, when there is no vault to open."""
    files = VaultFiles(folder)
    if not files.exists():
        raise VaultError("no_vault", f"There is no vault in {files.folder}: set this device up first (fieldbook setup).")
