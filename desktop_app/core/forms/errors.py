"""Form errors and warnings that point at a cell: file, sheet, row, column."""

from dataclasses import dataclass

from desktop_app.core.errors import FieldbookError


def location(file: str, sheet: str, row: int | None, column: str) -> str:
    return f"{file}:{sheet}:{row or ''}:{column}"


class FormError(FieldbookError):
    """A form that cannot be used, with where to fix it."""

    def __init__(self, code: str, message: str, *, sheet: str = "", row: int | None = None, column: str = "", file: str = ""):
        super().__init__(code, message)
        self.sheet, self.row, self.column, self.file = sheet, row, column, file

    def located(self, file: str) -> "FormError":
        return FormError(self.code, self.message, sheet=self.sheet, row=self.row, column=self.column, file=file)

    def __str__(self) -> str:
        return f"{location(self.file, self.sheet, self.row, self.column)}: {self.message}"


class FormErrors(FieldbookError):
    """Every problem found in one form, so an author fixes them in one pass."""

    def __init__(self, errors: list[FormError]):
        self.errors = errors
        super().__init__(errors[0].code, "\n".join(str(e) for e in errors))


@dataclass(frozen=True)
class FormWarning:
    code: str
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    file: str = ""

    def __str__(self) -> str:
        return f"{location(self.file, self.sheet, self.row, self.column)}: warning: {self.message}"
