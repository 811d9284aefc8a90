"""Import on the analysts' side: the merge, trust on first use, acknowledgements, and every refusal."""

import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest

from desktop_app.core.exchange import signing
from desktop_app.core.exchange.acks import ack_path
from desktop_app.core.exchange.bundle import (
    _canonical,
    encode_members,
    pack,
    read_sidecar,
    write_bundle,
)
from desktop_app.core.exchange.errors import BundleError
from desktop_app.core.exchange.importer import bundle_paths
from desktop_app.core.exchange.project import read_project
from desktop_app.core.vault.key_store import ANALYST_AGE, DEVICE_SIGNING
from tests.conftest import ADMIN
from tests.core.exchange.journey import (
    analyst_workspace,
    capture,
    capture_with_receipts,
    device,
    project_file,
    receive,
    send,
    store_state,
)


@pytest.fixture
def project(analyst, tmp_path):
    return project_file(analyst, tmp_path)


@pytest.fixture
def laptop(tmp_path, project):
    vault = device(tmp_path / "laptop", project)
    yield vault
    vault.close()


@pytest.fixture
def sync(tmp_path):
    return tmp_path / "sync"


def sig_of(bundle: Path) -> Path:
    return bundle.with_name(bundle.name.removesuffix(".fbx") + ".fbx.sig")


def test_a_first_import_stores_every_record_and_acknowledges_the_bundle(analyst, laptop, sync):
    ids = capture(laptop, 12)
    bundle = send(laptop, sync)

    result = receive(analyst, sync)

    assert (result.bundles, result.counts.new, result.counts.rejected) == (1, 12, 0)
    assert sorted(row[0] for row in analyst.db.execute("SELECT id FROM records")) == sorted(ids)
    assert ack_path(sync, read_sidecar(sig_of(bundle)).device_id, 1).exists()
    send(laptop, sync)  # the device reads the acknowledgement
    assert laptop.exports.status()["acknowledged"] == 12


def test_the_same_bundles_again_are_duplicates_and_change_nothing(analyst, laptop, sync):
    capture(laptop, 8)
    send(laptop, sync)
    receive(analyst, sync)
    before = store_state(analyst)

    again = receive(analyst, sync, sync)

    assert (again.counts.new, again.counts.updated, again.counts.duplicate) == (0, 0, 16)
    assert store_state(analyst) == before


def test_a_correction_replaces_the_record_and_an_older_copy_never_wins(analyst, laptop, sync, tmp_path):
    [record_id] = capture(laptop, 1)
    first = send(laptop, sync)
    kept = tmp_path / "first"
    kept.mkdir()
    shutil.copy(first, kept)
    shutil.copy(sig_of(first), kept)
    answers = laptop.responses.get(record_id).answers | {"consent": "yes", "safe_now": "no"}
    laptop.responses.amend(record_id, answers, ADMIN, "typing error")
    second = send(laptop, sync)  # unacknowledged, so the first bundle's record goes again, newer
    second_only = tmp_path / "second"
    second_only.mkdir()
    shutil.copy(second, second_only)
    shutil.copy(sig_of(second), second_only)

    assert receive(analyst, second_only).counts.new == 1
    assert receive(analyst, kept).counts.duplicate == 1  # older revision, imported later: ignored
    [(revision, body)] = analyst.db.execute("SELECT revision, body FROM records")
    assert revision == 2 and json.loads(body)["answers"]["safe_now"] == "no"


def test_a_withdrawal_removes_the_record_whenever_the_bundles_arrive(analyst, laptop, sync, tmp_path):
    captured = capture_with_receipts(laptop, 3)
    ids = [record_id for record_id, _ in captured]
    first = send(laptop, sync)
    early = tmp_path / "early"
    early.mkdir()
    shutil.move(first, early)
    shutil.move(sig_of(first), early)
    laptop.responses.withdraw(captured[0][1], ADMIN)
    send(laptop, sync)

    result = receive(analyst, sync)  # the withdrawal arrives before the record it removes
    late = receive(analyst, early)

    assert result.counts.withdrawn == 1
    assert late.counts.duplicate == 3 and late.counts.new == 0  # two re-sent since, one withdrawn
    held = {row[0] for row in analyst.db.execute("SELECT id FROM records")}
    assert held == set(ids[1:])


def test_a_new_device_is_refused_unless_trusted_and_then_recorded(analyst, laptop, sync):
    capture(laptop, 2)
    send(laptop, sync)
    seen = []

    refused = receive(analyst, sync, trust=lambda d: seen.append(d) or False)

    assert refused.counts.rejected == 1 and "seen for the first time" in refused.problems[0]
    assert store_state(analyst)["records"] == []
    assert seen[0].fingerprint == signing.fingerprint(laptop.keys.get(DEVICE_SIGNING).public)
    accepted = receive(analyst, sync)
    assert accepted.counts.new == 2 and accepted.new_devices[0].fingerprint == seen[0].fingerprint


