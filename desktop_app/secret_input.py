"""Where passphrases and recovery keys come from: a file, an environment variable, or a prompt.

Never from a command-line argument, which other users can read in the
process list and which shells keep in their history.
"""

import getpass
import os
import sys
from pathlib import Path

from desktop_app.core.errors import FieldbookError

PASSPHRASE_ENV = "FIELDBOOK_PASSPHRASE"
NEW_PASSPHRASE_ENV = "FIELDBOOK_NEW_PASSPHRASE"
RECOVERY_KEY_ENV = "FIELDBOOK_RECOVERY_KEY"
USER_ENV = "FIELDBOOK_USER"


def read_secret(*, file: str | None, env: str, prompt: str, confirm: bool = False, what: str = "passphrase") -> str:
    """The secret from `file`, else `$env`, else the terminal (asked twice when `confirm`)."""
    if file:
        return _from_file(Path(file), what)
    if os.environ.get(env):
        return os.environ[env]
    if not sys.stdin.isatty():
        raise FieldbookError(
            "no_secret", f"No {what} given: set {env}, pass a file with the option for it, or run in a terminal."
        )
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Type it again: ") != first:
        raise FieldbookError("secret_mismatch", f"The two {what}s did not match; nothing was changed.")
    return first


def _from_file(path: Path, what: str) -> str:
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise FieldbookError("secret_file", f"Cannot read the {what} file {path}: {exc.strerror}.") from None
    secret = text.splitlines()[0] if text else ""
    if not secret:
        raise FieldbookError("secret_file", f"The {what} file {path} is empty.")
    return secret
