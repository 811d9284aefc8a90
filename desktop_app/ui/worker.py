"""Run one blocking core call (Argon2id, disk) on the thread pool; hear back on the GUI thread.

Widgets may only be touched on the GUI thread. A Task lives there and the
job emits its signals from the pool thread, so Qt queues the connected slots
back onto the GUI thread.
"""

import sys
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop_app.core.errors import FieldbookError


class Task(QObject):
    """One background call. Connect `succeeded`/`failed` before calling `start()`."""

    succeeded = Signal(object)  # the call's return value
    failed = Signal(object)  # a FieldbookError whose message can be shown as is
    finished = Signal()  # after either of the above

    def __init__(self, call: Callable[[], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._call = call

    def start(self) -> None:
        QThreadPool.globalInstance().start(_Job(self._call, self))


class _Job(QRunnable):
    def __init__(self, call: Callable[[], Any], task: Task):
        super().__init__()
        self._call = call
        self._task = task

    def run(self) -> None:
        try:
            result = self._call()
        except FieldbookError as exc:
            self._task.failed.emit(exc)
        except Exception as exc:  # a bug: keep the window usable, tell the developer on stderr
            traceback.print_exception(exc, file=sys.stderr)
            self._task.failed.emit(
                FieldbookError(
                    "unexpected",
                    f"Something unexpected went wrong ({type(exc).__name__}). Try again; if it keeps happening, tell your admin.",
                )
            )
        else:
            self._task.succeeded.emit(result)
        finally:
            self._task.finished.emit()
            self._task = None
