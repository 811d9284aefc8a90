"""One response, read-only: who, when, every question answered, and the corrections made since.

Opened from the Responses page. "Correct this response…" opens the
correction dialog; the list of corrections (when, who, why) refreshes after it.
"""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import FieldbookError
from desktop_app.core.forms.loader import form_from_definition
from desktop_app.core.vault.vault import Vault
from desktop_app.ui.accounts_model import local_time
from desktop_app.ui.fields import InlineMessage
from desktop_app.ui.identity import set_neutral_title
from desktop_app.ui.responses_answers import AnswerRow, answer_rows, session_for
from desktop_app.ui.responses_model import STATUS_LABELS
from desktop_app.ui.style import set_role


class AnswersModel(QAbstractTableModel):
    HEADERS = ("Question", "Answer")

    def __init__(self, rows: list[AnswerRow], parent=None):
        super().__init__(parent)
        self.rows = rows

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        row = self.rows[index.row()]
        return row.question if index.column() == 0 else row.answer

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        return None


class ResponseDetailDialog(QDialog):
    changed = Signal()  # a correction was stored

    def __init__(self, vault: Vault, response_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        set_neutral_title(self)
        self.setModal(True)
        self.resize(820, 640)
        self._vault = vault
        self.response_id = response_id
        self.correction = None
        self.form = None

        self.heading = QLabel()
        set_role(self.heading, "subheading")
        self.facts = QLabel()
        set_role(self.facts, "muted")
        self.facts.setWordWrap(True)
        self.problem = InlineMessage("Problem")
        self.table = QTableView()
        self.table.setAccessibleName("Answers")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setHighlightSections(False)
        self.edits_heading = QLabel("Corrections")
        set_role(self.edits_heading, "subheading")
        self.edits = QLabel()
        self.edits.setWordWrap(True)
        self.edits.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.correct_button = QPushButton("Correct this response…")
        self.correct_button.setAccessibleName("Correct this response")
        self.correct_button.clicked.connect(self.open_correction)
        close = QPushButton("Close")
        set_role(close, "primary")
        close.clicked.connect(self.accept)

        buttons = QHBoxLayout()
        buttons.addWidget(self.correct_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.edits_heading)
        layout.addWidget(self.edits)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        response = self._vault.responses.get(self.response_id)
        if response is None:
            self.heading.setText("Response not found")
            self.problem.show_message("This response is no longer in the vault.")
            self.correct_button.setEnabled(False)
            return
        stored = self._vault.forms.get(response.form_id, response.form_version)
        title = stored.title if stored else response.form_id
        self.heading.setText(title)
        self.facts.setText(
            f"{STATUS_LABELS.get(response.status, response.status)} · version {response.form_version} · "
            f"started by {response.created_by} · last change {local_time(response.updated_at)}"
        )
        rows: list[AnswerRow] = []
        if stored is None:
            self.problem.show_message(f"The form of this response ({response.form_id}, version {response.form_version}) is not in this vault.")
        else:
            try:
                self.form = form_from_definition(stored.definition)
                rows = answer_rows(session_for(self.form, response.answers))
            except FieldbookError as exc:
                self.problem.show_message(exc.message)
        if response.status == "withdrawn":
            self.problem.show_message("This response was withdrawn by the respondent: its answers were erased.")
        self.table.setModel(AnswersModel(rows, self.table))
        self.table.resizeRowsToContents()
        self.correct_button.setEnabled(response.status == "complete" and self.form is not None)
        self.correct_button.setToolTip("" if response.status == "complete" else "Only completed responses can be corrected.")
        self._show_edits()

    def answer_rows(self) -> list[AnswerRow]:
        return list(self.table.model().rows)

    def open_correction(self):
        from desktop_app.ui.responses_correct import CorrectionDialog

        self.correction = CorrectionDialog(self._vault, self.response_id, self.form, self)
        self.correction.accepted.connect(self._corrected)
        self.correction.finished.connect(self._correction_closed)
        self.correction.open()
        return self.correction

    def _corrected(self) -> None:
        self.reload()
        self.changed.emit()

    def _correction_closed(self) -> None:
        dialog, self.correction = self.correction, None
        if dialog is not None:
            dialog.deleteLater()

    def _show_edits(self) -> None:
        edits = self._vault.responses.edits(self.response_id)
        self.edits_heading.setVisible(bool(edits))
        self.edits.setVisible(bool(edits))
        self.edits.setText("\n".join(f"{local_time(at)}, {who}: {why}" for at, who, why in edits))
        self.edits.setAccessibleName("Corrections: " + "; ".join(f"{local_time(at)}, {who}: {why}" for at, who, why in edits))
