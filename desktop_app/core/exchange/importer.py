"""Import: verify, decrypt and merge bundles into the analysts' store, idempotently.

Every check that can refuse a bundle runs before the store is touched, and a
bundle's merge is one transaction, so a refused or interrupted import leaves
the store as it was. Records merge by id and revision: a higher revision
replaces a lower one, a withdrawal removes the record for good (whenever it
arrives), and anything already held counts as a duplicate (of two copies of
one revision, the one from the later bundle is kept). Hence the same
bundles imported twice, or in any order, give the same store.
"""

import hashlib
import io
import json
import tarfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core import fast_json
from desktop_app.core.exchange import signing
from desktop_app.core.exchange.acks import write_ack
from desktop_app.core.exchange.bundle import (
    SIG_SUFFIX,
    SUFFIX,
    Sidecar,
    _canonical,
    read_sidecar,
)
from desktop_app.core.exchange.errors import BundleError
from desktop_app.core.vault.clock import utc_now
from desktop_app.core.vault.key_store import ANALYST_AGE, ANALYST_SIGNING
from desktop_app.core.vault.vault import Vault

MEMBERS = {1: ("manifest.json", "responses.jsonl", "withdrawals.jsonl"),  # JSON Lines
           2: ("manifest.json", "responses.json", "withdrawals.json")}  # JSON arrays
GROUP_RECORDS = 100_000


@dataclass(frozen=True)
class NewDevice:
    device_id: str
    public_key: str
    project_name: str

    @property
    def fingerprint(self) -> str:
        return signing.fingerprint(self.public_key)


@dataclass
class Counts:
    new: int = 0
    updated: int = 0
    withdrawn: int = 0
    duplicate: int = 0
    rejected: int = 0

    def add(self, other: "Counts") -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def __str__(self) -> str:
        return ", ".join(f"{name} {value}" for name, value in vars(self).items())


@dataclass
class ImportResult:
    counts: Counts = field(default_factory=Counts)
    bundles: int = 0
    problems: list[str] = field(default_factory=list)  # one line per refused bundle
    new_devices: list[NewDevice] = field(default_factory=list)
    ack_warnings: list[str] = field(default_factory=list)


Trust = Callable[[NewDevice], bool]
Progress = Callable[[str, int, int], None]


