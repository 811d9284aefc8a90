"""One form's findings report from the analysts' store: the one path the report command and the Findings tab share.

The project that carries the form decides the minimum cell size and the
coverage targets, so a table looks the same whichever door it is opened from.
"""

from desktop_app.core.analysis.dataset import frame, variables
from desktop_app.core.analysis.report import Report, build_report
from desktop_app.core.analysis.store import AnalystStore


def findings_report(store: AnalystStore, form_id: str, preset: str = "default") -> Report:
    form = store.form(form_id)
    project = store.project_for(form_id)
    df = frame(form, store.records(form_id), labels=False)  # choice names: the tables label them from the form
    return build_report(form, df, variables(form), min_cell=project.min_cell, preset=preset, targets=project.targets)