def test_a_known_device_id_with_another_key_is_refused(analyst, laptop, sync, tmp_path, project):
    capture(laptop, 1)
    send(laptop, sync)
    receive(analyst, sync)
    impostor = device(tmp_path / "impostor", project)
    impostor.db.execute("UPDATE meta SET value = ? WHERE key = 'device_id'", (laptop.meta("device_id"),))
    capture(impostor, 1, seed=9)
    other = tmp_path / "other"
    send(impostor, other)
    before = store_state(analyst)

    result = receive(analyst, other)

    assert result.counts.rejected == 1 and "not the key first seen" in result.problems[0]
    assert store_state(analyst) == before
    impostor.close()


@pytest.fixture
def imported_once(analyst, laptop, sync):
    capture(laptop, 5)
    bundle = send(laptop, sync)
    return bundle


def refused(analyst, path: Path, code_words: str) -> None:
    before = store_state(analyst)
    result = receive(analyst, path)
    assert result.counts.rejected == 1, result.problems
    assert code_words in result.problems[0]
    assert store_state(analyst) == before


def test_refusals_name_the_problem_and_leave_the_store_unchanged(analyst, laptop, imported_once, tmp_path):
    bundle = imported_once
    data = bundle.read_bytes()

    bundle.write_bytes(data[: len(data) // 2])
    refused(analyst, bundle, "truncated, damaged or altered")
    flipped = bytearray(data)
    flipped[len(data) // 3] ^= 0x01
    bundle.write_bytes(bytes(flipped))
    refused(analyst, bundle, "truncated, damaged or altered")
    bundle.write_bytes(data)

    sidecar = json.loads(sig_of(bundle).read_text())
    forged = {**sidecar, "seq": 7}
    sig_of(bundle).write_text(json.dumps(forged))
    refused(analyst, bundle, "does not verify")
    sig_of(bundle).write_text(json.dumps({**sidecar, "format": 3}))
    refused(analyst, bundle, "format 3")
    sig_of(bundle).write_text(json.dumps({**sidecar, "format": 1}))
    refused(analyst, bundle, "does not verify")  # the format is signed too
    sig_of(bundle).unlink()
    refused(analyst, bundle, "incomplete")


def test_a_bundle_of_another_project_is_refused(analyst, tmp_path):
    other_analyst = analyst_workspace(tmp_path / "other-analyst")
    (tmp_path / "elsewhere").mkdir()
    other_project = project_file(other_analyst, tmp_path / "elsewhere")
    stranger = device(tmp_path / "stranger", other_project)
    capture(stranger, 1)
    bundle = send(stranger, tmp_path / "theirs")
    refused(analyst, bundle, "not one of this workspace's projects")
    stranger.close()
    other_analyst.close()


def test_a_bundle_encrypted_to_another_analyst_is_refused(analyst, laptop, project, tmp_path):
    from pyrage import x25519

    stranger_key = str(x25519.Identity.generate().to_public())
    bundle = _forge(laptop, read_project(project), tmp_path / "forged", recipients=[stranger_key], seq=1)
    refused(analyst, bundle, "not encrypted to this analyst workspace")


def test_a_replayed_sequence_number_with_other_content_is_refused(analyst, laptop, imported_once, project, tmp_path):
    receive(analyst, imported_once)
    bundle = _forge(laptop, read_project(project), tmp_path / "replay", recipients=None, seq=1)
    refused(analyst, bundle, "reuses sequence number 1")


def test_many_single_byte_changes_are_all_refused(analyst, imported_once):
    bundle = imported_once
    data = bundle.read_bytes()
    sig = sig_of(bundle).read_bytes()
    before = store_state(analyst)
    for position in range(0, len(data), max(1, len(data) // 150)):
        changed = bytearray(data)
        changed[position] ^= 0x5A
        bundle.write_bytes(bytes(changed))
        assert receive(analyst, bundle).counts.rejected == 1
    bundle.write_bytes(data)
    for position in range(0, len(sig), max(1, len(sig) // 100)):
        changed = bytearray(sig)
        changed[position] ^= 0x01
        sig_of(bundle).write_bytes(bytes(changed))
        result = receive(analyst, bundle)
        assert result.counts.rejected == 1 or result.counts.new == 0, position
    assert store_state(analyst) == before


def test_folders_are_searched_and_a_missing_path_is_named(tmp_path):
    (tmp_path / "usb" / "week2").mkdir(parents=True)
    for name in ("usb/a-000001.fbx", "usb/week2/b-000001.fbx", "usb/notes.txt"):
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in bundle_paths([tmp_path / "usb"])] == ["a-000001.fbx", "b-000001.fbx"]


def test_an_empty_bundle_path_is_a_refusal_not_a_crash(analyst, tmp_path):
    result = receive(analyst, tmp_path / "nothing-here.fbx")
    assert result.counts.rejected == 1 and "missing" in result.problems[0]


def test_import_needs_an_analyst_workspace(laptop, sync):
    with pytest.raises(BundleError) as error:
        receive(laptop, sync)
    assert error.value.code == "wrong_workspace"


def _forge(laptop, project, folder: Path, *, recipients, seq: int) -> Path:
    """A correctly signed bundle from the laptop, made by hand to test one refusal at a time."""
    key = laptop.keys.get(DEVICE_SIGNING)
    device_id = laptop.meta("device_id")
    manifest = {"project_id": project.project_id, "device_id": device_id, "device_public_key": key.public, "seq": seq,
                "created": "2026-11-01", "forms": {}, "counts": {"responses": 0, "withdrawals": 0}}
    plaintext = pack(manifest, encode_members([], []), key.secret)
    sidecar = {"project_id": project.project_id, "device_id": device_id, "device_public_key": key.public, "seq": seq}
    return write_bundle(folder, plaintext, recipients or list(project.recipients), sidecar, key.secret)


@pytest.mark.parametrize("damage", [b'{"id": 1}', b"not json", b'{"id":"a","form_id":"f","revision":1,"answers":{}},{"x":1}',
                                    b'"\xff\xfe"', b"[1]", b'{"id":"a","form_id":"f","revision":"2","answers":{}}'])
def test_a_signed_bundle_with_a_malformed_record_is_refused(analyst, laptop, project, tmp_path, damage, monkeypatch):
    """A trusted device's software could still send nonsense: it is refused whole, never half-merged."""
    from desktop_app.core.exchange import export as export_module

    def with_damage(responses, withdrawals):
        members = encode_members(responses, withdrawals)
        return {**members, "responses.json": members["responses.json"][:-1] + b"," + damage + b"]"}

    monkeypatch.setattr(export_module, "encode_members", with_damage)
    capture(laptop, 2)
    path = send(laptop, tmp_path / "odd")
    monkeypatch.undo()
    refused(analyst, path, "malformed")


def test_a_bundle_from_a_device_not_yet_updated_still_imports(analyst, laptop, project, sync):
    """Format 1 held JSON Lines; laptops in the field send it until they are updated."""
    ids = capture(laptop, 3)
    modern = send(laptop, sync / "new")
    plaintext = _members(analyst, modern)
    records = json.loads(plaintext["responses.json"])
    key = laptop.keys.get(DEVICE_SIGNING)
    lines = {"responses.jsonl": "".join(json.dumps(r) + "\n" for r in records).encode(), "withdrawals.jsonl": b""}
    manifest = {**json.loads(plaintext["manifest.json"]), "format": 1,
                "files": {name: hashlib.sha256(data).hexdigest() for name, data in lines.items()}}
    manifest.pop("signature")
    manifest["signature"] = signing.sign(key.secret, _canonical(manifest))
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, data in (("manifest.json", json.dumps(manifest).encode()), *lines.items()):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    sidecar = {"project_id": manifest["project_id"], "device_id": manifest["device_id"], "device_public_key": key.public,
               "seq": manifest["seq"], "format": 1}
    old = write_bundle(sync / "old", buffer.getvalue(), list(read_project(project).recipients), sidecar, key.secret)
    assert json.loads(sig_of(old).read_text())["format"] == 1

    result = receive(analyst, old)

    assert (result.counts.new, result.counts.rejected) == (3, 0)
    stored = sorted((json.loads(body) for [body] in analyst.db.execute("SELECT body FROM records")), key=lambda r: r["id"])
    assert stored == sorted(records, key=lambda r: r["id"]) and sorted(r["id"] for r in stored) == sorted(ids)


def _members(analyst, bundle: Path) -> dict[str, bytes]:
    import pyrage
    from pyrage import x25519

    identity = x25519.Identity.from_str(analyst.keys.get(ANALYST_AGE).secret.decode("ascii"))
    with tarfile.open(fileobj=io.BytesIO(pyrage.decrypt(bundle.read_bytes(), [identity]))) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}


def test_bundles_merged_in_several_transactions_are_all_acknowledged(analyst, laptop, sync, monkeypatch):
    from desktop_app.core.exchange import importer

    monkeypatch.setattr(importer, "GROUP_RECORDS", 3)
    capture(laptop, 4)
    first = send(laptop, sync)
    capture(laptop, 2, seed=5)
    second = send(laptop, sync)  # the first's four again (unacknowledged), and two more

    result = receive(analyst, sync)

    assert (result.counts.new, result.counts.duplicate) == (6, 4)
    device_id = laptop.meta("device_id")
    assert ack_path(sync, device_id, 1).exists() and ack_path(sync, device_id, 2).exists()
    assert first.exists() and second.exists()
