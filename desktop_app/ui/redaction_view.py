"""A free-text answer as it will be exported, with what was hidden highlighted, and the reviewer's selection as a span.

The core's redaction spans are Python string indices; QTextDocument counts
UTF-16 units and folds "\r\n" into one position. QtPositions translates
between them, so an emoji earlier in an answer cannot move a highlight, or
a redaction, onto the wrong words.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextEdit, QWidget

from desktop_app.core.privacy.scrub import Redaction
from desktop_app.ui.style import BORDER, FOCUS, SURFACE, set_role

AUTOMATIC_COLOUR = "#FBE3A1"  # amber: found by the scrub
MANUAL_COLOUR = "#D9CCF0"  # lavender: hidden by a person; told apart from amber by lightness as well as hue
LEGEND = ((AUTOMATIC_COLOUR, "Hidden automatically"), (MANUAL_COLOUR, "Hidden by you ([redacted])"))
VIEW_STYLE = (
    f"QTextEdit {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px; padding: 10px 12px; }}"
    f"QTextEdit:focus {{ border: 2px solid {FOCUS}; padding: 9px 11px; }}"
)


class QtPositions:
    """Python string indices <-> QTextDocument positions."""

    def __init__(self, text: str):
        self._starts = [0]
        for i, ch in enumerate(text):
            width = 0 if ch == "\r" and text[i + 1 : i + 2] == "\n" else (2 if ord(ch) > 0xFFFF else 1)
            self._starts.append(self._starts[-1] + width)

    def to_qt(self, index: int) -> int:
        return self._starts[max(0, min(index, len(self._starts) - 1))]

    def from_qt(self, position: int) -> int:
        for index, start in enumerate(self._starts):
            if start >= position:
                return index
        return len(self._starts) - 1


def highlight_format(kind: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(MANUAL_COLOUR if kind == "manual" else AUTOMATIC_COLOUR))
    fmt.setFontWeight(600)
    return fmt


class RedactionView(QTextEdit):
    """Read-only, selectable by mouse and keyboard; never holds anything but the text it is given."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setAccessibleName("Answer as it will be exported")
        self.setStyleSheet(VIEW_STYLE)
        self.setMinimumHeight(150)
        self._positions = QtPositions("")

    def show_text(self, text: str, redactions: tuple[Redaction, ...]) -> None:
        self.setPlainText(text)
        self._positions = QtPositions(text)
        cursor = QTextCursor(self.document())
        for redaction in redactions:
            cursor.setPosition(self._positions.to_qt(redaction.start))
            cursor.setPosition(self._positions.to_qt(redaction.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(highlight_format(redaction.kind))
        manual = sum(r.kind == "manual" for r in redactions)
        automatic = len(redactions) - manual
        self.setAccessibleDescription(f"{automatic} part{'s' if automatic != 1 else ''} hidden automatically, {manual} hidden by hand.")

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as (start, end) indices into the text shown, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self._positions.from_qt(cursor.selectionStart()), self._positions.from_qt(cursor.selectionEnd())

    def forget(self) -> None:
        self.clear()
        self._positions = QtPositions("")


def legend() -> QHBoxLayout:
    """What the two highlight colours mean (the placeholders' words say it too, for anyone who cannot tell them apart)."""
    row = QHBoxLayout()
    row.setSpacing(8)
    for colour, words in LEGEND:
        swatch = QLabel()
        swatch.setFixedSize(16, 16)
        swatch.setStyleSheet(f"background: {colour}; border: 1px solid {BORDER}; border-radius: 3px;")
        text = QLabel(words)
        set_role(text, "muted")
        row.addWidget(swatch)
        row.addWidget(text)
        row.addSpacing(14)
    return row
