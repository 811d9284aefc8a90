import json
from pathlib import Path

import pytest

from desktop_app.core.exchange.errors import ProjectError
from desktop_app.core.exchange.project import read_project
from desktop_app.core.exchange.workspace import (
    analyst_identity,
    create_project_file,
    current_project,
    device_identity,
    import_project,
    init_analyst,
)
from desktop_app.core.vault.vault import Vault
from tests.conftest import ADMIN, ADMIN_PASSPHRASE

FORMS = Path(__file__).resolve().parents[3] / "forms"


@pytest.fixture
def analyst(tmp_path):
    vault, _ = Vault.create(tmp_path / "analyst", ADMIN, ADMIN_PASSPHRASE)
    recipient = init_analyst(vault)
    yield vault, recipient
    vault.close()


@pytest.fixture
def project_file(analyst, tmp_path):
    vault, _ = analyst
    path = tmp_path / "pathways.fbproj"
    create_project_file(vault, [FORMS / "pathways_survey.md", FORMS / "practitioner_survey.md"], path, k=5, min_cell=10)
    return path


def test_the_analyst_gets_an_age_identity_and_recipient(analyst):
    vault, recipient = analyst
    assert recipient.startswith("age1")
    assert analyst_identity(vault).startswith("AGE-SECRET-KEY-1")
    with pytest.raises(ProjectError):
        init_analyst(vault)


def test_a_project_file_is_signed_and_verified(project_file):
    project = read_project(project_file)
    assert [f.form_id for f in project.forms] == ["pathways_survey", "practitioner_survey"]
    assert project.k == 5 and project.min_cell == 10 and project.recipients[0].startswith("age1")


@pytest.mark.parametrize("edit", [
    lambda d: d["body"].update(k=2),
    lambda d: d["body"]["recipients"].append("age1attackerxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    lambda d: d.update(signature=d["signature"][:-4] + "AAA="),
])
def test_an_altered_project_file_is_refused(project_file, edit):
    document = json.loads(project_file.read_text())
    edit(document)
    project_file.write_text(json.dumps(document))
    with pytest.raises(ProjectError) as error:
        read_project(project_file)
    assert error.value.code == "bad_signature" and str(project_file) in error.value.message


def test_a_device_imports_the_project_and_gets_an_identity(project_file, vault):
    with pytest.raises(ProjectError) as none_yet:
        device_identity(vault)
    assert none_yet.value.code == "no_project"
    import_project(vault, read_project(project_file))
    device_id, public, fingerprint = device_identity(vault)
    assert device_id.startswith("dev-") and public and len(fingerprint) == 24
    assert {f.form_id for f in vault.forms.all()} == {"pathways_survey", "practitioner_survey"}
    assert current_project(vault).k == 5


def test_a_project_from_another_signer_is_refused_on_a_device(project_file, vault, tmp_path):
    import_project(vault, read_project(project_file))
    other, _ = Vault.create(tmp_path / "other", ADMIN, ADMIN_PASSPHRASE)
    init_analyst(other)
    forged = tmp_path / "forged.fbproj"
    create_project_file(other, [FORMS / "pathways_survey.md"], forged)
    with pytest.raises(ProjectError) as error:
        import_project(vault, read_project(forged))
    assert error.value.code == "different_signer"
    other.close()
