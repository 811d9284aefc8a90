"""Selects: a list of radio buttons (select_one), a Likert row, or check boxes (select_multiple).

Keyboard: the options are one Tab stop (the chosen option, else the first),
the arrow keys move between them (and, for radio buttons, choose, as native
radio groups do), Space chooses or ticks, and the digit keys 1-9 pick the
nth option from anywhere in the list.
"""

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QVBoxLayout, QWidget

from desktop_app.ui.survey.answer_input import AnswerInput, blank_if_declined
from desktop_app.ui.survey.option_button import CheckOption, RadioOption

_NEXT = {Qt.Key.Key_Down, Qt.Key.Key_Right}
_PREVIOUS = {Qt.Key.Key_Up, Qt.Key.Key_Left}


class ChoiceInput(AnswerInput):
    def __init__(self, choices: list[tuple[str, str]], multiple: bool, horizontal: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.multiple = multiple
        self.horizontal = horizontal
        self.rows: list[CheckOption | RadioOption] = []
        self._current = 0  # the option that is the Tab stop
        self._names: tuple[str, ...] = ()
        self._layout: QBoxLayout = QHBoxLayout(self) if horizontal else QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self.set_choices(choices)

    # -- AnswerInput ---------------------------------------------------------

    def show_value(self, value: Any) -> None:
        value = blank_if_declined(value)
        chosen = set(value) if isinstance(value, list) else {value}
        for row in self.rows:
            row.blockSignals(True)
            row.setChecked(row.name in chosen)
            row.blockSignals(False)
        checked = [i for i, row in enumerate(self.rows) if row.isChecked()]
        self._make_tab_stop(checked[0] if checked else 0)

    def value(self) -> Any:
        names = [row.name for row in self.rows if row.isChecked()]
        if self.multiple:
            return names
        return names[0] if names else ""

    def focus_target(self) -> QWidget:
        return self.rows[self._current] if self.rows else self

    def focus_widgets(self) -> list[QWidget]:
        return list(self.rows)

    def describe(self, name: str, description: str) -> None:
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)
        for row in self.rows:  # each option is named by its own label; the question goes in the description
            row.setAccessibleDescription(f"{name}. {description}" if description else name)

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        names = tuple(name for name, _ in choices)
        if names == self._names:
            return
        kept = self.value() if self.rows else ""
        for row in self.rows:
            self._layout.removeWidget(row)
            row.deleteLater()
        self._names = names
        self.rows = []
        option = CheckOption if self.multiple else RadioOption
        for number, (name, label) in enumerate(choices, start=1):
            row = option(name, label, number, self)
            row.clicked.connect(lambda _checked=False, r=row: self._clicked(r))
            row.installEventFilter(self)
            self._layout.addWidget(row, 1 if isinstance(self._layout, QHBoxLayout) else 0)
            self.rows.append(row)
        self.show_value(kept)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A Likert row while every option's longest word fits its column; a list when it would not."""
        super().resizeEvent(event)
        if not self.horizontal or not self.rows:
            return
        column = (event.size().width() - self._layout.spacing() * (len(self.rows) - 1)) / len(self.rows)
        fits = all(row.widest_word() + 2 * 12 <= column for row in self.rows)
        self._layout.setDirection(QBoxLayout.Direction.LeftToRight if fits else QBoxLayout.Direction.TopToBottom)
        for row in self.rows:
            row.set_stacked(fits)

    # -- keyboard and clicks ------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            index = next((i for i, row in enumerate(self.rows) if row is watched), None)
            if index is not None and self._key(index, event):
                return True
        if event.type() == QEvent.Type.FocusIn:
            index = next((i for i, row in enumerate(self.rows) if row is watched), None)
            if index is not None:
                self._make_tab_stop(index)
        return False

    def pick(self, number: int) -> bool:
        """Choose (or tick) the nth option, as the digit key does; False if there is none."""
        if not 1 <= number <= len(self.rows):
            return False
        row = self.rows[number - 1]
        row.setFocus(Qt.FocusReason.ShortcutFocusReason)
        row.click()
        return True

    def _key(self, index: int, event: QKeyEvent) -> bool:
        key = event.key()
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if plain and Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            return self.pick(key - Qt.Key.Key_0)
        if plain and (key in _NEXT or key in _PREVIOUS):
            step = 1 if key in _NEXT else -1
            target = index + step
            if 0 <= target < len(self.rows):
                button = self.rows[target]
                button.setFocus(Qt.FocusReason.TabFocusReason)
                if not self.multiple:
                    button.click()
            return True  # at either end the focus stays put rather than leaving the list
        return False

    def _clicked(self, row: CheckOption | RadioOption) -> None:
        if not self.multiple:
            if not row.isChecked():  # a radio cannot be unticked by clicking it again
                row.setChecked(True)
            for other in self.rows:
                if other is not row and other.isChecked():
                    other.setChecked(False)
        self._make_tab_stop(self.rows.index(row))
        self.edited.emit(self.value())
        self.committed.emit()

    def _make_tab_stop(self, index: int) -> None:
        self._current = index
        for i, row in enumerate(self.rows):
            row.setFocusPolicy(Qt.FocusPolicy.StrongFocus if i == index else Qt.FocusPolicy.ClickFocus)
