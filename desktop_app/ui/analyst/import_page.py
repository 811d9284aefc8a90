"""Analysts bring in the laptops' bundles from a folder: checked, decrypted, merged, and the outcome said in words.

The import runs on the worker (import_run.py), the page following its
progress bundle by bundle. A laptop seen for the first time is asked about
once the first pass is over, one dialog per device; only the bundles of the
devices the analyst trusts are merged, in a second pass. Below, what the
store holds per form, read again after every import.
"""

import html
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import FieldbookError
from desktop_app.core.vault.vault import Vault
from desktop_app.ui.analyst.import_run import ImportOutcome, first_pass, second_pass
from desktop_app.ui.analyst.store_forms import FormCount, FormCountsModel, form_counts
from desktop_app.ui.analyst.trust_dialog import TrustDialog
from desktop_app.ui.dialog_history import forget_file_dialog_history
from desktop_app.ui.fields import InlineMessage
from desktop_app.ui.identity import WINDOW_TITLE
from desktop_app.ui.page_parts import plain_scroll, row_table
from desktop_app.ui.style import set_role
from desktop_app.ui.worker import Task

INTRO = ("Import checks that each bundle from the laptops is signed and unaltered, decrypts it with this workspace's key, "
         "and merges its responses and withdrawals into the store; a bundle imported before changes nothing.")
EMPTY_STORE = "No forms yet: they arrive with a project (fieldbook project create)."


class _ProgressRelay(QObject):
    """Carries the import's progress calls from the worker thread to the GUI thread (a queued signal)."""

    moved = Signal(str, int, int)

    def report(self, step: str, done: int, total: int) -> None:
        self.moved.emit(step, done, total)


