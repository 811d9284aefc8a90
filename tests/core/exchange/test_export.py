"""Export end to end on one device: what leaves, what never leaves, and the sync-folder protocol."""

import io
import json
import random
import tarfile
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from desktop_app.core.demo import simulate
from desktop_app.core.errors import VaultError
from desktop_app.core.exchange.acks import write_ack
from desktop_app.core.exchange.bundle import read_sidecar
from desktop_app.core.exchange.errors import BundleError, ProjectError
from desktop_app.core.exchange.export import export
from desktop_app.core.exchange.importer import import_bundles
from desktop_app.core.exchange.project import read_project
from desktop_app.core.exchange.workspace import (
    analyst_identity,
    create_project_file,
    import_project,
    init_analyst,
)
from desktop_app.core.forms.fill import session_from_answers
from desktop_app.core.forms.loader import form_from_definition
from desktop_app.core.vault.key_store import ANALYST_SIGNING
from desktop_app.core.vault.vault import Vault
from tests.conftest import ADMIN, ADMIN_PASSPHRASE

FORMS = Path(__file__).resolve().parents[3] / "forms"
HELPLINES = ["0808 2000 247", "116 123", "999"]
PLANTED = {
    "contact_name": "Zelda Quixote",
    "contact_phone": "07700 900461",
    "contact_email": "zelda.quixote@example.org",
    "what_would_have_helped": "Zelda Quixote at SG13 7AB, call 07700 900461 or zelda.quixote@example.org, NHS 943 476 5919",
}


@pytest.fixture
def analyst(tmp_path):
    vault, _ = Vault.create(tmp_path / "analyst", "analyst", ADMIN_PASSPHRASE)
    init_analyst(vault)
    yield vault
    vault.close()


@pytest.fixture
def device(analyst, vault, tmp_path):
    path = tmp_path / "project.fbproj"
    create_project_file(analyst, [FORMS / "pathways_survey.md"], path, k=2, min_cell=10)
    import_project(vault, read_project(path))
    return vault


def decrypt(analyst, bundle: Path) -> dict:
    identity = x25519.Identity.from_str(analyst_identity(analyst))
    with tarfile.open(fileobj=io.BytesIO(pyrage.decrypt(bundle.read_bytes(), [identity]))) as tar:
        return {m.name: tar.extractfile(m).read().decode() for m in tar.getmembers()}


def capture_planted(device) -> str:
    stored = device.forms.get("pathways_survey")
    form = form_from_definition(stored.definition)
    answers = {"consent": "yes", "safe_now": "yes", "followup_willing": "yes", "contact_methods": ["phone_call", "email"],
               **PLANTED}
    session = session_from_answers(form, answers)
    return device.store_response(stored.form_id, stored.version, session.final_answers())[0]


def test_a_device_without_a_project_refuses_to_export(vault, tmp_path):
    with pytest.raises(ProjectError) as error:
        export(vault, tmp_path / "sync", HELPLINES)
    assert error.value.code == "no_project"


def test_identifiers_never_reach_the_payload(device, analyst, tmp_path):
    capture_planted(device)
    simulate(device, "pathways_survey", 10, random.Random(1))
    result = export(device, tmp_path / "sync", HELPLINES)
    assert result.responses == 11
    payload = "\n".join(decrypt(analyst, result.path).values())
    for planted in ("Zelda", "Quixote", "07700 900461", "zelda.quixote", "SG13 7AB", "943 476 5919", ADMIN):
        assert planted not in payload, planted
    record = json.loads(decrypt(analyst, result.path)["responses.json"])[0]
    assert "contact_name" not in record["answers"] and record["worker"].startswith("worker-")
    assert len(record["completed"]) == 10


def test_the_device_cannot_read_its_own_bundle(device, tmp_path):
    simulate(device, "pathways_survey", 2, random.Random(2))
    result = export(device, tmp_path / "sync", HELPLINES)
    names = [row[0] for row in device.db.execute("SELECT name FROM keys")]
    assert names == ["device_signing"], "a device holds no age identity at all"
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(result.path.read_bytes(), [x25519.Identity.generate()])


