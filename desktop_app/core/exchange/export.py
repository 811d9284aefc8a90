"""Export: everything new, changed or withdrawn, anonymised, disclosure-checked, encrypted and signed.

Only records the analysts have not acknowledged go out; unacknowledged ones
go again. The bundle is placed in the sync folder first and recorded as
sent afterwards, so a full disk or a kill never marks anything as sent.
"""

import gc
import json
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from desktop_app.core import fast_json
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
from desktop_app.core.privacy.disclosure import gate_columns
from desktop_app.core.privacy.outgoing import Pseudonyms, fingerprint, outgoing_record
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
    with vault.db.transaction():
        vault.exports.forget_pending()
    result.acknowledged = _take_acks(vault, folder, project, device_id)
    result.purged = _purge(vault, project.retention_days)

    withdrawals = vault.exports.pending_withdrawals()
    reviews = vault.reviews.all_valid()
    policy = fingerprint(project.project_id, allow)
    forms, made = _read_anonymised(vault, policy, allow, key.secret, project, progress, cancel)
    floors = {form_id: _gate_rules(vault, form_id) for form_id in forms}
    records, sent_revisions, forms_sent, gate_rules = _gated(forms, project.k, reviews, floors, result.disclosure,
                                                             progress)
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
    sent = (seq, bundle_name(device_id, seq), sent_revisions, [t["id"] for t in tombstones])
    meta = {SYNC_FOLDER: str(folder.absolute()), **{_GATE_RULES + form_id: json.dumps(rules, sort_keys=True)
                                                    for form_id, rules in gate_rules.items()}}
    kept = _Kept(project.project_id, allow, made)
    result.seq, result.responses, result.withdrawals = seq, len(records), len(tombstones)

    # The ledger is written on another thread (SQLite works with the GIL released) while
    # this one packs, encrypts and places the bundle; the bundle is marked as sent only
    # once it is in place, so a failure or a kill before then marks nothing as sent.
    placed: Future[bool] = Future()
    with ThreadPoolExecutor(1, thread_name_prefix="ledger") as pool:
        recording = pool.submit(_record_sent, vault, sent, meta, kept, placed)
        try:
            plaintext = pack(manifest, encode_members(records, tombstones), key.secret)
            result.path = write_bundle(folder, plaintext, list(project.recipients), sidecar, key.secret)
        except BaseException:
            placed.set_result(False)
            recording.exception()  # the ledger forgot the pending bundle
            raise
        placed.set_result(True)
        del plaintext, records  # freed while the ledger commits
        if recording.exception() is not None:
            remove_bundle(result.path, folder)  # placed but not recorded: it must not stay under its number
            raise recording.exception()
    return result


class _Kept(NamedTuple):
    """What the next export can use of this one's anonymisation (vault/outgoing.py)."""

    project_id: str
    allow: list[str]
    made: list[tuple]  # the records this export made for responses without one, as OutgoingRepository.keep takes them


