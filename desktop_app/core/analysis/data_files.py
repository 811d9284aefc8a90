"""The analysts' dataset as a file (.csv, .xlsx, .parquet, SPSS .sav) with a codebook beside it.

Every file is written under a temporary name in the target folder and renamed
into place, so a full disk or a killed process leaves the old file or none,
never half a dataset. SPSS gets numbers with value labels, and the decline
codes as negative user-missing values, so SPSS keeps "prefer not to say" apart
from system-missing as the frame does. pandas and the format libraries are
imported only here, when a file is written.
"""

import re
from collections.abc import Sequence
from pathlib import Path

from desktop_app.core.analysis.dataset import (
    COUNT,
    DECIMAL,
    DECLINED,
    INTEGER,
    META,
    OPTION,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TEXT,
    Variable,
)
from desktop_app.core.analysis.errors import AnalysisError
from desktop_app.core.analysis.file_writing import write_file

FORMATS = (".csv", ".xlsx", ".parquet", ".sav")
EXCEL_ROWS = 1_048_576  # including the header row
EXCEL_COLUMNS = 16_384

# SPSS user-missing codes: declared missing, so SPSS leaves them out of statistics yet keeps them apart.
SPSS_MISSING = {"prefer_not_to_say": -1, "dont_know": -2, "skipped": -3, "suppressed": -4}
SPSS_RESERVED = {"ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"}
SPSS_NAME_BYTES = 64

_TYPES = {
    META: "text", SELECT_ONE: "category (select one)", SELECT_MULTIPLE: "text: chosen names, space-separated",
    OPTION: "0/1: chosen (empty when not answered)", INTEGER: "whole number", DECIMAL: "number",
    DECLINED: "category: why the number is missing", TEXT: "text", COUNT: "whole number: entries",
}
_CODED = (SELECT_ONE, DECLINED)


def check_format(path: Path) -> str:
    """The file's format suffix, or an AnalysisError naming the file (before any work is done)."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise AnalysisError("unknown_format", f"Cannot write {path}: use a name ending in "
                                              f"{', '.join(FORMATS[:-1])} or {FORMATS[-1]}.")
    return suffix


def described(df, variables: Sequence[Variable]) -> list[Variable]:
    """The variables of the frame's columns, in column order (a column nobody described is text)."""
    by_name = {v.name: v for v in variables}
    return [by_name.get(column) or Variable(column, column, TEXT) for column in df.columns]


def write_data(df, variables: Sequence[Variable], path, *, labels: bool = True) -> Path:
    """Write the frame as the file `path` names; `labels` says whether its categories are labels or codes."""
    path = Path(path)
    suffix = check_format(path)
    columns = described(df, variables)
    if suffix == ".xlsx" and (len(df) >= EXCEL_ROWS or len(df.columns) > EXCEL_COLUMNS):
        raise AnalysisError("too_big_for_excel", f"Cannot write {path}: {len(df)} rows and {len(df.columns)} columns "
                                                 f"do not fit in one Excel sheet; use .parquet, .sav or .csv.")
    writer = {".csv": _csv, ".xlsx": _xlsx, ".parquet": _parquet, ".sav": _sav}[suffix]
    write_file(path, lambda tmp: writer(df, columns, tmp, labels))
    return path


def write_dataset(df, variables: Sequence[Variable], path, *, labels: bool = True) -> tuple[Path, Path]:
    """The data file and its codebook beside it: what `fieldbook data` writes."""
    columns = described(df, variables)
    return write_data(df, columns, path, labels=labels), write_codebook(columns, path)


def write_codebook(variables: Sequence[Variable], data_path) -> Path:
    """`<stem>.codebook.csv` beside the data file: one row per column, as named and coded in that file."""
    data_path = Path(data_path)
    path = data_path.with_name(f"{data_path.stem}.codebook.csv")
    rows = codebook(variables, spss=data_path.suffix.lower() == ".sav")
    write_file(path, lambda tmp: rows.to_csv(tmp, index=False, encoding="utf-8-sig"))
    return path


def codebook(variables: Sequence[Variable], *, spss: bool = False):
    """The data dictionary: variable, label, type, values ("code=label; ..."), privacy, question."""
    import pandas as pd

    names = spss_names([v.name for v in variables]) if spss else {v.name: v.name for v in variables}
    rows = []
    for variable in variables:
        if spss and variable.kind in _CODED:
            values = "; ".join(f"{n}={label}" for n, label in _spss_labels(variable).items())
            values += "; negative codes are user-missing"
            kind = "number with value labels"
        else:
            values = "; ".join(f"{code}={label}" for code, label in variable.values.items())
            kind = _TYPES.get(variable.kind, variable.kind)
        rows.append({"variable": names[variable.name], "label": variable.label, "type": kind, "values": values,
                     "privacy": variable.privacy, "question": variable.question})
    return pd.DataFrame(rows, columns=["variable", "label", "type", "values", "privacy", "question"])


