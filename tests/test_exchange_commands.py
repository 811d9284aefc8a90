"""The exchange from the command line, as analysts and device admins run it."""

import io
import json
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.cli import run
from tests.conftest import ADMIN, ADMIN_PASSPHRASE

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def journey(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("FIELDBOOK_PASSPHRASE", ADMIN_PASSPHRASE)
    analyst, device = tmp_path / "analyst", tmp_path / "device"
    code, out, err = run(capsys, "--home", analyst, "analyst", "init", "--user", "ana")
    assert code == 0, err
    assert "age1" in out
    project = tmp_path / "survey.fbproj"
    code, out, err = run(capsys, "--home", analyst, "project", "create", "--forms", REPO / "forms" / "pathways_survey.md",
                         "--out", project, "--k", "3")
    assert code == 0, err
    code, out, err = run(capsys, "--home", device, "setup", "--user", ADMIN, "--project", project)
    assert code == 0, err
    assert "Analysts' signing key" in out
    return analyst, device, project


def test_a_device_set_up_from_a_project_exports_a_bundle_the_age_cli_reads(journey, capsys, tmp_path):
    analyst, device, _ = journey
    assert run(capsys, "--home", device, "simulate", "--form", "pathways_survey", "-n", "6", "--seed", "2")[0] == 0
    sync = tmp_path / "usb"
    code, out, err = run(capsys, "--home", device, "export", "--to", sync)
    assert code == 0, err
    bundle = Path(out.strip())
    assert bundle.parent == sync and bundle.suffix == ".fbx" and bundle.with_name(bundle.name + ".sig").exists()
    code, out, _ = run(capsys, "--home", device, "status")
    assert "Sent, not yet acknowledged:   6" in out
    if shutil.which("age"):
        key = tmp_path / "analyst.key"
        assert run(capsys, "--home", analyst, "analyst", "identity", "--out", key)[0] == 0
        plaintext = subprocess.run(["age", "-d", "-i", str(key), str(bundle)], capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(plaintext)) as tar:
            manifest = json.loads(tar.extractfile("manifest.json").read())
        assert manifest["counts"] == {"responses": 6, "withdrawals": 0}


def test_a_device_without_a_project_refuses_to_export(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("FIELDBOOK_PASSPHRASE", ADMIN_PASSPHRASE)
    assert run(capsys, "setup", "--user", ADMIN)[0] == 0
    code, _, err = run(capsys, "export", "--to", tmp_path)
    assert code == 1 and "no project" in err


def test_a_tampered_project_file_creates_no_vault(capsys, monkeypatch, tmp_path, journey):
    _, _, project = journey
    document = json.loads(project.read_text())
    document["body"]["k"] = 2
    project.write_text(json.dumps(document))
    code, _, err = run(capsys, "--home", tmp_path / "other", "setup", "--user", ADMIN, "--project", project)
    assert code == 1 and "not signed by the key it names" in err
    assert not (tmp_path / "other" / "data" / "vault").exists()


def test_device_and_withdraw(journey, capsys):
    _, device, _ = journey
    code, out, _ = run(capsys, "--home", device, "device")
    assert code == 0 and "Fingerprint:" in out and "dev-" in out
    code, _, err = run(capsys, "--home", device, "withdraw", "zzzz zzzz")
    assert code == 1 and "ZZZZ-ZZZZ" in err
