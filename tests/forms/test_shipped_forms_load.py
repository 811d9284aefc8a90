"""The four forms Fieldbook ships load through its own loader, cleanly, with their privacy rules."""

from pathlib import Path

import pytest

from desktop_app.core.forms.loader import load_form
from desktop_app.core.forms.session import FormSession

FORMS = Path(__file__).resolve().parents[2] / "forms"
SHIPPED = ["pathways_survey", "practitioner_survey", "followup_interview", "strategy_consultation"]


@pytest.mark.parametrize("form_id", SHIPPED)
def test_loads_without_warnings(form_id):
    loaded = load_form(FORMS / f"{form_id}.md")
    assert loaded.warnings == ()
    assert loaded.form.form_id == form_id
    assert loaded.form.version


def test_pathways_consent_and_safety_gate_everything():
    session = FormSession(load_form(FORMS / "pathways_survey.md").form)
    gated = [k for k in session.keys() if session.plan.nodes[k[-1]].kind not in ("metadata", "calculate", "note")]
    session.set("consent", "no")
    assert [k for k in gated if session.relevant(k)] == [("consent",)]
    session.set("consent", "yes")
    session.set("safe_now", "no")
    assert not session.relevant("support_needed")
    session.set("safe_now", "yes")
    assert session.relevant("support_needed")


def test_pathways_contact_details_are_never_exported():
    form = load_form(FORMS / "pathways_survey.md").form
    contact = {q.name for q in form.questions() if q.privacy.rule == "contact"}
    assert {"contact_name", "contact_phone", "contact_email"} <= contact
    quasi = {q.name for q in form.questions() if q.privacy.rule == "quasi"}
    assert {"age_band", "gender", "sexual_orientation", "ethnicity", "disability", "district"} <= quasi
