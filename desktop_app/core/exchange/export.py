"""Export: everything new, changed or withdrawn, anonymised, disclosure-checked, encrypted and signed.

Only records the analysts have not acknowledged go out; unacknowledged ones
go again. The bundle is placed in the sync folder first and recorded as
sent afterwards, so a full disk or a kill never marks anything as sent.
"""

import gc
import hashlib
import hmac
import json
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from desktop_app.core.exchange.acks import read_acks
from desktop_app.core.exchange.bundle import (
    bundle_name,
    encode_members,
    first_free_seq,
    pack,
    remove_bundle,
    write_bundle,
)
from desktop_app.core.exchange.errors import BundleError
from desktop_app.core.exchange.review import set_path
from desktop_app.core.exchange.workspace import current_project, device_identity
from desktop_app.core.forms.loader import form_from_definition
from desktop_app.core.privacy.anonymise import Anonymiser
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


def export(vault: Vault, folder: Path, allow: list[str], progress: Progress | None = None,
           cancel: threading.Event | None = None) -> ExportResult:
    """`cancel`, once set, stops the export at its next step before the bundle is written
    (BundleError "cancelled"): nothing is written and nothing is marked as sent."""
    with _cycle_collector_paused():
        return _export(vault, folder, allow, progress, cancel or threading.Event())


def _export(vault: Vault, folder: Path, allow: list[str], progress: Progress | None,
            cancel: threading.Event) -> ExportResult:
    project = current_project(vault)
    device_id, device_public, _ = device_identity(vault)
    key = vault.keys.get(DEVICE_SIGNING)
    result = ExportResult(None, 0, 0, 0)
    result.acknowledged = _take_acks(vault, folder, project, device_id)
    result.purged = _purge(vault, project.retention_days)

    acknowledged = vault.exports.acknowledged_revisions()
    withdrawals = vault.exports.pending_withdrawals()
    reviews = vault.reviews.all_valid()
    forms = _read_anonymised(vault, acknowledged, allow, key.secret, project, progress, cancel)
    floors = {form_id: _gate_rules(vault, form_id) for form_id in forms}
    records, forms_sent, gate_rules = _gated(forms, project.k, reviews, floors, result.disclosure, progress)
    if not records and not withdrawals:
        return result
    _stop_if(cancel)  # the last moment: from here the bundle is written and recorded
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
    sent = (seq, bundle_name(device_id, seq), {r["id"]: r["revision"] for r in records}, [t["id"] for t in tombstones])
    meta = {SYNC_FOLDER: str(folder.absolute()), **{_GATE_RULES + form_id: json.dumps(rules, sort_keys=True)
                                                    for form_id, rules in gate_rules.items()}}
    result.seq, result.responses, result.withdrawals = seq, len(records), len(tombstones)

    # The ledger is written on another thread (SQLite works with the GIL released) while
    # this one packs, encrypts and places the bundle; its transaction commits only once
    # the bundle is in place, so a failure or a kill before then marks nothing as sent.
    placed: Future[bool] = Future()
    with ThreadPoolExecutor(1, thread_name_prefix="ledger") as pool:
        recording = pool.submit(_record_sent, vault, sent, meta, placed)
        try:
            plaintext = pack(manifest, encode_members(records, tombstones), key.secret)
            result.path = write_bundle(folder, plaintext, list(project.recipients), sidecar, key.secret)
        except BaseException:
            placed.set_result(False)
            recording.exception()  # the ledger rolled back
            raise
        placed.set_result(True)
        del plaintext
        while records:  # freed while the ledger commits; a piece at a time, so that it can take the GIL to start
            del records[-5000:]
        if recording.exception() is not None:
            remove_bundle(result.path, folder)  # placed but not recorded: it must not stay under its number
            raise recording.exception()
    return result


class _NotPlaced(Exception):
    pass


