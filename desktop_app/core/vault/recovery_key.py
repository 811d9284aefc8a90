"""The recovery key: 160 random bits shown once at setup, as eight groups of four."""

import base64
import secrets


def new_recovery_key() -> str:
    text = base64.b32encode(secrets.token_bytes(20)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise_recovery_key(key: str) -> str:
    """Forgive case, spaces and dashes in what the admin types back."""
    raw = "".join(ch for ch in key.upper() if ch.isalnum())
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))
