"""Bundles: one export, as a plain age file the reference `age` CLI can open, plus a signed sidecar.

`<device>-<seq>.fbx` is an age-encrypted tar holding `manifest.json`,
`responses.json` and `withdrawals.json` (each a JSON array, encoded several
times faster than line by line; format 1 held JSON Lines).
`<device>-<seq>.fbx.sig` carries the device's Ed25519 signature over the
ciphertext's SHA-256, so an importer can refuse a tampered bundle before
decrypting anything (streaming age decryption writes plaintext before it
notices tampering). Each file is
written under a temporary name, fsynced and renamed; the sidecar is renamed
last, so its presence means the bundle is complete.
"""

import hashlib
import json
import os
import tarfile
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core import fast_json
from desktop_app.core.exchange import signing
from desktop_app.core.exchange.errors import BundleError
from desktop_app.core.vault.atomic_file import fsync_dir

FORMAT = 2
READABLE_FORMATS = (1, 2)  # what an import still accepts
SUFFIX = ".fbx"
SIG_SUFFIX = ".fbx.sig"


@dataclass(frozen=True)
class Sidecar:
    project_id: str
    device_id: str
    device_public_key: str
    seq: int
    ciphertext_sha256: str
    signature: str
    format: int = FORMAT

    def signed_part(self) -> bytes:
        return _canonical({"format": self.format, "project_id": self.project_id, "device_id": self.device_id,
                           "device_public_key": self.device_public_key, "seq": self.seq,
                           "ciphertext_sha256": self.ciphertext_sha256})


def bundle_name(device_id: str, seq: int) -> str:
    return f"{device_id}-{seq:06d}{SUFFIX}"


def first_free_seq(folder: Path, device_id: str, seq: int) -> int:
    """`seq`, or the first number after it with no bundle in the folder.

    An export killed after placing its bundle but before recording it leaves a
    complete bundle the device does not know it sent; its number stays taken,
    since the analysts may already have imported it.
    """
    while _signature_path(folder, bundle_name(device_id, seq)).exists():
        seq += 1
    return seq


def remove_bundle(path: Path, folder: Path) -> None:
    """Take back a bundle that was placed but could not be recorded as sent."""
    _signature_path(folder, path.name).unlink(missing_ok=True)  # first: without it the bundle is incomplete
    path.unlink(missing_ok=True)
    fsync_dir(folder)


def _signature_path(folder: Path, name: str) -> Path:
    return folder / (name[: -len(SUFFIX)] + SIG_SUFFIX)


def encode_members(responses: list[dict] | list[str], withdrawals: list[dict]) -> dict[str, bytes]:
    """The bundle's records; the responses may come already encoded as JSON texts, as an export keeps them."""
    return {"responses.json": _array(responses), "withdrawals.json": _array(withdrawals)}


def _array(records: list[dict] | list[str], piece: int = 10_000) -> bytes:
    """A JSON array; records are encoded a piece at a time, since one orjson call holds the GIL
    throughout and the export's ledger thread needs it now and then."""
    if records and isinstance(records[0], str):
        return ("[" + ",".join(records) + "]").encode()
    pieces = [fast_json.dumps(records[start:start + piece])[1:-1] for start in range(0, len(records), piece)]
    return b"[" + b",".join(pieces) + b"]"


def pack(manifest: dict, members: dict[str, bytes], signing_key: bytes) -> bytes:
    """The plaintext archive of `encode_members`; the manifest inside is signed too and holds the SHA-256 of each member."""
    manifest = {**manifest, "format": FORMAT, "files": {n: hashlib.sha256(d).hexdigest() for n, d in members.items()}}
    manifest["signature"] = signing.sign(signing_key, _canonical(manifest))
    parts = []
    for name, data in (("manifest.json", json.dumps(manifest, indent=1).encode()), *members.items()):
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mtime = 0  # no timestamps beyond the manifest's generalised date
        parts += [info.tobuf(tarfile.USTAR_FORMAT), data, bytes(-len(data) % tarfile.BLOCKSIZE)]
    parts.append(bytes(2 * tarfile.BLOCKSIZE))  # the end-of-archive marker
    return b"".join(parts)  # a tar written in one copy: tarfile would copy each member twice


def write_bundle(folder: Path, plaintext: bytes, recipients: list[str], sidecar_fields: dict, signing_key: bytes) -> Path:
    """Encrypt to the analysts, sign, and place both files atomically; returns the bundle's path."""
    import pyrage
    from pyrage import x25519

    name = bundle_name(sidecar_fields["device_id"], sidecar_fields["seq"])
    target, sig_target = folder / name, _signature_path(folder, name)
    if sig_target.exists():
        raise BundleError("bundle_exists", f"{target} already exists; refusing to overwrite an earlier export.")
    ciphertext = pyrage.encrypt(plaintext, [x25519.Recipient.from_str(r) for r in recipients])
    sidecar = Sidecar(ciphertext_sha256=hashlib.sha256(ciphertext).hexdigest(), signature="", **sidecar_fields)
    signature = signing.sign(signing_key, sidecar.signed_part())
    sig_bytes = json.dumps({**json.loads(sidecar.signed_part()), "signature": signature}, indent=1).encode()
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # A bundle without its signature file is what an export killed half-way
        # leaves; the device never recorded it as sent, so it is written again.
        for leftover in (target, target.with_name(target.name + ".tmp"), sig_target.with_name(sig_target.name + ".tmp")):
            leftover.unlink(missing_ok=True)
        _place(target, ciphertext, written)
        _place(sig_target, sig_bytes, written)  # last: its presence marks the bundle complete
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        reason = "the disk is full" if exc.errno == 28 else (exc.strerror or str(exc)).lower()
        raise BundleError("write_failed", f"Cannot write the bundle to {folder}: {reason}. Nothing was marked as sent.") from None
    return target


def read_sidecar(path: Path) -> Sidecar:
    try:
        raw = json.loads(path.read_text("utf-8"))
        sidecar = Sidecar(raw["project_id"], raw["device_id"], raw["device_public_key"], int(raw["seq"]),
                          raw["ciphertext_sha256"], raw["signature"], raw.get("format"))
        if raw.get("format") not in READABLE_FORMATS:
            raise BundleError("unknown_format", f"{path} has format {raw.get('format')!r}, which this Fieldbook does not know.")
    except FileNotFoundError:
        raise BundleError("incomplete", f"{path} is missing: the bundle is incomplete (still being copied?).") from None
    except KeyError as exc:
        raise BundleError("bad_sidecar", f"The signature file {path} is damaged: it lacks the field {exc}.") from None
    except (OSError, ValueError, TypeError) as exc:
        raise BundleError("bad_sidecar", f"The signature file {path} is damaged ({exc}).") from None
    if not signing.verify(sidecar.device_public_key, sidecar.signature, sidecar.signed_part()):
        raise BundleError("bad_signature", f"The signature in {path} does not verify: the bundle was altered or forged.")
    return sidecar


def _place(path: Path, data: bytes, written: list[Path]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    written.append(tmp)
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    written.append(path)
    fsync_dir(path.parent)


def _canonical(data: dict) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
