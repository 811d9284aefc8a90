"""Functions that ask the form session: position(), once(), current(), and the external ones.

instance() and pulldata() need data files Fieldbook does not load
(REFERENCE: unsupported, warned at load, evaluated as blank).
"""

import math
import secrets
import string as _string
import uuid as _uuid

from desktop_app.core.forms.expressions.values import is_blank, to_number

_ALPHANUMERIC = _string.ascii_letters + _string.digits
_LONGEST_RANDOM_TEXT = 1000


def position(ctx, *ignored) -> float:
    """position(..): the 1-based number of the current repeat instance. Lazy: '..' is never read."""
    return float(ctx.position())


def once(ctx, program):
    """The current answer if it has one, else the argument: a value computed once and kept."""
    current = ctx.current()
    return program(ctx) if is_blank(current) else current


def current(ctx):
    return ctx.current()


def uuid(ctx, length=None) -> str:
    """uuid() is a random UUID; uuid(n) a random letters-and-digits text of n characters (ODK)."""
    if length is None:
        return str(_uuid.uuid4())
    size = to_number(length)
    size = 0 if math.isnan(size) or size < 0 else int(min(size, _LONGEST_RANDOM_TEXT))
    return "".join(secrets.choice(_ALPHANUMERIC) for _ in range(size))


def external(ctx, *ignored) -> str:
    """instance() and pulldata(): external data is not available, so blank."""
    return ""
