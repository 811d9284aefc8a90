"""Load an XLSForm file, or a stored definition, into a Form."""

import json
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.forms.build import build_form
from desktop_app.core.forms.errors import FormError, FormErrors, FormWarning
from desktop_app.core.forms.model import Form
from desktop_app.core.forms.workbook import Workbook, read_workbook


@dataclass(frozen=True)
class LoadedForm:
    form: Form
    warnings: tuple[FormWarning, ...]
    definition: dict  # pyxform's dict: what the vault stores, and what rebuilds the form

    def definition_json(self) -> str:
        return json.dumps(self.definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def load_form(path: Path) -> LoadedForm:
    """Read and check a form file; FormErrors lists every problem with its file, sheet, row and column."""
    name = str(path)
    try:
        workbook = read_workbook(path)
        form, warnings = build_form(workbook)
    except FormErrors as exc:
        raise FormErrors([error.located(name) for error in exc.errors]) from None
    except RecursionError:
        raise FormErrors([FormError("too_deep", "Groups are nested too deeply to read.", file=name)]) from None
    except Exception as exc:  # a shape of workbook nobody foresaw: say so, never a traceback
        raise FormErrors([FormError("unreadable", f"Fieldbook could not read this form ({type(exc).__name__}: {exc}).", file=name)]) from None
    located = tuple(FormWarning(w.code, w.message, w.sheet, w.row, w.column, name) for w in warnings)
    return LoadedForm(form, located, workbook.definition)


def form_from_definition(definition: str | dict) -> Form:
    """Rebuild a stored form (already checked when it was added)."""
    if isinstance(definition, str):
        definition = json.loads(definition)
    form, _ = build_form(Workbook(definition, {}, {}, {}, ()))
    return form
