"""The frame around a survey page: where you are, the way on, the way back, and the way out.

Keyboard: Enter goes to the next page (from a focused button it presses the
button instead), Shift+Enter or Alt+Left goes back, and in a multi-line
answer Ctrl+Enter goes on (Enter is a new line there). Keys reach this
widget only when the focused field did not use them, so typing is never
taken over.
"""

from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.style import set_role
from desktop_app.ui.survey.column import centred
from desktop_app.ui.survey.page_view import PageView
from desktop_app.ui.survey.progress_line import ProgressLine

CONTENT_WIDTH = 820
KEYS_HINT = "Enter: next   ·   Shift+Enter: back   ·   1–9: pick an option"
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class QuestionScreen(QWidget):
    next_requested = Signal()
    back_requested = Signal()
    stop_requested = Signal()
    section_chosen = Signal(int)  # index of the section's first page
    language_chosen = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        set_role(self, "survey-page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.page: PageView | None = None

        self.title = QLabel(title)
        set_role(self.title, "subheading")
        self.section = QLabel()
        set_role(self.section, "section")
        self.progress_text = QLabel()
        set_role(self.progress_text, "progress")
        self.progress = ProgressLine()
        self.progress.setAccessibleName("Progress through the survey")
        self.sections_menu = QMenu(self)
        self.sections_button = QPushButton("Sections")
        self.sections_button.setAccessibleName("Jump to a section")
        self.sections_button.setMenu(self.sections_menu)
        self.language = QComboBox()
        self.language.setAccessibleName("Language of the questions")
        self.language.activated.connect(lambda index: self.language_chosen.emit(self.language.itemData(index)))
        self.language.hide()
        self.stop_button = QPushButton("Stop this survey")
        self.stop_button.setAutoDefault(True)
        self.stop_button.setAccessibleName("Stop this survey")
        self.stop_button.clicked.connect(self.stop_requested)

        self.back_button = QPushButton("Back")
        self.back_button.setAutoDefault(True)
        self.back_button.setAccessibleName("Previous page")
        self.back_button.setToolTip("Previous page (Shift+Enter)")
        self.back_button.clicked.connect(self.back_requested)
        self.next_button = QPushButton("Next")
        set_role(self.next_button, "primary")
        self.next_button.setAutoDefault(True)
        self.next_button.setToolTip("Next page (Enter)")
        self.next_button.clicked.connect(self.next_requested)
        self.save_status = QLabel()
        set_role(self.save_status, "muted")
        self.save_status.setAccessibleName("Save status")
        keys = QLabel(KEYS_HINT)
        set_role(keys, "keys-hint")

        # Going back is a shortcut rather than a key press: buttons use arrows for themselves, and a
        # focused button would take Shift+Enter as a plain Enter and press itself.
        for sequence in (Qt.Modifier.ALT | Qt.Key.Key_Left, Qt.Modifier.SHIFT | Qt.Key.Key_Return, Qt.Modifier.SHIFT | Qt.Key.Key_Enter):
            back = QShortcut(QKeySequence(sequence), self)
            back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            back.activated.connect(self.back_requested)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.column = QWidget()
        self.column_layout = QVBoxLayout(self.column)
        self.column_layout.setContentsMargins(0, 0, 0, 0)
        self.holder = centred(self.column, CONTENT_WIDTH)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._top_bar())
        layout.addWidget(self.progress)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self._footer(keys))
        self.scroll.setWidget(self.holder)

    # -- what the survey view sets ----------------------------------------------

    def show_page(self, page: PageView) -> None:
        """Replace the page on screen (the old one is deleted with its typed text)."""
        self.clear_page()
        self.page = page
        self.column_layout.addWidget(page)
        page.show()  # now: a layout would only show it from the event loop, after keys already typed
        self.scroll.verticalScrollBar().setValue(0)
        self._order_tabs(page)

    def reveal(self, widget: QWidget) -> None:
        """Scroll so that `widget` (a question with a message, say) is on screen."""
        self.scroll.ensureWidgetVisible(widget, 0, 24)

    def clear_page(self) -> None:
        if self.page is not None:
            self.page.wipe()
            self.page.hide()  # now, not at the deferred delete: it would be painted until then
            self.column_layout.removeWidget(self.page)
            self.page.deleteLater()
            self.page = None

    def _order_tabs(self, page: PageView) -> None:
        """Top bar, then the page top to bottom, then Back and Next (pages are built after the frame)."""
        inside = [w for w in page.findChildren(QWidget)
                  if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.focusProxy() is None]
        chain = [self.language, self.sections_button, self.stop_button, *inside, self.back_button, self.next_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def set_position(self, index: int, count: int, section: str, last: bool) -> None:
        self.progress_text.setText(f"Page {index + 1} of {count}")
        self.progress.set_progress(index + 1, count)
        self.section.setText(section)
        self.section.setVisible(bool(section))
        self.back_button.setEnabled(index > 0)
        self.next_button.setText("Finish" if last else "Next")
        self.next_button.setAccessibleName("Finish the survey" if last else "Next page")

    def set_sections(self, sections: list[tuple[str, int]], current: str) -> None:
        self.sections_menu.clear()
        for label, index in sections:
            action = QAction(label, self.sections_menu)
            action.setCheckable(True)
            action.setChecked(label == current)
            action.triggered.connect(lambda _checked=False, i=index: self.section_chosen.emit(i))
            self.sections_menu.addAction(action)
        self.sections_button.setEnabled(bool(sections))

    def set_languages(self, languages: tuple[str, ...], current: str) -> None:
        """Offer the form's languages (only when it has more than one)."""
        self.language.clear()
        for language in languages:
            self.language.addItem(language, language)
        self.language.setCurrentIndex(max(self.language.findData(current), 0))
        self.language.setVisible(len(languages) > 1)

    def set_save_status(self, text: str, failed: bool = False) -> None:
        set_role(self.save_status, "error" if failed else "muted")
        self.save_status.setText(text)
        self.save_status.setAccessibleDescription(text)

    # -- keyboard --------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in _ENTER and modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier):
            self.next_requested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # -- layout --------------------------------------------------------------

    def _top_bar(self) -> QFrame:
        bar = QFrame()
        set_role(bar, "survey-bar")
        where = QVBoxLayout()
        where.setSpacing(2)
        where.addWidget(self.title)
        line = QHBoxLayout()
        line.setSpacing(12)
        line.addWidget(self.section)
        line.addWidget(self.progress_text)
        line.addStretch(1)
        where.addLayout(line)
        row = QHBoxLayout(bar)
        row.setContentsMargins(28, 12, 28, 12)
        row.setSpacing(10)
        row.addLayout(where, 1)
        row.addWidget(self.language)
        row.addWidget(self.sections_button)
        row.addWidget(self.stop_button)
        return bar

    def _footer(self, keys: QLabel) -> QFrame:
        footer = QFrame()
        set_role(footer, "survey-footer")
        row = QHBoxLayout(footer)
        row.setContentsMargins(28, 12, 28, 12)
        row.setSpacing(14)
        row.addWidget(self.back_button)
        middle = QVBoxLayout()
        middle.setSpacing(2)
        middle.addWidget(keys, 0, Qt.AlignmentFlag.AlignHCenter)
        middle.addWidget(self.save_status, 0, Qt.AlignmentFlag.AlignHCenter)
        row.addLayout(middle, 1)
        row.addWidget(self.next_button)
        return footer
