"""The first thing seen after unlocking: what there is to do today.

Forms to start, drafts to carry on with (form and time only, never an
answer), and three numbers: completed today, waiting to be exported, drafts.
The page only asks; the main window opens the survey.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.forms.loader import form_from_definition
from desktop_app.core.vault.forms_repo import StoredForm
from desktop_app.core.vault.vault import Vault
from desktop_app.ui.page_parts import plain_scroll
from desktop_app.ui.style import set_role
from desktop_app.ui.survey.start_rows import DraftRow, FormRow, start_of_today_utc

EMPTY_HEADING = "Nothing here yet"
EMPTY_TEXT = (
    "Forms arrive with the project file. When the project is loaded onto this laptop, its forms appear here, ready to fill in."
)
DRAFTS_SHOWN = 12  # the newest; the responses list has them all


class HomePage(QWidget):
    start_requested = Signal(str)  # form id
    resume_requested = Signal(str)  # response id

    def __init__(self, vault: Vault, parent: QWidget | None = None):
        super().__init__(parent)
        self._vault = vault
        self.form_rows: list[FormRow] = []
        self.draft_rows: list[DraftRow] = []
        heading = QLabel("Home")
        set_role(heading, "heading")
        self.today = CountCard("completed today")
        self.waiting = CountCard("completed responses waiting to be exported")
        self.drafts = CountCard("drafts in progress")
        self.empty_state = EmptyState(EMPTY_HEADING, EMPTY_TEXT)
        self.forms_heading = section_heading("Start a survey")
        self.forms_list = QVBoxLayout()
        self.forms_list.setSpacing(10)
        self.drafts_heading = section_heading("Carry on with a draft")
        self.drafts_list = QVBoxLayout()
        self.drafts_list.setSpacing(10)
        self.more_drafts = QLabel()
        set_role(self.more_drafts, "muted")
        self.more_drafts.setWordWrap(True)
        self.no_drafts = QLabel("No drafts in progress. A survey that is stopped part-way waits here.")
        set_role(self.no_drafts, "muted")
        self.no_drafts.setWordWrap(True)

        cards = QHBoxLayout()
        cards.setSpacing(16)
        for card in (self.today, self.waiting, self.drafts):
            cards.addWidget(card, 1)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addLayout(cards)
        layout.addSpacing(10)
        layout.addWidget(self.empty_state)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        for heading_label, rows, extras in ((self.forms_heading, self.forms_list, ()),
                                            (self.drafts_heading, self.drafts_list, (self.no_drafts, self.more_drafts))):
            column = QVBoxLayout()
            column.setSpacing(10)
            column.addWidget(heading_label)
            column.addLayout(rows)
            for extra in extras:
                column.addWidget(extra)
            column.addStretch(1)
            columns.addLayout(column, 1)
        layout.addLayout(columns)
        layout.addStretch(1)
        scroll = plain_scroll(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.refresh()

    def refresh(self) -> None:
        """Read the forms, drafts and counts again (after a survey ends, or when the page is shown)."""
        responses = self._vault.responses
        self.today.set_count(responses.count_completed_since(start_of_today_utc()))
        self.waiting.set_count(responses.count(status="complete"))
        self.drafts.set_count(responses.count(status="draft"))
        stored = self._vault.forms.all()
        latest = latest_versions(stored)
        self._fill_forms(latest)
        self._fill_drafts({(f.form_id, f.version): f.title for f in stored})
        self.empty_state.setVisible(not latest)
        for widget in (self.forms_heading, self.drafts_heading):
            widget.setVisible(bool(latest))

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def _fill_forms(self, forms: list[StoredForm]) -> None:
        clear(self.forms_list, self.form_rows)
        for stored in forms:
            row = FormRow(stored.form_id, stored.title, stored.version, languages_of(stored))
            row.start.connect(self.start_requested)
            self.forms_list.addWidget(row)
            self.form_rows.append(row)

    def _fill_drafts(self, titles: dict[tuple[str, str], str]) -> None:
        clear(self.drafts_list, self.draft_rows)
        rows = self._vault.responses.summaries(0, DRAFTS_SHOWN, status="draft")
        for response_id, form_id, version, _status, updated_at, _user in rows:
            row = DraftRow(response_id, titles.get((form_id, version), form_id), updated_at)
            row.resume.connect(self.resume_requested)
            self.drafts_list.addWidget(row)
            self.draft_rows.append(row)
        hidden = self.drafts.count() - len(rows)
        self.more_drafts.setText(f"… and {hidden} older {'draft' if hidden == 1 else 'drafts'}, in the responses list." if hidden > 0 else "")
        self.more_drafts.setVisible(hidden > 0)
        self.no_drafts.setVisible(not rows)


def latest_versions(forms: list[StoredForm]) -> list[StoredForm]:
    """One entry per form: its most recently added version (all() lists oldest first), by title."""
    latest: dict[str, StoredForm] = {}
    for stored in forms:
        latest[stored.form_id] = stored
    return sorted(latest.values(), key=lambda f: f.title.casefold())


def languages_of(stored: StoredForm) -> tuple[str, ...]:
    """The form's named languages ("English (en)", ...); none for an untranslated form."""
    try:
        return tuple(lang for lang in form_from_definition(stored.definition).languages if lang)
    except Exception:  # noqa: BLE001 - a damaged definition must not take the home page down
        return ()


def clear(layout: QVBoxLayout, rows: list) -> None:
    for row in rows:
        layout.removeWidget(row)
        row.deleteLater()
    rows.clear()


def section_heading(text: str) -> QLabel:
    label = QLabel(text)
    set_role(label, "subheading")
    return label


class EmptyState(QFrame):
    """Says why a page is empty and what will fill it."""

    def __init__(self, heading: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        set_role(self, "empty-state")
        self.setAccessibleName(f"{heading}. {text}")
        self.heading = QLabel(heading)
        set_role(self.heading, "subheading")
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        set_role(self.text, "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 22)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)


class CountCard(QFrame):
    """One number with its words underneath, read out together by screen readers ("3 completed today")."""

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        set_role(self, "card")
        self._label = label
        self.number = QLabel("0")
        set_role(self.number, "count")
        self.caption = QLabel(label)
        set_role(self.caption, "muted")
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 18)
        layout.setSpacing(2)
        layout.addWidget(self.number, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.caption)
        layout.addStretch(1)

    def set_count(self, count: int) -> None:
        self.number.setText(f"{count:,}")
        self.setAccessibleName(f"{count} {self._label}")

    def count(self) -> int:
        return int(self.number.text().replace(",", ""))

    def sentence(self) -> str:
        return f"{self.number.text()} {self._label}"
