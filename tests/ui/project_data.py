"""An analysts' workspace, its signed project file, and answers worth reviewing, for the exchange screens' tests."""

import io
import tarfile
from pathlib import Path

import pyrage
from pyrage import x25519

from desktop_app.core.exchange.project import read_project
from desktop_app.core.exchange.workspace import (
    analyst_identity,
    create_project_file,
    import_project,
    init_analyst,
)
from desktop_app.core.forms.fill import session_from_answers
from desktop_app.core.forms.loader import form_from_definition
from desktop_app.core.vault.vault import Vault
from tests.conftest import ADMIN, ADMIN_PASSPHRASE

FORMS = Path(__file__).resolve().parents[2] / "forms"
# A name no identifier field recorded (the scrub cannot know it) and a phone number (it can).
STORY = "My neighbour Bartholomew drove me to the refuge, call 07700 900461."
PLANTED_PHONE = "07700 900461"


def analyst_workspace(folder: Path) -> Vault:
    vault, _ = Vault.create(folder, "analyst", ADMIN_PASSPHRASE)
    init_analyst(vault)
    return vault


def project_file(analyst: Vault, folder: Path, name: str = "Pathways") -> Path:
    path = folder / "pathways.fbproj"
    create_project_file(analyst, [FORMS / "pathways_survey.md"], path, name=name, k=2)
    return path


def device_with_project(where, analyst: Vault, folder: Path) -> Vault:
    """The laptop's vault (admin signed in) with the analysts' project imported."""
    vault, _ = Vault.create(where.vault, ADMIN, ADMIN_PASSPHRASE)
    import_project(vault, read_project(project_file(analyst, folder)))
    return vault


def store_story(vault: Vault, story: str = STORY) -> str:
    """One completed pathways response whose free-text answer is `story`; returns its id."""
    stored = vault.forms.get("pathways_survey")
    form = form_from_definition(stored.definition)
    answers = {"consent": "yes", "safe_now": "yes", "what_would_have_helped": story}
    return vault.store_response(stored.form_id, stored.version, session_from_answers(form, answers).final_answers())[0]


def decrypt_bundle(analyst: Vault, bundle: Path) -> dict[str, str]:
    """Every file in a bundle, as the analysts would read it."""
    identity = x25519.Identity.from_str(analyst_identity(analyst))
    with tarfile.open(fileobj=io.BytesIO(pyrage.decrypt(bundle.read_bytes(), [identity]))) as tar:
        return {member.name: tar.extractfile(member).read().decode() for member in tar.getmembers()}
