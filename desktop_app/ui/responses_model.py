"""The vault's responses as a lazy Qt table: one page of rows read when the view first needs it.

A device may hold 100,000 responses; reading them all would take seconds
and hold every summary in memory. The row count comes from one COUNT, and
`data()` asks the core for the page (PAGE_SIZE rows) a row falls in, so
opening the list or jumping to its end reads one or two pages. Only
metadata is shown: form, version, status, when, who. Never an answer.
"""

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.core.vault.vault import Vault
from desktop_app.ui.accounts_model import local_time

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

PAGE_SIZE = 200
PAGES_KEPT = 50  # at most 10,000 summaries in memory, however far the list is scrolled
STATUS_LABELS = {"draft": "Draft", "complete": "Completed", "withdrawn": "Withdrawn"}
_SHOWN = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole)


class ResponsesModel(QAbstractTableModel):
    HEADERS = ("Form", "Version", "Status", "Last change", "Worker")

    def __init__(self, vault: Vault | None, page_size: int = PAGE_SIZE, parent=None):
        super().__init__(parent)
        self._vault = vault
        self._page_size = page_size
        self._form_id: str | None = None
        self._status: str | None = None
        self._count = 0
        self._pages: OrderedDict[int, list[tuple]] = OrderedDict()
        self._titles: dict[str, str] = {}
        self.rows_fetched = 0  # how many summaries were read from the vault so far (for tests and benchmarks)
        self.reload()

    # -- what the page controls -------------------------------------------------

    def set_filter(self, form_id: str | None = None, status: str | None = None) -> None:
        self._form_id, self._status = form_id, status
        self.reload()

    def reload(self) -> None:
        """Count again and forget every page read (after a change or a new filter)."""
        self.beginResetModel()
        self._pages.clear()
        if self._vault is None:
            self._count = 0
        else:
            self._count = self._vault.responses.count(form_id=self._form_id, status=self._status)
        self.endResetModel()

    def forget(self) -> None:
        """Drop the vault and everything read from it (on lock)."""
        self.beginResetModel()
        self._vault = None
        self._pages.clear()
        self._titles.clear()
        self._count = 0
        self.endResetModel()

    def set_form_titles(self, titles: dict[str, str]) -> None:
        self._titles = dict(titles)

    def summary(self, row: int) -> tuple:
        """(uuid, form_id, form_version, status, updated_at, created_by) of one row."""
        return self._page(row // self._page_size)[row % self._page_size]

    def response_id(self, row: int) -> str:
        return self.summary(row)[0]

    def status(self, row: int) -> str:
        return self.summary(row)[3]

    # -- Qt's side -----------------------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _SHOWN or not index.isValid() or index.row() >= self._count:
            return None
        page = self._page(index.row() // self._page_size)
        offset = index.row() % self._page_size
        if offset >= len(page):
            return None  # the vault changed under the list: shown empty until the next reload
        uuid, form_id, version, status, updated_at, worker = page[offset]
        column = index.column()
        if column == 0:
            return self._titles.get(form_id, form_id)
        if column == 1:
            return version
        if column == 2:
            return STATUS_LABELS.get(status, status)
        if column == 3:
            return local_time(updated_at)
        return worker

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        return None

    def _page(self, number: int) -> list[tuple]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        if self._vault is None:
            return []
        page = self._vault.responses.summaries(
            number * self._page_size, self._page_size, form_id=self._form_id, status=self._status
        )
        self.rows_fetched += len(page)
        self._pages[number] = page
        if len(self._pages) > PAGES_KEPT:
            self._pages.popitem(last=False)
        return page
