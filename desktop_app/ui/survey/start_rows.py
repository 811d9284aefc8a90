"""Rows on the home page: a form to start, a draft to carry on with.

A draft row says which form and when it was last saved, and nothing else:
no answer, no respondent detail, so the home screen is safe to leave open.
"""

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.style import set_role


def when_saved(stored_utc: str, now: datetime | None = None) -> str:
    """"today at 14:32", "yesterday at 09:10", "3 March at 16:05" (with the year when not this year), in local time."""
    try:
        moment = datetime.fromisoformat(stored_utc).astimezone()
    except ValueError:
        return "at an unknown time"
    today = (now or datetime.now().astimezone()).date()
    clock = moment.strftime("%H:%M")
    if moment.date() == today:
        return f"today at {clock}"
    if moment.date() == today - timedelta(days=1):
        return f"yesterday at {clock}"
    day = f"{moment.day} {moment.strftime('%B')}"
    if moment.year != today.year:
        day += f" {moment.year}"
    return f"{day} at {clock}"


def start_of_today_utc(today: date | None = None) -> str:
    """Local midnight as the vault writes timestamps (UTC, ISO), for "completed today"."""
    local = datetime.combine(today or date.today(), datetime.min.time()).astimezone()
    return local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Row(QFrame):
    """A card with a title, a line of detail and one big button on the right."""

    def __init__(self, title: str, detail: str, button_text: str, spoken: str, primary: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        set_role(self, "card")
        self.title = QLabel(title)
        set_role(self.title, "subheading")
        self.title.setWordWrap(True)
        self.detail = QLabel(detail)
        set_role(self.detail, "muted")
        self.detail.setWordWrap(True)
        self.button = QPushButton(button_text)
        self.button.setAutoDefault(True)  # Enter presses it, like Space
        self.button.setAccessibleName(spoken)
        self.button.setMinimumWidth(110)
        if primary:
            set_role(self.button, "primary")
        text = QVBoxLayout()
        text.setSpacing(3)
        text.addWidget(self.title)
        text.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 14, 16, 14)
        layout.setSpacing(16)
        layout.addLayout(text, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)


class FormRow(_Row):
    start = Signal(str)  # form id

    def __init__(self, form_id: str, title: str, version: str, languages: tuple[str, ...], parent: QWidget | None = None):
        detail = f"Version {version}"
        if languages:
            detail += " · " + ", ".join(languages)
        super().__init__(title, detail, "Start", f"Start {title}", True, parent)
        self.form_id = form_id
        self.button.clicked.connect(lambda: self.start.emit(form_id))


class DraftRow(_Row):
    resume = Signal(str)  # response id

    def __init__(self, response_id: str, title: str, saved_utc: str, parent: QWidget | None = None):
        saved = f"Last saved {when_saved(saved_utc)}"
        super().__init__(title, saved, "Resume", f"Resume {title}, {saved.lower()}", False, parent)
        self.response_id = response_id
        self.button.clicked.connect(lambda: self.resume.emit(response_id))
