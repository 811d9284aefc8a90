"""The command line as a new user meets it: exit codes, one-line errors, no secrets in arguments."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli import main
from tests.cli import run
from tests.conftest import ADMIN, ADMIN_PASSPHRASE, WORKER, WORKER_PASSPHRASE

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def set_up(capsys, monkeypatch):
    monkeypatch.setenv("FIELDBOOK_PASSPHRASE", ADMIN_PASSPHRASE)
    code, out, err = run(capsys, "setup", "--user", ADMIN)
    assert code == 0, err
    return out


def test_setup_prints_the_recovery_key_once(set_up, capsys):
    assert "Recovery key (shown once" in set_up
    key = [line.strip() for line in set_up.splitlines() if line.startswith("    ")][0]
    assert len(key.split("-")) == 8
    code, out, err = run(capsys, "setup", "--user", "eve")
    assert code == 1
    assert err.startswith("fieldbook: There is already a vault in ") and err.count("\n") == 1
    assert key not in out + err


def test_admin_adds_a_worker_who_can_then_sign_in(set_up, capsys, monkeypatch):
    monkeypatch.setenv("FIELDBOOK_NEW_PASSPHRASE", WORKER_PASSPHRASE)
    assert run(capsys, "user", "add", WORKER, "--role", "worker")[0] == 0
    code, out, _ = run(capsys, "--user", ADMIN, "user", "list")
    assert code == 0
    assert [line.split("\t")[:2] for line in out.splitlines()] == [[ADMIN, "admin"], [WORKER, "worker"]]
    monkeypatch.setenv("FIELDBOOK_PASSPHRASE", WORKER_PASSPHRASE)
    code, _, err = run(capsys, "user", "list", "--user", WORKER)
    assert (code, err) == (1, f"fieldbook: Only an admin can list accounts; '{WORKER}' is a worker.\n")


def test_wrong_passphrase_exits_1_with_one_line(set_up, capsys, monkeypatch):
    monkeypatch.setenv("FIELDBOOK_PASSPHRASE", "not my passphrase at all")
    code, out, err = run(capsys, "user", "list")
    assert (code, out, err) == (1, "", f"fieldbook: Wrong passphrase for user '{ADMIN}'.\n")


def test_passphrase_file_and_passwd(set_up, capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("FIELDBOOK_PASSPHRASE")
    current = tmp_path / "current"
    current.write_text(ADMIN_PASSPHRASE + "\n")
    new = tmp_path / "new"
    new.write_text("a new passphrase for alice\n")
    assert run(capsys, "user", "passwd", "--passphrase-file", str(current), "--new-passphrase-file", str(new))[0] == 0
    assert run(capsys, "user", "list", "--passphrase-file", str(current))[0] == 1
    assert run(capsys, "user", "list", "--passphrase-file", str(new))[0] == 0


def test_weak_new_passphrase_is_refused_with_advice(set_up, capsys, monkeypatch):
    monkeypatch.setenv("FIELDBOOK_NEW_PASSPHRASE", "password1")
    code, _, err = run(capsys, "user", "add", WORKER, "--role", "worker")
    assert code == 1 and "too" in err and err.count("\n") == 1


def test_recover_with_the_recovery_key(set_up, capsys, monkeypatch):
    key = [line.strip() for line in set_up.splitlines() if line.startswith("    ")][0]
    monkeypatch.delenv("FIELDBOOK_PASSPHRASE")
    monkeypatch.setenv("FIELDBOOK_RECOVERY_KEY", key)
    monkeypatch.setenv("FIELDBOOK_NEW_PASSPHRASE", "found my way back in")
    assert run(capsys, "recover", "--user", ADMIN)[0] == 0
    monkeypatch.setenv("FIELDBOOK_PASSPHRASE", "found my way back in")
    assert run(capsys, "check")[0] == 0


def test_audit_verify_and_check(set_up, capsys):
    code, out, _ = run(capsys, "audit", "verify")
    assert code == 0 and "intact" in out
    code, out, _ = run(capsys, "check")
    assert code == 0 and "Vault intact" in out
    code, out, _ = run(capsys, "audit", "show")
    assert code == 0 and "vault.create" in out


def test_no_vault_is_reported_before_asking_for_a_passphrase(capsys, tmp_path):
    code, _, err = run(capsys, "--home", str(tmp_path / "empty"), "user", "list")
    assert code == 1
    assert "There is no vault in" in err and "fieldbook setup" in err


def test_no_passphrase_source_without_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    code, _, err = run(capsys, "setup", "--user", ADMIN)
    assert code == 1 and "FIELDBOOK_PASSPHRASE" in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["user", "add", "x"])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        main(["setup", "--passphrase", "in the clear"])
    assert exit_.value.code == 2


def test_global_options_work_before_or_after_the_command(set_up, capsys, monkeypatch, isolated_home):
    monkeypatch.delenv("FIELDBOOK_HOME")
    assert run(capsys, "--home", str(isolated_home), "audit", "verify")[0] == 0
    assert run(capsys, "audit", "verify", "--home", str(isolated_home))[0] == 0
    assert run(capsys, "--user", ADMIN, "audit", "verify", "--home", str(isolated_home))[0] == 0


@pytest.mark.slow
@pytest.mark.parametrize(
    "launcher",
    [[sys.executable, "main.py"], [sys.executable, "-m", "desktop_app"], [str(Path(sys.executable).parent / "fieldbook")]],
    ids=["main.py", "python -m", "console script"],
)
def test_every_launcher_starts_the_same_program(launcher):
    result = subprocess.run([*launcher, "--version"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout.strip()) == (0, "fieldbook 0.1.0")


@pytest.mark.slow
def test_a_real_session_end_to_end_in_a_subprocess(tmp_path):
    """Production KDF, real process, the way the issue's checker will try it."""
    env = {**os.environ, "FIELDBOOK_HOME": str(tmp_path), "FIELDBOOK_PASSPHRASE": ADMIN_PASSPHRASE}

    def fieldbook(*argv, **extra):
        return subprocess.run(
            [sys.executable, "-m", "desktop_app", *argv], env={**env, **extra}, capture_output=True, text=True,
            stdin=subprocess.DEVNULL, timeout=120,
        )

    assert fieldbook("setup", "--user", ADMIN).returncode == 0
    assert fieldbook("user", "add", WORKER, "--role", "worker", FIELDBOOK_NEW_PASSPHRASE=WORKER_PASSPHRASE).returncode == 0
    wrong = fieldbook("user", "list", "--user", ADMIN, FIELDBOOK_PASSPHRASE="guess guess guess")
    assert (wrong.returncode, wrong.stderr) == (1, f"fieldbook: Wrong passphrase for user '{ADMIN}'.\n")
    assert "Traceback" not in wrong.stderr
    assert fieldbook("check", "--user", ADMIN).returncode == 0


@pytest.mark.parametrize(
    "damage, expected",
    [
        (lambda v: (v / "vault.db").write_bytes((v / "vault.db").read_bytes()[:1000]), "is damaged or truncated"),
        (lambda v: (v / "keyslots.json").write_text((v / "keyslots.json").read_text().replace("A", "B", 1)), "was changed outside Fieldbook"),
        (lambda v: (v / "keyslots.json").unlink(), "keyslot file"),
    ],
    ids=["truncated-database", "edited-keyslots", "missing-keyslots"],
)
def test_damaged_files_give_one_line_naming_them(set_up, capsys, vault_dir, damage, expected):
    damage(vault_dir)
    code, out, err = run(capsys, "check")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and expected in err and str(vault_dir) in err


def test_unexpected_failures_print_no_traceback(set_up, capsys, monkeypatch):
    from desktop_app.core.vault import vault

    def boom(*args):
        raise ValueError("respondent said: Jane Doe, 12 Hidden Lane")

    monkeypatch.setattr(vault.Vault, "check_integrity", boom)
    code, _, err = run(capsys, "check")
    assert code == 1
    assert err == "fieldbook: unexpected ValueError; rerun with FIELDBOOK_DEBUG=1 to see details.\n"