def test_only_new_records_go_out_and_unacknowledged_ones_go_again(device, analyst, tmp_path):
    sync = tmp_path / "sync"
    simulate(device, "pathways_survey", 3, random.Random(3))
    first = export(device, sync, HELPLINES)
    assert (first.seq, first.responses) == (1, 3)
    simulate(device, "pathways_survey", 2, random.Random(4))
    second = export(device, sync, HELPLINES)
    assert (second.seq, second.responses) == (2, 5), "bundle 1 is not acknowledged, so its records go again"
    sidecar = read_sidecar(second.path.with_name(second.path.name + ".sig"))
    for seq in (1, 2):
        write_ack(sync, sidecar.project_id, sidecar.device_id, seq, "", analyst.keys.get(ANALYST_SIGNING).secret)
    third = export(device, sync, HELPLINES)
    assert third.acknowledged == [1, 2] and third.path is None
    assert device.exports.status()["acknowledged"] == 5


def test_status_counts_each_response_once_where_it_stands(device, analyst, tmp_path):
    sync = tmp_path / "sync"
    simulate(device, "pathways_survey", 3, random.Random(3))
    first = export(device, sync, HELPLINES)
    simulate(device, "pathways_survey", 1, random.Random(4))
    export(device, sync, HELPLINES)  # all four: bundle 1 is not acknowledged yet
    simulate(device, "pathways_survey", 2, random.Random(5))
    assert device.exports.status() == {"waiting": 2, "sent": 4, "acknowledged": 0, "drafts": 0}
    sidecar = read_sidecar(first.path.with_name(first.path.name + ".sig"))
    write_ack(sync, sidecar.project_id, sidecar.device_id, 1, "", analyst.keys.get(ANALYST_SIGNING).secret)
    device.exports.acknowledge(1)  # as the next export would, on reading the acknowledgement
    # the first three are acknowledged, though bundle 2 (still unconfirmed) carried them too
    assert device.exports.status() == {"waiting": 2, "sent": 1, "acknowledged": 3, "drafts": 0}


def test_a_forged_acknowledgement_is_ignored(device, tmp_path):
    from desktop_app.core.exchange import signing

    sync = tmp_path / "sync"
    simulate(device, "pathways_survey", 1, random.Random(5))
    first = export(device, sync, HELPLINES)
    sidecar = read_sidecar(first.path.with_name(first.path.name + ".sig"))
    write_ack(sync, sidecar.project_id, sidecar.device_id, 1, "", signing.new_signing_key())
    again = export(device, sync, HELPLINES)
    assert again.acknowledged == [] and again.responses == 1


def test_a_withdrawal_after_export_sends_a_tombstone(device, analyst, tmp_path):
    sync = tmp_path / "sync"
    stored = device.forms.get("pathways_survey")
    form = form_from_definition(stored.definition)
    response_id, code = device.store_response(stored.form_id, stored.version,
                                              session_from_answers(form, {"consent": "yes", "safe_now": "yes"}).final_answers())
    export(device, sync, HELPLINES)
    device.responses.withdraw(code, ADMIN)
    result = export(device, sync, HELPLINES)
    files = decrypt(analyst, result.path)
    assert [tombstone["id"] for tombstone in json.loads(files["withdrawals.json"])] == [response_id]
    assert response_id not in files["responses.json"]


def test_a_read_only_or_vanished_folder_marks_nothing_as_sent(device, tmp_path):
    simulate(device, "pathways_survey", 1, random.Random(6))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the sync folder should be")
    with pytest.raises(BundleError) as error:
        export(device, blocker / "sync", HELPLINES)
    assert error.value.code == "write_failed"
    assert device.exports.unacknowledged() == [] and device.exports.next_seq() == 1


KILLED_EXPORT = """
import os, signal, sys
from pathlib import Path
from desktop_app.core.exchange import bundle
from desktop_app.core.exchange.export import export
from desktop_app.core.exchange.importer import import_bundles
from desktop_app.core.vault.vault import Vault

real_place = bundle._place
def place_then_die(path, data, written):
    real_place(path, data, written)
    if path.name.endswith(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)
bundle._place = place_then_die
vault = Vault.unlock(Path(sys.argv[1]), "alice", "correct horse battery staple")
export(vault, Path(sys.argv[2]), [])
"""


