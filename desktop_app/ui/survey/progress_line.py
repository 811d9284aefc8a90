"""A thin bar showing how far through the survey the person is.

QProgressBar repaints itself synchronously on every setValue, which made
Qt paint the whole half-built page in the middle of a page change; this one
only schedules a paint, so the new page is painted once.
"""

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

HEIGHT = 6


class ProgressLine(QWidget):
    """Colours from the style sheet: `background-color` for the track, `selection-background-color` for the part done."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.done, self.total = 0, 1
        self.setFixedHeight(HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setProperty("role", "progress-line")

    def set_progress(self, done: int, total: int) -> None:
        self.done, self.total = done, max(total, 1)
        self.setAccessibleDescription(f"Page {done} of {total}")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        width = self.width() * min(self.done / self.total, 1.0)
        painter.fillRect(QRectF(0, 0, width, self.height()), self.palette().color(QPalette.ColorRole.Highlight))
        painter.end()


