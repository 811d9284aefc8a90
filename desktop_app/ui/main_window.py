"""The unlocked shell: a header saying who is signed in, a section list, and the pages."""

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME
from desktop_app.core.vault.vault import Vault
from desktop_app.ui.account_dialogs import ChangePassphraseDialog
from desktop_app.ui.accounts_page import AccountsPage
from desktop_app.ui.home_page import HomePage
from desktop_app.ui.identity import set_neutral_title
from desktop_app.ui.style import set_role

LOCK_SHORTCUT = QKeySequence("Ctrl+L")


class MainWindow(QMainWindow):
    lock_requested = Signal()
    closed = Signal()

    def __init__(self, vault: Vault, parent: QWidget | None = None):
        super().__init__(parent)
        set_neutral_title(self)
        self.setMinimumSize(960, 620)
        self._vault = vault
        self.dialog: ChangePassphraseDialog | None = None

        self.lock_action = QAction("Lock", self)
        self.lock_action.setShortcut(LOCK_SHORTCUT)
        self.lock_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.lock_action.triggered.connect(self.lock_requested)
        self.addAction(self.lock_action)

        self.home_page = HomePage(vault)
        self.accounts_page = AccountsPage(vault) if vault.user.is_admin else None
        self.navigation = QListWidget()
        self.navigation.setObjectName("Navigation")
        self.navigation.setAccessibleName("Sections")
        self.navigation.setFixedWidth(200)
        self.pages = QStackedWidget()
        self._add_page("Home", self.home_page)
        if self.accounts_page is not None:
            self._add_page("Accounts", self.accounts_page)
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.navigation.setCurrentRow(0)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.navigation)
        body.addWidget(self.pages, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._header())
        layout.addLayout(body, 1)
        self.setCentralWidget(central)
        self.navigation.setFocus()  # keyboard users start at the section list

    def show_page(self, name: str) -> None:
        items = self.navigation.findItems(name, Qt.MatchFlag.MatchExactly)
        if items:
            self.navigation.setCurrentItem(items[0])

    def page_names(self) -> list[str]:
        return [self.navigation.item(row).text() for row in range(self.navigation.count())]

    def open_change_passphrase(self) -> ChangePassphraseDialog:
        self.dialog = ChangePassphraseDialog(self._vault, self)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()
        return self.dialog

    def _dialog_closed(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()

    def _add_page(self, name: str, page: QWidget) -> None:
        self.navigation.addItem(name)
        self.pages.addWidget(page)

    def _header(self) -> QFrame:
        header = QFrame()
        set_role(header, "header")
        brand = QLabel(APP_NAME)
        set_role(brand, "brand")
        user = self._vault.user
        self.signed_in = QLabel(f"Signed in as <b>{html.escape(user.name)}</b> ({user.role})")
        self.signed_in.setTextFormat(Qt.TextFormat.RichText)
        self.signed_in.setAccessibleName(f"Signed in as {user.name}, {user.role}")
        set_role(self.signed_in, "muted")
        change = QPushButton("Change my passphrase…")
        change.setAccessibleName("Change my passphrase")
        change.clicked.connect(self.open_change_passphrase)
        self.lock_button = QPushButton("Lock")
        set_role(self.lock_button, "primary")
        self.lock_button.setAccessibleName("Lock")
        self.lock_button.setToolTip(f"Lock Fieldbook ({LOCK_SHORTCUT.toString(QKeySequence.SequenceFormat.NativeText)})")
        self.lock_button.clicked.connect(self.lock_requested)

        row = QHBoxLayout(header)
        row.setContentsMargins(24, 12, 24, 12)
        row.setSpacing(14)
        row.addWidget(brand)
        row.addStretch(1)
        row.addWidget(self.signed_in)
        row.addSpacing(6)
        row.addWidget(change)
        row.addWidget(self.lock_button)
        return header
