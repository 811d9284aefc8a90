"""Typed errors with a stable code and a message a person can act on.

The CLI prints `message` as one line and exits 1; the GUI shows it. Tests
assert on `code`, which never changes once released.
"""


class FieldbookError(Exception):
    """Base of every error the user can be told about."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


class VaultError(FieldbookError):
    """The vault cannot be opened, read or written."""


class AuthError(FieldbookError):
    """Wrong passphrase, unknown user, missing permission, weak passphrase."""
