"""The app's neutral identity: what an onlooker sees in the taskbar and title bars.

Nothing identifying (account names, project, organisation, "abuse", ...)
may appear there (DESIGN.md 7), so every window takes its title from here.
"""

from PySide6.QtWidgets import QApplication, QWidget

from desktop_app import APP_NAME

WINDOW_TITLE = APP_NAME


def apply_identity(app: QApplication) -> None:
    """Neutral application and display names; no organisation, so no telling config folder."""
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)


def set_neutral_title(window: QWidget) -> None:
    window.setWindowTitle(WINDOW_TITLE)
