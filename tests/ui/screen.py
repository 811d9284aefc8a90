"""What is on screen, as a person would see it."""

from PySide6.QtWidgets import QApplication, QWidget


def visible_windows() -> list[QWidget]:
    return [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]