class ImportPage(QWidget):
    imported = Signal()  # the store may have changed

    def __init__(self, vault: Vault, parent: QWidget | None = None):
        super().__init__(parent)
        self._vault = vault
        self.busy = self.loading = False
        self.outcome: ImportOutcome | None = None  # the import under way
        self.trust_dialog: TrustDialog | None = None  # while one is open
        self._answers: dict[str, bool] = {}  # device id -> trusted
        self._tasks: dict[str, Task] = {}
        self._stop = threading.Event()
        self.progress_relay = _ProgressRelay(self)
        self.progress_relay.moved.connect(self._progress)

        heading = QLabel("Import")
        set_role(heading, "heading")
        intro = _label(INTRO, "muted")
        self.folder = QLineEdit()  # the last folder, remembered in memory only (never in settings)
        self.folder.setAccessibleName("Folder with the bundles")
        self.folder.setPlaceholderText("The sync folder, USB stick or share the laptops' exports arrive in")
        self.choose_button = QPushButton("Choose folder…")
        self.choose_button.setAccessibleName("Choose the folder with the bundles")
        self.import_button = QPushButton("Import")
        set_role(self.import_button, "primary")
        self.import_button.setAccessibleName("Import the bundles in the folder")
        self.step = _label("", "muted")
        self.step.setAccessibleName("Bundle being imported")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Import progress")
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(10)
        self.error = InlineMessage("Import problem")
        self.result = InlineMessage("Import result", role="success")
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refused = InlineMessage("Bundles refused")
        self.refused.setTextFormat(Qt.TextFormat.RichText)
        self.refused.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        store_heading = _label("In the store", "subheading")
        self.store_model = FormCountsModel(self)
        self.store_table = row_table("Responses in the store, per form", self.store_model)
        columns = self.store_table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        columns.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the table as wide as the page, titles first
        self.store_empty = _label(EMPTY_STORE, "muted")
        self.store_empty.hide()

        folder_label = QLabel("&Folder with the bundles")
        folder_label.setBuddy(self.folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.import_button)
        folder = QVBoxLayout()
        folder.setSpacing(5)
        folder.addWidget(folder_label)
        folder.addLayout(row)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        for part in (heading, intro, folder, self.step, self.progress, self.error, self.result, self.refused):
            if isinstance(part, QWidget):
                layout.addWidget(part)
            else:
                layout.addLayout(part)
        layout.addSpacing(10)
        for part in (store_heading, self.store_empty, self.store_table):
            layout.addWidget(part)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(plain_scroll(content))

        self.choose_button.clicked.connect(self.choose_folder)
        self.import_button.clicked.connect(self.start_import)
        self.folder.returnPressed.connect(self.start_import)
        self._set_busy(False)

    # -- what the analyst does --------------------------------------------------------

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self.window(), WINDOW_TITLE, self.folder.text())
        forget_file_dialog_history()  # the folder's name stays out of Qt's per-user settings (DESIGN.md 4)
        if chosen:
            self.folder.setText(chosen)

    def start_import(self) -> None:
        vault, text = self._vault, self.folder.text().strip()
        if vault is None or self.busy:
            return
        for message in (self.error, self.result, self.refused):
            message.clear_message()
        if not text:
            self.error.show_message("Choose the folder the bundles are in first.")
            self.folder.setFocus()
            return
        folder = Path(text).expanduser()
        if not folder.is_dir():
            self.error.show_message(f"There is no folder {folder}.")
            return
        self._answers = {}
        self._set_busy(True)
        relay, stop = self.progress_relay, self._stop
        self._start("import", lambda: first_pass(vault, folder, relay.report, stop.is_set), self._first_pass_done)

    def refresh(self) -> None:
        """Read what the store holds per form again, off the GUI thread."""
        vault = self._vault
        if vault is None or self.loading:
            return
        self.loading = True
        self._start("store", lambda: form_counts(vault), self._show_store, self._loaded, self._store_failed)

    def forget(self) -> None:
        """On lock: no folder name, outcome or counts left on screen, no vault held."""
        self._vault = None
        self._stop.set()  # an import under way stops after its current bundle, before the vault closes
        self.outcome = None
        self.folder.clear()
        self.store_model.set_rows([])
        for message in (self.error, self.result, self.refused):
            message.clear_message()

    # -- the two passes -----------------------------------------------------------------

    def _first_pass_done(self, outcome: ImportOutcome) -> None:
        if self._vault is None:
            return  # locked meanwhile: ask nothing
        self.outcome = outcome
        self._ask_next()

    def _ask_next(self) -> None:
        """One dialog per new device; when all are answered, import the trusted ones' bundles."""
        outcome, vault = self.outcome, self._vault
        if outcome is None or vault is None:
            self._set_busy(False)
            return
        pending = [device for device_id, device in outcome.devices.items() if device_id not in self._answers]
        if pending:
            dialog = TrustDialog(pending[0], len(outcome.waiting[pending[0].device_id]), self.window())
            dialog.finished.connect(lambda code: self._answered(dialog, code))
            self.trust_dialog = dialog
            dialog.open()
        elif outcome.waiting:
            trusted = [device_id for device_id, yes in self._answers.items() if yes]
            self.step.setText("Importing the bundles of the laptops you trusted…")
            relay, stop = self.progress_relay, self._stop
            self._start("import", lambda: second_pass(vault, outcome, trusted, relay.report, stop.is_set),
                        self._show_outcome)
        else:
            self._show_outcome(outcome)

    def _answered(self, dialog: TrustDialog, code: int) -> None:
        self._answers[dialog.device.device_id] = code == TrustDialog.DialogCode.Accepted
        self.trust_dialog = None
        dialog.deleteLater()
        self._ask_next()

    def _show_outcome(self, outcome: ImportOutcome) -> None:
        self.outcome = None
        self._set_busy(False)
        if self._vault is None:
            return
        if not outcome.bundles:
            self.error.show_message(f"No bundles (*.fbx) in {outcome.folder}: nothing was imported.")
            return
        self.result.show_message(outcome_html(outcome))
        if outcome.problems:
            count = len(outcome.problems)
            items = "".join(f"<li>{html.escape(line, False)}</li>" for line in outcome.problems)
            self.refused.show_message(f"{count} bundle{'s were' if count != 1 else ' was'} refused, and left the "
                                      f"store as it was:<ul style='margin-left: -20px'>{items}</ul>")
        self.refresh()
        self.imported.emit()

    # -- plumbing -----------------------------------------------------------------------

    def _show_store(self, rows: list[FormCount]) -> None:
        if self._vault is None:
            return
        self.store_model.set_rows(rows)
        self.store_empty.setVisible(not rows)
        self.store_table.setVisible(bool(rows))
        header = self.store_table.horizontalHeader()
        self.store_table.setFixedHeight(header.sizeHint().height() + self.store_table.verticalHeader().length()
                                        + 2 * self.store_table.frameWidth())

    def _loaded(self) -> None:
        self.loading = False

    def _start(self, name: str, call, on_success, on_finished=None, on_failed=None) -> None:
        task = Task(call)
        task.succeeded.connect(on_success)
        task.failed.connect(on_failed or self._failed)
        if on_finished is not None:
            task.finished.connect(on_finished)
        self._tasks[name] = task
        task.start()

    def _failed(self, error: FieldbookError) -> None:
        self.outcome = None
        self._set_busy(False)
        self.error.show_message(error.message)

    def _store_failed(self, error: FieldbookError) -> None:
        self.error.show_message(error.message)

    def _progress(self, step: str, done: int, total: int) -> None:
        self.step.setText(step)
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.step, self.progress):
            widget.setVisible(busy)
        if busy:
            self.step.setText("Looking for bundles…")
            self.progress.setRange(0, 0)
        for widget in (self.folder, self.choose_button, self.import_button):
            widget.setEnabled(not busy)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)


def outcome_html(outcome: ImportOutcome) -> str:
    """The import in words: how many bundles, what each count means, and any acknowledgement left unwritten."""
    e = html.escape
    counts = outcome.counts
    lines = [(f"<b>{outcome.bundles} bundle{'s' if outcome.bundles != 1 else ''} read from "
              f"{e(str(outcome.folder), False)}.</b>"),
             "<ul style='margin-left: -20px'>",
             f"<li>New responses: <b>{counts.new:,}</b></li>",
             f"<li>Updated (a newer version of a response held): <b>{counts.updated:,}</b></li>",
             f"<li>Withdrawn (removed from the store): <b>{counts.withdrawn:,}</b></li>",
             f"<li>Duplicates (already held, nothing changed): <b>{counts.duplicate:,}</b></li>",
             f"<li>Bundles refused: <b>{counts.rejected:,}</b></li>",
             "</ul>"]
    if outcome.ack_warnings:
        lines.append("Not yet confirmed to the laptops:<ul style='margin-left: -20px'>"
                     + "".join(f"<li>{e(line, False)}</li>" for line in outcome.ack_warnings) + "</ul>")
    return "".join(lines)


def _label(text: str, role: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    set_role(label, role)
    return label