def spss_names(columns: Sequence[str]) -> dict[str, str]:
    """Valid, unique (ignoring case, as SPSS does) variable names of at most 64 bytes: "needs/legal" -> "needs_legal"."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for column in columns:
        base = re.sub(r"[^A-Za-z0-9_.]", "_", column).rstrip(".") or "v"
        if not base[0].isalpha():
            base = f"v{base}"
        if base.upper() in SPSS_RESERVED:
            base = f"{base}_"
        base = base[:SPSS_NAME_BYTES]
        name, number = base, 2
        while name.upper() in used:
            tail = f"_{number}"
            name, number = base[:SPSS_NAME_BYTES - len(tail)] + tail, number + 1
        used.add(name.upper())
        names[column] = name
    return names


def spss_codes(variable: Variable) -> dict[str, int]:
    """Each code's number in SPSS: choices numbered by their own names when those are whole numbers,
    else 1, 2, ... in choice order; decline and suppressed codes negative."""
    choices = [code for code in variable.values if code not in SPSS_MISSING]
    own = all(re.fullmatch(r"\d{1,9}", str(code)) for code in choices) and len({int(c) for c in choices}) == len(choices)
    codes = {code: int(code) if own else number for number, code in enumerate(choices, start=1)}
    return codes | SPSS_MISSING


# -- writers -------------------------------------------------------------------------


# A spreadsheet opening a CSV runs a cell starting with one of these as a formula
# (OWASP "CSV injection"); a leading apostrophe keeps a respondent's text text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv(df, columns, tmp: Path, labels: bool) -> None:
    safe = df.copy()
    for name in safe.columns[safe.dtypes == object]:
        safe[name] = safe[name].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v)
    safe.to_csv(tmp, index=False, encoding="utf-8-sig")  # the BOM tells Excel it is UTF-8: accents survive


def _parquet(df, columns, tmp: Path, labels: bool) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    for i, column in enumerate(table.schema):
        if pa.types.is_null(column.type) and df[column.name].dtype == object:  # a text column nobody answered
            table = table.set_column(i, pa.field(column.name, pa.string()), table.column(i).cast(pa.string()))
    pq.write_table(table, tmp)


def _xlsx(df, columns, tmp: Path, labels: bool) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)  # streamed row by row: about twice as fast as pandas' to_excel, flat memory
    _sheet(book, "Data", df)
    _sheet(book, "Codebook", codebook(columns))
    book.save(tmp)


def _sheet(book, title: str, df) -> None:
    """One sheet with a frozen header row; answers starting with "=" stay text, never a formula Excel would run."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from pandas.api.types import is_numeric_dtype

    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    sheet.append([str(column) for column in df.columns])

    def text(value: str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters cannot be stored in a workbook at all
        if value.startswith("="):
            value = WriteOnlyCell(sheet, value)
            value.data_type = "s"
        return value

    cells = []
    for column in df.columns:
        series = df[column]
        values = series.astype(object).where(series.notna(), None).tolist()
        if not is_numeric_dtype(series.dtype):
            values = [text(v) if isinstance(v, str) and (v.startswith("=") or ILLEGAL_CHARACTERS_RE.search(v)) else v
                      for v in values]
        cells.append(values)
    for row in zip(*cells):
        sheet.append(row)


def _sav(df, columns: list[Variable], tmp: Path, labels: bool) -> None:
    import numpy as np
    import pandas as pd
    import pyreadstat

    names = spss_names([v.name for v in columns])
    out: dict[str, object] = {}
    value_labels: dict[str, dict] = {}
    missing: dict[str, list] = {}
    measure: dict[str, str] = {}
    formats: dict[str, str] = {}
    for variable in columns:
        series, name = df[variable.name], names[variable.name]
        if isinstance(series.dtype, pd.CategoricalDtype):
            numbers, value_labels[name] = _coded(series, variable, labels)
            out[name] = numbers
            missing[name] = [{"lo": min(SPSS_MISSING.values()), "hi": max(SPSS_MISSING.values())}]
            measure[name], formats[name] = "nominal", "F8.0"
        elif pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
            out[name] = series.to_numpy(dtype="float64", na_value=np.nan)
            if variable.kind == OPTION:
                value_labels[name] = dict(variable.values)
                measure[name], formats[name] = "nominal", "F1.0"
            else:
                measure[name] = "scale"
                if pd.api.types.is_integer_dtype(series.dtype):
                    formats[name] = "F10.0"
        else:
            out[name] = series.astype(object).where(series.notna(), "").map(str).to_numpy(dtype=object)
            measure[name] = "nominal"
    pyreadstat.write_sav(pd.DataFrame(out, index=pd.RangeIndex(len(df))), str(tmp),
                         column_labels={names[v.name]: v.label for v in columns}, variable_value_labels=value_labels,
                         missing_ranges=missing, variable_measure=measure, variable_format=formats)


def _coded(series, variable: Variable, labels: bool):
    """A categorical column as SPSS numbers, and their value labels; categories the form no longer lists
    get the next numbers, labelled with themselves."""
    import numpy as np

    codes = spss_codes(variable)
    code_of = {label: code for code, label in variable.values.items()} if labels else {}
    number_of: dict[str, int] = {}
    value_labels = _spss_labels(variable)
    after = max([0, *codes.values()])
    for category in series.cat.categories:
        code = code_of.get(category, category)
        if code not in codes:
            after += 1
            codes[code] = after
            value_labels[after] = str(category)
        number_of[category] = codes[code]
    table = np.array([*number_of.values(), np.nan], dtype="float64")
    return table[series.cat.codes.to_numpy()], value_labels  # code -1 (missing) picks the trailing NaN


def _spss_labels(variable: Variable) -> dict[int, str]:
    codes = spss_codes(variable)
    return {codes[code]: label for code, label in variable.values.items()}
