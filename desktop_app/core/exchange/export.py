"""Export: everything new, changed or withdrawn, anonymised, disclosure-checked, encrypted and signed.

Only records the analysts have not acknowledged go out; unacknowledged ones
go again. The bundle is placed in the sync folder first and recorded as
sent afterwards, so a full disk or a kill never marks anything as sent.
"""

import gc
import hashlib
import hmac
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop_app.core import fast_json
from desktop_app.core.exchange.acks import read_acks
from desktop_app.core.exchange.bundle import bundle_name, first_free_seq, pack, remove_bundle, write_bundle
from desktop_app.core.exchange.errors import BundleError
from desktop_app.core.exchange.review import set_path
from desktop_app.core.exchange.workspace import current_project, device_identity
from desktop_app.core.forms.loader import form_from_definition
from desktop_app.core.privacy.anonymise import WORKER_KEY, Anonymiser
from desktop_app.core.privacy.disclosure import disclosure_gate
from desktop_app.core.vault.key_store import DEVICE_SIGNING
from desktop_app.core.vault.vault import Vault

Progress = Callable[[str, int, int], None]
SYNC_FOLDER = "sync_folder"  # meta key: where the last bundle went, offered again next time (kept in the vault)


@dataclass
class ExportResult:
    path: Path | None
    seq: int
    responses: int
    withdrawals: int
    acknowledged: list[int] = field(default_factory=list)
    purged: int = 0
    disclosure: list[str] = field(default_factory=list)


def export(vault: Vault, folder: Path, allow: list[str], progress: Progress | None = None) -> ExportResult:
    with _cycle_collector_paused():
        return _export(vault, folder, allow, progress)


def _export(vault: Vault, folder: Path, allow: list[str], progress: Progress | None) -> ExportResult:
    project = current_project(vault)
    device_id, device_public, _ = device_identity(vault)
    key = vault.keys.get(DEVICE_SIGNING)
    result = ExportResult(None, 0, 0, 0)
    result.acknowledged = _take_acks(vault, folder, project, device_id)
    result.purged = _purge(vault, project.retention_days)

    acknowledged = vault.exports.acknowledged_revisions()
    withdrawals = vault.exports.pending_withdrawals()
    pseudonyms: dict[str, str] = {}
    reviews = vault.reviews.all_valid()
    records: list[dict] = []
    forms_sent: dict[str, set[str]] = {}
    if progress:
        progress("Reading the responses", 0, 1)
    completed = vault.exports.complete_responses()
    for form_id in sorted(completed):
        sent, report = _anonymised_form(vault, form_id, completed.pop(form_id), acknowledged, key.secret, project,
                                        allow, pseudonyms, reviews, progress)
        if sent:
            result.disclosure += [f"{form_id}: {line}" for line in report]
        for record in sent:
            records.append(record)
            forms_sent.setdefault(form_id, set()).add(record["form_version"])
    if not records and not withdrawals:
        return result
    tombstones = [{"id": uuid, "form_id": form_id, "withdrawn": at[:10]} for uuid, form_id, at in withdrawals]

    seq = first_free_seq(folder, device_id, vault.exports.next_seq())
    manifest = {
        "project_id": project.project_id, "device_id": device_id, "device_public_key": device_public, "seq": seq,
        "created": datetime.now(UTC).date().isoformat(),
        "forms": {form_id: sorted(versions) for form_id, versions in forms_sent.items()},
        "counts": {"responses": len(records), "withdrawals": len(tombstones)},
    }
    if progress:
        progress("Encrypting and signing", 0, 1)
    sidecar = {"project_id": project.project_id, "device_id": device_id, "device_public_key": device_public, "seq": seq}
    revisions = {record["id"]: record["revision"] for record in records}
    result.seq, result.responses, result.withdrawals = seq, len(records), len(tombstones)

    # The bundle is packed, encrypted and placed on another thread while this one writes the
    # ledger, which SQLite does with the GIL released; the transaction commits only once the
    # bundle is in place, so a failure or a kill before then marks nothing as sent.
    with ThreadPoolExecutor(1, thread_name_prefix="bundle") as pool, vault.db.transaction():
        placing = pool.submit(_place_bundle, folder, manifest, records, tombstones, project.recipients, sidecar,
                              key.secret)
        del records  # the bundle thread frees them once packed
        try:
            vault.exports.record_sent(seq, bundle_name(device_id, seq), revisions, [t["id"] for t in tombstones])
            vault.audit.record(vault.user.name, "export", f"{seq}")
            vault.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             (SYNC_FOLDER, str(folder.absolute())))
        except BaseException:
            if placing.exception() is None:
                remove_bundle(placing.result(), folder)  # placed but not recorded: it must not stay under its number
            raise
        result.path = placing.result()
    return result


