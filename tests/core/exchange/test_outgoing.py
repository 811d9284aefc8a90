"""Responses anonymised when they are completed: an export sends exactly what anonymising them then would."""

import io
import json
import random
import shutil
import tarfile
from pathlib import Path
from typing import NamedTuple

import pyrage
import pytest
from pyrage import x25519

from desktop_app.core.errors import VaultError
from desktop_app.core.exchange.acks import write_ack
from desktop_app.core.exchange.bundle import read_sidecar
from desktop_app.core.exchange.export import ExportResult, export
from desktop_app.core.exchange.review import pending_review, redact
from desktop_app.core.exchange.workspace import analyst_identity
from desktop_app.core.forms.fill import session_from_answers
from desktop_app.core.forms.loader import form_from_definition
from desktop_app.core.privacy import outgoing
from desktop_app.core.privacy.anonymise import Anonymiser
from desktop_app.core.signposting import load_services
from desktop_app.core.vault.key_store import ANALYST_SIGNING
from desktop_app.core.vault.vault import Vault
from tests.conftest import ADMIN, ADMIN_PASSPHRASE
from tests.core.exchange.journey import capture, device, project_file

SHIPPED = [service.phone for service in load_services()]  # what a device without a list of its own allows
HELPLINE = "0808 802 4040"  # shipped, so allowed; not in the narrower list below
NARROWER = ["999", "116 123"]


@pytest.fixture
def laptop(analyst, tmp_path):
    vault = device(tmp_path / "laptop", project_file(analyst, tmp_path, k=5))
    yield vault
    vault.close()


def store(vault: Vault, answers: dict) -> str:
    stored = vault.forms.get("pathways_survey")
    session = session_from_answers(form_from_definition(stored.definition), {
        "consent": "yes", "safe_now": "yes", "followup_willing": "yes", "contact_methods": ["phone_call"], **answers})
    return vault.store_response(stored.form_id, stored.version, session.final_answers())[0]


def kept(vault: Vault) -> dict[str, tuple[int, str, dict]]:
    return {uuid: (revision, policy, json.loads(record))
            for uuid, revision, policy, record in vault.db.execute("SELECT uuid, revision, policy, record FROM outgoing")}


def sent(analyst: Vault, bundle: Path) -> tuple[dict[str, dict], dict]:
    """The bundle's records by id, and its manifest."""
    identity = x25519.Identity.from_str(analyst_identity(analyst))
    with tarfile.open(fileobj=io.BytesIO(pyrage.decrypt(bundle.read_bytes(), [identity]))) as tar:
        records = json.loads(tar.extractfile("responses.json").read())
        manifest = json.loads(tar.extractfile("manifest.json").read())
    return {record["id"]: record for record in records}, manifest


def counting_anonymised(monkeypatch) -> list[int]:
    """How many responses an export anonymises itself, call by call."""
    calls: list[int] = []
    original = Anonymiser.anonymise_all

    def counted(self, responses):
        calls.append(len(responses))
        return original(self, responses)

    monkeypatch.setattr(Anonymiser, "anonymise_all", counted)
    return calls


def test_a_completed_response_is_kept_anonymised_until_it_changes(laptop):
    planted = store(laptop, {"contact_name": "Zelda Quixote", "contact_phone": "07700 900461",
                             "what_would_have_helped": f"Zelda Quixote helped, call 07700 900461 or {HELPLINE}"})
    revision, _, record = kept(laptop)[planted]
    text = json.dumps(record)
    assert revision == 1 and "Zelda" not in text and "07700" not in text and HELPLINE in text
    assert "contact_phone" not in record["answers"] and record["worker"].startswith("worker-")

    answers = laptop.responses.get(planted).answers
    laptop.responses.amend(planted, {**answers, "district": "dacorum"}, ADMIN, "wrong district")
    revision, _, record = kept(laptop)[planted]
    assert revision == 2 and record["revision"] == 2 and record["answers"]["district"] == "dacorum"

    code = laptop.store_response("pathways_survey", laptop.forms.get("pathways_survey").version, {"consent": "yes"})[1]
    withdrawn = laptop.responses.find_by_receipt(code).uuid
    assert withdrawn in kept(laptop)
    laptop.responses.withdraw(code, ADMIN)
    assert withdrawn not in kept(laptop), "a withdrawn response leaves nothing behind"


