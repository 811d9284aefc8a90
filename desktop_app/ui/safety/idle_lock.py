"""Lock the vault when nobody has touched the laptop for a while.

A single-shot timer restarted by any input; the interval is set in minutes
from the settings, or in milliseconds by tests, so they never sleep.
"""

from PySide6.QtCore import QObject, QTimer, Signal

MS_PER_MINUTE = 60_000


class IdleLock(QObject):
    timed_out = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.timed_out)
        self._armed = False
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        """0 means never."""
        self.set_interval_ms(max(0, minutes) * MS_PER_MINUTE)

    def set_interval_ms(self, interval_ms: int) -> None:
        self._timer.setInterval(interval_ms)
        if self._armed:
            self.arm()

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def arm(self) -> None:
        """Start counting (while a vault is open)."""
        self._armed = True
        if self._timer.interval() > 0:
            self._timer.start()
        else:
            self._timer.stop()

    def disarm(self) -> None:
        self._armed = False
        self._timer.stop()

    def restart(self) -> None:
        """Input seen: the idle time starts again."""
        if self._armed and self._timer.interval() > 0:
            self._timer.start()

    def is_counting(self) -> bool:
        return self._timer.isActive()

    def remaining_ms(self) -> int:
        """Time left before the lock (-1 when not counting)."""
        return self._timer.remainingTime()