def _place_bundle(folder: Path, manifest: dict, records: list[dict], tombstones: list[dict], recipients, sidecar: dict,
                  key: bytes) -> Path:
    plaintext = pack(manifest, records, tombstones, key)
    records.clear()  # freed here, while the export's own thread writes the ledger
    return write_bundle(folder, plaintext, list(recipients), sidecar, key)


def _anonymised_form(vault: Vault, form_id: str, rows: list[list], acknowledged: dict[str, int], device_key: bytes,
                     project, allow, pseudonyms, reviews, progress) -> tuple[list[dict], list[str]]:
    """The form's responses that go out, anonymised, gated together with all its others (k counts them all).

    `rows` are its completed responses as `complete_responses` gives them. A response goes out
    unless an acknowledged bundle carried its current revision; of those that do not, only
    what the gate counts is worked out. Each form version's responses are anonymised
    together, a column at a time.
    """
    wanted = [uuid not in acknowledged or acknowledged[uuid] < revision for uuid, _, revision, *_ in rows]
    if not any(wanted):
        return [], []
    newest = vault.forms.get(form_id)
    anonymisers = {newest.version: Anonymiser(form_from_definition(newest.definition), allow)}
    policy = anonymisers[newest.version].policy  # the newest version's quasi-identifiers are what the gate counts
    quasi, rules = list(policy.quasi), {name: policy.rules[name] for name in policy.quasi}
    counted: list[dict] = []  # what the gate sees of every completed response, in completion order
    by_version: dict[str, tuple[list[dict], list[dict]]] = {}  # version -> (responses sent, parts counted)
    for (_, version, _, _, _, answers), go in zip(rows, wanted):
        sent, parts = by_version.get(version) or by_version.setdefault(version, ([], []))
        if go:
            sent.append(answers)
        else:
            answers = {name: answers[name] for name in quasi if name in answers}
            parts.append(answers)
        counted.append(answers)
    for number, (version, (sent, parts)) in enumerate(by_version.items()):
        if progress:
            progress(f"Anonymising {form_id}", number, len(by_version))
        anonymiser = anonymisers.get(version)
        if anonymiser is None:
            anonymiser = Anonymiser(form_from_definition(vault.forms.get(form_id, version).definition), allow)
        anonymiser.anonymise_all(sent)
        anonymiser.anonymise_all(parts)
    if progress:
        progress(f"Checking {form_id} for small groups", 1, 1)
    gated = disclosure_gate(counted, quasi, project.k, rules)
    for user in {row[4] for row in rows} - pseudonyms.keys():
        pseudonyms[user] = worker_pseudonym(device_key, project.project_id, user)
    records = [{"id": uuid, "form_id": form_id, "form_version": version, "revision": revision,
                "completed": (completed or "")[:10], "worker": pseudonyms[user], "answers": answers}
               for (uuid, version, revision, completed, user, _), answers, go in zip(rows, gated.records, wanted) if go]
    for record in records:
        answers = record["answers"]
        answers.pop(WORKER_KEY, None)
        for path, text in reviews.get(record["id"], {}).items():
            set_path(answers, path, text)  # the worker's review, only ever more redacted
    return records, [str(line) for line in gated.report]


@contextmanager
def _cycle_collector_paused():
    """No cyclic garbage collection while an export holds every record in memory.

    An export makes a few containers per response and frees none of them until it
    ends, so the collector would walk them all again and again (a fifth of an export
    of 100,000 responses) to find no cycles. Reference counting still frees memory.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def last_sync_folder(vault: Vault) -> Path | None:
    value = vault.meta(SYNC_FOLDER)
    return Path(value) if value else None


def worker_pseudonym(device_key: bytes, project_id: str, user: str) -> str:
    """The same worker, the same pseudonym within a project; unlinkable to the account name."""
    digest = hmac.new(device_key, f"{project_id}\x1f{user}".encode(), hashlib.sha256).hexdigest()
    return f"worker-{digest[:8]}"


def _take_acks(vault: Vault, folder: Path, project, device_id: str) -> list[int]:
    open_seqs = [seq for seq, _ in vault.exports.unacknowledged()]
    acknowledged = read_acks(folder, project, device_id, open_seqs)
    if acknowledged:
        with vault.db.transaction():
            for seq in acknowledged:
                vault.exports.acknowledge(seq)
            vault.audit.record(vault.user.name, "export.acknowledged", ",".join(map(str, acknowledged)))
    return acknowledged


def _purge(vault: Vault, retention_days: int) -> int:
    cutoff = (datetime.now(UTC) - timedelta(days=retention_days)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with vault.db.transaction():
        purged = vault.exports.purge_acknowledged(cutoff)
        if purged:
            vault.audit.record(vault.user.name, "retention.purge", str(purged))
    return purged


__all__ = ["BundleError", "ExportResult", "export", "worker_pseudonym"]
