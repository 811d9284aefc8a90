"""The analysts' store: what imports merged, read back per form for datasets and reports.

Records are kept as the devices sent them (anonymised JSON), so a dataset is
rebuilt from exactly what left the devices, never from a derived copy that a
withdrawal could miss.
"""

import json
from collections.abc import Iterator

from desktop_app.core.analysis.errors import AnalysisError
from desktop_app.core.exchange.project import Project, from_json
from desktop_app.core.forms.loader import form_from_definition
from desktop_app.core.forms.model import Form
from desktop_app.core.vault.vault import Vault


class AnalystStore:
    def __init__(self, vault: Vault):
        if vault.meta("workspace") != "analyst":
            raise AnalysisError("wrong_workspace", "This is not an analyst workspace (create one with: fieldbook analyst init).")
        self.vault = vault
        self.db = vault.db

    def form(self, form_id: str) -> Form:
        """The newest version of a form the analysts hold (from their project files)."""
        stored = self.vault.forms.get(form_id)
        if stored is None:
            known = ", ".join(sorted({f.form_id for f in self.vault.forms.all()})) or "none yet"
            raise AnalysisError("unknown_form", f"No form '{form_id}' in this workspace (forms: {known}).")
        return form_from_definition(stored.definition)

    def form_ids(self) -> list[str]:
        return sorted({stored.form_id for stored in self.vault.forms.all()})

    def count(self, form_id: str) -> int:
        return self.db.execute("SELECT count(*) FROM records WHERE form_id = ?", (form_id,)).fetchone()[0]

    def records(self, form_id: str) -> Iterator[dict]:
        """Every current record of a form, oldest import first, with the device id added."""
        rows = self.db.execute("SELECT body, device_id FROM records WHERE form_id = ? ORDER BY rowid", (form_id,))
        for body, device_id in rows:
            record = json.loads(body)
            record["device"] = device_id
            yield record

    def projects(self) -> list[Project]:
        return [from_json(body) for (body,) in self.db.execute("SELECT body FROM analyst_projects ORDER BY created_at, rowid")]

    def project_for(self, form_id: str) -> Project:
        """The newest project carrying the form: its disclosure settings and coverage targets apply."""
        for project in reversed(self.projects()):
            if any(form.form_id == form_id for form in project.forms):
                return project
        raise AnalysisError("no_project", f"No project of this workspace carries the form '{form_id}'.")