def bundle_paths(paths: Iterable[Path]) -> list[Path]:
    """Bundles named directly, plus every bundle in the folders named (and their subfolders)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob(f"*{SUFFIX}") if p.is_file())
        else:
            found.append(path)
    return found


def import_bundles(vault: Vault, paths: Iterable[Path], trust: Trust, progress: Progress | None = None) -> ImportResult:
    """Import every bundle found; a refused one is counted and named, and the others go on.

    Verified bundles are merged in transactions of about GROUP_RECORDS records:
    committing each bundle alone rewrote most of the record index's pages
    every time (import time grew by half from the first to the millionth
    record). Acknowledgements follow each commit, never precede it.
    """
    store = _Store(vault)
    result = ImportResult()
    bundles = bundle_paths(paths)
    position = 0
    while position < len(bundles):
        merged: list[tuple[Path, Sidecar]] = []
        size = 0
        with vault.db.transaction():
            while position < len(bundles) and size < GROUP_RECORDS:
                path = bundles[position]
                position += 1
                if progress:
                    progress(f"Importing {path.name}", position - 1, len(bundles))
                result.bundles += 1
                try:
                    counts, new_device, sidecar = store.import_one(path, trust)
                except BundleError as exc:
                    result.counts.rejected += 1
                    result.problems.append(exc.message)
                    continue
                result.counts.add(counts)
                if new_device:
                    result.new_devices.append(new_device)
                merged.append((path, sidecar))
                size += counts.new + counts.updated + counts.withdrawn
        for path, sidecar in merged:
            warning = store.acknowledge(path, sidecar)
            if warning:
                result.ack_warnings.append(warning)
    if progress:
        progress("Imported", len(bundles), len(bundles))
    return result


@dataclass
class _Payload:
    sidecar: Sidecar
    responses: list[tuple[str, str, int, str]]  # id, form_id, revision, the record as sent
    withdrawals: list[tuple[str, str, str]]  # id, form_id, date


class _Store:
    def __init__(self, vault: Vault):
        if vault.meta("workspace") != "analyst":
            raise BundleError("wrong_workspace", "Bundles are imported into an analyst workspace (fieldbook analyst init).")
        self.vault = vault
        self.db = vault.db
        # The record index outgrows SQLite's default 8 MiB cache near 200,000 records, and every
        # lookup then decrypts pages again; a fixed 64 MiB keeps it in memory (bench_import.py).
        self.db.execute("PRAGMA cache_size = -65536")
        self.projects = dict(self.db.execute("SELECT project_id, body FROM analyst_projects"))
        self._identity = None

    def import_one(self, path: Path, trust: Trust) -> tuple[Counts, NewDevice | None, Sidecar]:
        sidecar = read_sidecar(_sig_path(path))
        name = path.name
        if sidecar.project_id not in self.projects:
            raise BundleError("wrong_project", f"{name} belongs to project {sidecar.project_id}, which is not one of this "
                                               "workspace's projects.")
        known = self.db.execute("SELECT public_key FROM devices WHERE device_id = ?", (sidecar.device_id,)).fetchone()
        new_device = None
        if known and known[0] != sidecar.device_public_key:
            raise BundleError("device_key_changed", f"{name} claims to come from device {sidecar.device_id}, but is signed by "
                                                    f"key {signing.fingerprint(sidecar.device_public_key)}, not the key first "
                                                    f"seen for it ({signing.fingerprint(known[0])}). Refused.")
        imported = self.db.execute("SELECT ciphertext_sha256, records FROM bundles WHERE device_id = ? AND seq = ?",
                                   (sidecar.device_id, sidecar.seq)).fetchone()
        if imported:
            if imported[0] != sidecar.ciphertext_sha256:
                raise BundleError("replayed", f"{name} reuses sequence number {sidecar.seq} of device {sidecar.device_id} "
                                              "with different content from the bundle already imported. Refused.")
            return Counts(duplicate=imported[1]), None, sidecar
        payload = self._open(path, sidecar)
        if not known:
            project_name = json.loads(self.projects[sidecar.project_id]).get("name", "")
            new_device = NewDevice(sidecar.device_id, sidecar.device_public_key, project_name)
            if not trust(new_device):
                raise BundleError("untrusted_device", f"{name} comes from device {sidecar.device_id}, seen for the first time "
                                                      f"(key fingerprint {new_device.fingerprint}). Compare the fingerprint with "
                                                      "the device's Device page, then import again with --trust.")
        return self._merge(payload, new_device is not None), new_device, sidecar

    def acknowledge(self, path: Path, sidecar: Sidecar) -> str | None:
        """Sign `acks/<device>-<seq>.ack` in the bundle's folder; a folder we cannot write only delays it."""
        key = self.vault.keys.get(ANALYST_SIGNING)
        try:
            write_ack(path.parent, sidecar.project_id, sidecar.device_id, sidecar.seq, sidecar.ciphertext_sha256, key.secret)
        except OSError as exc:
            return f"Could not write the acknowledgement for {path.name} ({exc.strerror or exc}); the device will send it again."
        return None

    # -- checks before the store is touched ----------------------------------

    def _open(self, path: Path, sidecar: Sidecar) -> _Payload:
        name = path.name
        try:
            ciphertext = path.read_bytes()
        except FileNotFoundError:
            raise BundleError("missing", f"{path} is missing beside its signature file.") from None
        except OSError as exc:
            raise BundleError("unreadable", f"Cannot read {path}: {exc.strerror}.") from None
        if hashlib.sha256(ciphertext).hexdigest() != sidecar.ciphertext_sha256:
            raise BundleError("hash_mismatch", f"{name} does not match its signature (truncated, damaged or altered). Refused.")
        plaintext = self._decrypt(name, ciphertext)
        members = _untar(name, plaintext, MEMBERS[sidecar.format])
        manifest = _verified_manifest(name, members, sidecar)
        _, responses_member, withdrawals_member = MEMBERS[sidecar.format]
        if sidecar.format == 1:
            responses = _responses_from_lines(name, members[responses_member])
            records = [line for line in members[withdrawals_member].splitlines() if line]
        else:
            responses = _responses(name, _array(name, members[responses_member], "response"))
            records = _array(name, members[withdrawals_member], "withdrawal")
        withdrawals = [_withdrawal(name, record) for record in records]
        counts = manifest.get("counts", {})
        if counts.get("responses") != len(responses) or counts.get("withdrawals") != len(withdrawals):
            raise BundleError("bad_payload", f"{name}: the manifest's counts do not match its contents. Refused.")
        return _Payload(sidecar, responses, withdrawals)

    def _decrypt(self, name: str, ciphertext: bytes) -> bytes:
        import pyrage
        from pyrage import x25519

        if self._identity is None:
            self._identity = x25519.Identity.from_str(self.vault.keys.get(ANALYST_AGE).secret.decode("ascii"))
        try:
            return pyrage.decrypt(ciphertext, [self._identity])
        except pyrage.DecryptError:
            raise BundleError("not_for_us", f"{name} is not encrypted to this analyst workspace's key "
                                            "(it was made for another analyst, or is damaged). Refused.") from None

    # -- the merge -------------------------------------------------------------

    def _merge(self, payload: _Payload, new_device: bool) -> Counts:
        sidecar = payload.sidecar
        device = sidecar.device_id
        ids = [row[0] for row in payload.responses] + [row[0] for row in payload.withdrawals]
        held = self._held(ids)
        gone = self._withdrawn(ids)
        counts = Counts()
        inserts, updates = [], []
        seq = sidecar.seq
        for record_id, form_id, revision, body in payload.responses:
            if record_id in gone:
                counts.duplicate += 1
                continue
            current = held.get(record_id)
            if current is None:
                inserts.append((record_id, form_id, revision, device, seq, body))
                held[record_id] = (revision, seq, device)
                counts.new += 1
                continue
            _same_device(sidecar, record_id, current[2])
            if (revision, seq) > current[:2]:
                updates.append((revision, seq, body, record_id))
                held[record_id] = (revision, seq, device)
            if revision > current[0]:
                counts.updated += 1
            else:
                counts.duplicate += 1  # the same revision again, perhaps generalised afresh: the later copy is kept
        tombstones = []
        for record_id, form_id, when in payload.withdrawals:
            if record_id in gone:
                counts.duplicate += 1
                continue
            if record_id in held:
                _same_device(sidecar, record_id, held[record_id][2])
            tombstones.append((record_id, form_id, device, when))
            gone.add(record_id)
            counts.withdrawn += 1
        # Inside import_bundles' transaction: a bundle refused above wrote nothing.
        if new_device:
            self.db.execute("INSERT INTO devices (device_id, public_key, project_id, first_seen) VALUES (?, ?, ?, ?)",
                            (device, sidecar.device_public_key, sidecar.project_id, utc_now()))
        self.db.executemany_rows("INSERT INTO records (id, form_id, revision, device_id, seq, body) VALUES (?, ?, ?, ?, ?, ?)",
                                 inserts)
        self.db.executemany_rows("UPDATE records SET revision = ?, seq = ?, body = ? WHERE id = ?", updates)
        self.db.executemany_rows("DELETE FROM records WHERE id = ?", [(t[0],) for t in tombstones])
        self.db.executemany_rows("INSERT INTO withdrawn (id, form_id, device_id, withdrawn) VALUES (?, ?, ?, ?)", tombstones)
        self.db.execute("INSERT INTO bundles (device_id, seq, ciphertext_sha256, imported_at, records) VALUES (?, ?, ?, ?, ?)",
                        (device, sidecar.seq, sidecar.ciphertext_sha256, utc_now(), len(ids)))
        self.vault.audit.record(self.vault.user.name, "import", f"{device}-{sidecar.seq}")
        return counts

    # A bundle's ids go in as one JSON array: one statement, whatever the bundle's size.
    def _held(self, ids: list[str]) -> dict[str, tuple[int, int, str]]:
        rows = self.db.execute("SELECT id, revision, seq, device_id FROM records WHERE id IN (SELECT value FROM json_each(?))",
                               (json.dumps(ids),))
        return {record_id: (revision, seq, device) for record_id, revision, seq, device in rows}

    def _withdrawn(self, ids: list[str]) -> set[str]:
        rows = self.db.execute("SELECT id FROM withdrawn WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(ids),))
        return {row[0] for row in rows}


def _sig_path(path: Path) -> Path:
    stem = path.name.removesuffix(SUFFIX)
    return path.with_name(stem + SIG_SUFFIX)


def _untar(name: str, plaintext: bytes, wanted: tuple[str, ...]) -> dict[str, bytes]:
    members: dict[str, bytes] = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(plaintext), mode="r:") as tar:
            for info in tar:
                if info.name in wanted and info.isfile() and info.name not in members:
                    members[info.name] = tar.extractfile(info).read()
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BundleError("bad_payload", f"{name}: the decrypted archive is damaged ({exc}). Refused.") from None
    missing = [member for member in wanted if member not in members]
    if missing:
        raise BundleError("bad_payload", f"{name} lacks {', '.join(missing)}. Refused.")
    return members


