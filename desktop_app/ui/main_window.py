"""The unlocked shell: a header (who is signed in, Lock, and the quick-exit control top-right), sections, pages.

A survey opens in the page stack over the sections (the section list is
hidden while it is open, the header is not: Exit stays in its place).
"""

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME
from desktop_app.core.errors import FieldbookError
from desktop_app.core.vault.vault import Vault
from desktop_app.settings import Settings
from desktop_app.ui.account_dialogs import ChangePassphraseDialog
from desktop_app.ui.accounts_page import AccountsPage
from desktop_app.ui.device_page import DevicePage
from desktop_app.ui.export_page import ExportPage
from desktop_app.ui.home_page import HomePage
from desktop_app.ui.identity import WINDOW_TITLE, set_neutral_title
from desktop_app.ui.responses_page import ResponsesPage
from desktop_app.ui.safety.exit_control import ExitControl
from desktop_app.ui.settings_page import SettingsPage
from desktop_app.ui.style import set_role

LOCK_SHORTCUT = QKeySequence("Ctrl+L")


class MainWindow(QMainWindow):
    lock_requested = Signal()
    exit_requested = Signal()
    settings_changed = Signal(object)
    closed = Signal()

    def __init__(self, vault: Vault, settings: Settings | None = None, settings_file: Path | None = None,
                 services=None, sync_folder: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        set_neutral_title(self)
        self.setMinimumSize(960, 620)
        self._vault = vault
        self._settings = settings or Settings()
        self._services = services
        self.dialog: ChangePassphraseDialog | None = None
        self.survey = None  # the open SurveyView, if any

        self.lock_action = QAction("Lock", self)
        self.lock_action.setShortcut(LOCK_SHORTCUT)
        self.lock_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.lock_action.triggered.connect(self.lock_requested)
        self.addAction(self.lock_action)

        header = self._header()  # built first: its Exit control leads the tab order
        self.analyst = vault.meta("workspace") == "analyst"
        # Capture pages (and the analysts' ones) are None where they do not belong.
        self.home_page = self.responses_page = self.export_page = self.device_page = None
        self.import_page = self.findings_page = None
        self.accounts_page = AccountsPage(vault) if vault.user.is_admin else None
        self.settings_page = SettingsPage(self._settings, settings_file)
        self.navigation = QListWidget()
        self.navigation.setObjectName("Navigation")
        self.navigation.setAccessibleName("Sections")
        self.navigation.setFixedWidth(200)
        self.pages = QStackedWidget()
        if self.analyst:
            self._add_analyst_pages(vault)
        else:
            self._add_capture_pages(vault, services, sync_folder)
        self._add_page("Settings", self.settings_page)
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.navigation.setCurrentRow(0)
        self.settings_page.changed.connect(self.settings_changed)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.navigation)
        body.addWidget(self.pages, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)
        self.navigation.setFocus()  # keyboard users start at the section list

    # -- sections ----------------------------------------------------------------

    def _add_capture_pages(self, vault: Vault, services, sync_folder: Path | None) -> None:
        self.home_page = HomePage(vault)
        self.responses_page = ResponsesPage(vault)
        self._add_page("Home", self.home_page)
        self._add_page("Responses", self.responses_page)
        if vault.user.is_admin:
            # Exporting and setting the laptop up for a project are the device admin's jobs.
            self.export_page = ExportPage(vault, helpline_numbers(services), sync_folder)
            self.device_page = DevicePage(vault)
            self._add_page("Export", self.export_page)
            self._add_page("Accounts", self.accounts_page)
            self._add_page("Device", self.device_page)
            self.device_page.project_changed.connect(self.home_page.refresh)
        self.responses_page.resume_requested.connect(self.resume_survey)
        for signal, slot in (("start_requested", self.open_survey), ("resume_requested", self.resume_survey)):
            if hasattr(self.home_page, signal):
                getattr(self.home_page, signal).connect(slot)

    def _add_analyst_pages(self, vault: Vault) -> None:
        """The analysts' workspace: import bundles, read findings; nothing about capturing on a laptop."""
        from desktop_app.ui.analyst.findings_page import (
            FindingsPage,  # laptops never load the analysis code
        )
        from desktop_app.ui.analyst.import_page import ImportPage

        self.import_page = ImportPage(vault)
        self.findings_page = FindingsPage(vault)
        self._add_page("Import", self.import_page)
        self._add_page("Findings", self.findings_page)
        if self.accounts_page is not None:
            self._add_page("Accounts", self.accounts_page)
        self.import_page.imported.connect(self.findings_page.refresh)

    def show_page(self, name: str) -> None:
        items = self.navigation.findItems(name, Qt.MatchFlag.MatchExactly)
        if items:
            self.navigation.setCurrentItem(items[0])
            self.pages.setCurrentIndex(self.navigation.row(items[0]))

    def page_names(self) -> list[str]:
        return [self.navigation.item(row).text() for row in range(self.navigation.count())]

    # -- surveys --------------------------------------------------------------------

    def open_survey(self, form_id: str, response_id: str | None = None):
        """Open a survey (new, or a draft to resume) in place of the sections; returns the view."""
        from desktop_app.ui.survey.survey_view import (
            SurveyView,  # the forms engine loads on first survey
        )

        self.close_survey()
        try:
            view = SurveyView(self._vault, form_id, response_id, settings=self._settings, services=self._services)
        except FieldbookError as exc:
            QMessageBox.warning(self, WINDOW_TITLE, exc.message)
            return None
        self.survey = view
        view.finished.connect(self.close_survey)
        self.navigation.hide()  # before showing the survey, or the focus would jump to the header
        self.pages.addWidget(view)
        self.pages.setCurrentWidget(view)
        page = getattr(view, "page", None)
        if page is not None:
            page.focus_first()  # the first answer field, ready to type
        return view

    def resume_survey(self, response_id: str):
        response = self._vault.responses.get(response_id)
        if response is None:
            return None
        return self.open_survey(response.form_id, response_id)

    def close_survey(self) -> None:
        """Back to Home with fresh numbers (the survey saved itself)."""
        view, self.survey = self.survey, None
        if view is None:
            return
        self.pages.removeWidget(view)
        view.deleteLater()
        self.navigation.show()
        self.show_page("Home")
        for page in (self.home_page, self.responses_page):
            if page is not None:
                page.refresh()
        self.navigation.setFocus()

    def save_and_forget(self) -> None:
        """Before a lock: the open survey saves its draft, then forgets what was typed; lists drop their rows."""
        survey = self.survey
        if survey is not None:
            for step in (survey.flush_draft, survey.wipe):
                try:
                    step()
                except Exception:  # the contract says they never raise; a lock must go on regardless
                    pass
        for page in (self.responses_page, self.export_page, self.device_page, self.import_page, self.findings_page):
            if page is not None:
                page.forget()

    # -- dialogs ------------------------------------------------------------------

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
        self.exit_control = ExitControl(header)  # the header's first child: first in the tab order
        self.exit_control.clicked.connect(self.exit_requested)
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
        row.addSpacing(10)
        row.addWidget(self.exit_control)
        return header


def helpline_numbers(services) -> list[str]:
    """The support services' numbers: the scrub must never redact them (the CLI's export uses the same list)."""
    if services is None:
        from desktop_app.core.signposting import load_services

        services = load_services(None)
    return [service.phone for service in services]
