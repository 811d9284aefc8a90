import json
import sqlite3

import pytest

from desktop_app.core.errors import AuthError, VaultError
from desktop_app.core.vault.throttle import UnlockThrottle, delay_after
from desktop_app.core.vault.vault import Vault, VaultFiles, user_names
from tests.conftest import ADMIN, ADMIN_PASSPHRASE, WORKER, WORKER_PASSPHRASE

SECRET_ANSWER = "Mrs Example lives at 12 Hidden Lane"


def store_answer(vault, text=SECRET_ANSWER):
    with vault.db.transaction():
        vault.forms.add("pathways", "1", "Pathways", '{"questions": []}', vault.user.name)
    response_id = vault.responses.create_draft("pathways", "1", {"note": text}, vault.user.name)
    return response_id, vault.responses.complete(response_id, {"note": text}, vault.user.name)


def test_the_database_file_is_ciphertext_that_plain_sqlite_cannot_read(vault, vault_dir):
    store_answer(vault)
    vault.close()
    for path in vault_dir.iterdir():
        assert SECRET_ANSWER.encode() not in path.read_bytes(), path.name
        assert b"Hidden Lane" not in path.read_bytes()
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(vault_dir / "vault.db").execute("SELECT * FROM sqlite_master").fetchall()


def test_stored_answers_come_back_after_unlocking_again(vault, vault_dir):
    response_id, code = store_answer(vault)
    vault.close()
    with Vault.unlock(vault_dir, ADMIN, ADMIN_PASSPHRASE) as again:
        assert again.responses.get(response_id).answers == {"note": SECRET_ANSWER}
        assert again.responses.find_by_receipt(code).uuid == response_id


def test_wrong_passphrase_is_a_clear_error_and_changes_nothing(vault, vault_dir):
    store_answer(vault)
    vault.close()
    before = (vault_dir / "vault.db").read_bytes(), (vault_dir / "keyslots.json").read_bytes()
    with pytest.raises(AuthError) as error:
        Vault.unlock(vault_dir, ADMIN, "not the passphrase at all")
    assert error.value.code == "wrong_passphrase"
    assert error.value.message == "Wrong passphrase for user 'alice'."
    assert ((vault_dir / "vault.db").read_bytes(), (vault_dir / "keyslots.json").read_bytes()) == before


def test_repeated_failures_make_the_next_attempt_wait(vault, vault_dir):
    assert [delay_after(n) for n in range(7)] == [0, 0, 0, 2, 4, 8, 16]
    for _ in range(3):
        with pytest.raises(AuthError):
            Vault.unlock(vault_dir, ADMIN, "not the passphrase at all")
    with pytest.raises(AuthError) as error:
        Vault.unlock(vault_dir, ADMIN, ADMIN_PASSPHRASE)
    assert error.value.code == "throttled"
    assert "Wait 2 s" in error.value.message


def test_the_wait_passes_and_a_success_resets_the_count(vault_dir, vault):
    now = [1000.0]
    throttle = UnlockThrottle(VaultFiles(vault_dir).throttle, clock=lambda: now[0])
    for _ in range(4):
        throttle.failed()
    assert throttle.remaining() == 4
    now[0] += 4
    throttle.check()
    throttle.succeeded()
    throttle.failed()
    assert throttle.remaining() == 0


def test_unknown_user_and_ambiguous_user(vault, vault_dir):
    vault.add_user(WORKER, "worker", WORKER_PASSPHRASE)
    with pytest.raises(AuthError) as unknown:
        Vault.unlock(vault_dir, "mallory", ADMIN_PASSPHRASE)
    assert unknown.value.code == "unknown_user"
    with pytest.raises(AuthError) as ambiguous:
        Vault.unlock(vault_dir, None, ADMIN_PASSPHRASE)
    assert ambiguous.value.code == "user_required"
    assert user_names(vault_dir) == [ADMIN, WORKER]


def test_only_an_admin_manages_accounts(vault, vault_dir):
    vault.add_user(WORKER, "worker", WORKER_PASSPHRASE)
    with Vault.unlock(vault_dir, WORKER, WORKER_PASSPHRASE) as worker:
        assert worker.user.role == "worker"
        with pytest.raises(AuthError) as forbidden:
            worker.add_user("carol", "worker", "another long passphrase here")
        assert forbidden.value.code == "forbidden"
        with pytest.raises(AuthError):
            worker.list_users()
        with pytest.raises(AuthError):
            worker.set_passphrase(ADMIN, "taking over the admin account")
    assert [a.name for a in vault.list_users()] == [ADMIN, WORKER]