def _verified_manifest(name: str, members: dict[str, bytes], sidecar: Sidecar) -> dict:
    try:
        manifest = json.loads(members["manifest.json"])
        signature = manifest.pop("signature")
    except (ValueError, KeyError, AttributeError, TypeError):
        raise BundleError("bad_payload", f"{name}: the manifest is unreadable. Refused.") from None
    if manifest.get("format") != sidecar.format:
        raise BundleError("payload_mismatch", f"{name}: the manifest inside has another format than its signature file. Refused.")
    if not signing.verify(sidecar.device_public_key, signature, _canonical(manifest)):
        raise BundleError("bad_signature", f"{name}: the manifest's signature does not verify. Refused.")
    expected = {"project_id": sidecar.project_id, "device_id": sidecar.device_id,
                "device_public_key": sidecar.device_public_key, "seq": sidecar.seq}
    if any(manifest.get(key) != value for key, value in expected.items()):
        raise BundleError("payload_mismatch", f"{name}: the manifest inside names another project, device or sequence "
                                              "number than its signature file. Refused.")
    files = manifest.get("files") or {}
    for member in MEMBERS[sidecar.format][1:]:
        if files.get(member) != hashlib.sha256(members[member]).hexdigest():
            raise BundleError("payload_mismatch", f"{name}: {member} does not match the manifest's hash. Refused.")
    return manifest


