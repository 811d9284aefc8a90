"""Reviewing free text before export: highlights where the scrub acted, and more redaction by hand."""

import io
import json
import tarfile
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from desktop_app.core.exchange.export import export
from desktop_app.core.exchange.project import read_project
from desktop_app.core.exchange.review import (
    MARK,
    _apply,
    confirm,
    pending_review,
    redact,
)
from desktop_app.core.exchange.workspace import (
    analyst_identity,
    create_project_file,
    import_project,
    init_analyst,
)
from desktop_app.core.forms.fill import session_from_answers
from desktop_app.core.forms.loader import form_from_definition
from desktop_app.core.privacy.scrub import Redaction
from desktop_app.core.vault.vault import Vault
from tests.conftest import ADMIN, ADMIN_PASSPHRASE

FORMS = Path(__file__).resolve().parents[3] / "forms"
STORY = "My neighbour Bartholomew drove me to the refuge on 12 March 2024, call 07700 900461."


@pytest.fixture
def device(vault, tmp_path):
    analyst, _ = Vault.create(tmp_path / "analyst", "analyst", ADMIN_PASSPHRASE)
    init_analyst(analyst)
    path = tmp_path / "p.fbproj"
    create_project_file(analyst, [FORMS / "pathways_survey.md"], path, k=2)
    import_project(vault, read_project(path))
    stored = vault.forms.get("pathways_survey")
    answers = session_from_answers(form_from_definition(stored.definition),
                                   {"consent": "yes", "safe_now": "yes", "what_would_have_helped": STORY}).final_answers()
    vault.store_response(stored.form_id, stored.version, answers)
    yield vault, analyst
    analyst.close()


def test_the_scrubbed_text_is_offered_with_its_redactions(device):
    vault, _ = device
    [item] = pending_review(vault, [])
    assert item.path == "what_would_have_helped" and not item.reviewed
    assert "07700" not in item.text and "2024" not in item.text
    for span in item.redactions:
        assert item.text[span.start:span.end].startswith("[")
    assert "Bartholomew" in item.text, "a name nobody recorded is what the worker is there to catch"


def test_redacting_by_hand_reaches_the_export(device, tmp_path):
    vault, analyst = device
    [item] = pending_review(vault, [])
    start = item.text.index("Bartholomew")
    updated = redact(vault, item.response_id, item.path, [(start, start + len("Bartholomew"))], [])
    assert "Bartholomew" not in updated.text and MARK in updated.text and updated.reviewed
    assert any(r.kind == "manual" and updated.text[r.start:r.end] == MARK for r in updated.redactions)
    for r in updated.redactions:
        assert updated.text[r.start:r.end].startswith("[")
    result = export(vault, tmp_path / "sync", [])
    identity = x25519.Identity.from_str(analyst_identity(analyst))
    with tarfile.open(fileobj=io.BytesIO(pyrage.decrypt(result.path.read_bytes(), [identity]))) as tar:
        payload = tar.extractfile("responses.json").read().decode()
    assert "Bartholomew" not in payload
    assert json.loads(payload)[0]["answers"]["what_would_have_helped"] == updated.text


def test_a_correction_after_review_discards_the_review(device):
    vault, _ = device
    [item] = pending_review(vault, [])
    confirm(vault, item.response_id, item.path)
    assert pending_review(vault, [])[0].reviewed
    stored = vault.responses.get(item.response_id)
    vault.responses.amend(item.response_id, {**stored.answers, "what_would_have_helped": "Nothing."}, ADMIN, "typo")
    [again] = pending_review(vault, [])
    assert not again.reviewed and again.text == "Nothing."


def test_a_selection_through_a_placeholder_takes_all_of_it():
    text = "call [phone] now please"
    redactions = (Redaction("phone", 5, 12),)
    out, spans = _apply(text, redactions, [(8, 16)])
    assert out == f"call {MARK} please"
    assert [(s.kind, out[s.start:s.end]) for s in spans] == [("manual", MARK)]
    out, spans = _apply(text, redactions, [(17, 23)])
    assert out == f"call [phone] now {MARK}"
    assert [(s.kind, out[s.start:s.end]) for s in spans] == [("phone", "[phone]"), ("manual", MARK)]
