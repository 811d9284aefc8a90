"""Export: everything new, changed or withdrawn, anonymised, disclosure-checked, encrypted and signed.

Only records the analysts have not acknowledged go out; unacknowledged ones
go again. The bundle is placed in the sync folder first and recorded as
sent afterwards, so a full disk or a kill never marks anything as sent.
"""

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop_app.core.exchange.acks import read_acks
from desktop_app.core.exchange.bundle import bundle_name, pack, write_bundle
from desktop_app.core.exchange.errors import BundleError
from desktop_app.core.exchange.review import set_path
from desktop_app.core.exchange.workspace import current_project, device_identity
from desktop_app.core.forms.loader import form_from_definition
from desktop_app.core.privacy.anonymise import anonymise, quasi_fields
from desktop_app.core.privacy.disclosure import disclosure_gate
from desktop_app.core.vault.exports_repo import Pending
from desktop_app.core.vault.key_store import DEVICE_SIGNING
from desktop_app.core.vault.vault import Vault

Progress = Callable[[str, int, int], None]


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
    project = current_project(vault)
    device_id, device_public, _ = device_identity(vault)
    key = vault.keys.get(DEVICE_SIGNING)
    result = ExportResult(None, 0, 0, 0)
    result.acknowledged = _take_acks(vault, folder, project, device_id)
    result.purged = _purge(vault, project.retention_days)

    wanted = vault.exports.pending_ids()
    withdrawals = vault.exports.pending_withdrawals()
    if not wanted and not withdrawals:
        return result
    pseudonyms: dict[str, str] = {}
    reviews = vault.reviews.all_valid()
    records: list[dict] = []
    forms_sent: dict[str, set[str]] = {}
    form_ids = [row[0] for row in vault.db.execute("SELECT DISTINCT form_id FROM responses WHERE status = 'complete'")]
    for form_id in sorted(form_ids):
        gated, report = _anonymised_form(vault, form_id, key.secret, project, allow, pseudonyms, reviews, progress)
        sent = [record for record in gated if record["id"] in wanted]
        if sent:
            result.disclosure += [f"{form_id}: {line}" for line in report]
        for record in sent:
            records.append(record)
            forms_sent.setdefault(form_id, set()).add(record["form_version"])
    tombstones = [{"id": uuid, "form_id": form_id, "withdrawn": at[:10]} for uuid, form_id, at in withdrawals]

    seq = vault.exports.next_seq()
    manifest = {
        "project_id": project.project_id, "device_id": device_id, "device_public_key": device_public, "seq": seq,
        "created": datetime.now(UTC).date().isoformat(),
        "forms": {form_id: sorted(versions) for form_id, versions in forms_sent.items()},
        "counts": {"responses": len(records), "withdrawals": len(tombstones)},
    }
    if progress:
        progress("Encrypting and signing", 0, 1)
    plaintext = pack(manifest, records, tombstones, key.secret)
    sidecar = {"project_id": project.project_id, "device_id": device_id, "device_public_key": device_public, "seq": seq}
    path = write_bundle(folder, plaintext, list(project.recipients), sidecar, key.secret)
    items = [(r["id"], r["revision"], "response") for r in records] + [(t["id"], 0, "withdrawal") for t in tombstones]
    with vault.db.transaction():
        vault.exports.record_sent(seq, bundle_name(device_id, seq), items)
        vault.audit.record(vault.user.name, "export", f"{seq}")
    result.path, result.seq, result.responses, result.withdrawals = path, seq, len(records), len(tombstones)
    return result


def _anonymised_form(vault: Vault, form_id: str, device_key: bytes, project, allow, pseudonyms, reviews,
                     progress) -> tuple[list[dict], list[str]]:
    """Every completed response of one form, anonymised and gated together (k counts all of them)."""
    forms = {}
    records = []
    responses = vault.exports.complete_responses(form_id)
    for index, response in enumerate(responses):
        form = forms.get(response.form_version)
        if form is None:
            form = forms[response.form_version] = form_from_definition(vault.forms.get(form_id, response.form_version).definition)
        pseudonym = pseudonyms.get(response.created_by)
        if pseudonym is None:
            pseudonym = pseudonyms[response.created_by] = worker_pseudonym(device_key, project.project_id, response.created_by)
        record = _record(form, response, pseudonym, allow)
        for path, text in reviews.get(response.uuid, {}).items():
            set_path(record["answers"], path, text)  # the worker's review, only ever more redacted
        records.append(record)
        if progress and index % 500 == 0:
            progress(f"Anonymising {form_id}", index, len(responses))
    newest = vault.forms.get(form_id)
    latest = forms.get(newest.version) or form_from_definition(newest.definition)
    quasi = quasi_fields(latest)
    rules = {q.name: q.privacy.generalise for q in latest.questions() if q.name in quasi}
    answers = [r["answers"] for r in records]
    gated = disclosure_gate(answers, quasi, project.k, rules)
    for record, gated_answers in zip(records, gated.records):
        record["answers"] = gated_answers
    return records, [str(line) for line in gated.report]


def _record(form, response: Pending, pseudonym: str, allow) -> dict:
    answers = anonymise(form, response.answers, pseudonym=pseudonym, allow=allow)
    worker = answers.pop("_worker", pseudonym)
    return {"id": response.uuid, "form_id": response.form_id, "form_version": response.form_version,
            "revision": response.revision, "completed": (response.completed_at or "")[:10], "worker": worker,
            "answers": answers}


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


__all__ = ["export", "ExportResult", "BundleError", "worker_pseudonym"]
