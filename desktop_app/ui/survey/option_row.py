"""One option of a select: a radio button or check box whose label wraps.

Qt's own buttons never wrap their text, and survey options are often a
whole sentence ("Coercive control, for example being cut off from friends
..."), so the label is a separate word-wrapped QLabel and the whole row is
the click target. The row shows the focus ring and the chosen state of its
button, so the highlighted thing is the thing you can press.
"""

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QMouseEvent, QPainter, QPainterPath, QPalette, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QFrame, QHBoxLayout, QLabel, QRadioButton, QWidget

from desktop_app.ui.style import set_role


class OptionRow(QFrame):
    def __init__(self, name: str, label: str, number: int, multiple: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = name
        set_role(self, "option")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button: QAbstractButton = CheckMark() if multiple else RadioMark()
        self.button.setAccessibleName(label)
        self.button.setAutoExclusive(False)  # the options widget decides what else to clear
        self.button.installEventFilter(self)
        self.button.toggled.connect(self._restyle)
        self.text = QLabel(label)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setMinimumWidth(60)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(12)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        if number <= 9:  # the digit key that picks this option
            key = QLabel(str(number))
            set_role(key, "option-key")
            key.setAccessibleName("")
            layout.addWidget(key, 0, Qt.AlignmentFlag.AlignTop)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
            self.button.click()
        super().mouseReleaseEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.button and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._restyle()
        return False

    def _restyle(self) -> None:
        self.setProperty("checked", self.button.isChecked())
        self.setProperty("focused", self.button.hasFocus())
        self.style().unpolish(self)
        self.style().polish(self)


MARK_SIZE = 24


def _paint_mark(button: QAbstractButton, round_mark: bool) -> None:
    """A box or circle drawn from the palette the stylesheet sets: outline in the text colour,
    filled with the selection colour when chosen, a tick or dot in the selected-text colour."""
    palette = button.palette()
    painter = QPainter(button)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(1.5, 1.5, MARK_SIZE - 3, MARK_SIZE - 3)
    checked = button.isChecked()
    fill = palette.color(QPalette.ColorRole.Highlight) if checked else palette.color(QPalette.ColorRole.Base)
    painter.setPen(QPen(fill if checked else palette.color(QPalette.ColorRole.WindowText), 2))
    painter.setBrush(fill)
    if round_mark:
        painter.drawEllipse(box)
    else:
        painter.drawRoundedRect(box, 4, 4)
    if checked:
        mark = palette.color(QPalette.ColorRole.HighlightedText)
        if round_mark:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(mark)
            painter.drawEllipse(QPointF(MARK_SIZE / 2, MARK_SIZE / 2), 4.5, 4.5)
        else:
            painter.setPen(QPen(mark, 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
            tick = QPainterPath(QPointF(6.5, 12.5))
            tick.lineTo(10.5, 16.5)
            tick.lineTo(17.5, 8)
            painter.drawPath(tick)
    painter.end()


class CheckMark(QCheckBox):
    """A check box that is only its box (the row holds the label), drawn the same on every platform."""

    def sizeHint(self) -> QSize:
        return QSize(MARK_SIZE, MARK_SIZE)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)

    def paintEvent(self, event: QPaintEvent) -> None:
        _paint_mark(self, round_mark=False)


class RadioMark(QRadioButton):
    def sizeHint(self) -> QSize:
        return QSize(MARK_SIZE, MARK_SIZE)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)

    def paintEvent(self, event: QPaintEvent) -> None:
        _paint_mark(self, round_mark=True)
