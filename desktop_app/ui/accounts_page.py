"""Admins' view of who can unlock this laptop, and the way to add someone."""

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.vault.vault import Vault
from desktop_app.ui.account_dialogs import AddAccountDialog
from desktop_app.ui.accounts_model import AccountsModel
from desktop_app.ui.page_parts import row_table
from desktop_app.ui.style import set_role


class AccountsPage(QWidget):
    def __init__(self, vault: Vault, parent: QWidget | None = None):
        super().__init__(parent)
        self._vault = vault
        self.dialog: AddAccountDialog | None = None
        heading = QLabel("Accounts")
        set_role(heading, "heading")
        intro = QLabel("Everyone who can unlock this laptop. Each person should have their own account.")
        intro.setWordWrap(True)
        set_role(intro, "muted")
        self.add_button = QPushButton("Add account…")
        set_role(self.add_button, "primary")
        self.add_button.setAccessibleName("Add account")

        self.model = AccountsModel(vault, self)
        self.table = row_table("Accounts", self.model)
        self.table.verticalHeader().setDefaultSectionSize(40)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)

        self.add_button.clicked.connect(self.open_add_dialog)

    def open_add_dialog(self) -> AddAccountDialog:
        self.dialog = AddAccountDialog(self._vault, self.window())
        self.dialog.accepted.connect(self.model.reload)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()
        return self.dialog

    def _dialog_closed(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
