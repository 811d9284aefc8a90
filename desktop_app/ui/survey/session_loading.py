"""Which FormSession a survey view starts from: a new response, or a draft exactly as it was left."""

from desktop_app.core.errors import FieldbookError
from desktop_app.core.forms.loader import form_from_definition
from desktop_app.core.forms.session import FormSession
from desktop_app.core.vault.vault import Vault


def open_session(vault: Vault, form_id: str, response_id: str | None) -> FormSession:
    """A new session of the form's newest version, or the draft's session exactly as it was left."""
    if response_id is None:
        stored = vault.forms.get(form_id)
        if stored is None:
            raise FieldbookError("unknown_form", f"There is no form '{form_id}' on this laptop.")
        return FormSession(form_from_definition(stored.definition))
    response = vault.responses.get(response_id)
    if response is None or response.status != "draft":
        raise FieldbookError("not_a_draft", "This draft is no longer here: it was finished or discarded.")
    stored = vault.forms.get(response.form_id, response.form_version)
    if stored is None:
        raise FieldbookError("unknown_form", f"The form of this draft ({response.form_id} {response.form_version}) is missing.")
    return FormSession.from_draft(form_from_definition(stored.definition), response.answers)
