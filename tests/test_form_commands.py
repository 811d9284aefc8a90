"""`fieldbook forms ...` and `fieldbook capture`, as an author and a worker would run them."""

import json
from pathlib import Path

import pytest

from desktop_app.core.vault.vault import Vault
from tests.cli import run
from tests.conftest import ADMIN, ADMIN_PASSPHRASE

REPO = Path(__file__).resolve().parents[1]
PATHWAYS = REPO / "forms" / "pathways_survey.md"
GOLDEN = REPO / "tests" / "core" / "forms" / "golden" / "features.md"


@pytest.fixture
def device(capsys, monkeypatch, vault_dir):
    monkeypatch.setenv("FIELDBOOK_PASSPHRASE", ADMIN_PASSPHRASE)
    assert run(capsys, "setup", "--user", ADMIN)[0] == 0
    assert run(capsys, "forms", "add", GOLDEN)[0] == 0
    return vault_dir


def answers_file(tmp_path, answers):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    return path


def test_check_passes_good_forms_and_lists_every_error_of_bad_ones(capsys, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text(
        "| survey | type | name | label | relevant | calculation |\n"
        "| | integer | age | Age | . > | |\n"
        "| | calculate | c | | | nosuch(1) |\n"
    )
    code, out, err = run(capsys, "forms", "check", PATHWAYS, bad)
    assert code == 1
    assert f"{PATHWAYS}: ok: pathways_survey" in out
    assert err.splitlines() == [
        f"{bad}:survey:2:relevant: relevant of 'age': the expression ends too soon at character 4",
        f"{bad}:survey:3:calculation: calculation of 'c': unknown function 'nosuch()' at character 1",
    ]


def test_try_shows_relevance_values_and_errors_as_json(capsys, tmp_path):
    answers = answers_file(tmp_path, {"consent": "yes", "age": 12, "n_kids": 1, "kids": [{"kid_age": 4}]})
    code, out, _ = run(capsys, "forms", "try", GOLDEN, "--answers", answers)
    assert code == 0
    fields = {f["path"]: f for f in json.loads(out)}
    assert fields["age"]["relevant"] is True and fields["age"]["value"] == 12
    assert fields["age"]["errors"] == [{"code": "constraint", "message": "At least 16"}]
    assert fields["adult"]["value"] == "no"
    assert fields["kids[1]/kid_age"]["value"] == 4
    assert fields["full_name"]["relevant"] is True
    code, out, _ = run(capsys, "forms", "try", GOLDEN, "--answers", answers_file(tmp_path, {"consent": "no"}))
    fields = {f["path"]: f for f in json.loads(out)}
    assert fields["age"]["relevant"] is False and fields["full_name"]["relevant"] is False


def test_try_rejects_answers_for_questions_the_form_lacks(capsys, tmp_path):
    code, _, err = run(capsys, "forms", "try", GOLDEN, "--answers", answers_file(tmp_path, {"agee": 3}))
    assert code == 1 and "'agee'" in err


def test_capture_stores_a_valid_response_and_prints_its_receipt(device, capsys, tmp_path):
    answers = answers_file(tmp_path, {
        "consent": "yes", "age": 30, "region": "west", "district": "watford", "needs": ["legal"],
        "full_name": "Jane Example", "n_kids": 1, "kids": [{"kid_age": 4}], "mood": 3,
        "story": {"declined": "prefer_not_to_say"},
    })
    code, out, err = run(capsys, "capture", "--form", "features", "--answers", answers)
    assert code == 0, err
    response_id = out.split("Stored response ")[1].split()[0]
    receipt = out.split("Receipt code: ")[1].strip()
    with Vault.unlock(device, ADMIN, ADMIN_PASSPHRASE) as vault:
        stored = vault.responses.get(response_id)
        assert stored.status == "complete"
        assert stored.answers["adult"] == "yes"
        assert stored.answers["story"] == {"declined": "prefer_not_to_say"}
        assert stored.answers["kids"] == [{"kid_age": 4}]
        assert vault.responses.find_by_receipt(receipt).uuid == response_id


def test_capture_refuses_invalid_answers_naming_every_field(device, capsys, tmp_path):
    answers = answers_file(tmp_path, {"age": 12, "district": "atlantis"})
    code, _, err = run(capsys, "capture", "--form", "features", "--answers", answers)
    assert code == 1
    assert "consent: This question needs an answer. (required)" in err
    assert "nothing was stored" in err
    with Vault.unlock(device, ADMIN, ADMIN_PASSPHRASE) as vault:
        assert vault.responses.count() == 0


def test_forms_list_and_a_new_version_keeps_old_responses_readable(device, capsys, tmp_path):
    newer = tmp_path / "features_v4.md"
    newer.write_text(GOLDEN.read_text().replace("| | features | 3 |", "| | features | 4 |"))
    assert run(capsys, "forms", "add", newer)[0] == 0
    code, out, _ = run(capsys, "forms", "list")
    assert [line.split("\t")[:2] for line in out.splitlines()] == [["features", "3"], ["features", "4"]]
    changed = tmp_path / "features_changed.md"
    changed.write_text(newer.read_text().replace("Welcome", "Hello"))
    code, _, err = run(capsys, "forms", "add", changed)
    assert code == 1 and "already stored with different content" in err


def test_capture_of_an_unknown_form(device, capsys, tmp_path):
    code, _, err = run(capsys, "capture", "--form", "nope", "--answers", answers_file(tmp_path, {}))
    assert code == 1 and "No form 'nope'" in err


def test_convert_writes_a_workbook_that_loads_the_same(capsys, tmp_path):
    from desktop_app.core.forms.loader import load_form

    out = tmp_path / "pathways.xlsx"
    code, _, _ = run(capsys, "forms", "convert", PATHWAYS, "--out", out)
    assert code == 0
    assert load_form(out).definition == load_form(PATHWAYS).definition


def test_bad_answer_files(capsys, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    code, _, err = run(capsys, "forms", "try", GOLDEN, "--answers", broken)
    assert code == 1 and "is not valid JSON" in err
    code, _, err = run(capsys, "forms", "try", GOLDEN, "--answers", tmp_path / "missing.json")
    assert code == 1 and "Cannot read" in err


def test_responses_keep_the_form_version_they_were_captured_with(device, capsys, tmp_path):
    from desktop_app.core.forms.loader import form_from_definition

    answers = answers_file(tmp_path, {"consent": "no"})
    assert run(capsys, "capture", "--form", "features", "--answers", answers)[0] == 0
    newer = tmp_path / "features_v4.md"
    newer.write_text(GOLDEN.read_text().replace("| | features | 3 |", "| | features | 4 |"))
    assert run(capsys, "forms", "add", newer)[0] == 0
    with Vault.unlock(device, ADMIN, ADMIN_PASSPHRASE) as vault:
        [old] = vault.responses.page(0, 10)
        assert old.form_version == "3"
        form = form_from_definition(vault.forms.get("features", old.form_version).definition)
        assert form.version == "3" and old.answers["consent"] == "no"


def test_simulate_stores_valid_synthetic_responses(device, capsys):
    code, out, err = run(capsys, "simulate", "--form", "features", "-n", "5", "--seed", "3")
    assert code == 0, err
    with Vault.unlock(device, ADMIN, ADMIN_PASSPHRASE) as vault:
        assert vault.responses.count("features", "complete") == 5


def test_the_demo_workspace_has_every_shipped_form_and_responses(tmp_path):
    from desktop_app.core.demo import DEMO_PASSPHRASE, DEMO_USER, create_demo_vault

    vault = create_demo_vault(tmp_path / "vault", REPO / "forms", responses_per_form=2)
    vault.close()
    with Vault.unlock(tmp_path / "vault", DEMO_USER, DEMO_PASSPHRASE) as again:
        assert again.forms.count() == 4
        assert again.responses.count(status="complete") == 8
