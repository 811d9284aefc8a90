"""Admins send what was captured to the analysts: where things stand, the sync folder, review, export, the outcome.

The export itself (anonymise, disclosure gate, encrypt, sign, place in the
sync folder) is the core's `export`, run off the GUI thread as it can take
minutes; this page says in plain words what it did, or why it could not.
The free-text review opens in place of the overview, so the header's Exit
stays where it always is.
"""

import threading
from html import escape
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import FieldbookError
from desktop_app.core.exchange.export import ExportResult, export, last_sync_folder
from desktop_app.core.vault.vault import Vault
from desktop_app.ui.dialog_history import forget_file_dialog_history
from desktop_app.ui.export_report import (
    NO_PROJECT,
    Snapshot,
    form_words,
    outcome_html,
    take_snapshot,
)
from desktop_app.ui.fields import InlineMessage
from desktop_app.ui.home_page import CountCard
from desktop_app.ui.identity import WINDOW_TITLE
from desktop_app.ui.page_parts import plain_scroll
from desktop_app.ui.review_page import ReviewPage, review_first_question
from desktop_app.ui.style import set_role
from desktop_app.ui.worker import Task


class _ProgressRelay(QObject):
    """Carries the export's progress calls from the worker thread to the GUI thread (a queued signal)."""

    moved = Signal(str, int, int)

    def report(self, step: str, done: int, total: int) -> None:
        self.moved.emit(step, done, total)