@pytest.mark.parametrize("placed, left, next_seq", [
    (".fbx", [".fbx"], 1),  # the bundle is in place, its signature is not: incomplete, written again
    (".sig", [".fbx", ".sig"], 2),  # complete but not recorded: the analysts may import it, so its number stays taken
])
def test_an_export_killed_half_way_marks_nothing_sent_and_the_next_one_completes(device, vault_dir, tmp_path, analyst,
                                                                                 placed, left, next_seq):
    import signal
    import subprocess
    import sys

    simulate(device, "pathways_survey", 2, random.Random(7))
    device.close()
    sync = tmp_path / "sync"
    child = subprocess.run([sys.executable, "-c", KILLED_EXPORT, str(vault_dir), str(sync), placed],
                           capture_output=True, timeout=120)
    assert child.returncode == -signal.SIGKILL
    assert sorted(p.suffix for p in sync.iterdir()) == left
    with Vault.unlock(vault_dir, ADMIN, ADMIN_PASSPHRASE) as again:
        assert again.exports.unacknowledged() == [] and again.exports.status()["sent"] == 0
        result = export(again, sync, HELPLINES)
        assert (result.seq, result.responses) == (next_seq, 2)
        assert read_sidecar(result.path.with_name(result.path.name + ".sig")).seq == next_seq
    imported = import_bundles(analyst, sorted(sync.glob("*.fbx")), trust=lambda device: True)
    assert (imported.counts.rejected, imported.counts.new) == (0, 2)


@pytest.mark.parametrize("step", ["record_pending", "mark_sent"])
def test_a_bundle_that_cannot_be_recorded_is_taken_back(device, tmp_path, monkeypatch, step):
    simulate(device, "pathways_survey", 2, random.Random(8))

    def ledger_fails(*args):
        raise VaultError("disk_full", "The vault's disk is full.")

    monkeypatch.setattr(device.exports, step, ledger_fails)
    with pytest.raises(VaultError):
        export(device, tmp_path / "sync", HELPLINES)
    assert list((tmp_path / "sync").iterdir()) == [], "nothing left under a number the device did not record"
    assert device.exports.status()["sent"] == 0
    monkeypatch.undo()
    assert export(device, tmp_path / "sync", HELPLINES).seq == 1


def store(device, answers: dict) -> tuple[str, str]:
    stored = device.forms.get("pathways_survey")
    session = session_from_answers(form_from_definition(stored.definition), {"consent": "yes", "safe_now": "yes", **answers})
    return device.store_response(stored.form_id, stored.version, session.final_answers())


def acknowledge_all(device, analyst, sync: Path, result) -> None:
    sidecar = read_sidecar(result.path.with_name(result.path.name + ".sig"))
    for seq in range(1, result.seq + 1):
        write_ack(sync, sidecar.project_id, sidecar.device_id, seq, "", analyst.keys.get(ANALYST_SIGNING).secret)


def test_acknowledged_responses_still_count_towards_k(device, analyst, tmp_path):
    sync = tmp_path / "sync"
    rare = {"age_band": "65_74", "gender": "man", "district": "dacorum"}
    store(device, rare)
    first = export(device, sync, HELPLINES)
    [alone] = [record["answers"] for record in json.loads(decrypt(analyst, first.path)["responses.json"])]
    assert alone["age_band"] == {"suppressed": "k_anonymity"}, "a group of one, with k = 2"
    acknowledge_all(device, analyst, sync, first)
    store(device, rare)
    second = export(device, sync, HELPLINES)
    assert second.acknowledged == [1] and second.responses == 1
    [pair] = [record["answers"] for record in json.loads(decrypt(analyst, second.path)["responses.json"])]
    assert (pair["age_band"], pair["gender"], pair["district"]) == ("65_74", "man", "dacorum")


