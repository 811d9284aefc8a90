"""Forget what Qt's file dialogs remember about earlier sessions.

QFileDialog keeps recent folders, the last directory and its history in the
per-user "QtProject" settings, outside the vault; a project file or export
folder name there could say what this laptop is used for (DESIGN.md 7).
"""

from PySide6.QtCore import QSettings

GROUP = "FileDialog"


def qt_project_settings() -> QSettings:
    """The same settings object QFileDialog itself reads and writes."""
    return QSettings(QSettings.Scope.UserScope, "QtProject")


def forget_file_dialog_history(settings: QSettings | None = None) -> None:
    settings = settings or qt_project_settings()
    settings.remove(GROUP)
    settings.sync()
