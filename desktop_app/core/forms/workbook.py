"""Stage one: any file pyxform reads becomes pyxform's dict, with row numbers kept.

pyxform's dict stage (`get_xlsform` + `workbook_to_json`) is the standard's
reference reader; its XML/Java validation is never used. pyxform's errors
arrive as text ("[row : 7] On the 'choices' sheet, ..."), so they are parsed
back into located FormErrors here.
"""

import re
import warnings as pywarnings
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.forms.errors import FormError, FormErrors, FormWarning

SUPPORTED_SUFFIXES = (".xlsx", ".xls", ".md", ".csv")
MAX_FILE_BYTES = 50 * 1024 * 1024
_ROW = re.compile(r"\[row\s*:\s*(\d+)\]\s*")
_SHEET = re.compile(r"[Oo]n the '(\w+)' sheet")
_COLUMN = re.compile(r"the '([\w:() -]+)' (?:value|column)")


@dataclass(frozen=True)
class Workbook:
    """pyxform's dict of a form, and where each survey and choice row was."""

    definition: dict
    survey_rows: dict[str, int]  # question name -> row
    group_rows: dict[str, int]  # group or repeat name -> its begin row
    choice_rows: dict[tuple[str, str], int]  # (list, choice) -> row
    warnings: tuple[FormWarning, ...]


def read_workbook(path: Path) -> Workbook:
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import get_xlsform

    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise FormErrors([FormError("file_type", f"'{path.suffix}' is not an XLSForm file; use .xlsx, .xls, .md or .csv.")])
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise FormErrors([FormError("too_large", f"The file is over {MAX_FILE_BYTES // 2**20} MB; is it really a form?")])
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("ignore")  # openpyxl chatter about headers and footers
            data = get_xlsform(str(path))
    except FormErrors:
        raise
    except FileNotFoundError:
        raise FormErrors([FormError("missing_file", "No such file.")]) from None
    except PyXFormError as exc:
        raise FormErrors(_from_pyxform(str(exc))) from None
    except Exception as exc:  # a broken zip, a bad encoding, a truncated workbook
        raise FormErrors([FormError("unreadable", f"Cannot read the workbook: {exc}.")]) from None
    if not data.survey:
        raise FormErrors([FormError("no_survey", "The form has no 'survey' sheet, or it is empty.", sheet="survey")])
    found: list[str] = []
    try:
        definition = workbook_to_json(data, warnings=found, fallback_form_name=path.stem)
    except PyXFormError as exc:
        raise FormErrors(_from_pyxform(str(exc))) from None
    except RecursionError:
        raise FormErrors([FormError("too_deep", "Groups or expressions are nested too deeply to read.")]) from None
    survey_rows, group_rows = _survey_rows(data.survey)
    return Workbook(
        definition=definition,
        survey_rows=survey_rows,
        group_rows=group_rows,
        choice_rows=_choice_rows(data.choices),
        warnings=tuple(_warning(text) for text in found),
    )


def _survey_rows(rows: list[dict]) -> tuple[dict[str, int], dict[str, int]]:
    questions, groups = {}, {}
    for index, row in enumerate(rows):
        name, kind = str(row.get("name") or ""), str(row.get("type") or "").strip().lower()
        if not name:
            continue
        target = groups if kind.startswith("begin") else questions
        target.setdefault(name, index + 2)  # row 1 holds the column headers
    return questions, groups


def _choice_rows(rows: list[dict]) -> dict[tuple[str, str], int]:
    return {
        (str(row.get("list_name") or row.get("list name") or ""), str(row.get("name") or "")): index + 2
        for index, row in enumerate(rows or [])
    }


def _from_pyxform(text: str) -> list[FormError]:
    errors = []
    for line in filter(None, (line.strip() for line in text.splitlines())):
        row = _ROW.search(line)
        sheet = _SHEET.search(line)
        column = _COLUMN.search(line)
        message = _ROW.sub("", line).split(" Learn more:")[0].strip()
        errors.append(
            FormError(
                "pyxform",
                message,
                sheet=sheet.group(1) if sheet else "survey",
                row=int(row.group(1)) if row else None,
                column=column.group(1) if column else "",
            )
        )
    return errors or [FormError("pyxform", "pyxform rejected the form without saying why.")]


def _warning(text: str) -> FormWarning:
    row = _ROW.search(text)
    sheet = _SHEET.search(text)
    message = " ".join(_ROW.sub("", text).split()).split(" Learn more:")[0]
    return FormWarning("pyxform", message, sheet=sheet.group(1) if sheet else "survey", row=int(row.group(1)) if row else None)
