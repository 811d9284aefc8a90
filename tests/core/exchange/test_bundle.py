"""Bundles: readable by the reference `age` CLI with the analysts' identity, by nobody else, and signed."""

import io
import json
import shutil
import subprocess
import tarfile

import pytest
from pyrage import x25519

from desktop_app.core.exchange import signing
from desktop_app.core.exchange.bundle import (
    encode_members,
    pack,
    read_sidecar,
    write_bundle,
)
from desktop_app.core.exchange.errors import BundleError

RECORDS = [{"id": "r1", "answers": {"needs": ["legal"]}}, {"id": "r2", "answers": {"needs": []}}]


@pytest.fixture
def keys():
    identity = x25519.Identity.generate()
    return identity, signing.new_signing_key()


@pytest.fixture
def bundle(tmp_path, keys):
    identity, device_key = keys
    plaintext = pack({"seq": 1, "device_id": "dev-1"}, encode_members(RECORDS, [{"id": "r0"}]), device_key)
    fields = {"project_id": "p1", "device_id": "dev-1", "device_public_key": signing.public_key(device_key), "seq": 1}
    return write_bundle(tmp_path / "sync", plaintext, [str(identity.to_public())], fields, device_key)


def members(plaintext: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(plaintext)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}


@pytest.mark.skipif(not shutil.which("age"), reason="the reference age CLI is not installed (apt-get install age)")
def test_the_reference_age_cli_decrypts_a_bundle(bundle, keys, tmp_path):
    identity, _ = keys
    identity_file = tmp_path / "analyst.key"
    identity_file.write_text(str(identity) + "\n")
    plaintext = subprocess.run(["age", "-d", "-i", str(identity_file), str(bundle)], capture_output=True, check=True).stdout
    files = members(plaintext)
    assert json.loads(files["responses.json"]) == RECORDS and json.loads(files["withdrawals.json"]) == [{"id": "r0"}]
    manifest = json.loads(files["manifest.json"])
    assert manifest["format"] == 2 and set(manifest["files"]) == {"responses.json", "withdrawals.json"}


def test_another_identity_cannot_decrypt_it(bundle):
    import pyrage

    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(bundle.read_bytes(), [x25519.Identity.generate()])


def test_the_sidecar_verifies_and_detects_tampering(bundle):
    sig = bundle.with_name(bundle.name + ".sig")
    sidecar = read_sidecar(sig)
    assert sidecar.seq == 1 and sidecar.device_id == "dev-1"
    document = json.loads(sig.read_text())
    document["seq"] = 2
    sig.write_text(json.dumps(document))
    with pytest.raises(BundleError) as error:
        read_sidecar(sig)
    assert error.value.code == "bad_signature"


def test_an_existing_bundle_is_never_overwritten(bundle, keys):
    identity, device_key = keys
    fields = {"project_id": "p1", "device_id": "dev-1", "device_public_key": signing.public_key(device_key), "seq": 1}
    with pytest.raises(BundleError) as error:
        write_bundle(bundle.parent, b"x", [str(identity.to_public())], fields, device_key)
    assert error.value.code == "bundle_exists"


def test_a_full_disk_leaves_no_partial_bundle(tmp_path, keys, monkeypatch):
    """The disk fills while the signature file is written: the bundle already renamed is removed too."""
    import builtins

    identity, device_key = keys
    real_open = builtins.open

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def write(self, data):
            raise OSError(28, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    def opening(path, mode="r", *args, **kwargs):
        handle = real_open(path, mode, *args, **kwargs)
        return FullDisk(handle) if "w" in mode and str(path).endswith(".sig.tmp") else handle

    monkeypatch.setattr(builtins, "open", opening)
    folder = tmp_path / "sync"
    fields = {"project_id": "p1", "device_id": "dev-1", "device_public_key": signing.public_key(device_key), "seq": 3}
    with pytest.raises(BundleError) as error:
        write_bundle(folder, b"payload", [str(identity.to_public())], fields, device_key)
    assert "disk is full" in error.value.message
    assert list(folder.iterdir()) == []
