"""A readable column: as wide as the window up to a limit, then centred.

Centring with an alignment flag would pin the content to its size hint and
break word-wrapped labels' height-for-width (text clipped at the wrong
width), so the spare width goes to two stretches instead.
"""

from PySide6.QtWidgets import QHBoxLayout, QWidget


def centred(content: QWidget, max_width: int, margins: tuple[int, int, int, int] = (28, 24, 28, 28)) -> QWidget:
    """A widget holding `content` in a centred column at most `max_width` pixels wide."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(*margins)
    row.setSpacing(0)
    content.setMaximumWidth(max_width)
    row.addStretch(1)
    row.addWidget(content, 100)
    row.addStretch(1)
    return holder