def test_an_export_of_kept_records_sends_what_anonymising_them_all_at_export_sends(analyst, laptop, tmp_path,
                                                                                  monkeypatch):
    """Acknowledged responses, small groups for the gate, a correction and a review by hand: the same bundle."""
    sync = tmp_path / "sync"
    capture(laptop, 40, seed=1)
    first = export(laptop, sync, SHIPPED)
    sidecar = read_sidecar(first.path.with_name(first.path.name + ".sig"))
    write_ack(sync, sidecar.project_id, sidecar.device_id, 1, "", analyst.keys.get(ANALYST_SIGNING).secret)
    capture(laptop, 80, seed=2)
    planted = store(laptop, {"contact_name": "Zelda Quixote", "what_would_have_helped": "Zelda Quixote, SG13 7AB."})
    laptop.responses.amend(planted, {**laptop.responses.get(planted).answers, "age_band": "55_64"}, ADMIN, "age")
    [item] = [item for item in pending_review(laptop, SHIPPED) if item.response_id == planted]
    redact(laptop, planted, item.path, [(0, 5)], SHIPPED)
    laptop.close()
    anonymised = counting_anonymised(monkeypatch)
    warm, cold = exported_both_ways(analyst, tmp_path, sync, kept_count=121)
    assert anonymised == [81, 40], "only the export with none kept anonymised: 81 sent whole, 40 acknowledged"
    assert warm.result.acknowledged == cold.result.acknowledged == [1]
    assert len(warm.records) == 81
    assert warm.records[planted]["answers"]["what_would_have_helped"].startswith("[")
    assert any("suppressed" in line or "widened" in line for line in warm.result.disclosure), "the gate had work"


def test_responses_to_an_older_version_are_counted_by_the_newest_versions_quasi_identifiers(analyst, laptop, tmp_path):
    capture(laptop, 30, seed=3)
    stored = laptop.forms.get("pathways_survey")
    definition = json.loads(stored.definition)
    for question in definition["children"]:
        if question.get("name") == "first_response":
            question["privacy"] = "quasi"
    with laptop.db.transaction():
        laptop.forms.add(stored.form_id, "2026.2", stored.title, json.dumps({**definition, "version": "2026.2"}), ADMIN)
    capture(laptop, 30, seed=4)
    laptop.close()
    warm, _ = exported_both_ways(analyst, tmp_path, tmp_path / "sync", kept_count=60)
    assert warm.manifest["forms"] == {"pathways_survey": ["2026.1", "2026.2"]}
    assert "of the 60 records" in warm.result.disclosure[-1], "both versions counted together"


class _Exported(NamedTuple):
    result: ExportResult
    records: dict[str, dict]
    manifest: dict


def exported_both_ways(analyst: Vault, tmp_path: Path, sync: Path, kept_count: int) -> tuple[_Exported, _Exported]:
    """The closed laptop's next export, from its kept records and (from a copy) with none kept:
    the same records, the same disclosure report and the same manifest, or the test fails."""
    shutil.copytree(tmp_path / "laptop", tmp_path / "cold")
    both = []
    for name in ("laptop", "cold"):
        with Vault.unlock(tmp_path / name, ADMIN, ADMIN_PASSPHRASE) as vault:
            if name == "laptop":
                assert len(kept(vault)) == kept_count
            else:
                with vault.db.transaction():
                    vault.db.execute("DELETE FROM outgoing")
            folder = shutil.copytree(sync, tmp_path / f"{name}_sync") if sync.exists() else tmp_path / f"{name}_sync"
            result = export(vault, folder, SHIPPED)
        both.append(_Exported(result, *sent(analyst, result.path)))
    warm, cold = both
    assert warm.records == cold.records
    assert warm.result.disclosure == cold.result.disclosure
    assert {k: v for k, v in warm.manifest.items() if k != "signature"} == {k: v for k, v in cold.manifest.items()
                                                                            if k != "signature"}
    return warm, cold


