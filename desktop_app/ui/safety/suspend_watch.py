"""Say when the computer went to sleep, by whatever means this platform allows (see resume_detector.py).

`Qt` is imported where a state arrives, not at the top: its enums cost tens
of milliseconds to build, and this module is loaded before the first window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from desktop_app.ui.safety.resume_detector import ResumeDetector

if TYPE_CHECKING:
    from PySide6.QtCore import Qt


class SuspendWatch(QObject):
    slept = Signal()  # the app was suspended, or the machine has just woken up

    def __init__(self, detector: ResumeDetector | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.detector = detector or ResumeDetector()
        self._ticker = QTimer(self)
        self._ticker.setInterval(int(self.detector.tick_seconds * 1000))
        self._ticker.timeout.connect(self.tick)
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._state_changed)

    def start(self) -> None:
        self.detector.reset()
        self._ticker.start()

    def stop(self) -> None:
        self._ticker.stop()

    def tick(self) -> None:
        if self._ticker.isActive() and self.detector.tick():
            self.slept.emit()

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        from PySide6.QtCore import Qt

        if state == Qt.ApplicationState.ApplicationSuspended and self._ticker.isActive():
            self.slept.emit()