def _record_sent(vault: Vault, sent: tuple, meta: dict[str, str], kept: _Kept, placed: "Future[bool]") -> None:
    """The bundle recorded as pending while it is written, then as sent once it is in place, with
    the sync folder and each form's gate rules (see _gate_rules); the records this export made
    are kept, and later ones made for its allow-list.

    Neither commit waits for the disk: a power cut that undoes them leaves the records to be
    sent again, which the analysts' import takes as duplicates, and the next export takes the
    next free number (bundle.first_free_seq).
    """
    with vault.db.transaction(durable=False):
        vault.exports.record_pending(*sent)
        if vault.outgoing.allow_list() != kept.allow:
            vault.outgoing.configure(kept.project_id, kept.allow)
        if kept.made:
            vault.outgoing.keep(fingerprint(kept.project_id, kept.allow), kept.made)
    with vault.db.transaction(durable=False):
        if not placed.result():
            vault.exports.forget_pending()
            return
        vault.exports.mark_sent(sent[0])
        vault.audit.record(vault.user.name, "export", f"{sent[0]}")
        for key, value in meta.items():
            vault.db.execute("INSERT INTO meta (key, value) VALUES (?, ?)"
                             " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))


@dataclass(slots=True)
class _Form:
    """One form's completed responses, as the gate counts them and as they go out."""

    quasi: list[str]  # the newest version's quasi-identifiers: what the gate counts
    rules: dict[str, str]
    columns: dict[str, list]  # each quasi-identifier's value in every completed response ("" where it has none)
    counted: int = 0  # how many that is
    records: list[str] = field(default_factory=list)  # the records that go out, encoded
    ids: list[str] = field(default_factory=list)  # each record's response
    revisions: list[int] = field(default_factory=list)  # and its revision
    places: list[int] = field(default_factory=list)  # where each record's values are in `columns`
    versions: set[str] = field(default_factory=set)  # the form versions among the records

    def count(self, values: list | None) -> int:
        """Add one response's values of the quasi-identifiers (None: filled in later); returns its place."""
        for column, value in zip(self.columns.values(), values or [None] * len(self.columns)):
            column.append("" if value is None else value)
        self.counted += 1
        return self.counted - 1

    def send(self, place: int, uuid: str, version: str, revision: int, record: str) -> None:
        self.versions.add(version)
        self.places.append(place)
        self.ids.append(uuid)
        self.revisions.append(revision)
        self.records.append(record)


def _read_anonymised(vault: Vault, policy: str, allow, device_key: bytes, project, progress,
                     cancel: threading.Event) -> tuple[dict[str, _Form], list[tuple]]:
    """Every completed response by form, anonymised: what the gate counts and what goes out.

    A response goes out unless an acknowledged bundle carried its current revision.
    Most have a record kept from when they were completed (vault/outgoing.py), read as
    it is. The others are anonymised here, a form version at a time for each chunk
    while the vault reads the next; of those that do not go out, only what the gate
    counts. Returns the forms and the records made here, as OutgoingRepository.keep takes them.
    """
    stored = {(form.form_id, form.version): form for form in vault.forms.all()}
    anonymisers = {key: Anonymiser(form_from_definition(form.definition), allow) for key, form in stored.items()}
    forms: dict[str, _Form] = {}
    for form_id in {form_id for form_id, _ in stored}:
        newest = anonymisers[form_id, vault.forms.get(form_id).version].policy
        quasi = list(newest.quasi)
        forms[form_id] = _Form(quasi, {name: newest.rules[name] for name in quasi}, {name: [] for name in quasi})
    counted_as_newest = {key: list(anonymiser.policy.quasi) == forms[key[0]].quasi
                         for key, anonymiser in anonymisers.items()}
    total, done = vault.exports.count_completed(), 0

    def step(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress("Anonymising", min(done, total), total)
        _stop_if(cancel)

    for about, records in vault.exports.kept_in_chunks(policy):
        for (uuid, form_id, version, revision, acknowledged, values), record in zip(about, records):
            if (form_id, version) not in stored:
                continue  # a form added since the export began: its responses go next time
            form = forms[form_id]
            if not counted_as_newest[form_id, version]:
                answers = fast_json.loads(record)["answers"]
                values = [answers.get(name) for name in form.quasi]
            place = form.count(values)
            if not acknowledged:
                form.send(place, uuid, version, revision, record)
        step(len(about))
    made: list[tuple] = []
    if done < total:
        pseudonyms = Pseudonyms(device_key, project.project_id)
        for chunk in vault.exports.unkept_in_chunks(policy):
            unkept: dict[tuple[str, str], list] = {}  # by form version
            for row in chunk:
                if (row[1], row[2]) in stored:
                    unkept.setdefault((row[1], row[2]), []).append((forms[row[1]].count(None), _Unkept._make(row)))
            for key, rows in unkept.items():
                made += _anonymised_here(forms[key[0]], anonymisers[key], rows, pseudonyms)
            step(len(chunk))
    return forms, made


class _Unkept(NamedTuple):
    """A completed response without a kept record, as ExportsRepository.unkept_in_chunks reads it."""

    uuid: str
    form_id: str
    version: str
    revision: int
    completed_at: str | None
    user: str
    acknowledged: int
    answers: dict


def _anonymised_here(form: _Form, anonymiser: Anonymiser, rows: list[tuple[int, _Unkept]],
                     pseudonyms: Pseudonyms) -> list[tuple]:
    """One form version's responses without a kept record, anonymised and counted in their places
    in `form`; returns the records made, as OutgoingRepository.keep takes them."""
    out = [(place, row) for place, row in rows if not row.acknowledged]
    counted_only = [(place, {name: row.answers[name] for name in form.quasi if name in row.answers})
                    for place, row in rows if row.acknowledged]
    anonymiser.anonymise_all([row.answers for _, row in out])
    anonymiser.anonymise_all([answers for _, answers in counted_only])
    made = []
    for place, row in out:
        record = fast_json.dumps(outgoing_record(row.uuid, row.form_id, row.version, row.revision, row.completed_at,
                                                 pseudonyms[row.user], row.answers)).decode()
        form.send(place, row.uuid, row.version, row.revision, record)
        gate = fast_json.dumps([row.answers.get(name) for name in anonymiser.policy.quasi]).decode()
        made.append((row.uuid, row.revision, gate, record))
    for place, answers in [(place, row.answers) for place, row in out] + counted_only:
        for name, column in form.columns.items():
            value = answers.get(name)
            column[place] = "" if value is None else value
    return made


def _stop_if(cancel: threading.Event) -> None:
    if cancel.is_set():
        raise BundleError("cancelled", "Export cancelled: no bundle was written and nothing was marked as sent.")


def _gated(forms: dict[str, _Form], k: int, reviews: dict[str, dict[str, str]], floors: dict[str, dict[str, str]],
           disclosure: list[str], progress) -> tuple[list[str], dict[str, int], dict[str, set[str]], dict[str, dict[str, str]]]:
    """The records that go out, each form's gated together with all its completed responses (k counts them all).

    Returns them (encoded) with the revision each carries, each form's versions among them and
    the rules the gate ended with, and adds what the gate did to `disclosure`.
    """
    records: list[str] = []
    ids: list[str] = []
    revisions: dict[str, int] = {}
    versions: dict[str, set[str]] = {}
    rules: dict[str, dict[str, str]] = {}
    for form_id in sorted(forms):
        form = forms.pop(form_id)
        if not form.records:
            continue
        if progress:
            progress(f"Checking {form_id} for small groups", 1, 1)
        before = {name: list(column) for name, column in form.columns.items()}
        gated = gate_columns(form.columns, form.quasi, k, form.rules, floors.get(form_id))
        rules[form_id] = gated.rules
        changes: dict[int, dict[str, object]] = {}
        for name in gated.changed:
            old, new = before[name], form.columns[name]
            for index, place in enumerate(form.places):
                if new[place] is not old[place]:
                    changes.setdefault(index, {})[name] = new[place]
        for index, values in changes.items():
            form.records[index] = _edited(form.records[index], lambda answers: _put(answers, values))
        disclosure += [f"{form_id}: {line}" for line in gated.report]
        versions[form_id] = form.versions
        revisions.update(zip(form.ids, form.revisions))
        ids += form.ids
        records += form.records
    if reviews:
        where = {record_id: index for index, record_id in enumerate(ids)}
        for record_id, paths in reviews.items():
            if record_id in where:  # the worker's review, only ever more redacted
                records[where[record_id]] = _edited(records[where[record_id]], lambda answers: [
                    set_path(answers, path, text) for path, text in paths.items()])
    return records, revisions, versions, rules


def _edited(record: str, edit: Callable[[dict], object]) -> str:
    """An encoded record, its answers changed by `edit`."""
    decoded = fast_json.loads(record)
    edit(decoded["answers"])
    return fast_json.dumps(decoded).decode()


def _put(answers: dict, values: dict) -> None:
    """The gate's values, "" meaning none: an answer the record lacks stays absent."""
    for name, value in values.items():
        if name in answers or value != "":
            answers[name] = value


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


__all__ = ["BundleError", "ExportResult", "export"]
