"""Write any XLSForm pyxform reads as an .xlsx workbook, for authors who edit in Excel."""

from pathlib import Path

from desktop_app.core.forms.errors import FormError, FormErrors

SHEETS = ("survey", "choices", "settings", "external_choices", "entities", "osm")


def to_xlsx(source: Path, target: Path) -> None:
    import openpyxl
    from pyxform.xls2json_backends import get_xlsform

    try:
        data = get_xlsform(str(source))
    except Exception as exc:
        raise FormErrors([FormError("unreadable", f"Cannot read the workbook: {exc}.", file=str(source))]) from None
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in SHEETS:
        rows = getattr(data, sheet, None)
        if not rows:
            continue
        header = _columns(getattr(data, f"{sheet}_header", None), rows)
        page = book.create_sheet(sheet)
        page.append(header)
        for row in rows:
            page.append([row.get(column) for column in header])
    tmp = target.with_name(target.name + ".tmp")
    try:
        book.save(tmp)
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise FormErrors([FormError("write", f"Cannot write {target}: {exc.strerror}.", file=str(target))]) from None


def _columns(header, rows: list[dict]) -> list[str]:
    columns: list[str] = list((header or [{}])[0]) if header else []
    for row in rows:
        columns.extend(c for c in row if c not in columns)
    return columns