def _array(name: str, member: bytes, kind: str) -> list:
    try:
        records = fast_json.loads(member)
    except ValueError:
        records = None
    if not isinstance(records, list):
        raise BundleError("bad_payload", f"{name}: the {kind} records are malformed. Refused.")
    return records


def _responses(name: str, records: list, bodies: list[str] | None = None) -> list[tuple[str, str, int, str]]:
    """(id, form, revision, the record as JSON) per record: the lines as sent in format 1, encoded here in format 2."""
    try:
        rows = [(r["id"], r["form_id"], r["revision"]) for r in records]
        if not all(isinstance(record_id, str) and isinstance(form_id, str) and type(revision) is int
                   and isinstance(record["answers"], dict) for (record_id, form_id, revision), record in zip(rows, records)):
            raise TypeError
    except (KeyError, TypeError):
        raise BundleError("bad_payload", f"{name}: a response record is malformed. Refused.") from None
    if bodies is None:
        bodies = [fast_json.dumps(record).decode("utf-8") for record in records]
    return [(*row, body) for row, body in zip(rows, bodies, strict=True)]


def _responses_from_lines(name: str, jsonl: bytes) -> list[tuple[str, str, int, str]]:
    """Format 1 (JSON Lines); the lines are parsed as one array, a third faster than one by one."""
    try:
        lines = [line for line in jsonl.decode("utf-8").split("\n") if line]
        records = fast_json.loads("[" + ",".join(lines) + "]")
    except ValueError:
        raise BundleError("bad_payload", f"{name}: a response record is malformed. Refused.") from None
    return _responses(name, records, lines)


def _withdrawal(name: str, record: bytes | dict) -> tuple[str, str, str]:
    try:
        tombstone = record if isinstance(record, dict) else fast_json.loads(record)
        record_id, form_id, when = tombstone["id"], tombstone["form_id"], tombstone.get("withdrawn", "")
        if not (isinstance(record_id, str) and isinstance(form_id, str) and isinstance(when, str)):
            raise TypeError
    except (ValueError, KeyError, TypeError, AttributeError):
        raise BundleError("bad_payload", f"{name}: a withdrawal record is malformed. Refused.") from None
    return record_id, form_id, when


def _same_device(sidecar: Sidecar, record_id: str, holder: str) -> None:
    if holder != sidecar.device_id:
        raise BundleError("foreign_record", f"{bundle_label(sidecar)} changes record {record_id[:8]}…, which device {holder} "
                                            "sent. A device may only change its own records. Refused.")


def bundle_label(sidecar: Sidecar) -> str:
    return f"{sidecar.device_id}-{sidecar.seq:06d}{SUFFIX}"
