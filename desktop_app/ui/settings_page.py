"""Preferences anyone signed in can change: when to lock, text size, contrast, what quick exit shows.

Each change is saved at once to the settings file (preferences only, never
anything a respondent said) and applied live by whoever listens to `changed`.
"""

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QVBoxLayout, QWidget

from desktop_app.settings import Settings
from desktop_app.ui.fields import FieldStack, InlineMessage
from desktop_app.ui.style import set_role

IDLE_CHOICES = (1, 2, 5, 10, 15, 30, 60)
FONT_CHOICES = (10, 11, 12, 14, 16, 18, 20, 24)


class SettingsPage(QWidget):
    changed = Signal(object)  # the Settings, changed in place

    def __init__(self, settings: Settings, settings_file: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings  # shared with the controller: one object, one file
        self._file = settings_file
        heading = QLabel("Settings")
        set_role(heading, "heading")
        intro = QLabel("These apply to everyone who uses this laptop. Changes are saved straight away.")
        intro.setWordWrap(True)
        set_role(intro, "muted")

        self.idle = QComboBox()
        self.idle.setAccessibleName("Lock after this long without use")
        for minutes in IDLE_CHOICES:
            self.idle.addItem(f"{minutes} minute{'s' if minutes != 1 else ''}", minutes)
        self.idle.addItem("Never (not recommended)", 0)
        if self.idle.findData(settings.idle_lock_minutes) < 0:
            self.idle.addItem(f"{settings.idle_lock_minutes} minutes", settings.idle_lock_minutes)
        self.font_size = QComboBox()
        self.font_size.setAccessibleName("Text size")
        self.font_size.addItem("Follow the system", 0)
        for points in FONT_CHOICES:
            self.font_size.addItem(f"{points} point", points)
        if self.font_size.findData(settings.font_point_size) < 0:
            self.font_size.addItem(f"{settings.font_point_size} point", settings.font_point_size)
        self.high_contrast = QCheckBox("High contrast: black text on white, stronger outlines")
        self.decoy = QCheckBox("After a quick exit, show a plain notes page before the lock screen")
        self.saved = InlineMessage("Settings saved", role="muted")
        self.error = InlineMessage("Settings problem")

        fields = FieldStack()
        fields.add("&Lock automatically after", self.idle)
        fields.add("&Text size", self.font_size)
        box = QWidget()
        box.setMaximumWidth(560)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addLayout(fields)
        column.addWidget(self.high_contrast)
        column.addWidget(self.decoy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(16)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(box)
        layout.addWidget(self.error)
        layout.addWidget(self.saved)
        layout.addStretch(1)

        self._show(self.settings)
        self.idle.currentIndexChanged.connect(self._edited)
        self.font_size.currentIndexChanged.connect(self._edited)
        self.high_contrast.toggled.connect(self._edited)
        self.decoy.toggled.connect(self._edited)

    def _show(self, settings: Settings) -> None:
        self.idle.setCurrentIndex(self.idle.findData(settings.idle_lock_minutes))
        self.font_size.setCurrentIndex(self.font_size.findData(settings.font_point_size))
        self.high_contrast.setChecked(settings.high_contrast)
        self.decoy.setChecked(settings.decoy_on_exit)

    def _edited(self) -> None:
        self.settings.idle_lock_minutes = self.idle.currentData()
        self.settings.font_point_size = self.font_size.currentData()
        self.settings.high_contrast = self.high_contrast.isChecked()
        self.settings.decoy_on_exit = self.decoy.isChecked()
        if self._file is not None:
            try:
                self.settings.save(self._file)
            except OSError as exc:
                self.saved.clear_message()
                self.error.show_message(f"The change applies now but could not be saved for next time ({exc.strerror or exc}).")
                self.changed.emit(self.settings)
                return
        self.error.clear_message()
        self.saved.show_message("Saved.")
        self.changed.emit(self.settings)
