"""Admins' view of this laptop's identity and its project, and the way to load the analysts' project file.

The device fingerprint is what the analysts compare when this laptop's
first bundle arrives; the analysts' fingerprint is what the admin compared
before importing the project (see project_importer.py), and can compare
again here at any time.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.exchange.errors import ProjectError
from desktop_app.core.exchange.project import Project
from desktop_app.core.exchange.workspace import current_project, device_identity
from desktop_app.core.vault.vault import Vault
from desktop_app.ui.home_page import EmptyState
from desktop_app.ui.page_parts import plain_scroll
from desktop_app.ui.project_importer import ProjectImporter, fingerprint_label
from desktop_app.ui.style import set_role

NO_PROJECT_HEADING = "This device has no project yet"
NO_PROJECT_TEXT = (
    "The analysts' project file brings the forms, the keys that exports are encrypted to, and the privacy settings. "
    "Import it to start collecting and exporting."
)
CAPTION_WIDTH = 150  # the same in both cards, so their values line up


def value_label(accessible_name: str, role: str = "") -> QLabel:
    label = QLabel()
    if role:
        set_role(label, role)
    label.setAccessibleName(accessible_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


class DevicePage(QWidget):
    """Who this laptop is to the analysts, which project it serves, and with what privacy settings."""

    project_changed = Signal()

    def __init__(self, vault: Vault, parent: QWidget | None = None):
        super().__init__(parent)
        self._vault = vault
        heading = QLabel("Device")
        set_role(heading, "heading")
        self.empty_state = EmptyState(NO_PROJECT_HEADING, NO_PROJECT_TEXT)
        self.device_card, device_grid = _card("This laptop")
        self.device_id = value_label("Device id", "code")
        self.fingerprint = fingerprint_label("This laptop's fingerprint")
        self.public_key = value_label("This laptop's public key", "code")
        _rows(device_grid, ("Device id", self.device_id), ("Fingerprint", self.fingerprint), ("Public key", self.public_key))
        device_note = QLabel("The analysts see this fingerprint when this laptop's first export arrives. Read it to them if they ask.")
        device_note.setWordWrap(True)
        set_role(device_note, "muted")
        device_grid.addWidget(device_note, 3, 0, 1, 2)

        self.project_card, project_grid = _card("Project")
        self.project_name = value_label("Project name")
        self.project_id = value_label("Project id", "code")
        self.analysts_fingerprint = fingerprint_label("Fingerprint of the analysts' key")
        self.privacy = value_label("Anonymity")
        self.min_cell = value_label("Smallest table cell")
        self.retention = value_label("Kept on this laptop")
        self.forms = value_label("Forms")
        _rows(project_grid, ("Name", self.project_name), ("Project id", self.project_id),
              ("Analysts' key", self.analysts_fingerprint), ("Anonymity", self.privacy),
              ("Smallest table cell", self.min_cell), ("Kept on this laptop", self.retention), ("Forms", self.forms))
        self.importer = ProjectImporter(vault)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(16)
        for part in (heading, self.empty_state, self.device_card, self.project_card, self.importer):
            layout.addWidget(part)
        layout.addStretch(1)
        scroll = plain_scroll(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.importer.imported.connect(self._imported)
        self.refresh()

    def refresh(self) -> None:
        """Read the identity and project again (cheap: two rows of the vault's meta data)."""
        if self._vault is None:
            return
        try:
            device_id, public_key, fingerprint = device_identity(self._vault)
            project = current_project(self._vault)
        except ProjectError:
            project = None
        self.empty_state.setVisible(project is None)
        self.device_card.setVisible(project is not None)
        self.project_card.setVisible(project is not None)
        choose = self.importer.choose_button
        choose.setText("Import project file…" if project is None else "Import an updated project file…")
        self.importer.set_prominent(project is None)
        if project is None:
            return
        self.device_id.setText(device_id)
        self.fingerprint.setText(fingerprint)
        self.public_key.setText(public_key)
        self.project_name.setText(project.name)
        self.project_id.setText(project.project_id)
        self.analysts_fingerprint.setText(project.fingerprint)
        self.privacy.setText(f"Every combination of identifying answers is shared by at least {project.k} people (k = {project.k}).")
        self.min_cell.setText(f"{project.min_cell}: smaller counts are hidden in the analysts' tables.")
        self.retention.setText(f"{project.retention_days} days after completion, once the analysts hold a response.")
        self.forms.setText(", ".join(form.title for form in project.forms) or "None")

    def forget(self) -> None:
        self._vault = None
        self.importer.vault = None

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def _imported(self, _project: Project) -> None:
        self.refresh()
        self.project_changed.emit()


def _card(title: str) -> tuple[QFrame, QGridLayout]:
    card = QFrame()
    set_role(card, "card")
    heading = QLabel(title)
    set_role(heading, "subheading")
    outer = QVBoxLayout(card)
    outer.setContentsMargins(22, 18, 22, 20)
    outer.setSpacing(12)
    outer.addWidget(heading)
    grid = QGridLayout()
    grid.setHorizontalSpacing(20)
    grid.setVerticalSpacing(10)
    grid.setColumnStretch(1, 1)
    grid.setColumnMinimumWidth(0, CAPTION_WIDTH)
    outer.addLayout(grid)
    return card, grid


def _rows(grid: QGridLayout, *rows: tuple[str, QLabel]) -> None:
    for row, (caption, value) in enumerate(rows):
        label = QLabel(caption)
        set_role(label, "muted")
        label.setBuddy(value)
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # A fingerprint box as wide as its text; other values take the row and wrap.
        grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignLeft if value.property("role") == "recovery-key" else Qt.AlignmentFlag(0))
