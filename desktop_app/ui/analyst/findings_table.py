"""One published table of a findings report, as a read-only Qt table sized to its contents.

The model reads only the report's Table: cells as published under the
disclosure rule ("<10", "[c]", rounded counts), so no raw count can reach
the screen. A cross-tabulation shows each column percentage beside its count,
as the HTML report does.
"""

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTableView,
    QWidget,
)

from desktop_app.core.analysis.tables import Table

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class FindingsTableModel(QAbstractTableModel):
    """Row labels in the first column (under the table's stub heading), then the published cells."""

    def __init__(self, table: Table, parent=None):
        super().__init__(parent)
        self.table = table
        self._grid = [[label, *(_text(table, r, c) for c in range(len(cells)))]
                      for r, (label, cells) in enumerate(zip(table.rows, table.cells))]

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._grid)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() or not self._grid else 1 + len(self.table.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in _TEXT_ROLES:
            return self._grid[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return _RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role in _TEXT_ROLES:
            return self.table.stub if section == 0 else self.table.columns[section - 1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignLeft if section == 0 else Qt.AlignmentFlag.AlignRight
            return side | Qt.AlignmentFlag.AlignVCenter
        return None


def _text(table: Table, row: int, column: int) -> str:
    text = table.cells[row][column].text
    share = table.percents[row][column].text if table.percents else ""
    return f"{text} ({share})" if share else text


class FindingsTableView(QTableView):
    """As tall as its rows (the page scrolls, not the table); as wide as its columns, scrolling sideways if the page is narrower."""

    def __init__(self, table: Table, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(table.title)
        self.setModel(FindingsTableModel(table, self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.ensurePolished()  # the stylesheet's cell padding counts in the column widths
        self.resizeColumnsToContents()
        self.setMaximumWidth(self._content_width())
        self._fit_height()

    def sizeHint(self) -> QSize:
        return QSize(self._content_width(), self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _content_width(self) -> int:
        header = self.horizontalHeader()
        return header.length() + 2 * self.frameWidth()

    def _fit_height(self) -> None:
        rows = self.verticalHeader().length()
        scrollbar = self.horizontalScrollBar().sizeHint().height() if self._content_width() > self.width() else 0
        self.setFixedHeight(self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth() + scrollbar)
