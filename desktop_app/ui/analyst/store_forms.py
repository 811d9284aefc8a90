"""What the analysts' store holds, per form: read off the GUI thread (a count scans the form's records), shown as a table."""

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.core.analysis.store import AnalystStore
from desktop_app.core.vault.vault import Vault

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass(frozen=True)
class FormCount:
    form_id: str
    title: str
    responses: int

    def choice(self) -> str:
        """How the form reads in a picker."""
        noun = "response" if self.responses == 1 else "responses"
        return f"{self.title or self.form_id}: {self.responses:,} {noun}"


def form_counts(vault: Vault) -> list[FormCount]:
    """Every form of the workspace's projects, with how many current responses the store holds."""
    store = AnalystStore(vault)
    counts = []
    for form_id in store.form_ids():
        stored = vault.forms.get(form_id)
        counts.append(FormCount(form_id, stored.title if stored else "", store.count(form_id)))
    return counts


class FormCountsModel(QAbstractTableModel):
    HEADERS = ("Form", "Form id", "Responses")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[FormCount] = []

    def set_rows(self, rows: list[FormCount]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (row.title, row.form_id, f"{row.responses:,}")[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return (Qt.AlignmentFlag.AlignRight if section == 2 else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignVCenter
        return None
