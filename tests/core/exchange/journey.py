"""The exchange's cast for tests: an analysts' workspace with a project, and devices set up from it."""

import random
from pathlib import Path

from desktop_app.core.demo import simulate
from desktop_app.core.exchange.export import export
from desktop_app.core.exchange.importer import import_bundles
from desktop_app.core.exchange.project import read_project
from desktop_app.core.exchange.workspace import (
    create_project_file,
    import_project,
    init_analyst,
)
from desktop_app.core.forms.loader import form_from_definition
from desktop_app.core.forms.synthetic import synthetic_session
from desktop_app.core.vault.vault import Vault
from tests.conftest import ADMIN, ADMIN_PASSPHRASE

FORMS = Path(__file__).resolve().parents[3] / "forms"
HELPLINES = ["0808 2000 247", "116 123", "999"]


def analyst_workspace(folder: Path) -> Vault:
    vault, _ = Vault.create(folder, "analyst", ADMIN_PASSPHRASE)
    init_analyst(vault)
    return vault


def project_file(analyst: Vault, folder: Path, *, name: str = "Pathways", k: int = 2) -> Path:
    path = folder / f"{name}.fbproj"
    create_project_file(analyst, [FORMS / "pathways_survey.md"], path, name=name, k=k)
    return path


def device(folder: Path, project: Path) -> Vault:
    vault, _ = Vault.create(folder, ADMIN, ADMIN_PASSPHRASE)
    import_project(vault, read_project(project))
    return vault


def capture(vault: Vault, count: int, seed: int = 1) -> list[str]:
    return simulate(vault, "pathways_survey", count, random.Random(seed))


def capture_with_receipts(vault: Vault, count: int, seed: int = 1) -> list[tuple[str, str]]:
    """(id, receipt code) of each new response: codes are shown once, so only the capture knows them."""
    stored = vault.forms.get("pathways_survey")
    form = form_from_definition(stored.definition)
    rng = random.Random(seed)
    return [vault.store_response(stored.form_id, stored.version, synthetic_session(form, rng).final_answers())
            for _ in range(count)]


def send(vault: Vault, sync: Path) -> Path | None:
    return export(vault, sync, HELPLINES).path


def trusting(device) -> bool:
    return True


def receive(analyst: Vault, *paths: Path, trust=trusting):
    return import_bundles(analyst, list(paths), trust)


def store_state(analyst: Vault) -> dict:
    """Everything the merge decides, for comparing stores."""
    db = analyst.db
    return {
        "records": sorted(db.execute("SELECT id, form_id, revision, device_id, body FROM records")),
        "withdrawn": sorted(db.execute("SELECT id, form_id, device_id FROM withdrawn")),
        "bundles": sorted(db.execute("SELECT device_id, seq, ciphertext_sha256 FROM bundles")),
        "devices": sorted(db.execute("SELECT device_id, public_key FROM devices")),
    }
