"""Ed25519 signatures (from `cryptography`) and the fingerprints people compare by eye."""

import base64
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)


def new_signing_key() -> bytes:
    """A fresh private key, as the 32 raw bytes the vault stores."""
    return Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def public_key(private: bytes) -> str:
    """The public half, base64, as written into project files and manifests."""
    raw = Ed25519PrivateKey.from_private_bytes(private).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def sign(private: bytes, data: bytes) -> str:
    return base64.b64encode(Ed25519PrivateKey.from_private_bytes(private).sign(data)).decode("ascii")


def verify(public: str, signature: str, data: bytes) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public, validate=True))
        key.verify(base64.b64decode(signature, validate=True), data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def fingerprint(public: str) -> str:
    """Twenty hex digits in groups of four: short enough to read over the phone."""
    digest = hashlib.sha256(base64.b64decode(public)).hexdigest()[:20].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 20, 4))
