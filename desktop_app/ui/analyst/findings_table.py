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
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
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
_WRAP = int(Qt.TextFlag.TextWordWrap)
LABEL_WIDTH = 300  # the widest the answers column gets: longer answers wrap
VALUE_WIDTH = 130  # the widest a column of numbers gets: its heading wraps
CELL_PADDING = QSize(28, 14)  # the stylesheet's item padding (10 and 6 px a side) and the style's text margins
HEADER_PADDING = QSize(29, 18)  # the stylesheet's section padding (13 and 10; 8 and 8) and a border


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
            return int(side | Qt.AlignmentFlag.AlignVCenter) | _WRAP  # long group names wrap over two lines
        return None


def _text(table: Table, row: int, column: int) -> str:
    text = table.cells[row][column].text
    share = table.percents[row][column].text if table.percents else ""
    return f"{text} ({share})" if share else text


def _heading_metrics(header: QHeaderView) -> QFontMetrics:
    font = QFont(header.font())
    font.setWeight(QFont.Weight.DemiBold)  # the stylesheet's heading weight
    return QFontMetrics(font)


class FindingsTableView(QTableView):
    """As tall as its rows (the page scrolls, not the table); long answers and headings wrap; sideways scrolling
    only when a cross-tabulation is wider than the page."""

    def __init__(self, table: Table, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(table.title)
        self.setModel(FindingsTableModel(table, self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setTextElideMode(Qt.TextElideMode.ElideNone)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.ensurePolished()  # the stylesheet's cell padding counts in the column widths
        self.resizeColumnsToContents()
        words = _heading_metrics(header)
        for column in range(header.count()):
            heading = self.model().headerData(column, Qt.Orientation.Horizontal)
            longest_word = max((words.horizontalAdvance(word) for word in heading.split()), default=0)
            widest = max(LABEL_WIDTH if column == 0 else VALUE_WIDTH, longest_word + HEADER_PADDING.width())
            if header.sectionSize(column) > widest:
                self.setColumnWidth(column, widest)
        self._fit_rows()
        self._fit_header()
        self.setMaximumWidth(self._content_width())
        self._fit_height()

    def sizeHint(self) -> QSize:
        return QSize(self._content_width(), self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_rows(self) -> None:
        """Rows as tall as their wrapped answer (Qt's own measure ignores the stylesheet's padding)."""
        metrics, width = self.fontMetrics(), self.columnWidth(0) - CELL_PADDING.width()
        single = self.verticalHeader().defaultSectionSize()
        for row in range(self.model().rowCount()):
            label = self.model().index(row, 0).data()
            height = metrics.boundingRect(QRect(0, 0, width, 10_000), _WRAP, label).height() + CELL_PADDING.height()
            self.setRowHeight(row, max(single, height))

    def _fit_header(self) -> None:
        header = self.horizontalHeader()
        metrics = _heading_metrics(header)
        tallest = max((metrics.boundingRect(QRect(0, 0, header.sectionSize(c) - HEADER_PADDING.width(), 10_000), _WRAP,
                                            self.model().headerData(c, Qt.Orientation.Horizontal)).height()
                       for c in range(header.count())), default=0)
        header.setMinimumHeight(max(header.sizeHint().height(), tallest + HEADER_PADDING.height()))

    def _content_width(self) -> int:
        return self.horizontalHeader().length() + 2 * self.frameWidth()

    def _fit_height(self) -> None:
        header = self.horizontalHeader()
        rows = self.verticalHeader().length()
        scrollbar = self.horizontalScrollBar().sizeHint().height() if self._content_width() > self.width() else 0
        self.setFixedHeight(max(header.minimumHeight(), header.sizeHint().height()) + rows + 2 * self.frameWidth() + scrollbar)
