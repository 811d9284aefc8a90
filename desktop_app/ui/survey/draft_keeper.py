"""Keeps the vault's copy of a response in step with the screen, so a crash or quick exit loses nothing.

The first change starts a short timer and later changes ride along, so the
draft on disk is never more than SAVE_DELAY_MS behind what was typed, however
fast someone types. A save is one small encrypted UPDATE (a few ms, see
`last_save_ms`), done on the GUI thread: the answers must be on disk before
quick exit or the idle lock closes the vault, which a worker thread could
not promise. Failures are reported, never raised, and say nothing about the
answers.
"""

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.core.errors import FieldbookError
from desktop_app.core.vault.vault import Vault

SAVE_DELAY_MS = 400
SAVE_FAILED = "Could not save the answers just now ({}). They are still on screen; Fieldbook will keep trying."


class DraftKeeper(QObject):
    saved = Signal()
    failed = Signal(str)  # a message a person can act on

    def __init__(self, vault: Vault, form_id: str, form_version: str, snapshot: Callable[[], dict],
                 response_id: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.vault = vault
        self.form_id = form_id
        self.form_version = form_version
        self.response_id = response_id
        self._snapshot = snapshot
        self.dirty = False
        self.closed = False  # completed or discarded: nothing more to save
        self.last_save_ms = 0.0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)

    def changed(self, answers_changed: bool = True) -> None:
        """Something to save. A move between pages alone does not create a draft, but is saved in one."""
        if self.closed or (not answers_changed and self.response_id is None and not self.dirty):
            return
        self.dirty = True
        if not self.timer.isActive():
            self.timer.start()

    def flush(self) -> bool:
        """Write the draft now if anything changed; True when the vault holds what is on screen."""
        self.timer.stop()
        if self.closed or not self.dirty:
            return True
        try:
            started = time.perf_counter()
            draft = self._snapshot()
            if self.response_id is None:
                self.response_id = self.vault.responses.create_draft(self.form_id, self.form_version, draft, self.vault.user.name)
            else:
                self.vault.responses.save_draft(self.response_id, draft)
            self.last_save_ms = (time.perf_counter() - started) * 1000
        except Exception as exc:  # noqa: BLE001 - flush is called on quick exit and must not raise
            self.failed.emit(SAVE_FAILED.format(_reason(exc)))
            return False
        self.dirty = False
        self.saved.emit()
        return True

    def discard(self) -> bool:
        """Drop the draft from the vault (consent declined, or the person asked); True when it is gone."""
        self.timer.stop()
        self.dirty = False
        self.closed = True
        if self.response_id is None:
            return True
        try:
            self.vault.responses.discard_draft(self.response_id, self.vault.user.name)
        except Exception as exc:  # noqa: BLE001
            self.failed.emit(f"Could not discard the answers ({_reason(exc)}).")
            return False
        self.response_id = None
        return True

    def complete(self, final_answers: dict) -> str:
        """Store the finished response (durable on return) and return its receipt code; raises FieldbookError."""
        self.timer.stop()
        if self.response_id is None:
            self.response_id = self.vault.responses.create_draft(self.form_id, self.form_version, self._snapshot(), self.vault.user.name)
        code = self.vault.responses.complete(self.response_id, final_answers, self.vault.user.name)
        self.dirty = False
        self.closed = True
        return code

    def stop(self) -> None:
        """Forget the pending save (after a flush, on wipe)."""
        self.timer.stop()
        self._snapshot = dict


def _reason(exc: Exception) -> str:
    """Why, in words that never include an answer: the error's own message, or just its type."""
    return exc.message if isinstance(exc, FieldbookError) else type(exc).__name__
