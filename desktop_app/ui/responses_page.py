"""Review what has been captured: every response, newest first, filtered by form and status.

The list shows no answers (someone may be looking over a shoulder); a
response opens read-only in a dialog, where it can be corrected with a
reason. Withdrawal by receipt code lives here too, as respondents call
about "my answers", not about a row they can see.
"""

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.vault.vault import Vault
from desktop_app.ui.page_parts import row_table
from desktop_app.ui.responses_model import STATUS_LABELS, ResponsesModel
from desktop_app.ui.style import set_role

ROW_HEIGHT = 40


class ResponsesPage(QWidget):
    resume_requested = Signal(str)  # a draft's response id

    def __init__(self, vault: Vault, parent: QWidget | None = None):
        super().__init__(parent)
        self._vault = vault
        self.dialog = None
        heading = QLabel("Responses")
        set_role(heading, "heading")
        self.summary = QLabel()
        set_role(self.summary, "muted")
        self.form_filter = QComboBox()
        self.form_filter.setAccessibleName("Show responses to")
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Show responses that are")
        self.status_filter.addItem("Any status", None)
        for status, label in STATUS_LABELS.items():
            self.status_filter.addItem(label, status)
        self.withdraw_button = QPushButton("Withdraw by receipt code…")
        self.withdraw_button.setAccessibleName("Withdraw by receipt code")
        self.open_button = QPushButton("Open")
        set_role(self.open_button, "primary")
        self.open_button.setAccessibleName("Open the selected response")

        self.model = ResponsesModel(vault, parent=self)
        self.table = row_table("Responses", self.model)
        self.table.setWordWrap(False)
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measures 100,000 rows
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        header = self.table.horizontalHeader()  # Interactive (row_table): ResizeToContents would read rows
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 90), (2, 120), (3, 175), (4, 110)):
            header.resizeSection(column, width)

        filters = QHBoxLayout()
        filters.setSpacing(10)
        filters.addWidget(_label("&Form", self.form_filter))
        filters.addWidget(self.form_filter, 2)
        filters.addSpacing(12)
        filters.addWidget(_label("&Status", self.status_filter))
        filters.addWidget(self.status_filter, 1)
        filters.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.withdraw_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary)
        bottom.addStretch(1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._load_forms()
        self.form_filter.currentIndexChanged.connect(self.apply_filters)
        self.status_filter.currentIndexChanged.connect(self.apply_filters)
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.open_button.clicked.connect(self.open_selected)
        self.withdraw_button.clicked.connect(self.open_withdraw)
        self._update_summary()
        self._selection_changed()

    # -- what the user does --------------------------------------------------------

    def apply_filters(self) -> None:
        self.model.set_filter(self.form_filter.currentData(), self.status_filter.currentData())
        self._update_summary()
        self._selection_changed()

    def refresh(self) -> None:
        """Read the list again: after a survey, a correction or a withdrawal."""
        if self._vault is None:
            return
        self._load_forms()
        self.model.reload()
        self._update_summary()
        self._selection_changed()

    def open_selected(self):
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return self.open_row(rows[0].row())
        return None

    def open_row(self, row: int):
        """Drafts go back to the survey; anything else opens read-only."""
        if self.model.status(row) == "draft":
            self.resume_requested.emit(self.model.response_id(row))
            return None
        from desktop_app.ui.responses_detail import (
            ResponseDetailDialog,  # loads the forms code on first use
        )

        return self._show(ResponseDetailDialog(self._vault, self.model.response_id(row), self.window()))

    def open_withdraw(self):
        from desktop_app.ui.responses_withdraw import WithdrawDialog

        dialog = WithdrawDialog(self._vault, self.window())
        dialog.finished.connect(self.refresh)
        return self._show(dialog)

    def forget(self) -> None:
        """On lock: let go of the vault and of every row read from it."""
        self.model.forget()
        self._vault = None

    # -- internals -------------------------------------------------------------------

    def _show(self, dialog):
        self.dialog = dialog
        if hasattr(dialog, "changed"):
            dialog.changed.connect(self.refresh)
        dialog.finished.connect(lambda: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _load_forms(self) -> None:
        titles = {stored.form_id: stored.title for stored in self._vault.forms.all()}
        self.model.set_form_titles(titles)
        chosen = self.form_filter.currentData()
        self.form_filter.blockSignals(True)
        self.form_filter.clear()
        self.form_filter.addItem("All forms", None)
        for form_id, title in sorted(titles.items(), key=lambda item: item[1].lower()):
            self.form_filter.addItem(title, form_id)
        self.form_filter.setCurrentIndex(max(0, self.form_filter.findData(chosen)))
        self.form_filter.blockSignals(False)

    def _update_summary(self) -> None:
        count = self.model.rowCount()
        self.summary.setText("No responses match." if not count else f"{count:,} response{'s' if count != 1 else ''}")

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.open_button.setEnabled(bool(rows))
        if rows:
            draft = self.model.status(rows[0].row()) == "draft"
            self.open_button.setText("Resume" if draft else "Open")

    def showEvent(self, event: QShowEvent) -> None:
        if self._vault is not None and self.isVisible():
            self.refresh()
        super().showEvent(event)


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
