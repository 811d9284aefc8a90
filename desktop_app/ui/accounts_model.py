"""The vault's accounts as a Qt table: name, role, created."""

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.core.vault.accounts import Account
from desktop_app.core.vault.vault import Vault

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class AccountsModel(QAbstractTableModel):
    """Reads `vault.list_users()` (admins only); call `reload()` after adding an account."""

    HEADERS = ("Name", "Role", "Created")

    def __init__(self, vault: Vault, parent=None):
        super().__init__(parent)
        self._vault = vault
        self._accounts: list[Account] = vault.list_users()

    def reload(self) -> None:
        self.beginResetModel()
        self._accounts = self._vault.list_users()
        self.endResetModel()

    def account(self, row: int) -> Account:
        return self._accounts[row]

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._accounts)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        account = self._accounts[index.row()]
        column = index.column()
        if column == 0:
            return account.name
        if column == 1:
            return account.role.capitalize()
        return local_time(account.created_at)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter  # over the left-aligned cells
        return None


def local_time(stamp: str) -> str:
    """The vault's UTC ISO timestamp as this laptop's local date and time."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return moment.astimezone().strftime("%d %b %Y, %H:%M")
