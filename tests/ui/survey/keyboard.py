"""Keys pressed where the keyboard focus is, as a person would press them."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    for _ in range(times):
        QTest.keyClick(focused(), key, modifier)


def type_text(text: str) -> None:
    QTest.keyClicks(focused(), text)


def enter() -> None:
    press(Qt.Key.Key_Return)


def digit(number: int) -> None:
    press(Qt.Key(Qt.Key.Key_0 + number))


def tab(times: int = 1) -> None:
    press(Qt.Key.Key_Tab, times=times)