def test_changing_a_passphrase_rewrites_that_slot_only(vault, vault_dir):
    vault.add_user(WORKER, "worker", WORKER_PASSPHRASE)
    slots_before = json.loads((vault_dir / "keyslots.json").read_text())["slots"]
    vault.set_passphrase(WORKER, "a brand new worker passphrase")
    slots_after = json.loads((vault_dir / "keyslots.json").read_text())["slots"]
    assert slots_after[f"user:{WORKER}"] != slots_before[f"user:{WORKER}"]
    assert {k: v for k, v in slots_after.items() if k != f"user:{WORKER}"} == {
        k: v for k, v in slots_before.items() if k != f"user:{WORKER}"
    }
    with pytest.raises(AuthError):
        Vault.unlock(vault_dir, WORKER, WORKER_PASSPHRASE)
    Vault.unlock(vault_dir, WORKER, "a brand new worker passphrase").close()


def test_weak_passphrases_are_refused_with_advice(vault_dir):
    for weak in ("short", "password123", "alicealicealice"):
        with pytest.raises(AuthError) as error:
            Vault.create(vault_dir, ADMIN, weak)
        assert error.value.code == "weak_passphrase"
    assert not VaultFiles(vault_dir).exists()


def test_the_recovery_key_resets_a_forgotten_passphrase(vault_and_recovery, vault_dir):
    vault, recovery_key = vault_and_recovery
    response_id, _ = store_answer(vault)
    vault.close()
    typed = recovery_key.lower().replace("-", " ")
    with Vault.recover(vault_dir, ADMIN, typed, "remembered this one now") as recovered:
        assert recovered.responses.get(response_id).answers == {"note": SECRET_ANSWER}
    Vault.unlock(vault_dir, ADMIN, "remembered this one now").close()
    with pytest.raises(AuthError) as wrong:
        Vault.recover(vault_dir, ADMIN, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", "whatever long enough words")
    assert wrong.value.code == "wrong_recovery_key"


def test_setup_refuses_to_overwrite_an_existing_vault(vault, vault_dir):
    with pytest.raises(VaultError) as error:
        Vault.create(vault_dir, "eve", "some other long passphrase")
    assert error.value.code == "vault_exists"
    assert user_names(vault_dir) == [ADMIN]


def test_a_failed_setup_leaves_nothing_behind(vault_dir, monkeypatch):
    from desktop_app.core.vault import keyslots

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(keyslots, "save", full_disk)
    with pytest.raises(VaultError) as error:
        Vault.create(vault_dir, ADMIN, ADMIN_PASSPHRASE)
    assert error.value.code == "disk_full"
    assert not vault_dir.parent.exists() or list(vault_dir.parent.iterdir()) == []


def test_a_failed_keyslot_write_rolls_the_new_account_back(vault, monkeypatch):
    from desktop_app.core.vault import keyslots

    def read_only(*args):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(keyslots, "save", read_only)
    with pytest.raises(VaultError) as error:
        vault.add_user(WORKER, "worker", WORKER_PASSPHRASE)
    assert error.value.code == "read_only"
    assert [a.name for a in vault.list_users()] == [ADMIN]


def test_verifying_your_own_passphrase_counts_towards_the_throttle(vault, vault_dir):
    vault.verify_passphrase(ADMIN_PASSPHRASE)
    for _ in range(3):
        with pytest.raises(AuthError):
            vault.verify_passphrase("somebody guessing at the desk")
    with pytest.raises(AuthError) as error:
        vault.verify_passphrase(ADMIN_PASSPHRASE)
    assert error.value.code == "throttled"


def test_a_transaction_that_need_not_wait_for_the_disk_leaves_the_next_ones_durable(vault):
    """Exports record what they sent without waiting for the disk; responses saved afterwards still wait for it."""
    full = vault.db.execute("PRAGMA synchronous").fetchone()[0]
    with vault.db.transaction(durable=False):
        assert vault.db.execute("PRAGMA synchronous").fetchone()[0] < full
        vault.db.execute("INSERT INTO meta (key, value) VALUES ('probe', 'x')")
    assert vault.db.execute("PRAGMA synchronous").fetchone()[0] == full == 2
    with pytest.raises(ZeroDivisionError), vault.db.transaction(durable=False):
        vault.db.execute("INSERT INTO meta (key, value) VALUES ('probe 2', 'x')")
        1 / 0
    assert vault.db.execute("PRAGMA synchronous").fetchone()[0] == full
    assert vault.meta("probe") == "x" and vault.meta("probe 2") is None
