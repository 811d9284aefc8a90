"""The data key, wrapped once per user and once for the recovery key.

Each slot derives a key-encryption key from a secret with Argon2id and seals
the 256-bit data key with AES-GCM. Changing a passphrase rewrites one slot,
never the database. The Argon2id output is split (HKDF) into the wrapping
key and a verifier, so "wrong passphrase" and "slot altered" are told apart.
"""

import base64
import hashlib
import hmac
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from desktop_app.core.errors import AuthError, VaultError
from desktop_app.core.vault.atomic_file import write_atomically

FORMAT = 1
RECOVERY_SLOT = "recovery"


@dataclass(frozen=True)
class KdfParams:
    time_cost: int
    memory_kib: int
    parallelism: int


# Measured on the 2-core reference machine: about 0.45 s per derivation
# (DESIGN.md 4 asks for 0.3-0.5 s). Stored in each slot, so it can be raised later.
DEFAULT_KDF = KdfParams(time_cost=3, memory_kib=128 * 1024, parallelism=1)


@dataclass(frozen=True)
class Keyslot:
    name: str
    kdf: KdfParams
    salt: bytes
    verifier: bytes
    nonce: bytes
    wrapped: bytes


def user_slot_name(user: str) -> str:
    return f"user:{user}"


def _derive(secret: str, salt: bytes, kdf: KdfParams) -> tuple[bytes, bytes]:
    # Imported here: reading the slot file (to list accounts on the unlock
    # screen) must not pay for loading the crypto libraries.
    from argon2.low_level import Type, hash_secret_raw
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand

    master = hash_secret_raw(
        secret.encode("utf-8"), salt, kdf.time_cost, kdf.memory_kib, kdf.parallelism, 32, Type.ID
    )
    kek = HKDFExpand(hashes.SHA256(), 32, b"fieldbook keyslot kek").derive(master)
    verifier = HKDFExpand(hashes.SHA256(), 32, b"fieldbook keyslot verifier").derive(master)
    return kek, verifier


def seal(data_key: bytes, name: str, secret: str, kdf: KdfParams | None = None) -> Keyslot:
    """A new slot opening `data_key` with `secret`."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kdf = kdf or DEFAULT_KDF
    salt, nonce = os.urandom(16), os.urandom(12)
    kek, verifier = _derive(secret, salt, kdf)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, name.encode("utf-8"))
    return Keyslot(name, kdf, salt, verifier, nonce, wrapped)


def open_slot(slot: Keyslot, secret: str, slots_path: Path) -> bytes:
    """The data key, or AuthError for a wrong secret, VaultError for an altered slot."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kek, verifier = _derive(secret, slot.salt, slot.kdf)
    if not hmac.compare_digest(verifier, slot.verifier):
        if slot.name == RECOVERY_SLOT:
            raise AuthError("wrong_recovery_key", "That recovery key does not open this vault.")
        raise AuthError("wrong_passphrase", f"Wrong passphrase for user '{slot.name.split(':', 1)[1]}'.")
    try:
        return AESGCM(kek).decrypt(slot.nonce, slot.wrapped, slot.name.encode("utf-8"))
    except InvalidTag:
        raise VaultError(
            "keyslot_damaged",
            f"The keyslot '{slot.name}' in {slots_path} has been altered; restore the file from a backup.",
        ) from None


def load(path: Path) -> dict[str, Keyslot]:
    """Read and check the keyslot file; every problem names the file."""
    try:
        document = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise VaultError("no_keyslots", f"The keyslot file {path} is missing; the vault cannot be opened without it.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise VaultError("keyslots_damaged", f"The keyslot file {path} is damaged ({exc}); restore it from a backup.") from None
    try:
        if document["format"] != FORMAT:
            raise VaultError("keyslots_format", f"The keyslot file {path} has unknown format {document['format']!r}.")
        body = document["slots"]
        if document["checksum"] != _checksum(body):
            raise VaultError(
                "keyslots_modified",
                f"The keyslot file {path} was changed outside Fieldbook (checksum mismatch); restore it from a backup.",
            )
        return {name: _from_json(name, raw) for name, raw in body.items()}
    except (KeyError, TypeError, ValueError) as exc:
        raise VaultError("keyslots_damaged", f"The keyslot file {path} is damaged (bad field {exc}); restore it from a backup.") from None


def save(path: Path, slots: dict[str, Keyslot]) -> None:
    body = {name: _to_json(slot) for name, slot in sorted(slots.items())}
    document = {"format": FORMAT, "slots": body, "checksum": _checksum(body)}
    write_atomically(path, json.dumps(document, indent=2).encode("utf-8"))


def _checksum(body: dict) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _to_json(slot: Keyslot) -> dict:
    return {
        "kdf": {"name": "argon2id", **asdict(slot.kdf)},
        "salt": _b64(slot.salt),
        "verifier": _b64(slot.verifier),
        "nonce": _b64(slot.nonce),
        "wrapped": _b64(slot.wrapped),
    }


def _from_json(name: str, raw: dict) -> Keyslot:
    kdf = dict(raw["kdf"])
    if kdf.pop("name") != "argon2id":
        raise ValueError("kdf")
    return Keyslot(
        name=name,
        kdf=KdfParams(**kdf),
        salt=base64.b64decode(raw["salt"], validate=True),
        verifier=base64.b64decode(raw["verifier"], validate=True),
        nonce=base64.b64decode(raw["nonce"], validate=True),
        wrapped=base64.b64decode(raw["wrapped"], validate=True),
    )
