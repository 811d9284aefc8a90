"""The first sight of a laptop: its fingerprint, to compare with that laptop's Device page before its bundles are merged.

Whoever holds a device key can sign bundles, so a new device is trusted only
on the analyst's word. "Don't trust" has the focus: a hurried Enter keeps
the store as it was.
"""

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.exchange.importer import NewDevice
from desktop_app.ui.identity import set_neutral_title
from desktop_app.ui.project_importer import fingerprint_label
from desktop_app.ui.style import set_role

ADVICE = ("Compare with the Device page on that laptop, or ask its admin to read the fingerprint out. Trust it only if "
          "every character matches: otherwise someone else may have made these bundles.")


class TrustDialog(QDialog):
    """Accepted means trusted."""

    def __init__(self, device: NewDevice, bundles: int, parent: QWidget | None = None):
        super().__init__(parent)
        set_neutral_title(self)
        self.setModal(True)
        self.device = device
        heading = QLabel("A laptop seen for the first time")
        set_role(heading, "subheading")
        noun = "bundle" if bundles == 1 else "bundles"
        project = f" for project <b>{html.escape(device.project_name, False)}</b>" if device.project_name else ""
        summary = QLabel(f"{bundles} {noun}{project} came from device "
                         f"<b>{html.escape(device.device_id, False)}</b>, which this workspace has not seen before. "
                         "Its key's fingerprint:")
        summary.setTextFormat(Qt.TextFormat.RichText)
        summary.setWordWrap(True)
        summary.setMinimumWidth(520)
        self.fingerprint = fingerprint_label(f"Fingerprint of device {device.device_id}")
        self.fingerprint.setText(device.fingerprint)
        advice = QLabel(ADVICE)
        advice.setWordWrap(True)
        set_role(advice, "muted")
        self.refuse_button = QPushButton("Don't trust")
        self.refuse_button.setAccessibleName(f"Don't trust device {device.device_id}: import nothing from it")
        self.trust_button = QPushButton("Trust")
        set_role(self.trust_button, "primary")
        self.trust_button.setAccessibleName(f"Trust device {device.device_id} and import its bundles")
        self.trust_button.setAutoDefault(False)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.refuse_button)
        buttons.addWidget(self.trust_button)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(summary)
        layout.addWidget(self.fingerprint, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(advice)
        layout.addSpacing(6)
        layout.addLayout(buttons)

        self.refuse_button.clicked.connect(self.reject)
        self.trust_button.clicked.connect(self.accept)
        self.refuse_button.setDefault(True)
        self.refuse_button.setFocus()