def test_kept_records_are_not_used_once_the_allow_list_changes(analyst, laptop, tmp_path):
    """A device with its own list of helplines: numbers the shipped list allowed are redacted after all."""
    planted = store(laptop, {"what_would_have_helped": f"I rang {HELPLINE} in the end."})
    result = export(laptop, tmp_path / "sync", NARROWER)
    records, _ = sent(analyst, result.path)
    assert HELPLINE not in json.dumps(records[planted])
    assert laptop.outgoing.allow_list() == NARROWER, "records are made for the list exports use from now on"
    again = store(laptop, {"what_would_have_helped": f"I rang {HELPLINE} again."})
    assert HELPLINE not in json.dumps(kept(laptop)[again][2])
    policy = outgoing.fingerprint(json.loads(laptop.meta("project"))["project_id"], NARROWER)
    assert {entry[1] for entry in kept(laptop).values()} == {policy}


def test_an_export_keeps_the_records_it_made_for_the_next(analyst, laptop, tmp_path, monkeypatch):
    ids = capture(laptop, 5)
    with laptop.db.transaction():
        laptop.db.execute("DELETE FROM outgoing")  # as in a vault from before records were kept
    export(laptop, tmp_path / "sync", SHIPPED)
    assert set(kept(laptop)) == set(ids)
    anonymised = counting_anonymised(monkeypatch)
    export(laptop, tmp_path / "sync", SHIPPED)
    assert sum(anonymised) == 0


def test_a_response_is_saved_even_when_its_record_cannot_be_made(analyst, laptop, tmp_path, monkeypatch):
    def broken(*args):
        raise ValueError("a bug in the anonymiser")

    monkeypatch.setattr(outgoing.OutgoingRecords, "record", broken)
    response_id = capture(laptop, 1, seed=random.randrange(100))[0]
    assert laptop.responses.get(response_id).status == "complete" and not kept(laptop)
    monkeypatch.undo()
    result = export(laptop, tmp_path / "sync", SHIPPED)
    assert list(sent(analyst, result.path)[0]) == [response_id], "anonymised by the export instead"


def test_records_made_for_another_project_are_never_used(laptop):
    capture(laptop, 3)
    with laptop.db.transaction():
        laptop.outgoing.configure("another-project", SHIPPED)
    assert not kept(laptop)


def test_a_record_that_cannot_be_kept_leaves_the_rest_of_the_save_alone(laptop):
    with laptop.db.transaction():
        laptop.db.execute("CREATE TEMP TRIGGER refuse BEFORE INSERT ON outgoing BEGIN SELECT RAISE(ABORT, 'full'); END")
    response_id = capture(laptop, 1)[0]
    assert laptop.responses.get(response_id).status == "complete" and not kept(laptop)
    assert laptop.audit.verify().ok and laptop.audit.entries(1)[0][3] == "response.complete"


def test_an_error_that_undoes_the_whole_save_fails_it_rather_than_half_commit_it(laptop):
    """A full disk undoes the whole transaction: the completion fails, and the draft stays a draft."""
    stored = laptop.forms.get("pathways_survey")
    draft = laptop.responses.create_draft(stored.form_id, stored.version, {"consent": "yes"}, ADMIN)
    with laptop.db.transaction():
        laptop.db.execute("CREATE TEMP TRIGGER full BEFORE INSERT ON outgoing BEGIN SELECT RAISE(ROLLBACK, 'full'); END")
    with pytest.raises(VaultError):
        laptop.responses.complete(draft, {"consent": "yes", "safe_now": "yes"}, ADMIN)
    assert laptop.responses.get(draft).status == "draft" and not kept(laptop)
    assert laptop.audit.verify().ok and laptop.audit.entries(1)[0][3] == "response.create"
