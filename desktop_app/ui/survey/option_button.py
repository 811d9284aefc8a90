"""One option of a select, drawn as a single widget: mark, wrapped label and digit key in a card.

Qt's own radio buttons and check boxes never wrap their text, and survey
options are often a sentence ("Coercive control, for example being cut off
from friends ..."). A row of four widgets per option made a page of seven
selects take 300 ms to build under the style sheet, so each option is one
QRadioButton or QCheckBox (keeping its role and name for screen readers)
that paints itself. Its colours come from the style sheet through the
palette: text `color`, `background-color` (not chosen),
`alternate-background-color` (chosen), `selection-background-color` (mark
and chosen border), `selection-color` (the tick), `placeholder-text-color`
(outline and digit) and `accent-color` (focus ring).
"""

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QRadioButton,
    QSizePolicy,
    QWidget,
)

PAD_X, PAD_Y, MARK, GAP, KEY_WIDTH, RING = 14, 11, 22, 12, 18, 3
_WRAP = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignVCenter)
_CENTRED = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignHCenter) | int(Qt.AlignmentFlag.AlignTop)


class _OptionPainting:
    """Size and paint shared by the radio and check box versions."""

    name: str
    number: int
    stacked = False  # mark above a centred label: one column of a Likert row

    def _setup(self: QAbstractButton, name: str, label: str, number: int) -> None:
        self.name = name
        self.number = number
        self._heights: dict[int, int] = {}
        self.setText(label)
        self.setAccessibleName(label)
        self.setProperty("role", "option")
        self.setAutoExclusive(False)  # the options widget decides what else to clear
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_stacked(self: QAbstractButton, stacked: bool) -> None:
        if stacked != self.stacked:
            self.stacked = stacked
            self._heights.clear()
            self.updateGeometry()
            self.update()

    def widest_word(self: QAbstractButton) -> int:
        metrics = QFontMetrics(self.font())
        return max((metrics.horizontalAdvance(word) for word in self.text().split()), default=0)

    def _text_rect(self: QAbstractButton, width: int) -> QRect:
        if self.stacked:
            return QRect(PAD_X, PAD_Y + MARK + GAP // 2, max(width - 2 * PAD_X, 20), 10_000)
        left = PAD_X + MARK + GAP
        right = width - PAD_X - (KEY_WIDTH + GAP if self.number <= 9 else 0)
        return QRect(left, PAD_Y, max(right - left, 40), 10_000)

    def _flags(self) -> int:
        return _CENTRED if self.stacked else _WRAP

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self: QAbstractButton, width: int) -> int:
        # Layouts ask many times per pass: wrapped text is measured once per width (until the font changes).
        height = self._heights.get(width)
        if height is None:
            text = QFontMetrics(self.font()).boundingRect(self._text_rect(width), self._flags(), self.text())
            if self.stacked:
                height = self._heights[width] = MARK + GAP // 2 + text.height() + 2 * PAD_Y
            else:
                height = self._heights[width] = max(text.height(), MARK) + 2 * PAD_Y
        return height

    def changeEvent(self: QAbstractButton, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._heights.clear()
        super().changeEvent(event)

    def sizeHint(self: QAbstractButton) -> QSize:
        width = min(QFontMetrics(self.font()).horizontalAdvance(self.text()), 560) + PAD_X * 2 + MARK + GAP * 2 + KEY_WIDTH
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self: QAbstractButton) -> QSize:
        return QSize(PAD_X * 2 + MARK + GAP + 60, MARK + 2 * PAD_Y)

    def hitButton(self: QAbstractButton, pos: QPoint) -> bool:
        return self.rect().contains(pos)

    def paintEvent(self: QAbstractButton, event: QPaintEvent) -> None:
        palette, checked, focused = self.palette(), self.isChecked(), self.hasFocus()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(self.rect()).adjusted(RING / 2, RING / 2, -RING / 2, -RING / 2)
        if focused:
            border, width = palette.color(QPalette.ColorRole.Accent), RING
        elif checked:
            border, width = palette.color(QPalette.ColorRole.Highlight), 2
        else:
            border, width = palette.color(QPalette.ColorRole.PlaceholderText), 1
        painter.setPen(QPen(border, width))
        painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase if checked else QPalette.ColorRole.Base))
        painter.drawRoundedRect(card, 8, 8)
        text = self._text_rect(self.width())
        if self.stacked:
            text.setBottom(self.height() - PAD_Y)
            mark = QRectF((self.width() - MARK) / 2, PAD_Y, MARK, MARK)
        else:
            text.setHeight(self.height() - 2 * PAD_Y)
            mark = QRectF(PAD_X, (self.height() - MARK) / 2, MARK, MARK)
        self._paint_mark(painter, mark, palette, checked)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.drawText(text, self._flags(), self.text())
        if self.number <= 9:
            small = QFont(self.font())
            small.setPointSizeF(max(self.font().pointSizeF() - 2, 7))
            painter.setFont(small)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            key = QRect(self.width() - (PAD_X if not self.stacked else 10) - KEY_WIDTH, PAD_Y if not self.stacked else 6,
                        KEY_WIDTH, MARK)
            painter.drawText(key, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(self.number))
        painter.end()

    def _paint_mark(self, painter: QPainter, box: QRectF, palette: QPalette, checked: bool) -> None:
        raise NotImplementedError


class CheckOption(_OptionPainting, QCheckBox):
    def __init__(self, name: str, label: str, number: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._setup(name, label, number)

    def _paint_mark(self, painter: QPainter, box: QRectF, palette: QPalette, checked: bool) -> None:
        fill = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(fill if checked else palette.color(QPalette.ColorRole.PlaceholderText), 2))
        painter.setBrush(fill if checked else palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), 4, 4)
        if checked:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.HighlightedText), 2.6, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
            tick = QPainterPath(box.topLeft() + QPointF(5.5, 11.5))
            tick.lineTo(box.topLeft() + QPointF(9.5, 15.5))
            tick.lineTo(box.topLeft() + QPointF(16.5, 7))
            painter.drawPath(tick)


class RadioOption(_OptionPainting, QRadioButton):
    def __init__(self, name: str, label: str, number: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._setup(name, label, number)

    def _paint_mark(self, painter: QPainter, box: QRectF, palette: QPalette, checked: bool) -> None:
        fill = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(fill if checked else palette.color(QPalette.ColorRole.PlaceholderText), 2))
        painter.setBrush(fill if checked else palette.color(QPalette.ColorRole.Base))
        painter.drawEllipse(box.adjusted(1, 1, -1, -1))
        if checked:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.HighlightedText))
            painter.drawEllipse(box.center(), 4.5, 4.5)
