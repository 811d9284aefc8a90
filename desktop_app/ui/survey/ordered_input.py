"""Answers on a scale or in an order: range (a slider), rank (a list to reorder), acknowledge ("OK").

A slider always points somewhere, so it says "Not answered" until the person
moves it (a keypress at either end counts too). A ranking is not an answer
until the person has moved something or said the shown order is theirs.
"""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.style import set_role
from desktop_app.ui.survey.answer_input import AnswerInput, blank_if_declined
from desktop_app.ui.survey.choice_input import ChoiceInput

ACKNOWLEDGED = "OK"


class RangeInput(AnswerInput):
    def __init__(self, parameters, parent: QWidget | None = None):
        super().__init__(parent)
        self.start = float(parameters.get("start", 1))
        self.end = float(parameters.get("end", 10))
        self.step = abs(float(parameters.get("step", 1))) or 1.0
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, max(1, round(abs(self.end - self.start) / self.step)))
        self.slider.setPageStep(max(1, self.slider.maximum() // 10))
        self.slider.setMinimumHeight(36)
        self.slider.actionTriggered.connect(self._moved)
        self.slider.sliderReleased.connect(self.committed)
        self.reading = QLabel()
        set_role(self.reading, "subheading")
        self.reading.setMinimumWidth(120)
        ends = QHBoxLayout()
        for text, align in ((self._format(self.start), Qt.AlignmentFlag.AlignLeft), (self._format(self.end), Qt.AlignmentFlag.AlignRight)):
            label = QLabel(text)
            set_role(label, "muted")
            ends.addWidget(label, 1, align)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.reading)
        layout.addWidget(self.slider)
        layout.addLayout(ends)
        self.show_value("")

    def number_at(self, position: int) -> int | float:
        sign = 1 if self.end >= self.start else -1
        number = round(self.start + sign * position * self.step, 10)
        return int(number) if float(number).is_integer() else number

    def _moved(self, _action: int) -> None:
        # sliderPosition is already updated when actionTriggered fires; value() is not yet
        number = self.number_at(self.slider.sliderPosition())
        self.reading.setText(self._format(number))
        self.edited.emit(number)

    def show_value(self, value: Any) -> None:
        value = blank_if_declined(value)
        self.slider.blockSignals(True)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.slider.setValue(round(abs(value - self.start) / self.step))
            self.reading.setText(self._format(value))
        else:
            self.slider.setValue(0)
            self.reading.setText("Not answered")
        self.slider.blockSignals(False)

    def focus_target(self) -> QWidget:
        return self.slider

    @staticmethod
    def _format(number: float) -> str:
        return f"{number:g}"


class _RankList(QListWidget):
    """Ctrl+Up and Ctrl+Down move the current item, like the buttons beside the list."""

    def __init__(self, owner: "RankInput"):
        super().__init__()
        self._owner = owner

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._owner.move(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)


class RankInput(AnswerInput):
    def __init__(self, choices: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.choices = choices
        self.list = _RankList(self)
        self.list.setMinimumHeight(min(44 * len(choices) + 12, 360))
        self.up = QPushButton("Move up")
        self.down = QPushButton("Move down")
        self.keep = QPushButton("Use this order")
        for button, handler in ((self.up, lambda: self.move(-1)), (self.down, lambda: self.move(1)), (self.keep, self._accept)):
            button.setAutoDefault(True)
            button.clicked.connect(handler)
        self.status = QLabel()
        set_role(self.status, "muted")
        buttons = QVBoxLayout()
        buttons.setSpacing(8)
        for button in (self.up, self.down, self.keep):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.show_value("")

    def order(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._accept()

    def _accept(self) -> None:
        self._relabel(ranked=True)
        self.edited.emit(self.order())
        self.committed.emit()

    def _relabel(self, ranked: bool) -> None:
        labels = dict(self.choices)
        for position in range(self.list.count()):
            item = self.list.item(position)
            label = labels[item.data(Qt.ItemDataRole.UserRole)]
            item.setText(f"{position + 1}.  {label}" if ranked else label)
        self.status.setText("Ranked in this order." if ranked else
                            "Not ranked yet: move the options into order, or choose “Use this order”.")

    def show_value(self, value: Any) -> None:
        value = blank_if_declined(value)
        labels = dict(self.choices)
        ranked = [name for name in value if name in labels] if isinstance(value, list) else []
        names = ranked + [name for name, _ in self.choices if name not in ranked]
        self.list.clear()
        for name in names:
            item = QListWidgetItem(labels[name])
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self._relabel(ranked=bool(ranked))

    def focus_target(self) -> QWidget:
        return self.list

    def focus_widgets(self) -> list[QWidget]:
        return [self.list]


class AcknowledgeInput(ChoiceInput):
    """One box to tick: stored as "OK", as ODK does."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__([(ACKNOWLEDGED, "OK")], multiple=True, parent=parent)

    def value(self) -> Any:
        return ACKNOWLEDGED if self.rows and self.rows[0].isChecked() else ""

    def show_value(self, value: Any) -> None:
        super().show_value([ACKNOWLEDGED] if blank_if_declined(value) == ACKNOWLEDGED else [])

