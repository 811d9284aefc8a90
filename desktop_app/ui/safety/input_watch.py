"""One application-wide event filter that sees every key, click and mouse move.

It feeds two safety features: the three-Shift quick exit (any window, any
dialog, even while a text field has the focus) and the idle lock (any input
counts as activity). A single filter keeps the cost per event to one Python call.

The event and key codes are looked up when the filter is installed, once the
window is on screen: PySide builds the Python enums of the whole `Qt`
namespace (about 90 of them, some 40 ms) the first time any is touched, and
`QEvent.Type` (about 170 members) likewise.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from desktop_app.ui.safety.triple_shift import TripleShift

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent


class WatchedEvents:
    """The codes the filter compares every event against."""

    def __init__(self):
        from PySide6.QtCore import QEvent, Qt

        self.key_press = QEvent.Type.KeyPress
        self.key_release = QEvent.Type.KeyRelease
        self.activity = frozenset({
            QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
            QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
        })
        self.shift = Qt.Key.Key_Shift


class InputWatch(QObject):
    activity = Signal()  # a key press, click, mouse move or scroll
    shift_progress = Signal(int)  # presses still needed after one counted
    shift_reset = Signal(bool)  # the sequence was dropped: True when it ran out of time, False for another key
    exit_requested = Signal()

    def __init__(self, clock: Callable[[], float] = time.monotonic, parent: QObject | None = None):
        super().__init__(parent)
        self.shifts = TripleShift(clock)
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self._check_expiry)
        self._installed_on: QCoreApplication | None = None
        self._events: WatchedEvents | None = None

    def install(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._installed_on is None:
            self._events = self._events or WatchedEvents()
            app.installEventFilter(self)
            self._installed_on = app

    @property
    def watching(self) -> bool:
        return self._installed_on is not None

    def remove(self) -> None:
        if self._installed_on is not None:
            self._installed_on.removeEventFilter(self)
            self._installed_on = None
        self._expiry.stop()

    def pause(self) -> bool:
        """Stop watching for a moment (the hundreds of hide events of a quick exit); True if it was watching."""
        app = self._installed_on
        if app is None:
            return False
        app.removeEventFilter(self)
        return True

    def resume(self) -> None:
        if self._installed_on is not None:
            self._installed_on.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind, events = event.type(), self._events
        if kind == events.key_press:
            self.activity.emit()
            self._key_down(event)
        elif kind == events.key_release:
            return self._key_up(event)
        elif kind in events.activity:
            self.activity.emit()
        return False

    def _key_down(self, event: QKeyEvent) -> None:
        if event.key() == self._events.shift:
            self.shifts.shift_down()
        elif self.shifts.other_key_down():
            self._expiry.stop()
            self.shift_reset.emit(False)

    def _key_up(self, event: QKeyEvent) -> bool:
        if event.key() != self._events.shift or event.isAutoRepeat():
            return False
        if self.shifts.shift_up():
            self._expiry.stop()
            self.exit_requested.emit()
            return True  # the windows are gone; nothing else should act on this key
        if self.shifts.count:
            self._expiry.start(max(1, int(self.shifts.seconds_left() * 1000)))
            self.shift_progress.emit(self.shifts.remaining)
        return False

    def _check_expiry(self) -> None:
        if self.shifts.expire():
            self.shift_reset.emit(True)
        elif self.shifts.count:  # the timer fired a hair early
            self._expiry.start(max(1, int(self.shifts.seconds_left() * 1000)))
