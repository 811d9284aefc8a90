import pytest

from desktop_app.core.vault.vault import Vault
from tests.conftest import ADMIN, WORKER, WORKER_PASSPHRASE


@pytest.fixture
def busy_vault(vault):
    vault.add_user(WORKER, "worker", WORKER_PASSPHRASE)
    with vault.db.transaction():
        vault.forms.add("f", "1", "F", "{}", ADMIN)
    for n in range(3):
        rid = vault.responses.create_draft("f", "1", {"name": "Jane Doe"}, ADMIN)
        vault.responses.complete(rid, {"name": "Jane Doe"}, ADMIN)
    return vault


def tamper(vault, sql):
    """What someone holding the data key could do by hand: drop the guard, change a row."""
    vault.db.conn.executescript(f"DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; {sql};")


def test_every_change_is_recorded_without_content(busy_vault):
    actions = [action for _, _, _, action, _ in reversed(busy_vault.audit.entries(100))]
    assert actions == ["vault.create", "user.add", "user.add"] + ["response.create", "response.complete"] * 3
    everything = repr(busy_vault.audit.entries(100))
    assert "Jane" not in everything
    assert busy_vault.audit.verify().ok


def test_the_log_refuses_updates_and_deletes(busy_vault):
    with pytest.raises(Exception, match="append-only"):
        busy_vault.db.execute("UPDATE audit SET actor = 'mallory' WHERE seq = 2")
    with pytest.raises(Exception, match="append-only"):
        busy_vault.db.execute("DELETE FROM audit WHERE seq = 2")


def test_an_edited_row_is_found(busy_vault):
    tamper(busy_vault, "UPDATE audit SET actor = 'mallory' WHERE seq = 3")
    report = busy_vault.audit.verify()
    assert not report.ok
    assert report.problems == ["row 3 (user.add) was edited after it was written"]


def test_a_deleted_row_is_found(busy_vault):
    tamper(busy_vault, "DELETE FROM audit WHERE seq = 4")
    assert "rows 4-4 are missing (deleted)" in busy_vault.audit.verify().problems


def test_rows_cut_from_the_end_are_found(busy_vault):
    tamper(busy_vault, "DELETE FROM audit WHERE seq > 6")
    assert any("rows removed from the end" in p for p in busy_vault.audit.verify().problems)


def test_a_rewritten_row_with_a_fresh_hash_still_breaks_the_chain(busy_vault):
    from desktop_app.core.vault.audit import _row_hash

    seq, at, actor, action, target, prev, _ = busy_vault.db.execute("SELECT * FROM audit WHERE seq = 3").fetchone()
    forged = _row_hash(prev, seq, at, "mallory", action, target)
    tamper(busy_vault, f"UPDATE audit SET actor = 'mallory', hash = '{forged}' WHERE seq = 3")
    assert busy_vault.audit.verify().problems == ["row 4 does not follow row 3 (a row before it was changed or removed)"]


def test_the_chain_survives_reopening(busy_vault, vault_dir):
    from tests.conftest import ADMIN_PASSPHRASE

    busy_vault.close()
    with Vault.unlock(vault_dir, ADMIN, ADMIN_PASSPHRASE) as vault:
        assert vault.audit.verify().ok
        assert vault.audit.verify().rows == 9
