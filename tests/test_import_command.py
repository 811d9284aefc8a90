"""`fieldbook import` and `fieldbook demo` as analysts run them: counts, trust on first use, refusals, exit codes."""

from pathlib import Path

import pytest

from tests.cli import run
from tests.conftest import ADMIN, ADMIN_PASSPHRASE

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def exported(capsys, monkeypatch, tmp_path):
    """An analysts' workspace and a folder holding one device's bundle of 6 responses."""
    monkeypatch.setenv("FIELDBOOK_PASSPHRASE", ADMIN_PASSPHRASE)
    analyst, device, sync = tmp_path / "analyst", tmp_path / "device", tmp_path / "usb"
    project = tmp_path / "survey.fbproj"
    assert run(capsys, "--home", analyst, "analyst", "init", "--user", "ana")[0] == 0
    assert run(capsys, "--home", analyst, "project", "create", "--forms", REPO / "forms" / "pathways_survey.md",
               "--out", project, "--k", "2", "--target", "older=30")[0] == 0
    assert run(capsys, "--home", device, "setup", "--user", ADMIN, "--project", project)[0] == 0
    assert run(capsys, "--home", device, "simulate", "--form", "pathways_survey", "-n", "6", "--seed", "3")[0] == 0
    assert run(capsys, "--home", device, "export", "--to", sync)[0] == 0
    return analyst, device, sync


def test_a_new_device_needs_trust_then_imports_and_the_device_sees_the_acknowledgement(exported, capsys, monkeypatch):
    analyst, device, sync = exported
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)

    code, out, err = run(capsys, "--home", analyst, "import", sync)
    assert code == 1
    assert "key fingerprint" in err and "--trust" in err

    code, out, err = run(capsys, "--home", analyst, "import", sync, "--trust")
    assert code == 0, err
    assert out.strip() == "1 bundles: new 6, updated 0, withdrawn 0, duplicate 0, rejected 0"

    code, out, err = run(capsys, "--home", analyst, "import", sync)
    assert code == 0 and "new 0" in out and "duplicate 6" in out
    code, _, err = run(capsys, "--home", device, "export", "--to", sync)
    assert code == 0 and "Analysts confirmed bundles 1." in err
    assert "Acknowledged by the analysts: 6" in run(capsys, "--home", device, "status")[1]


def test_a_damaged_bundle_is_refused_by_name_with_exit_1(exported, capsys):
    analyst, _, sync = exported
    [bundle] = sync.glob("*.fbx")
    bundle.write_bytes(bundle.read_bytes()[:-40])

    code, out, err = run(capsys, "--home", analyst, "import", sync, "--trust")

    assert code == 1
    assert f"refused: {bundle.name} does not match its signature" in err
    assert "rejected 1" in out


def test_nothing_to_import_is_said_plainly(exported, capsys, tmp_path):
    analyst, _, _ = exported
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "--home", analyst, "import", tmp_path / "empty")
    assert code == 1 and "no bundles (*.fbx) found" in err


def test_an_unknown_coverage_group_is_a_usage_error_naming_the_groups(exported, capsys, tmp_path):
    analyst, _, _ = exported
    code, _, err = run(capsys, "--home", analyst, "project", "create", "--forms", REPO / "forms" / "pathways_survey.md",
                       "--out", tmp_path / "p2.fbproj", "--target", "tall=3")
    assert code == 1 and "GROUP=N" in err and "older" in err


def test_the_demo_runs_the_whole_journey_and_keeps_its_workspaces_only_when_asked(capsys, tmp_path):
    code, out, err = run(capsys, "demo", "--dir", tmp_path / "demo")

    assert code == 0, err
    assert "2 bundles: new 300, updated 0, withdrawn 0, duplicate 0, rejected 0" in out
    assert "3 bundles: new 0, updated 0, withdrawn 1, duplicate 300, rejected 0" in out
    assert "Counselling or therapeutic support" in out
    for name in ("report.html", "pathways.sav", "pathways.codebook.csv", "project.fbproj"):
        assert (tmp_path / "demo" / name).exists(), name
    assert (tmp_path / "demo" / "demo-passphrase.txt").stat().st_mode & 0o077 == 0
    assert run(capsys, "demo", "--dir", tmp_path / "demo")[0] == 1  # never over an earlier demo
