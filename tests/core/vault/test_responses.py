import signal
import subprocess
import sys

import pytest

from desktop_app.core.errors import VaultError
from desktop_app.core.vault.vault import Vault
from tests.conftest import ADMIN, ADMIN_PASSPHRASE


@pytest.fixture
def vault_with_form(vault):
    with vault.db.transaction():
        vault.forms.add("pathways", "1", "Pathways", '{"v": 1}', ADMIN)
    return vault


def test_a_draft_is_saved_then_completed_with_a_receipt(vault_with_form):
    responses = vault_with_form.responses
    rid = responses.create_draft("pathways", "1", {"age": 34}, ADMIN)
    responses.save_draft(rid, {"age": 35, "needs": ["counselling"]})
    assert responses.get(rid).status == "draft"
    code = responses.complete(rid, {"age": 35, "needs": ["counselling", "legal"]}, ADMIN)
    stored = responses.get(rid)
    assert stored.status == "complete" and stored.completed_at
    assert stored.answers == {"age": 35, "needs": ["counselling", "legal"]}
    assert len(code) == 9 and code[4] == "-"
    assert responses.find_by_receipt(code.lower().replace("-", " ")).uuid == rid
    assert responses.find_by_receipt("0000-0000") is None


def test_receipt_codes_are_stored_only_as_keyed_hashes(vault_with_form):
    rid = vault_with_form.responses.create_draft("pathways", "1", {}, ADMIN)
    code = vault_with_form.responses.complete(rid, {}, ADMIN)
    everything = repr([vault_with_form.db.execute(f"SELECT * FROM {table}") for table in ("responses", "audit", "meta")])
    assert code not in everything and code.replace("-", "") not in everything


def test_a_completed_response_cannot_be_overwritten_as_a_draft(vault_with_form):
    rid = vault_with_form.responses.create_draft("pathways", "1", {}, ADMIN)
    vault_with_form.responses.complete(rid, {"a": 1}, ADMIN)
    with pytest.raises(VaultError) as error:
        vault_with_form.responses.save_draft(rid, {"a": 2})
    assert error.value.code == "wrong_status"
    assert vault_with_form.responses.get(rid).answers == {"a": 1}


def test_a_response_needs_a_stored_form(vault_with_form):
    with pytest.raises(VaultError) as error:
        vault_with_form.responses.create_draft("nope", "1", {}, ADMIN)
    assert error.value.code == "unknown_form"


def test_pages_and_counts_filter_by_form_and_status(vault_with_form):
    responses = vault_with_form.responses
    with vault_with_form.db.transaction():
        vault_with_form.forms.add("practitioners", "1", "P", "{}", ADMIN)
    for n in range(5):
        rid = responses.create_draft("pathways", "1", {"n": n}, ADMIN)
        if n % 2 == 0:
            responses.complete(rid, {"n": n}, ADMIN)
    responses.create_draft("practitioners", "1", {}, ADMIN)
    assert responses.count() == 6
    assert responses.count("pathways", "complete") == 3
    assert responses.count(status="draft") == 3
    assert sorted(r.answers["n"] for r in responses.page(0, 10, "pathways", "complete")) == [0, 2, 4]
    assert len(responses.page(1, 2, "pathways")) == 2


def test_forms_keep_every_version_and_refuse_a_changed_one_under_the_same_version(vault_with_form):
    forms = vault_with_form.forms
    with vault_with_form.db.transaction():
        forms.add("pathways", "2", "Pathways v2", '{"v": 2}', ADMIN)
        assert forms.add("pathways", "2", "Pathways v2", '{"v": 2}', ADMIN).version == "2"
    assert forms.get("pathways").version == "2"
    assert forms.get("pathways", "1").definition == '{"v": 1}'
    with pytest.raises(VaultError) as error:
        forms.add("pathways", "2", "Changed", '{"v": 3}', ADMIN)
    assert error.value.code == "form_version_clash"


