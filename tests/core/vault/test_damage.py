"""A damaged vault gives one clear error naming the file, and never makes things worse."""

import shutil

import pytest

from desktop_app.core.errors import VaultError
from desktop_app.core.vault.vault import Vault
from tests.conftest import ADMIN, ADMIN_PASSPHRASE


@pytest.fixture
def closed_vault(vault, vault_dir):
    with vault.db.transaction():
        vault.forms.add("f", "1", "F", "{}", ADMIN)
    for n in range(200):  # enough pages that damage lands in the data
        rid = vault.responses.create_draft("f", "1", {"n": n, "text": "x" * 500}, ADMIN)
        vault.responses.complete(rid, {"n": n, "text": "x" * 500}, ADMIN)
    vault.close()
    return vault_dir


def unlock_and_read(vault_dir):
    with Vault.unlock(vault_dir, ADMIN, ADMIN_PASSPHRASE) as vault:
        return vault.responses.page(0, 1000)


def test_an_intact_vault_passes_the_full_check(closed_vault):
    with Vault.unlock(closed_vault, ADMIN, ADMIN_PASSPHRASE) as vault:
        vault.check_integrity()


def test_truncated_database(closed_vault):
    db = closed_vault / "vault.db"
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    with pytest.raises(VaultError) as error:
        unlock_and_read(closed_vault)
    assert error.value.code == "corrupt_database"
    assert str(db) in error.value.message


def test_bit_flipped_database(closed_vault):
    db = closed_vault / "vault.db"
    data = bytearray(db.read_bytes())
    data[len(data) // 2] ^= 0xFF
    db.write_bytes(bytes(data))
    with pytest.raises(VaultError) as error:
        with Vault.unlock(closed_vault, ADMIN, ADMIN_PASSPHRASE) as vault:
            vault.check_integrity()
    assert error.value.code == "corrupt_database"
    assert str(db) in error.value.message


def test_zeroed_database_header(closed_vault):
    db = closed_vault / "vault.db"
    data = db.read_bytes()
    db.write_bytes(b"\0" * 4096 + data[4096:])
    with pytest.raises(VaultError) as error:
        unlock_and_read(closed_vault)
    assert error.value.code == "corrupt_database"


def test_missing_database_beside_its_keyslots(closed_vault):
    (closed_vault / "vault.db").unlink()
    with pytest.raises(VaultError) as error:
        unlock_and_read(closed_vault)
    assert error.value.code == "no_database"


def test_keyslots_from_another_vault_do_not_open_this_database(closed_vault, tmp_path):
    other = tmp_path / "other"
    Vault.create(other, ADMIN, ADMIN_PASSPHRASE)[0].close()
    shutil.copy(other / "keyslots.json", closed_vault / "keyslots.json")
    with pytest.raises(VaultError) as error:
        unlock_and_read(closed_vault)
    assert error.value.code == "corrupt_database"


def test_missing_vault_folder(tmp_path):
    with pytest.raises(VaultError) as error:
        Vault.unlock(tmp_path / "nowhere", ADMIN, ADMIN_PASSPHRASE)
    assert error.value.code == "no_vault"
    assert "fieldbook setup" in error.value.message


def test_an_export_reading_a_damaged_page_stops_with_the_error_and_leaves_no_thread_behind(vault, vault_dir):
    import threading

    with vault.db.transaction():
        vault.forms.add("f", "1", "F", "{}", ADMIN)
    for n in range(60):  # long answers: most of the file is the responses the export reads
        rid = vault.responses.create_draft("f", "1", {"n": n, "text": "x" * 20_000}, ADMIN)
        vault.responses.complete(rid, {"n": n, "text": "x" * 20_000}, ADMIN)
    vault.close()
    db = vault_dir / "vault.db"
    data = bytearray(db.read_bytes())
    for tenth in (6, 7, 8, 9):
        data[len(data) * tenth // 10] ^= 0xFF
    db.write_bytes(bytes(data))
    threads = threading.active_count()
    with Vault.unlock(vault_dir, ADMIN, ADMIN_PASSPHRASE) as damaged:
        with pytest.raises(VaultError) as error:
            for _ in damaged.exports.unkept_in_chunks(""):  # read a chunk at a time on another thread
                pass
        assert error.value.code == "corrupt_database" and str(db) in error.value.message
        assert threading.active_count() == threads, "the reading thread ended with the error"
