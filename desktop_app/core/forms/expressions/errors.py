"""The one error an expression can raise: a typed code, a sentence, a place.

The form loader turns it into a load error naming sheet, row and column, so
`message` must make sense on its own to a form author. Positions in messages
count characters from 1, as a person reading the cell would; `offset` is the
same place counted from 0, for code that underlines it.
"""

from desktop_app.core.errors import FieldbookError

SYNTAX = "syntax"
UNKNOWN_FUNCTION = "unknown_function"
ARITY = "arity"
TOO_DEEP = "too_deep"
TOO_LONG = "too_long"
REGEX = "regex"


class ExpressionError(FieldbookError):
    """An expression that cannot be parsed, or a regex that cannot be used."""

    def __init__(self, code: str, message: str, offset: int | None = None):
        super().__init__(code, message)
        self.offset = offset


def at(offset: int) -> str:
    """'at character N' for a message, N counted from 1 like a person would."""
    return f"at character {offset + 1}"
