import json
import os

import pytest

from desktop_app.core.errors import AuthError, VaultError
from desktop_app.core.vault import keyslots

DATA_KEY = os.urandom(32)


def test_a_slot_opens_with_its_secret_and_only_its_secret(tmp_path):
    slot = keyslots.seal(DATA_KEY, "user:alice", "correct horse battery staple")
    assert keyslots.open_slot(slot, "correct horse battery staple", tmp_path) == DATA_KEY
    with pytest.raises(AuthError) as wrong:
        keyslots.open_slot(slot, "correct horse battery stapler", tmp_path)
    assert wrong.value.code == "wrong_passphrase"
    assert "alice" in wrong.value.message


def test_slot_file_round_trips_and_holds_no_key_in_clear(tmp_path):
    path = tmp_path / "keyslots.json"
    slot = keyslots.seal(DATA_KEY, "user:alice", "pw for alice here")
    keyslots.save(path, {"user:alice": slot})
    assert keyslots.load(path) == {"user:alice": slot}
    text = path.read_text()
    assert DATA_KEY.hex() not in text and "pw for alice" not in text


def test_an_altered_wrapped_key_is_reported_as_damage_not_as_a_wrong_passphrase(tmp_path):
    slot = keyslots.seal(DATA_KEY, "user:alice", "secret words here")
    flipped = bytes([slot.wrapped[0] ^ 1]) + slot.wrapped[1:]
    altered = keyslots.Keyslot(slot.name, slot.kdf, slot.salt, slot.verifier, slot.nonce, flipped)
    with pytest.raises(VaultError) as damaged:
        keyslots.open_slot(altered, "secret words here", tmp_path / "keyslots.json")
    assert damaged.value.code == "keyslot_damaged"
    assert "keyslots.json" in damaged.value.message


def test_a_slot_moved_to_another_name_does_not_open(tmp_path):
    """The slot name is authenticated, so alice's slot cannot be relabelled as bob's."""
    slot = keyslots.seal(DATA_KEY, "user:alice", "secret words here")
    moved = keyslots.Keyslot("user:bob", slot.kdf, slot.salt, slot.verifier, slot.nonce, slot.wrapped)
    with pytest.raises(VaultError):
        keyslots.open_slot(moved, "secret words here", tmp_path)


@pytest.mark.parametrize(
    "edit, code",
    [
        (lambda text: text[:-20], "keyslots_damaged"),
        (lambda text: text.replace('"time_cost": 1', '"time_cost": 2'), "keyslots_modified"),
        (lambda text: text.replace('"format": 1', '"format": 9'), "keyslots_format"),
    ],
    ids=["truncated", "edited", "unknown-format"],
)
def test_an_edited_slot_file_is_named_in_a_clear_error(tmp_path, edit, code):
    path = tmp_path / "keyslots.json"
    keyslots.save(path, {"user:alice": keyslots.seal(DATA_KEY, "user:alice", "secret words here")})
    path.write_text(edit(path.read_text()))
    with pytest.raises(VaultError) as error:
        keyslots.load(path)
    assert error.value.code == code
    assert str(path) in error.value.message


def test_missing_slot_file(tmp_path):
    with pytest.raises(VaultError) as error:
        keyslots.load(tmp_path / "keyslots.json")
    assert error.value.code == "no_keyslots"


@pytest.mark.slow
def test_production_kdf_is_argon2id_with_real_cost(tmp_path):
    path = tmp_path / "keyslots.json"
    keyslots.save(path, {"user:a": keyslots.seal(DATA_KEY, "user:a", "some words")})
    kdf = json.loads(path.read_text())["slots"]["user:a"]["kdf"]
    assert kdf["name"] == "argon2id"
    assert kdf["memory_kib"] >= 64 * 1024 and kdf["time_cost"] >= 2
