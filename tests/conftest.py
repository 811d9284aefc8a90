"""Shared fixtures: a private workspace per test, a cheap KDF, a ready vault.

Tests never touch the real user folders, and never open a real display.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from desktop_app.core.vault import keyslots
from desktop_app.core.vault.vault import Vault

ADMIN = "alice"
ADMIN_PASSPHRASE = "correct horse battery staple"
WORKER = "bob"
WORKER_PASSPHRASE = "purple monkey dishwasher lamp"

# Production Argon2id costs about 0.45 s per derivation; tests would spend
# minutes on it. Slow tests that check the real parameters opt out.
CHEAP_KDF = keyslots.KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch, request):
    if "slow" not in request.keywords:
        monkeypatch.setattr(keyslots, "DEFAULT_KDF", CHEAP_KDF)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """FIELDBOOK_HOME in a temporary folder; secrets from the environment cleared."""
    home = tmp_path / "home"
    monkeypatch.setenv("FIELDBOOK_HOME", str(home))
    for name in ("FIELDBOOK_PASSPHRASE", "FIELDBOOK_NEW_PASSPHRASE", "FIELDBOOK_RECOVERY_KEY", "FIELDBOOK_USER"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def vault_dir(isolated_home):
    return isolated_home / "data" / "vault"


@pytest.fixture
def vault_and_recovery(vault_dir):
    vault, recovery_key = Vault.create(vault_dir, ADMIN, ADMIN_PASSPHRASE)
    yield vault, recovery_key
    vault.close()


@pytest.fixture
def vault(vault_and_recovery):
    """An open vault whose only account is the admin."""
    return vault_and_recovery[0]


@pytest.fixture
def analyst(tmp_path):
    """An analysts' workspace: its own vault, with the age identity and signing key."""
    from tests.core.exchange.journey import analyst_workspace

    vault = analyst_workspace(tmp_path / "analyst")
    yield vault
    vault.close()