CHILD = """
import sys
from pathlib import Path
from desktop_app.core.vault.vault import Vault
vault = Vault.unlock(Path(sys.argv[1]), "alice", "correct horse battery staple")
rid = vault.responses.create_draft("pathways", "1", {"q": "kept"}, "alice")
vault.responses.complete(rid, {"q": "kept"}, "alice")
print(rid, flush=True)
sys.stdin.read()  # wait to be killed, connection open, nothing checkpointed
"""


def test_a_completed_response_survives_the_process_being_killed_right_after(vault_with_form, vault_dir):
    vault_with_form.close()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(vault_dir)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    rid = child.stdout.readline().strip()
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    with Vault.unlock(vault_dir, ADMIN, ADMIN_PASSPHRASE) as vault:
        assert vault.responses.get(rid).answers == {"q": "kept"}
        assert vault.audit.verify().ok


def test_a_correction_needs_a_reason_and_keeps_what_it_replaced(vault_with_form):
    responses = vault_with_form.responses
    rid = responses.create_draft("pathways", "1", {}, ADMIN)
    responses.complete(rid, {"age": 35}, ADMIN)
    with pytest.raises(VaultError) as error:
        responses.amend(rid, {"age": 36}, ADMIN, "  ")
    assert error.value.code == "reason_required"
    responses.amend(rid, {"age": 36}, ADMIN, "typed 35 by mistake")
    assert responses.get(rid).answers == {"age": 36} and responses.get(rid).revision == 2
    assert [(who, why) for _, who, why in responses.edits(rid)] == [(ADMIN, "typed 35 by mistake")]
    audit = [action for _, _, _, action, _ in vault_with_form.audit.entries(3)]
    assert audit[0] == "response.edit" and "typed" not in repr(vault_with_form.audit.entries(50))


def test_withdrawal_by_receipt_erases_the_answers(vault_with_form):
    responses = vault_with_form.responses
    rid = responses.create_draft("pathways", "1", {}, ADMIN)
    code = responses.complete(rid, {"story": "private words"}, ADMIN)
    responses.amend(rid, {"story": "more private words"}, ADMIN, "fix")
    assert responses.withdraw(code.lower(), ADMIN) == rid
    gone = responses.get(rid)
    assert gone.status == "withdrawn" and gone.answers == {} and responses.edits(rid) == []
    with pytest.raises(VaultError) as again:
        responses.withdraw(code, ADMIN)
    assert again.value.code == "already_withdrawn"
    with pytest.raises(VaultError) as unknown:
        responses.withdraw("ZZZZ-ZZZZ", ADMIN)
    assert unknown.value.code == "unknown_receipt"


def test_a_discarded_draft_leaves_nothing(vault_with_form):
    responses = vault_with_form.responses
    rid = responses.create_draft("pathways", "1", {"consent": "no"}, ADMIN)
    responses.discard_draft(rid, ADMIN)
    assert responses.get(rid) is None and responses.count() == 0


def test_list_summaries_carry_no_answers(vault_with_form):
    responses = vault_with_form.responses
    rid = responses.create_draft("pathways", "1", {"secret": "x"}, ADMIN)
    [row] = responses.summaries(0, 10)
    assert row[0] == rid and "x" not in row and len(row) == 6
    assert responses.count_completed_since("2000-01-01") == 0


def test_drafts_saved_while_another_thread_writes_never_collide(vault_with_form):
    """The GUI saves drafts while an export runs on a worker thread, over one connection."""
    import threading

    responses = vault_with_form.responses
    draft = responses.create_draft("pathways", "1", {}, ADMIN)
    failures = []

    def export_like_work():
        try:
            for n in range(200):
                rid = responses.create_draft("pathways", "1", {"n": n}, ADMIN)
                responses.complete(rid, {"n": n}, ADMIN)
        except Exception as exc:  # noqa: BLE001 - the assertion below reports it
            failures.append(exc)

    worker = threading.Thread(target=export_like_work)
    worker.start()
    for n in range(200):
        responses.save_draft(draft, {"typed": n})
    worker.join()
    assert failures == []
    assert responses.get(draft).answers == {"typed": 199}
    assert responses.count(status="complete") == 200