def _record_sent(vault: Vault, sent: tuple, meta: dict[str, str], placed: "Future[bool]") -> None:
    """The bundle recorded as sent, with the sync folder and each form's gate rules (see _gate_rules)."""
    try:
        with vault.db.transaction():
            vault.exports.record_sent(*sent)
            vault.audit.record(vault.user.name, "export", f"{sent[0]}")
            for key, value in meta.items():
                vault.db.execute("INSERT INTO meta (key, value) VALUES (?, ?)"
                                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
            if not placed.result():
                raise _NotPlaced
    except _NotPlaced:
        pass


class _Form(NamedTuple):
    """One form's completed responses, as the gate counts them and as they go out."""

    quasi: list[str]  # the newest version's quasi-identifiers: what the gate counts
    rules: dict[str, str]
    counted: list[dict]  # what the gate sees of every completed response
    columns: dict[str, list]  # each quasi-identifier's values in `counted`
    records: list[dict]  # the responses that go out
    places: list[int]  # where each record's answers are in `counted`


def _read_anonymised(vault: Vault, acknowledged: dict[str, int], allow, device_key: bytes, project,
                     progress, cancel: threading.Event) -> dict[str, _Form]:
    """Every completed response, anonymised as it is read, by form.

    A response goes out unless an acknowledged bundle carried its current revision;
    of those that do not, only what the gate counts is kept and worked out. Each
    chunk is anonymised a form version at a time, and its records made, while the
    vault reads the next chunk and the chunk's dicts are still in the processor's cache.
    """
    stored = {(form.form_id, form.version): form for form in vault.forms.all()}
    newest = {form_id: vault.forms.get(form_id) for form_id in {form_id for form_id, _ in stored}}
    anonymisers: dict[tuple[str, str], Anonymiser] = {}
    forms: dict[str, _Form] = {}

    def anonymiser(form_id: str, version: str) -> Anonymiser:
        found = anonymisers.get((form_id, version))
        if found is None:
            found = anonymisers[form_id, version] = Anonymiser(form_from_definition(stored[form_id, version].definition),
                                                                allow)
        return found

    for form_id, form in newest.items():
        policy = anonymiser(form_id, form.version).policy
        forms[form_id] = _Form(list(policy.quasi), {name: policy.rules[name] for name in policy.quasi}, [],
                               {name: [] for name in policy.quasi}, [], [])
    pseudonyms = _Pseudonyms(device_key, project.project_id)
    total, done = vault.exports.at_most(), 0
    for chunk in vault.exports.completed_in_chunks():
        starts = {form_id: len(form.counted) for form_id, form in forms.items()}
        groups: dict[tuple[str, str], tuple[list[dict], list[dict], _Form]] = {}  # sent, counted only, form
        for uuid, form_id, version, revision, completed, user, answers in chunk:
            group = groups.get((form_id, version))
            if group is None:
                if (form_id, version) not in stored:
                    continue  # a form added since the export began: its responses go next time
                group = groups[form_id, version] = ([], [], forms[form_id])
            sent, parts, form = group
            if uuid not in acknowledged or acknowledged[uuid] < revision:
                sent.append(answers)
                form.places.append(len(form.counted))
                form.records.append({"id": uuid, "form_id": form_id, "form_version": version, "revision": revision,
                                     "completed": (completed or "")[:10], "worker": pseudonyms[user], "answers": answers})
            else:
                answers = {name: answers[name] for name in form.quasi if name in answers}
                parts.append(answers)
            form.counted.append(answers)
        for key, (sent, parts, _) in groups.items():
            anonymiser(*key).anonymise_all(sent)
            anonymiser(*key).anonymise_all(parts)
        for form_id, form in forms.items():
            if len(form.counted) > starts[form_id]:
                added = form.counted[starts[form_id]:]
                for name, column in form.columns.items():
                    column.extend([answers.get(name, "") for answers in added])
        done += len(chunk)
        if progress:
            progress("Anonymising", min(done, total), total)
        _stop_if(cancel)
    return forms


def _stop_if(cancel: threading.Event) -> None:
    if cancel.is_set():
        raise BundleError("cancelled", "Export cancelled: no bundle was written and nothing was marked as sent.")


class _Pseudonyms(dict):
    """Each worker's pseudonym, worked out the first time it is needed."""

    def __init__(self, device_key: bytes, project_id: str):
        super().__init__()
        self.device_key, self.project_id = device_key, project_id

    def __missing__(self, user: str) -> str:
        pseudonym = self[user] = worker_pseudonym(self.device_key, self.project_id, user)
        return pseudonym


def _gated(forms: dict[str, _Form], k: int, reviews: dict[str, dict[str, str]], floors: dict[str, dict[str, str]],
           disclosure: list[str], progress) -> tuple[list[dict], dict[str, set[str]], dict[str, dict[str, str]]]:
    """The records that go out, each form's gated together with all its completed responses (k counts them all).

    Returns them with each form's versions among them and the rules the gate ended with, and adds
    what the gate did to `disclosure`.
    """
    records: list[dict] = []
    versions: dict[str, set[str]] = {}
    rules: dict[str, dict[str, str]] = {}
    for form_id in sorted(forms):
        form = forms.pop(form_id)
        if not form.records:
            continue
        if progress:
            progress(f"Checking {form_id} for small groups", 1, 1)
        gated = disclosure_gate(form.counted, form.quasi, k, form.rules, form.columns, floors.get(form_id))
        rules[form_id] = gated.rules
        for record, place in zip(form.records, form.places):
            if gated.records[place] is not form.counted[place]:
                record["answers"] = gated.records[place]
        disclosure += [f"{form_id}: {line}" for line in gated.report]
        versions[form_id] = {record["form_version"] for record in form.records}
        records += form.records
    if reviews:
        by_id = {record["id"]: record for record in records}
        for record_id, paths in reviews.items():
            for path, text in paths.items() if record_id in by_id else ():
                set_path(by_id[record_id]["answers"], path, text)  # the worker's review, only ever more redacted
    return records, versions, rules


_GATE_RULES = "gate_rules:"  # meta key prefix, per form


def _gate_rules(vault: Vault, form_id: str) -> dict[str, str]:
    """The rules the disclosure gate ended with at the form's last export: where the next one starts.

    Kept with the ledger, so only a bundle that went out sets them. Unreadable ones are
    ignored rather than trusted: the gate then works from the form's own rules.
    """
    try:
        rules = json.loads(vault.meta(_GATE_RULES + form_id) or "{}")
    except ValueError:
        return {}
    return {name: rule for name, rule in rules.items() if isinstance(rule, str)} if isinstance(rules, dict) else {}


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
