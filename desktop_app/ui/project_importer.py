"""Load the analysts' project file: read and verify it, show who signed it, import it once the admin confirms.

A project file decides where every export is encrypted to, so trusting it
on first sight would let anyone who can hand over a file read the data.
The analysts' key fingerprint is shown first, to compare by phone, and the
file is imported only when the admin says it matches. Used by the Device
page and by the setup wizard's optional project step.
"""

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import FieldbookError
from desktop_app.core.exchange.project import Project, read_project
from desktop_app.core.exchange.workspace import import_project
from desktop_app.core.vault.vault import Vault
from desktop_app.ui.dialog_history import forget_file_dialog_history
from desktop_app.ui.fields import InlineMessage
from desktop_app.ui.identity import WINDOW_TITLE
from desktop_app.ui.style import set_role
from desktop_app.ui.worker import Task

PROJECT_FILES = "Fieldbook project files (*.fbproj);;All files (*)"
CHECK_ADVICE = (
    "Phone the analysts and ask them to read out their key's fingerprint. Import only if every character matches: "
    "if it does not, the file may have been altered on its way to you."
)


def fingerprint_label(accessible_name: str) -> QLabel:
    """Big, monospaced, boxed and selectable: made for reading a key aloud (the recovery key's look)."""
    label = QLabel()
    set_role(label, "recovery-key")
    label.setAccessibleName(accessible_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


class ProjectImporter(QWidget):
    """Choose a project file, show who signed it, and import it only once the admin confirms the fingerprint."""

    imported = Signal(object)  # the Project, now installed in the vault
    busy_changed = Signal(bool)

    def __init__(self, vault: Vault | None, choose_text: str = "Import project file…", parent: QWidget | None = None):
        super().__init__(parent)
        self.vault = vault  # the wizard sets it once its vault exists
        self.project: Project | None = None  # read and verified, waiting for the admin's word
        self.busy = False
        self.prominent = True  # the choose button is the primary action (unless a fingerprint is being checked)
        self._task: Task | None = None
        self.choose_button = QPushButton(choose_text)
        self.choose_button.setAccessibleName(choose_text.rstrip("…"))
        set_role(self.choose_button, "primary")
        self.progress = InlineMessage("Progress", role="muted")
        self.error = InlineMessage("Project file problem")
        self.done = InlineMessage("Project imported", role="success")

        self.check = QFrame()
        set_role(self.check, "card")
        heading = QLabel("Check the analysts' key")
        set_role(heading, "subheading")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.fingerprint = fingerprint_label("Fingerprint of the analysts' key in the project file")
        advice = QLabel(CHECK_ADVICE)
        advice.setWordWrap(True)
        set_role(advice, "muted")
        self.mismatch_button = QPushButton("It does not match")
        self.mismatch_button.setAccessibleName("It does not match: do not import")
        self.match_button = QPushButton("It matches: import")
        set_role(self.match_button, "primary")
        self.match_button.setAccessibleName("It matches: import the project")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.mismatch_button)
        buttons.addWidget(self.match_button)
        inner = QVBoxLayout(self.check)
        inner.setContentsMargins(22, 18, 22, 18)
        inner.setSpacing(12)
        for part in (heading, self.summary, self.fingerprint, advice):
            inner.addWidget(part)
        inner.addLayout(buttons)
        self.check.hide()

        choose_row = QHBoxLayout()
        choose_row.addWidget(self.choose_button)
        choose_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(choose_row)
        for part in (self.progress, self.error, self.check, self.done):
            layout.addWidget(part)

        self.choose_button.clicked.connect(self.choose_file)
        self.match_button.clicked.connect(self.confirm_import)
        self.mismatch_button.clicked.connect(self.reject_file)

    def choose_file(self) -> None:
        """The system's file dialog; afterwards Qt's memory of the folder is wiped (DESIGN.md 4)."""
        path, _ = QFileDialog.getOpenFileName(self.window(), WINDOW_TITLE, "", PROJECT_FILES)
        forget_file_dialog_history()
        if path:
            self.read_file(Path(path))

    def read_file(self, path: Path) -> None:
        """Read and verify the file off the GUI thread; nothing is imported yet."""
        self._reset()
        self._run("Reading the project file…", lambda: read_project(path), self._read)

    def confirm_import(self) -> None:
        project, vault = self.project, self.vault
        if project is None or vault is None or self.busy:
            return
        self._run("Importing the project…", lambda: import_project(vault, project), lambda _: self._imported(project))

    def reject_file(self) -> None:
        self._reset()
        self.error.show_message("Nothing was imported. Tell the analysts the fingerprints differ and ask for the file again, by another route.")
        self.choose_button.setFocus()

    def _read(self, project: Project) -> None:
        self.project = project
        titles = ", ".join(html.escape(form.title, quote=False) for form in project.forms) or "no forms"
        count = len(project.forms)
        self.summary.setText(f"Project <b>{html.escape(project.name, quote=False)}</b>, with {count} form{'s' if count != 1 else ''}: {titles}.")
        self.fingerprint.setText(project.fingerprint)
        self.check.show()
        set_role(self.choose_button, "")  # one primary button at a time: now it is "It matches"
        self.mismatch_button.setFocus()  # the safe answer is the one under a hurried Enter

    def _imported(self, project: Project) -> None:
        self.project = None
        self.check.hide()
        self.done.show_message(f"Project “{project.name}” imported. Its forms are ready on the Home page.")
        self.imported.emit(project)

    def set_prominent(self, prominent: bool) -> None:
        self.prominent = prominent
        set_role(self.choose_button, "primary" if prominent and self.project is None else "")

    def _reset(self) -> None:
        self.project = None
        self.check.hide()
        self.set_prominent(self.prominent)
        for message in (self.error, self.done):
            message.clear_message()

    def _run(self, doing: str, call, on_success) -> None:
        self._set_busy(True, doing)
        self._task = Task(call)
        self._task.succeeded.connect(on_success)
        self._task.failed.connect(self._failed)
        self._task.finished.connect(lambda: self._set_busy(False))
        self._task.start()

    def _failed(self, error: FieldbookError) -> None:
        self._reset()
        self.error.show_message(error.message)

    def _set_busy(self, busy: bool, doing: str = "") -> None:
        self.busy = busy
        self.progress.show_message(doing if busy else "")
        for button in (self.choose_button, self.match_button, self.mismatch_button):
            button.setEnabled(not busy)
        self.busy_changed.emit(busy)