class ExportPage(QWidget):
    def __init__(self, vault: Vault, allow: list[str], sync_folder: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._vault, self._allow = vault, list(allow)
        self.snapshot: Snapshot | None = None
        self.busy = self.loading = self._stale = False  # exporting; reading the status; read again when done
        self._task = self._load_task = None  # the export; the status read (Tasks)
        self.question: QMessageBox | None = None  # "Review them first?" while it is open
        self.review_choice = self.export_anyway = None  # its buttons
        self._relay = _ProgressRelay(self)
        self._relay.moved.connect(self._progress)

        heading = _label("Export", "heading")
        intro = _label("Everything new, changed or withdrawn goes to the analysts as one anonymised, encrypted bundle. "
                       "Only the analysts can open it: not even this laptop can.", "muted")
        self.project = _label("", rich=True)
        self.drafts = CountCard("drafts in progress")
        self.waiting = CountCard("waiting to be exported")
        self.sent = CountCard("sent, awaiting confirmation")
        self.acknowledged = CountCard("confirmed by the analysts")
        self.awaiting = _label("", "muted")
        sync_folder = last_sync_folder(vault) or sync_folder
        self.folder = QLineEdit(str(sync_folder) if sync_folder else "")
        self.folder.setAccessibleName("Sync folder")
        self.folder.setPlaceholderText("A USB stick, a network share or a synced OneDrive/SharePoint folder")
        self.choose_button = QPushButton("Choose…")
        self.choose_button.setAccessibleName("Choose the sync folder")
        self.review_button = QPushButton("Review free text")
        self.export_button = QPushButton("Export now")
        set_role(self.export_button, "primary")
        self.cancel_button = QPushButton("Cancel export")
        self._cancel = threading.Event()  # set to stop the running export before it writes anything
        self.step = _label("", "muted")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(10)
        self.error = InlineMessage("Export problem")
        self.result = InlineMessage("Export result", role="success")
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        cards = QHBoxLayout()
        cards.setSpacing(14)
        for card in (self.drafts, self.waiting, self.sent, self.acknowledged):
            cards.addWidget(card, 1)
        folder_label = QLabel("Sync &folder: where the bundle goes")
        folder_label.setBuddy(self.folder)
        folder = QVBoxLayout()
        folder.setSpacing(5)
        folder.addWidget(folder_label)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose_button)
        folder.addLayout(row)
        actions = QHBoxLayout()
        actions.addWidget(self.review_button)
        actions.addStretch(1)
        actions.addWidget(self.export_button)
        actions.addWidget(self.cancel_button)
        overview = QWidget()
        layout = QVBoxLayout(overview)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        for part in (heading, intro, self.project, cards, self.awaiting, folder, actions, self.step, self.progress,
                     self.error, self.result):
            if isinstance(part, QWidget):
                layout.addWidget(part)
            else:
                layout.addLayout(part)
        layout.addStretch(1)
        self.scroll = plain_scroll(overview)
        self.review = ReviewPage(vault, allow)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.scroll)
        self.stack.addWidget(self.review)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.choose_button.clicked.connect(self.choose_folder)
        self.review_button.clicked.connect(self.open_review)
        self.export_button.clicked.connect(self.export_now)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.review.back_requested.connect(self.close_review)
        self._set_busy(False)

    # -- what the user does --------------------------------------------------------------

    def refresh(self) -> None:
        """Read the status again off the GUI thread (the free-text count scrubs every pending answer)."""
        vault, allow = self._vault, self._allow
        if vault is None or self.busy:
            return
        if self.loading:
            self._stale = True
            return
        self.loading = True
        self._update_buttons()
        self._load_task = Task(lambda: take_snapshot(vault, allow))
        self._load_task.succeeded.connect(self._show_snapshot)
        self._load_task.failed.connect(self._failed)
        self._load_task.finished.connect(self._loaded)
        self._load_task.start()

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self.window(), WINDOW_TITLE, self.folder.text())
        forget_file_dialog_history()  # the folder's name stays out of Qt's per-user settings (DESIGN.md 4)
        if chosen:
            self.folder.setText(chosen)

    def open_review(self) -> None:
        self.stack.setCurrentWidget(self.review)
        self.review.load()

    def close_review(self) -> None:
        self.stack.setCurrentIndex(0)
        self.refresh()
        self.review_button.setFocus()

    def export_now(self) -> None:
        """Ask first when free text is unreviewed, then export."""
        if self.busy or self.loading:
            return
        unreviewed = self.snapshot.unreviewed if self.snapshot else 0
        if unreviewed:
            self._ask_review_first(unreviewed)
        else:
            self.start_export()

    def start_export(self) -> None:
        text = self.folder.text().strip()
        for message in (self.error, self.result):
            message.clear_message()
        if not text:
            self.error.show_message("Choose the sync folder first: where the bundle should go.")
            self.folder.setFocus()
            return
        vault, folder, allow, relay = self._vault, Path(text).expanduser(), self._allow, self._relay
        self._cancel = cancel = threading.Event()
        self._set_busy(True)
        self._task = Task(lambda: (export(vault, folder, allow, relay.report, cancel), form_words(vault)))
        self._task.succeeded.connect(self._exported)
        self._task.failed.connect(self._failed)
        self._task.finished.connect(self._export_finished)
        self._task.start()

    def cancel_export(self) -> None:
        """Stop the running export at its next step; once it is writing the bundle, it finishes."""
        self._cancel.set()
        self.cancel_button.setText("Cancelling…")  # kept enabled, so the keyboard focus stays here
        self.step.setText("Cancelling…")

    def forget(self) -> None:
        """On lock: no answers or status left on screen, no vault held, no export carrying on."""
        self._cancel.set()
        self._vault = None
        self.review.forget()
        self.result.clear_message()

    # -- results --------------------------------------------------------------------------

    def _show_snapshot(self, snapshot: Snapshot) -> None:
        self.snapshot, project = snapshot, snapshot.project
        if project is None:
            self.project.setText(escape(NO_PROJECT, False))
        else:
            key = escape(project.fingerprint, False).replace(" ", "&nbsp;")  # read as one, never split over lines
            self.project.setText(f"Project <b>{escape(project.name, False)}</b>. Bundles are encrypted to the analysts' "
                                 f"key <span style='font-family: monospace; font-weight: 600'>{key}</span>.")
        for card, key in ((self.drafts, "drafts"), (self.waiting, "waiting"), (self.sent, "sent"), (self.acknowledged, "acknowledged")):
            card.set_count(snapshot.counts.get(key, 0))
        self.awaiting.setText("Bundles the analysts have not confirmed yet: " + ", ".join(snapshot.awaiting))
        self.awaiting.setVisible(bool(snapshot.awaiting))
        self.review_button.setText(f"Review free text ({snapshot.unreviewed})")
        self.review_button.setAccessibleName(f"Review free text: {snapshot.unreviewed} of {snapshot.free_texts} answers not reviewed")

    def _loaded(self) -> None:
        self.loading = False
        self._update_buttons()
        if self._stale:
            self._stale = False
            self.refresh()

    def _exported(self, outcome: tuple[ExportResult, dict]) -> None:
        result, forms = outcome
        project = self.snapshot.project if self.snapshot else None
        self.result.show_message(outcome_html(result, forms, project.retention_days if project else 0))

    def _failed(self, error: FieldbookError) -> None:
        self.error.show_message(error.message)

    def _export_finished(self) -> None:
        self._set_busy(False)
        self.refresh()
        shown = self.result if self.result.isVisibleTo(self) else self.error
        # The outcome's first lines with the buttons above them, once the layout has made room for it.
        QTimer.singleShot(0, self, lambda: self.scroll.verticalScrollBar().setValue(shown.y() - 90))

    def _progress(self, step: str, done: int, total: int) -> None:
        self.step.setText("Cancelling…" if self._cancel.is_set() else step)
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)

    def _ask_review_first(self, unreviewed: int) -> None:
        box, self.review_choice, self.export_anyway = review_first_question(unreviewed, self.window())
        box.finished.connect(lambda _: self._answered(box))
        self.question = box
        box.open()

    def _answered(self, box: QMessageBox) -> None:
        clicked, self.question = box.clickedButton(), None
        box.deleteLater()
        if clicked is self.review_choice:
            self.open_review()
        elif clicked is self.export_anyway:
            self.start_export()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.cancel_button.setText("Cancel export")
        self._update_buttons()
        if not busy and self.cancel_button.hasFocus():
            self.folder.setFocus()  # not on to the header's Exit when the button goes
        for widget in (self.step, self.progress, self.cancel_button):
            widget.setVisible(busy)
        if busy:
            self.step.setText("Starting the export…")
            self.progress.setRange(0, 0)  # moving until the first report
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self.busy
        for widget in (self.folder, self.choose_button):
            widget.setEnabled(idle)
        self.review_button.setEnabled(idle and bool(self.snapshot and self.snapshot.free_texts))
        self.export_button.setEnabled(idle and not self.loading)

    def showEvent(self, event: QShowEvent) -> None:
        if self.stack.currentIndex() == 0:
            self.refresh()
        super().showEvent(event)


def _label(text: str, role: str = "", rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if role:
        set_role(label, role)
    return label
