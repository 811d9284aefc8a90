"""A vault on a read-only disk: a clear refusal, nothing lost."""

import os
import shutil
import subprocess
import sys

import pytest

from desktop_app.core.vault.vault import Vault
from tests.conftest import ADMIN, ADMIN_PASSPHRASE, WORKER, WORKER_PASSPHRASE


def read_only_runner():
    """Run a command with the vault folder mounted read-only (chmod does not stop root)."""
    if os.geteuid() != 0:
        return None
    if not shutil.which("unshare") or subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode:
        pytest.skip("needs unshare -rm (user namespaces) to mount a folder read-only as root")
    return True


def test_adding_an_account_on_a_read_only_disk_is_refused_and_loses_nothing(vault, vault_dir):
    vault.close()
    command = [sys.executable, "-m", "desktop_app", "user", "add", WORKER, "--role", "worker"]
    env = {**os.environ, "FIELDBOOK_PASSPHRASE": ADMIN_PASSPHRASE, "FIELDBOOK_NEW_PASSPHRASE": WORKER_PASSPHRASE}
    before = {p.name: p.read_bytes() for p in vault_dir.iterdir()}
    if read_only_runner():
        folder = str(vault_dir)
        command = ["unshare", "-rm", "sh", "-c",
                   f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" && exec "$@"', "sh",
                   *command]
        result = subprocess.run(command, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    else:
        vault_dir.chmod(0o555)
        try:
            result = subprocess.run(command, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
        finally:
            vault_dir.chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("fieldbook: Cannot write to the vault at ")
    assert "read-only" in result.stderr and result.stderr.count("\n") == 1
    assert {p.name: p.read_bytes() for p in vault_dir.iterdir()} == before
    with Vault.unlock(vault_dir, ADMIN, ADMIN_PASSPHRASE) as again:
        assert [a.name for a in again.list_users()] == [ADMIN]