def test_a_field_the_gate_widened_stays_widened_in_later_exports(device, analyst, tmp_path):
    """Records sent finer than their neighbours were could be laid over them: the gate never goes back."""
    sync = tmp_path / "sync"
    same = {"age_band": "25_34", "gender": "woman", "district": "watford", "ethnicity": "white_british",
            "disability": "no", "sexual_orientation": "heterosexual"}
    for children in (1, 2):
        store(device, {**same, "children_household": children})
    first = export(device, sync, HELPLINES)
    assert "pathways_survey: children_household widened to bands 0, 1-2, 3+" in first.disclosure[0]
    acknowledge_all(device, analyst, sync, first)
    for children in (1, 2):  # with these, groups of two at the form's own bands: k = 2 needs no widening
        store(device, {**same, "children_household": children})
    second = export(device, sync, HELPLINES)
    assert second.disclosure[0] == "pathways_survey: children_household kept at bands 0, 1-2, 3+, as earlier exports sent it."
    sent = json.loads(decrypt(analyst, second.path)["responses.json"])
    assert [record["answers"]["children_household"] for record in sent] == ["1-2", "1-2"]


def test_an_export_that_did_not_go_out_leaves_the_gate_where_it_was(device, tmp_path):
    same = {"age_band": "25_34", "gender": "woman", "district": "watford", "ethnicity": "white_british",
            "disability": "no", "sexual_orientation": "heterosexual"}
    for children in (1, 2):
        store(device, {**same, "children_household": children})
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the sync folder should be")
    with pytest.raises(BundleError):
        export(device, blocker / "sync", HELPLINES)  # its gate widened children_household, but nothing went out
    for children in (1, 2):
        store(device, {**same, "children_household": children})
    result = export(device, tmp_path / "sync", HELPLINES)
    assert not [line for line in result.disclosure if "widened" in line or "kept at" in line]


def test_a_response_corrected_after_it_was_acknowledged_goes_out_again(device, analyst, tmp_path):
    sync = tmp_path / "sync"
    response_id, _ = store(device, {"what_would_have_helped": "A worker who listened."})
    store(device, {})
    first = export(device, sync, HELPLINES)
    acknowledge_all(device, analyst, sync, first)
    answers = json.loads(device.db.execute("SELECT answers FROM responses WHERE uuid = ?", (response_id,)).fetchone()[0])
    device.responses.amend(response_id, answers | {"what_would_have_helped": "Call me on 07700 900461."}, ADMIN, "typo")
    second = export(device, sync, HELPLINES)
    records = json.loads(decrypt(analyst, second.path)["responses.json"])
    assert [(r["id"], r["revision"]) for r in records] == [(response_id, 2)]
    assert records[0]["answers"]["what_would_have_helped"] == "Call me on [phone]."
    assert device.db.execute("SELECT seq, revision, kind FROM export_items WHERE response_uuid = ? ORDER BY seq",
                             (response_id,)).fetchall() == [(1, 1, "response"), (2, 2, "response")]


def test_only_acknowledged_responses_are_purged(device, analyst, tmp_path):
    sync = tmp_path / "sync"
    acknowledged = [store(device, {})[0] for _ in range(2)]
    first = export(device, sync, HELPLINES)
    acknowledge_all(device, analyst, sync, first)
    sent = store(device, {})[0]
    export(device, sync, HELPLINES)  # takes the acknowledgement of bundle 1, sends bundle 2
    waiting = store(device, {})[0]
    assert device.exports.purge_acknowledged("2000-01-01T00:00:00Z") == 0, "nothing that old"
    assert device.exports.purge_acknowledged("9999-12-31T00:00:00Z") == 2
    left = {row[0] for row in device.db.execute("SELECT uuid FROM responses")}
    assert left == {sent, waiting} and not left & set(acknowledged)


def test_a_cancelled_export_writes_nothing_and_marks_nothing_sent(device, tmp_path):
    import threading

    simulate(device, "pathways_survey", 5, random.Random(9))
    cancel = threading.Event()

    def cancel_once_reading(step: str, done: int, total: int) -> None:
        if step == "Anonymising":
            cancel.set()  # as the Cancel button does, from another thread, while the responses are read

    with pytest.raises(BundleError) as error:
        export(device, tmp_path / "sync", HELPLINES, cancel_once_reading, cancel)
    assert error.value.code == "cancelled" and "nothing was marked as sent" in error.value.message
    assert not (tmp_path / "sync").exists() or not any((tmp_path / "sync").iterdir())
    assert device.exports.status()["waiting"] == 5 and device.exports.unacknowledged() == []
    assert export(device, tmp_path / "sync", HELPLINES).responses == 5, "the next export sends them all"
