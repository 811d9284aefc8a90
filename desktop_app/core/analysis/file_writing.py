"""An analysts' file (data, codebook, report) is written whole or not at all.

The writers are pandas, pyreadstat, openpyxl and matplotlib: their errors
may quote answers, so only their kind is reported.
"""

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.analysis.errors import AnalysisError
from desktop_app.core.vault.atomic_file import fsync_dir


def write_file(path: Path, write: Callable[[Path], object]) -> None:
    """Write to a temporary file beside `path`, then rename it into place; nothing is left behind on failure."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise AnalysisError("cannot_write", f"Cannot write {path}: {exc.strerror or 'the folder is not writable'}.") from None
    os.close(handle)
    tmp = Path(name)
    try:
        write(tmp)
        with open(tmp, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise AnalysisError("cannot_write", f"Cannot write {path}: {exc.strerror or 'the write failed'}.") from None
    except AnalysisError:
        tmp.unlink(missing_ok=True)
        raise
    except Exception as exc:  # noqa: BLE001 - pyreadstat, pyarrow, openpyxl errors; their messages may quote answers
        tmp.unlink(missing_ok=True)
        raise AnalysisError("cannot_write", f"Cannot write {path}: the {path.suffix} writer failed "
                                            f"({type(exc).__name__}).") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
